// The durable Event queue (fidelity 8): accepts Event invocations once journaled, runs them with the
// same request id on every attempt, retries function errors (about 1 then 2 minutes) and throttles /
// 5xx (1 s doubling to 5 min) within the maximum event age, then reports to destinations and the DLQ.
import { EventEmitter } from 'node:events';
import { parseFunctionRef, type Partition } from '../arn';
import type { Clock, TimerHandle } from '../clock';
import { ApiError, messageOf } from '../errors';
import type { FunctionRegistry, ResolvedFunction } from '../functions/functionRegistry';
import { AsyncEventStore, isFinal, type AsyncEventHistory, type FailureCondition, type StoredEvent } from './asyncEventStore';
import { AsyncOutcomes, type RecordedCondition } from './asyncOutcomes';
import { errorMessageOf, type DestinationSender, type RecordResponse } from './destinations';
import type { EventInvokeConfigStore } from './eventInvokeConfigs';
import type { InvokeRequest, Invoker } from './invoker';

/** A CloudWatch-style data point for the async metrics (counted by the metrics subsystem). */
export interface AsyncMetric {
  readonly name: 'AsyncEventsReceived' | 'AsyncEventAge' | 'AsyncEventsDropped' | 'DeadLetterErrors' | 'DestinationDeliveryFailures';
  readonly functionName: string;
  /** `fn` or `fn:qualifier`, the Resource dimension. */
  readonly resource: string;
  readonly value: number;
  readonly unit: 'Count' | 'Milliseconds';
  readonly timestamp: number;
}

/** What the queue runs on (supplied by the engine). */
export interface AsyncQueueDeps {
  readonly stateDir: string;
  readonly partition: Partition;
  readonly clock: Clock;
  readonly registry: FunctionRegistry;
  readonly invoker: Invoker;
  readonly configs: EventInvokeConfigStore;
  readonly destinations: DestinationSender;
}

/** Timing and concurrency settings of the queue. */
export interface AsyncQueueOptions {
  /** Multiplies every retry and backoff delay: 1 is Lambda's timing, 0.001 turns a minute into 60 ms. */
  readonly retryDelayScale?: number;
  /** Events of one function run at most this many at a time (default 4). */
  readonly concurrencyPerFunction?: number;
}

export declare interface AsyncInvocationQueue {
  on(event: 'metric', fn: (m: AsyncMetric) => void): this;
  on(event: 'event', fn: (h: AsyncEventHistory) => void): this;
  on(event: 'warning', fn: (message: string) => void): this;
}

interface Live {
  readonly ev: StoredEvent;
  readonly h: AsyncEventHistory;
  running: boolean;
  lastResponse: RecordResponse | undefined;
}

const FIRST_RETRY_MS = 60_000;
const SECOND_RETRY_MS = 120_000;
const MAX_BACKOFF_MS = 300_000;

/** The engine's Event queue; `enqueue` is what `invoker.dispatchEvent` calls. */
export class AsyncInvocationQueue extends EventEmitter {
  retryDelayScale: number;
  readonly concurrencyPerFunction: number;
  private readonly store: AsyncEventStore;
  private readonly outcomes: AsyncOutcomes;
  private readonly live = new Map<string, Live>();
  private readonly runningByFunction = new Map<string, number>();
  private timer: { at: number; handle: TimerHandle } | undefined;
  private pumpScheduled = false;
  private disposed = false;
  private readonly onRegistryChange = (names: string[]): void => this.wakeFunctions(names);

  constructor(private readonly deps: AsyncQueueDeps, options: AsyncQueueOptions = {}) {
    super();
    this.retryDelayScale = options.retryDelayScale ?? 1;
    this.concurrencyPerFunction = options.concurrencyPerFunction ?? 4;
    this.store = new AsyncEventStore(deps.stateDir);
    this.outcomes = new AsyncOutcomes(deps.partition, deps.clock, deps.destinations, (name, ev, message) => {
      this.metric(name, ev, 1, 'Count');
      this.emit('warning', message);
    });
    const now = deps.clock.now();
    for (const { ev, h } of this.store.events.values()) {
      if (isFinal(h.status)) continue;
      // After a restart the function may be back (or come back with the template): try again now.
      if (h.waitingForFunction) h.nextAttemptAt = now;
      this.live.set(ev.id, { ev, h, running: false, lastResponse: undefined });
    }
    deps.registry.on('change', this.onRegistryChange);
    this.schedulePump();
  }

