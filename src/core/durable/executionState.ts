// One durable execution's operations and history: applies the SDK's checkpoint updates and the engine's
// own transitions (waits elapsing, retries becoming ready, callbacks completing) like Lambda does.
import { randomUUID } from 'node:crypto';
import { ApiError, invalidParameter } from '../errors';
import type { ErrorObject, ExecutionHeader, HistoryEvent, Operation, OperationUpdate } from './durableTypes';

/** What one transition changed: operations (full new state) and the history events it added. */
export interface Change {
  readonly ops: Operation[];
  readonly events: HistoryEvent[];
}

/** The statuses that close an execution. */
export type ClosedStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'STOPPED']);
const STEP_EVENTS = { START: 'StepStarted', SUCCEED: 'StepSucceeded', FAIL: 'StepFailed', RETRY: 'StepFailed' } as const;
const CONTEXT_EVENTS = { START: 'ContextStarted', SUCCEED: 'ContextSucceeded', FAIL: 'ContextFailed' } as const;

export class ExecutionState {
  readonly operations = new Map<string, Operation>();
  readonly events: HistoryEvent[] = [];
  /** Operations changed since the SDK last saw them (UpdatedOperationIds / NewExecutionState). */
  readonly dirty = new Set<string>();

  constructor(public header: ExecutionHeader) {}

  /** Not closed yet: RUNNING, or PAUSING / PAUSED (a pause stops invocations, not the execution). */
  get running(): boolean {
    const s = this.header.status;
    return s === 'RUNNING' || s === 'PAUSING' || s === 'PAUSED';
  }

  /** Creates the EXECUTION operation and ExecutionStarted. */
  begin(now: number): Change {
    const op: Operation = { Id: this.header.executionOperationId, Type: 'EXECUTION', Status: 'STARTED', StartTimestamp: now, ExecutionDetails: { InputPayload: this.header.inputPayload } };
    return this.record([op], [this.event('ExecutionStarted', op, now, { ExecutionStartedDetails: { Input: { Payload: this.header.inputPayload }, ExecutionTimeout: this.header.executionTimeout } })]);
  }

  /** Applies one checkpoint's updates (validated first, so a bad batch changes nothing). */
  checkpoint(updates: readonly OperationUpdate[], now: number): Change {
    if (!this.running) throw invalidParameter('Invalid checkpoint token: the durable execution is no longer running.');
    const batch = new Set<string>();
    for (const u of updates) {
      this.validate(u, batch);
      if (u.Id) batch.add(u.Id);
    }
    const ops: Operation[] = [];
    const events: HistoryEvent[] = [];
    for (const u of updates) {
      const c = this.apply(u, now);
      ops.push(...c.ops);
      events.push(...c.events);
    }
    return { ops, events };
  }

