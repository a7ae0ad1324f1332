// Runs durable executions: starts them with the payload the durable execution SDK expects, serves its
// checkpoints, re-invokes the function to replay after waits, retries and callbacks, and finishes the
// execution with the handler's result. Waits run on the engine's clock and can be fired now.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { functionArn, type Partition } from '../arn';
import type { Clock, TimerHandle } from '../clock';
import { ApiError, invalidParameter } from '../errors';
import type { ResolvedFunction } from '../functions/functionRegistry';
import type { InvokeRequest, InvokeResponse } from '../invoke/invoker';
import type { ExecutionEnvironment } from '../runtime/executionEnvironment';
import type { ErrorObject, ExecutionHeader, OperationUpdate } from './durableTypes';
import { timeoutAt, wireOperation } from './durableTypes';
import { chainedRequest, runChained } from './chainedInvoke';
import { DurableStore } from './durableStore';
import { ExecutionState, type Change, type ClosedStatus } from './executionState';

export interface DurableEngineOptions {
  readonly stateDir: string;
  readonly clock: Clock;
  readonly partition: Partition;
  /** Runs an invocation: a replay (`durableReplay`, bypassing durable routing) or a chained invoke. */
  readonly invoke: (request: InvokeRequest) => Promise<InvokeResponse>;
}

/** How a durable execution is started (Invoke of a durable function). */
export interface StartRequest {
  readonly target: ResolvedFunction;
  readonly qualifier: string;
  readonly payload: Buffer;
  readonly name?: string;
  /** Run the replays in this environment while it lives (a debug session follows the execution). */
  readonly environment?: ExecutionEnvironment;
}

// Invocation attempts per replay before the execution fails (a crashing handler, a timeout).
const MAX_INVOCATION_ATTEMPTS = 3;

interface Runner {
  invoking: boolean;
  tokens: Set<string>;
  timers: Map<string, TimerHandle>;
  failures: number;
  waiters: (() => void)[];
  environment: ExecutionEnvironment | undefined;
  /** CHAINED_INVOKE operations whose invocation runs now. */
  chained: Set<string>;
}

// An execution paused with its timeout paused still times out 366 days after it started (Lambda).
const PAUSED_TIMEOUT_MS = 366 * 86_400_000;

export declare interface DurableEngine {
  on(event: 'change', fn: (header: ExecutionHeader) => void): this;
  on(event: 'checkpoint', fn: (arn: string, updates: number) => void): this;
  on(event: 'replay', fn: (info: ReplayInfo) => void): this;
}

/** One replay invocation as it starts: what the SDK will replay and what is new since the last one. */
export interface ReplayInfo {
  readonly arn: string;
  readonly functionName: string;
  /** 1 for the first invocation of the execution, then 2, 3... */
  readonly invocation: number;
  /** Operations the SDK receives already done (replayed, not run again). */
  readonly replayed: number;
  /** Operations that changed since the previous invocation (waits elapsed, callbacks, invokes). */
  readonly updated: readonly string[];
  readonly environment: ExecutionEnvironment | undefined;
}

export class DurableEngine extends EventEmitter {
  readonly store: DurableStore;
  private readonly runners = new Map<string, Runner>();
  private disposed = false;

  constructor(private readonly o: DurableEngineOptions) {
    super();
    this.store = new DurableStore(o.stateDir);
    this.store.expire(o.clock.now());
  }

  /** Picks up executions that were running when the engine stopped (call once the API listens). */
  resume(): void {
    for (const e of this.store.executions.values()) {
      if (!e.running) continue;
      // An invocation a pause waited for died with the engine.
      if (e.header.status === 'PAUSING') void this.settlePause(e).catch(() => undefined);
      this.armTimers(e);
      this.launchChained(e);
      this.drive(e);
    }
  }