  /** Journals the event (fsync) and queues it; resolves when the 202 may be sent. */
  async enqueue(request: InvokeRequest, requestId: string, target: ResolvedFunction): Promise<void> {
    if (this.disposed) throw new ApiError('ServiceException', 500, 'The engine is shutting down; the event was not queued.');
    if (this.live.has(requestId) || this.store.events.has(requestId)) return;
    const ref = parseFunctionRef(this.deps.partition, request.functionName, request.qualifier);
    const ev: StoredEvent = {
      id: requestId,
      fn: request.functionName,
      name: target.entry.name,
      ...(ref.qualifier !== undefined ? { q: ref.qualifier } : {}),
      payload: request.payload.toString('utf8'),
      ...(request.clientContext ? { clientContext: request.clientContext } : {}),
      ...(request.tenantId !== undefined ? { tenantId: request.tenantId } : {}),
      ...(request.traceId !== undefined ? { traceId: request.traceId } : {}),
      receivedAt: this.deps.clock.now(),
    };
    // Runnable once fsync'd; its first attempt starts after the caller has its 202.
    const { history: h, durable } = this.store.add(ev);
    await durable;
    this.metric('AsyncEventsReceived', ev, 1, 'Count');
    const live: Live = { ev, h, running: false, lastResponse: undefined };
    this.live.set(ev.id, live);
    this.emit('event', h);
    if (request.recursionDropped) {
      // Never run: straight to the DLQ / OnFailure destination of the function, if configured.
      void this.fail(live, 'RecursiveInvocationDropped', target).catch((err: unknown) => this.emit('warning', `Async event ${ev.id} failed inside the queue: ${messageOf(err)}`));
      return;
    }
    this.schedulePump();
  }

  /** Histories, newest first, optionally of one function. */
  history(filter: { functionName?: string; limit?: number } = {}): AsyncEventHistory[] {
    const out = [...this.store.events.values()].map((e) => e.h).filter((h) => filter.functionName === undefined || h.functionName === filter.functionName);
    out.sort((a, b) => b.receivedAt - a.receivedAt);
    return out.slice(0, filter.limit ?? out.length);
  }

  get(requestId: string): AsyncEventHistory | undefined {
    return this.store.events.get(requestId)?.h;
  }

  /** Events not finished yet (queued, running or waiting to retry). */
  get pending(): number {
    return this.live.size;
  }