  /** The terminal transition of the execution (result of the last invocation, a stop or a timeout). */
  finish(status: ClosedStatus, now: number, result?: string, error?: ErrorObject): Change {
    const { pause: _pause, ...rest } = this.header;
    this.header = { ...rest, status, endTimestamp: now, ...(result !== undefined ? { result } : {}), ...(error ? { error } : {}) };
    const exec = this.operations.get(this.header.executionOperationId);
    const op: Operation | undefined = exec ? { ...exec, Status: status, EndTimestamp: now } : undefined;
    const name = { SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', STOPPED: 'ExecutionStopped' }[status];
    const details = status === 'SUCCEEDED' ? { Result: { Payload: result } } : { Error: { Payload: error } };
    const ev = this.event(name, op, now, { [`${name}Details`]: details });
    // Open waits and callbacks end with the execution.
    const closed = [...this.operations.values()].filter((o) => !TERMINAL.has(o.Status) && o.Type !== 'EXECUTION').map((o) => ({ ...o, Status: 'CANCELLED' as const, EndTimestamp: now }));
    return this.record([...(op ? [op] : []), ...closed], [ev]);
  }

  /** A wait elapsed (or was skipped). */
  completeWait(id: string, now: number): Change {
    const op = this.operations.get(id);
    if (!op || op.Type !== 'WAIT' || op.Status !== 'STARTED') return { ops: [], events: [] };
    const started = op.StartTimestamp;
    return this.record([{ ...op, Status: 'SUCCEEDED', EndTimestamp: now }], [this.event('WaitSucceeded', op, now, { WaitSucceededDetails: { Duration: Math.round((now - started) / 1000) } })]);
  }

  /** A step's retry delay elapsed: PENDING -> READY. */
  readyRetry(id: string): Change {
    const op = this.operations.get(id);
    if (!op || op.Status !== 'PENDING') return { ops: [], events: [] };
    return this.record([{ ...op, Status: 'READY' }], []);
  }

  /** Completes a callback by its id; throws when it is unknown or no longer open. */
  completeCallback(callbackId: string, outcome: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT', now: number, result?: string, error?: ErrorObject): Change {
    const op = this.callbackOp(callbackId);
    const details = { CallbackId: callbackId, ...(result !== undefined ? { Result: result } : {}), ...(error ? { Error: error } : {}) };
    const name = { SUCCEEDED: 'CallbackSucceeded', FAILED: 'CallbackFailed', TIMED_OUT: 'CallbackTimedOut' }[outcome];
    return this.record(
      [{ ...op, Status: outcome, EndTimestamp: now, CallbackDetails: details }],
      [this.event(name, op, now, { [`${name}Details`]: outcome === 'SUCCEEDED' ? { Result: { Payload: result } } : { Error: { Payload: error } } })],
    );
  }

  /** A chained invocation ended: its result, or its error (FAILED, TIMED_OUT or STOPPED). */
  completeChained(id: string, outcome: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED', now: number, result?: string, error?: ErrorObject): Change {
    const op = this.operations.get(id);
    if (!op || op.Type !== 'CHAINED_INVOKE' || op.Status !== 'STARTED') return { ops: [], events: [] };
    const name = { SUCCEEDED: 'ChainedInvokeSucceeded', FAILED: 'ChainedInvokeFailed', TIMED_OUT: 'ChainedInvokeTimedOut', STOPPED: 'ChainedInvokeStopped' }[outcome];
    const details = outcome === 'SUCCEEDED' ? { Result: { Payload: result } } : { Error: { Payload: error } };
    return this.record(
      [{ ...op, Status: outcome, EndTimestamp: now, ChainedInvokeDetails: { ...(result !== undefined ? { Result: result } : {}), ...(error ? { Error: error } : {}) } }],
      [this.event(name, op, now, { [`${name}Details`]: details })],
    );
  }

  /** PauseDurableExecution took effect (no invocation runs), or ResumeDurableExecution. */
  pauseOrResume(kind: 'paused' | 'resumed', now: number, reason: string | undefined, requestTimestamp: number, timeoutPaused: boolean): Change {
    const exec = this.operations.get(this.header.executionOperationId);
    const why = reason !== undefined ? { Reason: { Payload: reason } } : {};
    const ev = kind === 'paused'
      ? this.event('ExecutionPaused', exec, now, { ExecutionPausedDetails: { PauseRequestTimestamp: requestTimestamp / 1000, ExecutionTimeoutPaused: timeoutPaused, ...why } })
      : this.event('ExecutionResumed', exec, now, { ExecutionResumedDetails: { ResumeRequestTimestamp: requestTimestamp / 1000, ...why } });
    return this.record([], [ev]);
  }

  /** The open CALLBACK operation of a callback id. */
  callbackOp(callbackId: string): Operation {
    for (const op of this.operations.values()) {
      if (op.Type === 'CALLBACK' && op.CallbackDetails?.CallbackId === callbackId) {
        if (op.Status !== 'STARTED') throw new ApiError('InvalidParameterValueException', 400, `The callback ${callbackId} is already ${op.Status}.`);
        return op;
      }
    }
    throw new ApiError('ResourceNotFoundException', 404, `Callback not found: ${callbackId}`);
  }

  /** Puts operations and events into the state (also used to replay the journal). */
  record(ops: readonly Operation[], events: readonly HistoryEvent[]): Change {
    for (const op of ops) {
      this.operations.set(op.Id, op);
      this.dirty.add(op.Id);
    }
    this.events.push(...events);
    return { ops: [...ops], events: [...events] };
  }

  private validate(u: OperationUpdate, batch: ReadonlySet<string>): void {
    if (!u.Id || !u.Type || !u.Action) throw invalidParameter('Each operation update needs Id, Type and Action.');
    if (u.Type === 'CHAINED_INVOKE' && u.Action === 'START' && !u.ChainedInvokeOptions?.FunctionName) throw invalidParameter('A CHAINED_INVOKE START needs ChainedInvokeOptions.FunctionName.');
    const existing = this.operations.get(u.Id);
    if (existing && TERMINAL.has(existing.Status) && u.Type !== 'EXECUTION') {
      throw invalidParameter(`Cannot update operation ${u.Id}: it is already ${existing.Status}.`);
    }
    if (u.ParentId && !this.operations.has(u.ParentId) && !batch.has(u.ParentId)) throw invalidParameter(`Invalid ParentId ${u.ParentId}: no such operation.`);
  }

  private apply(u: OperationUpdate, now: number): Change {
    const id = u.Id as string;
    const existing = this.operations.get(id);
    const base: Operation = existing ?? {
      Id: id,
      Type: u.Type as Operation['Type'],
      Status: 'STARTED',
      StartTimestamp: now,
      ...(u.ParentId ? { ParentId: u.ParentId } : {}),
      ...(u.Name !== undefined ? { Name: u.Name } : {}),
      ...(u.SubType !== undefined ? { SubType: u.SubType } : {}),
    };
    switch (u.Type) {
      case 'EXECUTION':
        // The SDK checkpoints an oversized result this way; it finishes the execution itself.
        return u.Action === 'SUCCEED' ? this.finish('SUCCEEDED', now, u.Payload) : this.finish('FAILED', now, undefined, u.Error);
      case 'STEP':
        return this.applyStep(base, u, now);
      case 'CONTEXT': {
        const done = u.Action === 'SUCCEED' || u.Action === 'FAIL';
        const op: Operation = {
          ...base,
          Status: u.Action === 'SUCCEED' ? 'SUCCEEDED' : u.Action === 'FAIL' ? 'FAILED' : 'STARTED',
          ...(done ? { EndTimestamp: now } : {}),
          ContextDetails: { ...base.ContextDetails, ...(u.ContextOptions?.ReplayChildren !== undefined ? { ReplayChildren: u.ContextOptions.ReplayChildren } : {}), ...(u.Payload !== undefined ? { Result: u.Payload } : {}), ...(u.Error ? { Error: u.Error } : {}) },
        };
        const name = CONTEXT_EVENTS[u.Action as keyof typeof CONTEXT_EVENTS] ?? 'ContextStarted';
        const details = u.Action === 'SUCCEED' ? { Result: { Payload: u.Payload } } : u.Action === 'FAIL' ? { Error: { Payload: u.Error } } : {};
        return this.record([op], [this.event(name, op, now, { [`${name}Details`]: details })]);
      }
      case 'WAIT': {
        if (u.Action === 'CANCEL') return this.record([{ ...base, Status: 'CANCELLED', EndTimestamp: now }], [this.event('WaitCancelled', base, now, { WaitCancelledDetails: {} })]);
        if (existing) return { ops: [], events: [] };
        const secs = u.WaitOptions?.WaitSeconds ?? 0;
        const op: Operation = { ...base, WaitDetails: { ScheduledEndTimestamp: now + secs * 1000 } };
        return this.record([op], [this.event('WaitStarted', op, now, { WaitStartedDetails: { Duration: secs, ScheduledEndTimestamp: (now + secs * 1000) / 1000 } })]);
      }
      case 'CALLBACK': {
        if (existing) return { ops: [], events: [] };
        const callbackId = Buffer.from(`${this.header.arn}|${id}|${randomUUID()}`).toString('base64url');
        const op: Operation = { ...base, CallbackDetails: { CallbackId: callbackId } };
        const opts = u.CallbackOptions ?? {};
        return this.record([op], [this.event('CallbackStarted', op, now, { CallbackStartedDetails: { CallbackId: callbackId, ...(opts.TimeoutSeconds ? { Timeout: opts.TimeoutSeconds } : {}), ...(opts.HeartbeatTimeoutSeconds ? { HeartbeatTimeout: opts.HeartbeatTimeoutSeconds } : {}) } })]);
      }
      case 'CHAINED_INVOKE': {
        // The engine runs the invocation (chainedInvoker) and completes the operation with its outcome.
        if (existing || u.Action !== 'START') throw invalidParameter(`Action ${String(u.Action)} is not valid for a CHAINED_INVOKE operation: Lambda completes it.`);
        const o = u.ChainedInvokeOptions ?? {};
        const op: Operation = { ...base, ChainedInvokeDetails: {} };
        return this.record([op], [this.event('ChainedInvokeStarted', op, now, { ChainedInvokeStartedDetails: { FunctionName: o.FunctionName, ...(o.TenantId ? { TenantId: o.TenantId } : {}), Input: { Payload: u.Payload } } })]);
      }
      default:
        throw invalidParameter(`Unsupported operation type ${String(u.Type)}.`);
    }
  }

  private applyStep(base: Operation, u: OperationUpdate, now: number): Change {
    const attempt = base.StepDetails?.Attempt ?? 0;
    let op: Operation;
    let details: Record<string, unknown> = {};
    switch (u.Action) {
      case 'START':
        op = { ...base, Status: 'STARTED', StepDetails: { ...base.StepDetails } };
        break;
      case 'SUCCEED':
        op = { ...base, Status: 'SUCCEEDED', EndTimestamp: now, StepDetails: { Attempt: attempt + 1, ...(u.Payload !== undefined ? { Result: u.Payload } : {}) } };
        details = { Result: { Payload: u.Payload }, RetryDetails: { CurrentAttempt: attempt + 1 } };
        break;
      case 'FAIL':
        op = { ...base, Status: 'FAILED', EndTimestamp: now, StepDetails: { Attempt: attempt + 1, ...(u.Error ? { Error: u.Error } : {}) } };
        details = { Error: { Payload: u.Error }, RetryDetails: { CurrentAttempt: attempt + 1 } };
        break;
      case 'RETRY': {
        const delay = u.StepOptions?.NextAttemptDelaySeconds ?? 1;
        op = { ...base, Status: 'PENDING', StepDetails: { Attempt: attempt + 1, NextAttemptTimestamp: now + delay * 1000, ...(u.Error ? { Error: u.Error } : {}), ...(u.Payload !== undefined ? { Result: u.Payload } : {}) } };
        details = { Error: { Payload: u.Error }, RetryDetails: { CurrentAttempt: attempt + 1, NextAttemptDelaySeconds: delay } };
        break;
      }
      default:
        throw invalidParameter(`Action ${String(u.Action)} is not valid for a STEP operation.`);
    }
    const name = STEP_EVENTS[u.Action];
    return this.record([op], [this.event(name, op, now, { [`${name}Details`]: details })]);
  }

  private event(type: string, op: Operation | undefined, now: number, details: Record<string, unknown>): HistoryEvent {
    return {
      EventType: type,
      EventId: this.events.length + 1,
      EventTimestamp: now,
      ...(op ? { Id: op.Id } : {}),
      ...(op?.Name !== undefined ? { Name: op.Name } : {}),
      ...(op?.SubType !== undefined ? { SubType: op.SubType } : {}),
      ...(op?.ParentId ? { ParentId: op.ParentId } : {}),
      ...details,
    };
  }
}
