// Recursive loop detection (developer guide "invocation-recursion"): the X-Ray trace header the AWS SDKs
// propagate carries a lineage, here `Lineage=<fn hash>:<count>` entries joined by `|`; each invocation of
// a function counts one more for it, and past 16 an event-driven invocation (Event, SQS, SNS) is dropped
// when the function's RecursiveLoop is Terminate.
import { createHash, randomUUID } from 'node:crypto';
import { ApiError } from '../errors';

/** Lambda stops a loop once the same event chain invoked a function about 16 times. */
export const RECURSION_LIMIT = 16;

/** Whose lineage entry an invocation counts under (a short hash of the function name). */
export const lineageKey = (functionName: string): string => createHash('sha256').update(functionName).digest('hex').slice(0, 8);

function fields(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** The per-function counts of a trace header's lineage. */
export function lineageOf(header: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of (fields(header).get('Lineage') ?? '').split('|')) {
    const [key, count] = entry.split(':');
    if (key && count && /^\d+$/.test(count)) out.set(key, Number(count));
  }
  return out;
}

/**
 * The trace header of an invocation of `functionName` caused by `parent` (or a new trace): same Root,
 * new Parent, this function's lineage count one higher. `count` is how often the chain ran it.
 */
export function childTrace(parent: string | undefined, functionName: string, nowSeconds: number): { header: string; count: number } {
  const f = fields(parent);
  const lineage = lineageOf(parent);
  const key = lineageKey(functionName);
  const count = (lineage.get(key) ?? 0) + 1;
  lineage.set(key, count);
  const a = randomUUID().replace(/-/g, '');
  const b = randomUUID().replace(/-/g, '');
  const root = f.get('Root') ?? `1-${Math.floor(nowSeconds).toString(16)}-${a.slice(0, 24)}`;
  const entries = [...lineage].map(([k, n]) => `${k}:${n}`).join('|');
  return { header: `Root=${root};Parent=${b.slice(0, 16)};Sampled=${f.get('Sampled') ?? '0'};Lineage=${entries}`, count };
}

/** RecursiveInvocationException's documented description (the DLQ message's ErrorMessage of a stopped loop). */
export const RECURSION_STOPPED = "Lambda has detected your function being invoked in a recursive loop with other AWS resources and stopped your function's invocation.";

/** Thrown when loop detection stops an invocation (the caller drops the event). */
export class RecursiveInvocationError extends ApiError {
  constructor(readonly functionName: string, readonly count: number) {
    super('RecursiveInvocationException', 400, `${RECURSION_STOPPED} The function ${functionName} was invoked ${count} times by the same event chain.`);
  }
}
