// ARNs and the function-name forms the Lambda API accepts (fidelity 5.1, 6).
import { ApiError, accessDenied, resourceNotFound, validationError } from './errors';

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
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?(([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}):)?((\d{12}):)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;
const qualifierPattern = /^(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)$/;

export interface FunctionRef {
  readonly name: string;
  readonly qualifier: string | undefined;
}

/**
 * Parses any accepted FunctionName form plus an optional `?Qualifier=`, checking region and account
 * the way Lambda does. Throws Lambda-shaped errors.
 */
export function parseFunctionRef(p: Partition, raw: string, queryQualifier?: string): FunctionRef {
  if (raw.length < 1 || raw.length > 170) {
    throw validationError(raw, 'functionName', 'Member must have length less than or equal to 170');
  }
  const m = namePattern.exec(raw);
  if (!m) {
    throw validationError(
      raw,
      'functionName',
      'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
    );
  }
  const region = m[4];
  const account = m[10];
  const name = m[12] as string;
  const nameQualifier = m[14];
  if (region !== undefined && region !== p.region) {
    throw resourceNotFound(`Functions from '${region}' are not reachable in this region ('${p.region}')`);
  }
  if (account !== undefined && account !== p.accountId) {
    throw accessDenied(
      `User: arn:aws:iam::${p.accountId}:root is not authorized to perform: lambda:InvokeFunction on resource: ${raw} because no resource-based policy allows the lambda:InvokeFunction action`,
    );
  }
  if (name.length > 64) {
    throw validationError(name, 'functionName', 'Member must have length less than or equal to 64');
  }
  if (queryQualifier !== undefined) {
    if (queryQualifier.length < 1 || queryQualifier.length > 128 || !qualifierPattern.test(queryQualifier)) {
      throw validationError(
        queryQualifier,
        'qualifier',
        'Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)',
      );
    }
    if (nameQualifier !== undefined && nameQualifier !== queryQualifier) {
      throw new ApiError(
        'InvalidParameterValueException',
        400,
        'The derived qualifier from the function name does not match the specified qualifier.',
      );
    }
  }
  return { name, qualifier: queryQualifier ?? nameQualifier };
}
