// Resource-based policies (fidelity 11): statements built from AddPermission exactly as AWS writes them,
// and their evaluation for a caller. Modelled: Allow statements, principals (*, account, IAM/STS ARN,
// service), actions with wildcards, resources, and conditions on the keys a request carries.
import { ApiError, invalidParameter } from '../errors';
import type { PolicyStatement } from '../state/managedState';

/** AddPermission parameters that shape a statement. */
export interface PermissionInput {
  readonly StatementId: string;
  readonly Action: string;
  readonly Principal: string;
  readonly SourceArn?: string;
  readonly SourceAccount?: string;
  readonly PrincipalOrgID?: string;
  readonly EventSourceToken?: string;
  readonly FunctionUrlAuthType?: string;
  readonly InvokedViaFunctionUrl?: boolean;
}

/** Who asks and what for: the values condition keys are compared with. */
export interface AccessRequest {
  /** IAM/STS principal ARN of the caller, or undefined for a service. */
  readonly principalArn?: string;
  /** Service principal (`s3.amazonaws.com`) when a service invokes. */
  readonly service?: string;
  readonly action: string;
  readonly resource: string;
  /** Condition keys present on this request (case-insensitive names), e.g. `aws:SourceArn`. */
  readonly context?: Readonly<Record<string, string>>;
}

const STATEMENT_ID = /^[a-zA-Z0-9-_]{1,100}$/;
const ACTION = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazon\.com)(\.cn)?$/;
const IAM_ARN = /^arn:aws[a-zA-Z-]*:(iam|sts)::(\d{12}):.+$/;

export const POLICY_SIZE_LIMIT = 20480;

/** The statement AddPermission adds, as GetPolicy later shows it. */
export function buildStatement(resourceArn: string, p: PermissionInput): PolicyStatement {
  if (!STATEMENT_ID.test(p.StatementId)) {
    throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${p.StatementId}' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)`);
  }
  if (!ACTION.test(p.Action)) {
    throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${p.Action}' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])`);
  }
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string | undefined): void => {
    if (value !== undefined) (condition[op] ??= {})[key] = value;
  };
  add('StringEquals', 'AWS:SourceAccount', p.SourceAccount);
  add('StringEquals', 'aws:PrincipalOrgID', p.PrincipalOrgID);
  add('StringEquals', 'lambda:EventSourceToken', p.EventSourceToken);
  add('StringEquals', 'lambda:FunctionUrlAuthType', p.FunctionUrlAuthType);
  add('ArnLike', 'AWS:SourceArn', p.SourceArn);
  if (p.InvokedViaFunctionUrl) add('Bool', 'lambda:InvokedViaFunctionUrl', 'true');
  return {
    Sid: p.StatementId,
    Effect: 'Allow',
    Principal: principalOf(p.Principal),
    Action: p.Action,
    Resource: resourceArn,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

/** The Principal element for AddPermission's Principal parameter. */
export function principalOf(raw: string): PolicyStatement['Principal'] {
  if (raw === '*') return '*';
  if (/^\d{12}$/.test(raw)) return { AWS: `arn:aws:iam::${raw}:root` };
  if (IAM_ARN.test(raw)) return { AWS: raw };
  if (SERVICE.test(raw)) return { Service: raw };
  throw invalidParameter('The provided principal was invalid. Please check the principal and try again.');
}

/** The account of an IAM/STS principal ARN. */
export function accountOf(principalArn: string): string | undefined {
  return IAM_ARN.exec(principalArn)?.[2];
}

/** Whether any statement allows the request. */
export function policyAllows(statements: readonly PolicyStatement[], req: AccessRequest): boolean {
  return statements.some((s) => s.Effect === 'Allow' && glob(s.Action, req.action) && glob(s.Resource, req.resource) && principalMatches(s.Principal, req) && conditionsHold(s.Condition, req.context ?? {}));
}

function principalMatches(p: PolicyStatement['Principal'], req: AccessRequest): boolean {
  if (p === '*') return true;
  if ('Service' in p) return req.service === p.Service;
  const arn = req.principalArn;
  if (!arn) return false;
  const root = /^arn:aws[a-zA-Z-]*:iam::(\d{12}):root$/.exec(p.AWS);
  if (root) return accountOf(arn) === root[1];
  if (p.AWS === arn) return true;
  // A role session (sts assumed-role/R/S) acts as the role arn:aws:iam::A:role/R.
  const session = /^arn:(aws[a-zA-Z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return session !== null && new RegExp(`^arn:${session[1]}:iam::${session[2]}:role/(.*/)?${escape(session[3] as string)}$`).test(p.AWS);
}

function conditionsHold(condition: PolicyStatement['Condition'], context: Readonly<Record<string, string>>): boolean {
  if (!condition) return true;
  const lookup = (key: string): string | undefined => {
    const k = Object.keys(context).find((c) => c.toLowerCase() === key.toLowerCase());
    return k === undefined ? undefined : context[k];
  };
  return Object.entries(condition).every(([op, pairs]) =>
    Object.entries(pairs).every(([key, expected]) => {
      const actual = lookup(key);
      // A key the request does not carry fails the condition (no ...IfExists operators are written).
      if (actual === undefined) return false;
      switch (op) {
        case 'StringEquals':
        case 'ArnEquals':
          return actual === expected;
        case 'StringLike':
        case 'ArnLike':
          return glob(expected, actual);
        case 'Bool':
          return actual.toLowerCase() === expected.toLowerCase();
        default:
          return false;
      }
    }),
  );
}

/** IAM wildcard match: `*` any run, `?` one character; actions compare case-insensitively. */
function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escape(c))).join('')}$`, 'i');
  return re.test(value);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