  /** Request ids replayed at start whose attempt was cut short by the stop (they may run twice). */
  get redelivered(): ReadonlySet<string> {
    return this.store.interrupted;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.timer?.handle.cancel();
    this.deps.registry.off('change', this.onRegistryChange);
    await this.store.close();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.disposed) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.disposed) return;
    const now = this.deps.clock.now();
    let earliest = Infinity;
    for (const e of this.live.values()) {
      if (e.running) continue;
      const at = e.h.nextAttemptAt ?? now;
      if (at > now) {
        earliest = Math.min(earliest, at);
        continue;
      }
      const limit = Math.min(this.concurrencyPerFunction, this.deps.registry.get(e.ev.name)?.reservedConcurrency || Infinity);
      if ((this.runningByFunction.get(e.ev.name) ?? 0) >= limit) continue;
      void this.attempt(e).catch((err: unknown) => this.emit('warning', `Async event ${e.ev.id} failed inside the queue: ${messageOf(err)}`));
    }
    if (earliest !== Infinity) this.wakeAt(earliest);
  }

  // One clock timer for the earliest future attempt.
  private wakeAt(at: number): void {
    if (this.disposed || (this.timer && this.timer.at <= at)) return;
    this.timer?.handle.cancel();
    const handle = this.deps.clock.setTimer(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, at - this.deps.clock.now()));
    this.timer = { at, handle };
  }

  private wakeFunctions(names: readonly string[]): void {
    const now = this.deps.clock.now();
    for (const e of this.live.values()) if (e.h.waitingForFunction && names.includes(e.ev.name)) e.h.nextAttemptAt = now;
    this.schedulePump();
  }

  private async attempt(e: Live): Promise<void> {
    e.running = true;
    this.runningByFunction.set(e.ev.name, (this.runningByFunction.get(e.ev.name) ?? 0) + 1);
    try {
      await this.run(e);
    } finally {
      e.running = false;
      this.runningByFunction.set(e.ev.name, (this.runningByFunction.get(e.ev.name) ?? 1) - 1);
      this.schedulePump();
    }
  }

  private async run(e: Live): Promise<void> {
    const { ev, h } = e;
    const now = this.deps.clock.now();
    const config = this.deps.configs.effective(ev.name, ev.q);
    const expired = now - ev.receivedAt > config.maximumEventAgeInSeconds * 1000;
    const target = this.tryResolve(ev);
    if (!target) {
      if (expired) return this.drop(e, `Event ${ev.id} was dropped: the function ${ev.name} does not exist.`);
      // Not loaded yet after a restart, or being reloaded: wait for it (a registry change or the next
      // start wakes it) until the event expires.
      h.waitingForFunction = true;
      return this.retryAt(e, ev.receivedAt + config.maximumEventAgeInSeconds * 1000 + 1);
    }
    h.waitingForFunction = undefined;
    if (expired) return this.fail(e, 'EventAgeExceeded', target);
    if (target.entry.reservedConcurrency === 0) return this.fail(e, 'ZeroReservedConcurrency', target);
    h.status = 'Running';
    h.runningSince = now;
    this.metric('AsyncEventAge', ev, now - ev.receivedAt, 'Milliseconds');
    this.emit('event', h);
    try {
      await this.store.started(ev.id, now);
      const response = await this.deps.invoker.invoke(
        {
          functionName: ev.fn,
          ...(ev.q !== undefined ? { qualifier: ev.q } : {}),
          payload: Buffer.from(ev.payload),
          requestId: ev.id,
          ...(ev.clientContext !== undefined ? { clientContext: ev.clientContext } : {}),
          ...(ev.tenantId !== undefined ? { tenantId: ev.tenantId } : {}),
          ...(ev.traceId !== undefined ? { traceId: ev.traceId } : {}),
        },
        'Event',
      );
      if (this.disposed) return;
      const o = response.outcome;
      const ended = this.deps.clock.now();
      e.lastResponse = { executedVersion: response.executedVersion ?? '$LATEST', functionError: response.functionError !== undefined, payload: response.payload };
      h.invokeCount++;
      h.runningSince = undefined;
      const timing = o ? { durationMs: o.durationMs } : {};
      if (!response.functionError) {
        h.attempts.push({ startedAt: now, endedAt: ended, result: 'Success', ...timing });
        return await this.succeed(e, config.onSuccess);
      }
      h.attempts.push({ startedAt: now, endedAt: ended, result: 'FunctionError', errorType: o?.errorType ?? 'Unhandled', errorMessage: errorMessageOf(response.payload), ...timing });
      if (h.invokeCount > config.maximumRetryAttempts) return await this.fail(e, 'RetriesExhausted', target);
      this.retryAt(e, ended + this.scaled(h.invokeCount === 1 ? FIRST_RETRY_MS : SECOND_RETRY_MS));
    } catch (err) {
      if (this.disposed) return;
      h.runningSince = undefined;
      const api = err instanceof ApiError ? err : undefined;
      const ended = this.deps.clock.now();
      if (api && (api.statusCode === 429 || api.statusCode >= 500)) {
        h.throttles++;
        h.attempts.push({ startedAt: now, endedAt: ended, result: api.statusCode === 429 ? 'Throttled' : 'ServiceError', errorType: api.type, errorMessage: api.message });
        return this.retryAt(e, ended + this.scaled(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (h.throttles - 1))));
      }
      h.attempts.push({ startedAt: now, endedAt: ended, result: 'ServiceError', errorType: api?.type ?? 'Error', errorMessage: messageOf(err) });
      this.drop(e, `Event ${ev.id} for ${ev.name} was dropped: ${messageOf(err)}`);
    }
  }

  private scaled(ms: number): number {
    return Math.round(ms * this.retryDelayScale);
  }

  private retryAt(e: Live, at: number): void {
    e.h.status = 'WaitingRetry';
    e.h.nextAttemptAt = at;
    this.wakeAt(at);
    this.changed(e.h);
  }

  private async succeed(e: Live, onSuccess: string | undefined): Promise<void> {
    await this.outcomes.success(e.ev, e.h, e.lastResponse, onSuccess);
    this.finish(e, 'Succeeded', undefined);
  }

  private async fail(e: Live, condition: RecordedCondition, target: ResolvedFunction | undefined): Promise<void> {
    this.metric('AsyncEventsDropped', e.ev, 1, 'Count');
    await this.outcomes.failure(e.ev, e.h, e.lastResponse, condition, this.deps.configs.effective(e.ev.name, e.ev.q).onFailure, target ?? this.tryResolve(e.ev));
    this.finish(e, 'Failed', condition);
  }

  private drop(e: Live, message: string): void {
    this.metric('AsyncEventsDropped', e.ev, 1, 'Count');
    this.emit('warning', message);
    this.finish(e, 'Dropped', 'FunctionNotFound');
  }

  private finish(e: Live, status: 'Succeeded' | 'Failed' | 'Dropped', condition: FailureCondition | undefined): void {
    e.h.status = status;
    e.h.condition = condition;
    e.h.nextAttemptAt = undefined;
    e.h.completedAt = this.deps.clock.now();
    this.live.delete(e.ev.id);
    this.changed(e.h);
  }

  private tryResolve(ev: StoredEvent): ResolvedFunction | undefined {
    try {
      return this.deps.registry.resolve(parseFunctionRef(this.deps.partition, ev.fn, ev.q));
    } catch {
      return undefined;
    }
  }

  private changed(h: AsyncEventHistory): void {
    this.store.update(h);
    this.emit('event', h);
  }

  private metric(name: AsyncMetric['name'], ev: StoredEvent, value: number, unit: AsyncMetric['unit']): void {
    this.emit('metric', { name, functionName: ev.name, resource: ev.q ? `${ev.name}:${ev.q}` : ev.name, value, unit, timestamp: this.deps.clock.now() });
  }
}
