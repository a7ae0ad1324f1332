// The Event queue's durable state: every accepted event, its attempts and outcome, journaled under
// <stateDir>/async/ and replayed at start; also the per-event history the UI timeline shows.
import * as path from 'node:path';
import { Journal } from './journal';

/** An accepted Event invocation as persisted. */
export interface StoredEvent {
  readonly id: string;
  /** FunctionName as the caller gave it (any accepted form). */
  readonly fn: string;
  readonly name: string;
  readonly q?: string;
  readonly payload: string;
  readonly clientContext?: string;
  readonly tenantId?: string;
  /** The trace header derived when the event was accepted (its lineage drives loop detection). */
  readonly traceId?: string;
  /** Epoch ms when the event was accepted. */
  readonly receivedAt: number;
}

/** How one attempt ended. */
export type AttemptResult = 'Success' | 'FunctionError' | 'Throttled' | 'ServiceError' | 'Interrupted';
/** Where an event is in its life. */
export type AsyncEventStatus = 'Queued' | 'Running' | 'WaitingRetry' | 'Succeeded' | 'Failed' | 'Dropped';
/** Why an event failed (Lambda's record conditions, plus a function that no longer exists). */
// RecursiveInvocationDropped is ours: AWS does not document the record's condition for a stopped loop.
export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency' | 'RecursiveInvocationDropped' | 'FunctionNotFound';

/** One attempt to run the event (a function run, or a throttle / service error before it ran). */
export interface AsyncAttempt {
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly result: AttemptResult;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly durationMs?: number;
}

/** Where the outcome was sent (destination or DLQ) and whether that worked. */
export interface AsyncDelivery {
  readonly kind: 'OnSuccess' | 'OnFailure' | 'DeadLetterQueue';
  readonly arn: string;
  readonly at: number;
  readonly ok: boolean;
  readonly error?: string;
}

/** The timeline of one event, for the UI and the history API. */
export interface AsyncEventHistory {
  readonly requestId: string;
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly receivedAt: number;
  status: AsyncEventStatus;
  /** Function runs so far (Lambda's approximateInvokeCount). */
  invokeCount: number;
  /** Throttles and service errors so far (these retry for up to the maximum event age). */
  throttles: number;
  nextAttemptAt: number | undefined;
  /** Start of the attempt in progress. */
  runningSince: number | undefined;
  /** The function was not there at the last attempt; it runs as soon as the function (re)appears. */
  waitingForFunction?: boolean;
  condition: FailureCondition | undefined;
  completedAt: number | undefined;
  readonly attempts: AsyncAttempt[];
  readonly deliveries: AsyncDelivery[];
}

type Entry =
  | { readonly k: 'e'; readonly ev: StoredEvent }
  | { readonly k: 's'; readonly ev: StoredEvent; readonly h: AsyncEventHistory }
  | { readonly k: 'r'; readonly id: string; readonly at: number }
  | { readonly k: 'h'; readonly id: string; readonly h: AsyncEventHistory };

/** Events with their histories; pending ones are kept with their payload, finished ones trimmed. */
export class AsyncEventStore {
  readonly events = new Map<string, { ev: StoredEvent; h: AsyncEventHistory }>();
  /** Events replayed at start whose last attempt was cut short (may run a second time). */
  readonly interrupted = new Set<string>();
  private readonly journal: Journal<Entry>;

  constructor(stateDir: string, private readonly keepFinished = 1000) {
    const { journal, records } = Journal.open<Entry>(path.join(stateDir, 'async', 'events.jsonl'));
    this.journal = journal;
    const running = new Map<string, number>();
    for (const r of records) {
      if (r.k === 'e') {
        if (!this.events.has(r.ev.id)) this.events.set(r.ev.id, { ev: r.ev, h: newHistory(r.ev) });
      }
      else if (r.k === 's') this.events.set(r.ev.id, { ev: r.ev, h: r.h });
      else if (r.k === 'r') running.set(r.id, r.at);
      else {
        const e = this.events.get(r.id);
        if (e) e.h = r.h;
        running.delete(r.id);
      }
    }
    for (const [id, at] of running) {
      const e = this.events.get(id);
      if (!e || isFinal(e.h.status)) continue;
      e.h.attempts.push({ startedAt: at, result: 'Interrupted', errorMessage: 'The engine stopped during this attempt; it runs again with the same request id.' });
      this.interrupted.add(id);
    }
    for (const { h } of this.events.values()) {
      if (isFinal(h.status)) continue;
      h.status = h.invokeCount + h.throttles > 0 ? 'WaitingRetry' : 'Queued';
      h.runningSince = undefined;
    }
    this.compact();
  }

  /** Records a new event: `written` once it survives a killed process, `durable` once fsync'd (the 202 waits for that). */
  add(ev: StoredEvent): { history: AsyncEventHistory; written: Promise<void>; durable: Promise<void> } {
    const { written, durable } = this.journal.appendTracked({ k: 'e', ev });
    const history = newHistory(ev);
    return { history, written: written.then(() => void this.events.set(ev.id, { ev, h: history })), durable };
  }

  /** Marks an attempt as started; resolves once written (so a crash never hides a run). */
  started(id: string, at: number): Promise<void> {
    return this.journal.appendWritten({ k: 'r', id, at });
  }

  /** Saves the event's history after a change (attempt finished, retry scheduled, outcome). */
  update(h: AsyncEventHistory): void {
    this.journal.appendLazy({ k: 'h', id: h.requestId, h });
    if (isFinal(h.status)) this.maybeCompact();
  }

  /** Finished events beyond the retention are forgotten; pending ones are kept. */
  private maybeCompact(): void {
    if (this.journal.size > 4 * (this.events.size + 1000)) this.compact();
  }

  private compact(): void {
    this.journal.rewrite(() => {
      const finished = [...this.events.values()].filter((e) => isFinal(e.h.status)).sort((a, b) => (a.h.completedAt ?? 0) - (b.h.completedAt ?? 0));
      for (const e of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) this.events.delete(e.ev.id);
      const out: Entry[] = [];
      for (const e of this.events.values()) {
        out.push({ k: 's', ev: e.ev, h: e.h });
        if (e.h.status === 'Running' && e.h.runningSince !== undefined) out.push({ k: 'r', id: e.ev.id, at: e.h.runningSince });
      }
      return out;
    });
  }

  flushed(): Promise<void> {
    return this.journal.flushed();
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}

/** True once an event succeeded, failed or was dropped. */
export function isFinal(status: AsyncEventStatus): boolean {
  return status === 'Succeeded' || status === 'Failed' || status === 'Dropped';
}

function newHistory(ev: StoredEvent): AsyncEventHistory {
  return {
    requestId: ev.id,
    functionName: ev.name,
    qualifier: ev.q,
    receivedAt: ev.receivedAt,
    status: 'Queued',
    invokeCount: 0,
    throttles: 0,
    nextAttemptAt: ev.receivedAt,
    runningSince: undefined,
    condition: undefined,
    completedAt: undefined,
    attempts: [],
    deliveries: [],
  };
}
