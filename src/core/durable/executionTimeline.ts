// A durable execution's history as a timeline model (the VS Code history view): one entry per
// operation (step, wait, callback, chained invoke, context) with its input, result, error, attempts and
// times, and the invocations (request ids) whose log lines belong to it. Reads AWS's event shapes, so it
// works for the local engine and for executions in an AWS account alike.
import type { AnyHistoryEvent } from './historyTimeline';

/** One invocation of the function during the execution. */
export interface TimelineInvocation {
  readonly requestId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly error?: string;
}

/** One operation of the execution. */
export interface TimelineEntry {
  readonly id: string;
  readonly parentId?: string;
  /** step, wait, callback, invoke (chained), context. */
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  readonly startMs: number;
  readonly endMs?: number;
  readonly attempts?: number;
  readonly input?: string;
  readonly result?: string;
  readonly error?: string;
  readonly callbackId?: string;
  /** The function a chained invoke called. */
  readonly target?: string;
  /** When a wait is (or was) due. */
  readonly scheduledEndMs?: number;
  /** The invocations in which the function worked on this operation (their log lines). */
  readonly requestIds: readonly string[];
}

/** The execution itself plus its operations and invocations. */
export interface ExecutionTimeline {
  readonly startMs: number;
  readonly endMs?: number;
  readonly status: string;
  readonly input?: string;
  readonly result?: string;
  readonly error?: string;
  readonly entries: readonly TimelineEntry[];
  readonly invocations: readonly TimelineInvocation[];
}

type Details = Record<string, unknown> & {
  Error?: { Payload?: { ErrorType?: string; ErrorMessage?: string } };
  Result?: { Payload?: string };
  Input?: { Payload?: string };
  RetryDetails?: { CurrentAttempt?: number };
};

// The engine's wire form and the AWS CLI answer epoch seconds; the SDKs give Dates.
const ms = (t: unknown): number | undefined => (t instanceof Date ? t.getTime() : typeof t === 'number' ? t * 1000 : typeof t === 'string' ? Date.parse(t) : undefined);
const errorText = (d: Details | undefined): string | undefined => {
  const p = d?.Error?.Payload;
  return p ? `${p.ErrorType ? `${p.ErrorType}: ` : ''}${p.ErrorMessage ?? ''}` : undefined;
};
const KINDS: Record<string, string> = { Step: 'step', Wait: 'wait', Callback: 'callback', ChainedInvoke: 'invoke', Context: 'context' };
const STATUS: Record<string, string> = { Started: 'STARTED', Succeeded: 'SUCCEEDED', Failed: 'FAILED', TimedOut: 'TIMED_OUT', Stopped: 'STOPPED', Cancelled: 'CANCELLED' };

interface Draft {
  id: string;
  parentId?: string;
  kind: string;
  name: string;
  status: string;
  startMs: number;
  endMs?: number;
  attempts?: number;
  input?: string;
  result?: string;
  error?: string;
  callbackId?: string;
  target?: string;
  scheduledEndMs?: number;
  touched: number[];
}

/** Builds the timeline from history events (oldest first). */
export function executionTimeline(events: readonly AnyHistoryEvent[]): ExecutionTimeline {
  const invocations: TimelineInvocation[] = [];
  for (const e of events) {
    if (e.EventType !== 'InvocationCompleted') continue;
    const d = e['InvocationCompletedDetails'] as (Details & { StartTimestamp?: unknown; EndTimestamp?: unknown; RequestId?: string }) | undefined;
    const end = ms(d?.EndTimestamp) ?? ms(e.EventTimestamp) ?? 0;
    invocations.push({ requestId: d?.RequestId ?? '', startMs: ms(d?.StartTimestamp) ?? end, endMs: end, ...(errorText(d) ? { error: errorText(d) } : {}) });
  }
  const drafts = new Map<string, Draft>();
  let exec: { startMs: number; endMs?: number; status: string; input?: string; result?: string; error?: string } = { startMs: ms(events[0]?.EventTimestamp) ?? 0, status: 'RUNNING' };
  for (const e of events) {
    const type = String(e.EventType ?? '');
    const at = ms(e.EventTimestamp) ?? 0;
    const d = Object.entries(e).find(([k]) => k.endsWith('Details'))?.[1] as Details | undefined;
    const m = /^(Execution|Step|Wait|Callback|ChainedInvoke|Context)(Started|Succeeded|Failed|TimedOut|Stopped|Cancelled)$/.exec(type);
    if (!m) continue;
    const [, what, how] = m as unknown as [string, string, string];
    if (what === 'Execution') {
      if (how === 'Started') exec = { ...exec, startMs: at, ...(d?.Input?.Payload !== undefined ? { input: d.Input.Payload } : {}) };
      else exec = { ...exec, endMs: at, status: STATUS[how] ?? how, ...(d?.Result?.Payload !== undefined ? { result: d.Result.Payload } : {}), ...(errorText(d) ? { error: errorText(d) } : {}) };
      continue;
    }
    const id = String(e['Id'] ?? '');
    let op = drafts.get(id);
    if (!op) {
      op = { id, kind: KINDS[what] ?? what.toLowerCase(), name: String(e.Name ?? ''), status: 'STARTED', startMs: at, touched: [] };
      if (typeof e['ParentId'] === 'string') op.parentId = e['ParentId'];
      drafts.set(id, op);
    }
    op.touched.push(at);
    const retry = d?.RetryDetails?.CurrentAttempt;
    if (retry !== undefined) op.attempts = retry;
    if (d?.Input?.Payload !== undefined) op.input = d.Input.Payload;
    if (typeof d?.['FunctionName'] === 'string') op.target = d['FunctionName'];
    if (typeof d?.['CallbackId'] === 'string') op.callbackId = d['CallbackId'];
    const due = ms(d?.['ScheduledEndTimestamp']);
    if (due !== undefined) op.scheduledEndMs = due;
    if (how === 'Started') continue;
    // A step's failed attempt that will be retried is a StepFailed with NextAttemptDelaySeconds: still open.
    const retried = type === 'StepFailed' && (d?.RetryDetails as { NextAttemptDelaySeconds?: number } | undefined)?.NextAttemptDelaySeconds !== undefined;
    if (d?.Result?.Payload !== undefined) op.result = d.Result.Payload;
    if (errorText(d)) op.error = errorText(d);
    if (retried) {
      op.status = 'PENDING';
      continue;
    }
    op.status = STATUS[how] ?? how;
    op.endMs = at;
    if (how === 'Succeeded') delete op.error;
  }
  // An operation the execution closed while it was open ended with it.
  const entries = [...drafts.values()].map(({ touched, ...op }): TimelineEntry => {
    const closed = exec.endMs !== undefined && (op.status === 'STARTED' || op.status === 'PENDING');
    const requestIds = invocations.filter((i) => touched.some((t) => t >= i.startMs && t <= i.endMs)).map((i) => i.requestId);
    return { ...op, ...(closed ? { status: 'CANCELLED', endMs: exec.endMs } : {}), requestIds };
  });
  return { ...exec, entries, invocations };
}
