// ARNs and the function-name forms the Lambda API accepts (fidelity 5.1, 6).
import { ApiError, accessDenied, resourceNotFound } from './errors';

/** Where the local "account" lives; every ARN the engine prints uses it. */
export interface Partition {
  readonly region: string;
  readonly accountId: string;
}

export const defaultPartition: Partition = { region: 'us-east-1', accountId: '123456789012' };

export function functionArn(p: Partition, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${p.region}:${p.accountId}:function:${name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

const namePattern =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?(?<region>(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?((?<account>\d{12}):)?(function:)?(?<name>[a-zA-Z0-9-_.]+)(:(?<qualifier>\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;
const createNamePattern =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const qualifierPattern = /^(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)$/;
// The constraint texts AWS prints (recorded 2025-11), one for reads/deletes/invokes, one for CreateFunction.
const NAME_PATTERN_TEXT = '(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?';
const CREATE_NAME_PATTERN_TEXT = '(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const QUALIFIER_PATTERN_TEXT = '\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+';

const violation = (value: string, field: string, constraint: string): string => `Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`;

/** Lambda's ValidationException listing every violated constraint. */
function violations(found: readonly string[]): ApiError {
  return new ApiError('ValidationException', 400, `${found.length} validation error${found.length > 1 ? 's' : ''} detected: ${found.join('; ')}`);
}

/** CreateFunction's FunctionName checks (stricter than other operations': no dots, 140 characters). */
export function checkCreateFunctionName(raw: string): void {
  const found: string[] = [];
  if (raw.length > 140) found.push(violation(raw, 'functionName', 'Member must have length less than or equal to 140'));
  if (!createNamePattern.test(raw)) found.push(violation(raw, 'functionName', `Member must satisfy regular expression pattern: ${CREATE_NAME_PATTERN_TEXT}`));
  if (found.length) throw violations(found);
}

export interface FunctionRef {
  readonly name: string;
  readonly qualifier: string | undefined;
}

/**
 * Parses any accepted FunctionName form plus an optional `?Qualifier=`, checking region and account
 * the way Lambda does. Throws Lambda-shaped errors.
 */
export function parseFunctionRef(p: Partition, raw: string, queryQualifier?: string): FunctionRef {
  const found: string[] = [];
  if (queryQualifier !== undefined) {
    if (queryQualifier.length < 1 || queryQualifier.length > 128) found.push(violation(queryQualifier, 'qualifier', `Member must have length ${queryQualifier.length ? 'less than or equal to 128' : 'greater than or equal to 1'}`));
    else if (!qualifierPattern.test(queryQualifier)) found.push(violation(queryQualifier, 'qualifier', `Member must satisfy regular expression pattern: ${QUALIFIER_PATTERN_TEXT}`));
  }
  const m = namePattern.exec(raw);
  if (raw.length < 1) found.push(violation(raw, 'functionName', 'Member must have length greater than or equal to 1'));
  else if (!m) found.push(violation(raw, 'functionName', `Member must satisfy regular expression pattern: ${NAME_PATTERN_TEXT}`));
  else if (raw.length > 170) found.push(violation(raw, 'functionName', 'Member must have length less than or equal to 170'));
  if (found.length || !m?.groups) throw violations(found);
  const region = m.groups.region?.slice(0, -1);
  const account = m.groups.account;
  const name = m.groups.name as string;
  const nameQualifier = m.groups.qualifier;
  if (region !== undefined && region !== p.region) {
    throw resourceNotFound(`Functions from '${region}' are not reachable in this region ('${p.region}')`);
  }
  if (account !== undefined && account !== p.accountId) {
    throw accessDenied(
      `User: arn:aws:iam::${p.accountId}:root is not authorized to perform: lambda:InvokeFunction on resource: ${raw} because no resource-based policy allows the lambda:InvokeFunction action`,
    );
  }
  // A name over 64 characters cannot exist: AWS answers "Function not found" for it, not a validation error.
  if (queryQualifier !== undefined && nameQualifier !== undefined && nameQualifier !== queryQualifier) {
    throw new ApiError('InvalidParameterValueException', 400, 'The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { name, qualifier: queryQualifier ?? nameQualifier };
}
