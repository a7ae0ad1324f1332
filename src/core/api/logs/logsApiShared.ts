// Helpers the CloudWatch Logs operations share: typed reads of the JSON input with AWS's validation
// messages, log group identifiers (name or ARN), ARNs, and opaque pagination tokens.
import type { Partition } from '../../arn';
import { logsError } from '../../errors';
import type { LogGroup, LogStore } from '../../logs/logStore';

export type Input = Record<string, unknown>;

/** What every operation handler gets. */
export interface LogsContext {
  readonly store: LogStore;
  readonly partition: Partition;
}

export const validation = (value: unknown, field: string, constraint: string): Error =>
  logsError('InvalidParameterException', `1 validation error detected: Value '${typeof value === 'object' ? JSON.stringify(value) : String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`);

export function optString(input: Input, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validation(v, field, 'Member must be a string');
  return v;
}

export function reqString(input: Input, field: string): string {
  const v = optString(input, field);
  if (v === undefined) throw validation('null', field, 'Member must not be null');
  return v;
}

export function optNumber(input: Input, field: string, min?: number, max?: number): number | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw validation(v, field, 'Member must be a number');
  if (min !== undefined && v < min) throw validation(v, field, `Member must have value greater than or equal to ${min}`);
  if (max !== undefined && v > max) throw validation(v, field, `Member must have value less than or equal to ${max}`);
  return v;
}

export function optBool(input: Input, field: string): boolean | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validation(v, field, 'Member must be a boolean');
  return v;
}

export function optStringList(input: Input, field: string, maxItems: number): string[] | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw validation(v, field, 'Member must be a list of strings');
  if (v.length < 1) throw validation(v, field, 'Member must have length greater than or equal to 1');
  if (v.length > maxItems) throw validation(v, field, `Member must have length less than or equal to ${maxItems}`);
  return v as string[];
}

export const groupArn = (p: Partition, name: string): string => `arn:aws:logs:${p.region}:${p.accountId}:log-group:${name}`;
export const streamArn = (p: Partition, group: string, stream: string): string => `${groupArn(p, group)}:log-stream:${stream}`;

/** A group name from `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` or a plain name. */
export function nameFromIdentifier(identifier: string): string {
  const m = /^arn:aws[a-zA-Z-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return m ? (m[1] as string) : identifier;
}

/** The group an operation names with `logGroupName` or `logGroupIdentifier` (exactly one). */
export function groupNameOf(input: Input): string {
  const name = optString(input, 'logGroupName');
  const id = optString(input, 'logGroupIdentifier');
  if (name !== undefined && id !== undefined) {
    throw logsError('InvalidParameterException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  if (name === undefined && id === undefined) {
    throw logsError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier must be specified.');
  }
  return name ?? nameFromIdentifier(id as string);
}

export function requireGroup(ctx: LogsContext, name: string): LogGroup {
  const g = ctx.store.getGroup(name);
  if (!g) throw logsError('ResourceNotFoundException', 'The specified log group does not exist.');
  return g;
}

export const invalidToken = (): Error => logsError('InvalidParameterException', 'The specified nextToken is invalid.');

/** Opaque token around a JSON value. */
export const encodeToken = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeToken<T>(token: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (token === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (check(v)) return v;
  } catch {
    // falls through to the error
  }
  throw invalidToken();
}

/** CloudWatch's 56-digit event id; stable for an event so `aws logs tail` can de-duplicate. */
export function eventIdOf(group: string, stream: string, offset: number, timestamp: number): string {
  let h = 2166136261;
  const key = `${group}\n${stream}`;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return String(timestamp).padStart(16, '0') + String(h).padStart(10, '0') + String(offset).padStart(30, '0');
}