  /** Starts an execution; resolves once it is on disk (the first invocation runs after). */
  async start(req: StartRequest): Promise<ExecutionHeader> {
    const durable = req.target.config.durableConfig;
    if (!durable) throw invalidParameter(`The function ${req.target.config.functionName} has no DurableConfig.`);
    const name = req.name ?? randomUUID();
    const version = req.target.executedVersion;
    // The ARN ends with the id of the EXECUTION operation (the Python SDK finds its input that way).
    const executionId = randomUUID();
    const arn = `${functionArn(this.o.partition, req.target.config.functionName, version)}/durable-execution/${name}/${executionId}`;
    for (const e of this.store.executions.values()) {
      if (e.header.functionName === req.target.config.functionName && e.header.name === name) {
        if (e.header.inputPayload === req.payload.toString('utf8')) return e.header;
        throw new ApiError('DurableExecutionAlreadyStartedException', 409, `A durable execution named ${name} already exists for this function with a different input.`);
      }
    }
    const header: ExecutionHeader = {
      arn,
      name,
      functionName: req.target.config.functionName,
      version,
      qualifier: req.qualifier,
      status: 'RUNNING',
      startTimestamp: this.o.clock.now(),
      inputPayload: req.payload.toString('utf8'),
      executionTimeout: durable.executionTimeout,
      retentionPeriodInDays: durable.retentionPeriodInDays,
      executionOperationId: executionId,
    };
    const e = new ExecutionState(header);
    this.store.executions.set(arn, e);
    if (req.environment) {
      const r = this.runner(arn);
      const env = req.environment;
      r.environment = env;
      env.once('dead', () => {
        if (r.environment === env) r.environment = undefined;
      });
    }
    const change = e.begin(header.startTimestamp);
    await this.store.saveHeader(header);
    await this.store.saveChange(arn, change);
    this.emit('change', header);
    this.armTimers(e);
    this.drive(e);
    return header;
  }

  /** The execution of an ARN; ResourceNotFoundException otherwise. */
  get(arn: string): ExecutionState {
    const e = this.store.executions.get(arn);
    if (!e) throw new ApiError('ResourceNotFoundException', 404, `Durable execution not found: ${arn}`);
    return e;
  }

  /** Executions, oldest first. */
  list(): ExecutionState[] {
    return [...this.store.executions.values()];
  }

  /** Resolves once the execution is no longer RUNNING. */
  whenFinished(arn: string): Promise<ExecutionHeader> {
    const e = this.get(arn);
    if (!e.running) return Promise.resolve(e.header);
    return new Promise((resolve) => this.runner(arn).waiters.push(() => resolve(e.header)));
  }

  /** CheckpointDurableExecution. */
  async checkpoint(arn: string, token: string | undefined, updates: readonly OperationUpdate[]): Promise<Record<string, unknown>> {
    const e = this.get(arn);
    const r = this.runner(arn);
    if (!token || !r.tokens.has(token)) throw invalidParameter('Invalid checkpoint token');
    const wasRunning = e.running;
    const change = e.checkpoint(updates, this.o.clock.now());
    await this.store.saveChange(arn, change);
    if (wasRunning && !e.running) await this.closed(e);
    this.emit('checkpoint', arn, updates.length);
    this.emit('change', e.header);
    this.armTimers(e);
    this.launchChained(e);
    const next = this.newToken(r);
    const ops = [...e.dirty].map((id) => e.operations.get(id)).filter((op) => op !== undefined);
    e.dirty.clear();
    return { CheckpointToken: next, NewExecutionState: { Operations: ops.map(wireOperation) } };
  }

  /** GetDurableExecutionState: every operation, paged by index. */
  state(arn: string, token: string | undefined, marker: string | undefined, maxItems: number | undefined): Record<string, unknown> {
    const e = this.get(arn);
    if (!token || !this.runner(arn).tokens.has(token)) throw invalidParameter('Invalid checkpoint token');
    const all = [...e.operations.values()];
    const from = marker ? Number(marker) || 0 : 0;
    const size = maxItems && maxItems > 0 ? maxItems : 1000;
    const page = all.slice(from, from + size);
    return { Operations: page.map(wireOperation), ...(from + size < all.length ? { NextMarker: String(from + size) } : {}) };
  }

  /** SendDurableExecutionCallbackSuccess / Failure. */
  async completeCallback(callbackId: string, outcome: 'SUCCEEDED' | 'FAILED', result?: string, error?: ErrorObject): Promise<void> {
    const e = this.executionOfCallback(callbackId);
    if (!e.running) throw new ApiError('InvalidParameterValueException', 400, `The durable execution of callback ${callbackId} is no longer running.`);
    await this.apply(e, e.completeCallback(callbackId, outcome, this.o.clock.now(), result, error));
  }

  /** SendDurableExecutionCallbackHeartbeat: checks the callback is open (timeouts restart). */
  heartbeat(callbackId: string): void {
    const e = this.executionOfCallback(callbackId);
    const op = e.callbackOp(callbackId);
    const timer = this.runner(e.header.arn).timers.get(`hb:${op.Id}`);
    if (timer) {
      timer.cancel();
      this.runner(e.header.arn).timers.delete(`hb:${op.Id}`);
      this.armTimers(e);
    }
  }

  /** StopDurableExecution. */
  async stop(arn: string, error?: ErrorObject): Promise<number> {
    const e = this.get(arn);
    if (!e.running) throw new ApiError('InvalidParameterValueException', 400, `The durable execution is already ${e.header.status}.`);
    const now = this.o.clock.now();
    await this.finish(e, 'STOPPED', undefined, error ?? { ErrorType: 'Stopped', ErrorMessage: 'The durable execution was stopped.' });
    return now;
  }

  /** PauseDurableExecution: no invocation starts until a resume (PAUSING while one runs). */
  async pauseExecution(arn: string, reason?: string, timeoutPaused = true): Promise<void> {
    const e = this.get(arn);
    if (!e.running) throw new ApiError('InvalidParameterValueException', 400, `The durable execution is already ${e.header.status}.`);
    if (e.header.status !== 'RUNNING') return;
    e.header = { ...e.header, status: 'PAUSING', pause: { requestTimestamp: this.o.clock.now(), ...(reason !== undefined ? { reason } : {}), timeoutPaused } };
    await this.store.saveHeader(e.header);
    if (!this.runner(arn).invoking) await this.settlePause(e);
    else this.emit('change', e.header);
  }

  /** ResumeDurableExecution: invocations start again; time paused extends the execution timeout. */
  async resumeExecution(arn: string, reason?: string): Promise<void> {
    const e = this.get(arn);
    const pause = e.header.pause;
    if (!e.running || !pause) throw new ApiError('InvalidParameterValueException', 400, `The durable execution is ${e.header.status}, not paused.`);
    const now = this.o.clock.now();
    const wasPaused = e.header.status === 'PAUSED';
    const { pause: _pause, ...rest } = e.header;
    e.header = { ...rest, status: 'RUNNING', pausedMs: (e.header.pausedMs ?? 0) + (pause.timeoutPaused ? now - pause.requestTimestamp : 0) };
    await this.store.saveHeader(e.header);
    if (wasPaused) await this.store.saveChange(arn, e.pauseOrResume('resumed', now, reason, now, false));
    const r = this.runner(arn);
    r.timers.get('execution-timeout')?.cancel();
    r.timers.delete('execution-timeout');
    this.armTimers(e);
    this.emit('change', e.header);
    if (e.dirty.size > 0) this.drive(e);
  }

  /** Fires pending waits and retry delays now, of one execution or all; returns how many fired. */
  async skipWaits(arn?: string): Promise<number> {
    let fired = 0;
    for (const e of arn ? [this.get(arn)] : this.list()) {
      if (!e.running) continue;
      const now = this.o.clock.now();
      for (const op of [...e.operations.values()]) {
        const change = op.Type === 'WAIT' && op.Status === 'STARTED' ? e.completeWait(op.Id, now) : op.Status === 'PENDING' ? e.readyRetry(op.Id) : undefined;
        if (!change || change.ops.length === 0) continue;
        fired++;
        this.runner(e.header.arn).timers.get(op.Id)?.cancel();
        this.runner(e.header.arn).timers.delete(op.Id);
        await this.apply(e, change);
      }
    }
    return fired;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const r of this.runners.values()) for (const t of r.timers.values()) t.cancel();
    await this.store.close();
  }

  // PAUSING -> PAUSED once no invocation runs.
  private async settlePause(e: ExecutionState): Promise<void> {
    const pause = e.header.pause;
    if (e.header.status !== 'PAUSING' || !pause) return;
    e.header = { ...e.header, status: 'PAUSED' };
    await this.store.saveHeader(e.header);
    await this.store.saveChange(e.header.arn, e.pauseOrResume('paused', this.o.clock.now(), pause.reason, pause.requestTimestamp, pause.timeoutPaused));
    const r = this.runner(e.header.arn);
    if (pause.timeoutPaused) {
      r.timers.get('execution-timeout')?.cancel();
      r.timers.delete('execution-timeout');
      this.armTimers(e);
    }
    this.emit('change', e.header);
  }

  // Runs the chained invocations the SDK started and not yet running (after a checkpoint, at resume).
  private launchChained(e: ExecutionState): void {
    if (!e.running || this.disposed) return;
    const r = this.runner(e.header.arn);
    for (const op of e.operations.values()) {
      if (op.Type !== 'CHAINED_INVOKE' || op.Status !== 'STARTED' || r.chained.has(op.Id)) continue;
      r.chained.add(op.Id);
      void runChained(this.o.invoke, chainedRequest(e, op), (arn) => this.store.executions.get(arn)?.header.status)
        .then(async (out) => {
          r.chained.delete(op.Id);
          if (this.disposed || !e.running) return;
          await this.apply(e, e.completeChained(op.Id, out.status, this.o.clock.now(), out.result, out.error));
        })
        .catch(() => r.chained.delete(op.Id));
    }
  }

  private executionOfCallback(callbackId: string): ExecutionState {
    const arn = Buffer.from(callbackId, 'base64url').toString('utf8').split('|')[0] ?? '';
    const e = this.store.executions.get(arn);
    if (!e) throw new ApiError('ResourceNotFoundException', 404, `Callback not found: ${callbackId}`);
    return e;
  }

  private runner(arn: string): Runner {
    let r = this.runners.get(arn);
    if (!r) this.runners.set(arn, (r = { invoking: false, tokens: new Set(), timers: new Map(), failures: 0, waiters: [], environment: undefined, chained: new Set() }));
    return r;
  }

  private newToken(r: Runner): string {
    const t = randomUUID();
    r.tokens.add(t);
    return t;
  }

  // Persists an engine-side change and replays the function when it is not running one already.
  private async apply(e: ExecutionState, change: Change): Promise<void> {
    await this.store.saveChange(e.header.arn, change);
    this.emit('change', e.header);
    this.drive(e);
  }

  private async finish(e: ExecutionState, status: ClosedStatus, result?: string, error?: ErrorObject): Promise<void> {
    if (!e.running) return;
    const change = e.finish(status, this.o.clock.now(), result, error);
    await this.store.saveChange(e.header.arn, change);
    await this.closed(e);
  }

  private async closed(e: ExecutionState): Promise<void> {
    await this.store.saveHeader(e.header);
    const r = this.runner(e.header.arn);
    for (const t of r.timers.values()) t.cancel();
    r.timers.clear();
    for (const w of r.waiters.splice(0)) w();
    this.emit('change', e.header);
  }

  // One timer per open wait, pending retry, callback timeout and the execution timeout.
  private armTimers(e: ExecutionState): void {
    if (!e.running || this.disposed) return;
    const r = this.runner(e.header.arn);
    const now = this.o.clock.now();
    const arm = (key: string, at: number, fn: () => Promise<void>): void => {
      if (r.timers.has(key)) return;
      r.timers.set(key, this.o.clock.setTimer(() => {
        r.timers.delete(key);
        if (e.running && !this.disposed) void fn().catch(() => undefined); // failures surface on the next replay
      }, Math.max(0, at - now)));
    };
    const pausedClock = e.header.status === 'PAUSED' && e.header.pause?.timeoutPaused;
    arm('execution-timeout', pausedClock ? e.header.startTimestamp + PAUSED_TIMEOUT_MS : timeoutAt(e.header), () =>
      this.finish(e, 'TIMED_OUT', undefined, { ErrorType: 'ExecutionTimedOut', ErrorMessage: `The durable execution exceeded its ExecutionTimeout of ${e.header.executionTimeout} seconds.` }));
    for (const op of e.operations.values()) {
      if (op.Type === 'WAIT' && op.Status === 'STARTED' && op.WaitDetails?.ScheduledEndTimestamp !== undefined) {
        arm(op.Id, op.WaitDetails.ScheduledEndTimestamp, () => this.apply(e, e.completeWait(op.Id, this.o.clock.now())));
      } else if (op.Type === 'STEP' && op.Status === 'PENDING' && op.StepDetails?.NextAttemptTimestamp !== undefined) {
        arm(op.Id, op.StepDetails.NextAttemptTimestamp, () => this.apply(e, e.readyRetry(op.Id)));
      } else if (op.Type === 'CALLBACK' && op.Status === 'STARTED') {
        const started = e.events.find((ev) => ev.EventType === 'CallbackStarted' && ev.Id === op.Id)?.['CallbackStartedDetails'] as { Timeout?: number; HeartbeatTimeout?: number } | undefined;
        const id = op.CallbackDetails?.CallbackId ?? '';
        const timeOut = (message: string) => () => this.apply(e, e.completeCallback(id, 'TIMED_OUT', this.o.clock.now(), undefined, { ErrorType: 'CallbackTimeout', ErrorMessage: message }));
        if (started?.Timeout) arm(`cb:${op.Id}`, op.StartTimestamp + started.Timeout * 1000, timeOut('Callback timed out'));
        if (started?.HeartbeatTimeout) arm(`hb:${op.Id}`, now + started.HeartbeatTimeout * 1000, timeOut('Callback timed out on heartbeat'));
      }
    }
  }

  // Starts a replay invocation unless one runs; the one running re-checks for unseen changes at its end.
  private drive(e: ExecutionState): void {
    const r = this.runner(e.header.arn);
    if (!e.running || r.invoking || this.disposed) return;
    if (e.header.status !== 'RUNNING') return; // paused: the resume drives it
    r.invoking = true;
    void this.invokeOnce(e, r).finally(() => {
      r.invoking = false;
      r.tokens.clear();
      if (e.header.status === 'PAUSING') void this.settlePause(e).catch(() => undefined);
      else if (e.running && e.dirty.size > 0 && !this.disposed) this.drive(e);
    });
  }

  private async invokeOnce(e: ExecutionState, r: Runner): Promise<void> {
    const token = this.newToken(r);
    const updated = [...e.dirty];
    e.dirty.clear();
    const input = {
      DurableExecutionArn: e.header.arn,
      CheckpointToken: token,
      InitialExecutionState: { Operations: [...e.operations.values()].map(wireOperation) },
      ...(updated.length ? { UpdatedOperationIds: updated } : {}),
    };
    const startedAt = this.o.clock.now();
    const invocation = e.events.filter((ev) => ev.EventType === 'InvocationCompleted').length + 1;
    this.emit('replay', { arn: e.header.arn, functionName: e.header.functionName, invocation, replayed: [...e.operations.values()].filter((o) => o.Type !== 'EXECUTION' && o.Status !== 'STARTED' && !updated.includes(o.Id)).length, updated, environment: r.environment } satisfies ReplayInfo);
    // Replays run the version that started the execution, even when the alias it came through moved.
    let outcome: { status?: string; result?: string; error?: ErrorObject; crashed?: ErrorObject; requestId?: string };
    try {
      const res = await this.o.invoke({ functionName: e.header.functionName, qualifier: e.header.version, payload: Buffer.from(JSON.stringify(input)), durableReplay: true, ...(r.environment ? { environment: r.environment } : {}) });
      outcome = { ...parseOutput(res), requestId: res.requestId };
    } catch (err) {
      outcome = { crashed: { ErrorType: (err as ApiError).type ?? 'Error', ErrorMessage: (err as Error).message } };
    }
    if (this.disposed) return;
    const completed = e.record([], [{
      EventType: 'InvocationCompleted',
      EventId: e.events.length + 1,
      EventTimestamp: this.o.clock.now(),
      InvocationCompletedDetails: { StartTimestamp: startedAt / 1000, EndTimestamp: this.o.clock.now() / 1000, RequestId: outcome.requestId ?? '', ...(outcome.crashed ? { Error: { Payload: outcome.crashed } } : {}) },
    }]);
    await this.store.saveChange(e.header.arn, completed);
    this.emit('change', e.header);
    if (!e.running) return;
    if (outcome.crashed) {
      r.failures++;
      if (r.failures >= MAX_INVOCATION_ATTEMPTS) return this.finish(e, 'FAILED', undefined, outcome.crashed);
      const retry = this.o.clock.setTimer(() => this.drive(e), 1000 * r.failures);
      r.timers.set(`invoke-retry`, retry);
      return;
    }
    r.failures = 0;
    if (outcome.status === 'SUCCEEDED') return this.finish(e, 'SUCCEEDED', outcome.result ?? '');
    if (outcome.status === 'FAILED') return this.finish(e, 'FAILED', undefined, outcome.error);
    this.armTimers(e);
  }
}

// The durable handler answers {Status, Result?, Error?}; anything else means the handler is not one.
function parseOutput(res: InvokeResponse): { status?: string; result?: string; error?: ErrorObject; crashed?: ErrorObject } {
  let body: { Status?: unknown; Result?: unknown; Error?: ErrorObject; errorType?: string; errorMessage?: string } = {};
  try {
    body = JSON.parse(res.payload.toString('utf8')) as typeof body;
  } catch {
    // falls through to the check below
  }
  if (res.functionError) return { crashed: { ErrorType: body.errorType ?? 'Unhandled', ErrorMessage: body.errorMessage ?? res.payload.toString('utf8') } };
  if (body.Status !== 'SUCCEEDED' && body.Status !== 'FAILED' && body.Status !== 'PENDING') {
    return { crashed: { ErrorType: 'InvalidDurableResponse', ErrorMessage: 'The function returned a response that is not a durable execution result: wrap the handler with withDurableExecution from @aws/durable-execution-sdk-js.' } };
  }
  return { status: body.Status, ...(typeof body.Result === 'string' ? { result: body.Result } : {}), ...(body.Error ? { error: body.Error } : {}) };
}
