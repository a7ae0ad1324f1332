// Lambda's AWS/Lambda metrics (fidelity 14), per minute and per series (function, Resource = fn or
// fn:qualifier, ExecutedVersion): Invocations, Errors, Throttles, Duration, ConcurrentExecutions, and the
// async ones (hooks for the event queue). Each function's minutes are kept in <stateDir>/metrics/<fn>.jsonl.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeName } from '../logs/logStore';
import { emptyBucket, mergeBucket, summarize, type MetricBucket, type MetricDatapoint } from './metricBucket';

/** Which series a record belongs to. */
export interface SeriesKey {
  readonly functionName: string;
  /** `fn` for unqualified calls, `fn:alias` or `fn:version` otherwise. */
  readonly resource: string;
  readonly executedVersion: string;
}

export interface MetricsQuery {
  readonly functionName: string;
  readonly resource?: string;
  readonly executedVersion?: string;
  /** Epoch ms, inclusive; default: 60 minutes ago. */
  readonly startTime?: number;
  /** Epoch ms, exclusive; default: now. */
  readonly endTime?: number;
  /** Seconds per datapoint, a multiple of 60 (default 60). */
  readonly period?: number;
}

export type AsyncCounter = 'asyncEventsReceived' | 'asyncEventsDropped' | 'recursiveInvocationsDropped' | 'deadLetterErrors' | 'destinationDeliveryFailures';

const MINUTE = 60_000;
/** Datapoints older than this are not written back (CloudWatch keeps 1-minute data for 15 days). */
const KEEP_MS = 15 * 86_400_000;
const seriesId = (k: SeriesKey): string => `${k.functionName}\t${k.resource}\t${k.executedVersion}`;

/** Resource dimension from an invoked ARN (`...:function:fn[:qualifier]`). */
export function resourceOf(invokedArn: string): string {
  const i = invokedArn.indexOf(':function:');
  return i < 0 ? invokedArn : invokedArn.slice(i + ':function:'.length);
}

export class MetricsStore {
  /** minute -> series id -> bucket */
  private readonly minutes = new Map<number, Map<string, MetricBucket>>();
  private readonly inFlight = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly dirty = new Set<string>();

  constructor(
    private readonly dir: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (dir) this.load();
    this.dirty.clear();
    this.timer = setInterval(() => this.persist(), MINUTE);
    this.timer.unref();
  }

  private bucket(key: SeriesKey, at: number): MetricBucket {
    const minute = Math.floor(at / MINUTE) * MINUTE;
    let series = this.minutes.get(minute);
    if (!series) {
      series = new Map();
      this.minutes.set(minute, series);
    }
    const id = seriesId(key);
    let b = series.get(id);
    if (!b) {
      b = emptyBucket(key);
      series.set(id, b);
    }
    this.dirty.add(key.functionName);
    return b;
  }

  /** One invocation that ran (sync or async); timestamps are the invoke time, as on Lambda. */
  recordInvocation(key: SeriesKey, startedAt: number, durationMs: number, failed: boolean): void {
    const b = this.bucket(key, startedAt);
    b.invocations++;
    if (failed) b.errors++;
    b.durations.push(Math.round(durationMs * 100) / 100);
  }

  recordThrottle(key: SeriesKey): void {
    this.bucket(key, this.now()).throttles++;
  }

  /** An execution took a concurrency slot; ConcurrentExecutions is the most in flight within a minute. */
  executionStarted(key: SeriesKey): void {
    for (const id of this.concurrencyIds(key)) this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
    const b = this.bucket(key, this.now());
    b.concurrency = Math.max(b.concurrency, this.inFlight.get(seriesId(key)) ?? 0);
    b.functionConcurrency = Math.max(b.functionConcurrency, this.inFlight.get(key.functionName) ?? 0);
    b.resourceConcurrency = Math.max(b.resourceConcurrency, this.inFlight.get(`${key.functionName}\t${key.resource}`) ?? 0);
  }

  executionEnded(key: SeriesKey): void {
    for (const id of this.concurrencyIds(key)) this.inFlight.set(id, Math.max(0, (this.inFlight.get(id) ?? 1) - 1));
  }

  private concurrencyIds(key: SeriesKey): string[] {
    return [key.functionName, `${key.functionName}\t${key.resource}`, seriesId(key)];
  }

  /** Async invocation hooks (AsyncEventsReceived, AsyncEventsDropped, DeadLetterErrors, DestinationDeliveryFailures). */
  recordAsync(key: SeriesKey, counter: AsyncCounter, count = 1): void {
    this.bucket(key, this.now())[counter] += count;
  }

  /** AsyncEventAge: how long an event waited in the queue before it was (re)tried. */
  recordAsyncEventAge(key: SeriesKey, ageMs: number): void {
    this.bucket(key, this.now()).asyncEventAges.push(Math.round(ageMs));
  }

  /** Datapoints of one function (optionally one Resource / ExecutedVersion), oldest first; empty periods are omitted. */
  query(q: MetricsQuery): MetricDatapoint[] {
    const period = (q.period ?? 60) * 1000;
    if (period < MINUTE || period % MINUTE !== 0) throw new RangeError('period must be a multiple of 60 seconds');
    const end = q.endTime ?? this.now() + 1;
    const start = q.startTime ?? end - 60 * MINUTE;
    const groups = new Map<number, MetricBucket[]>();
    for (const [minute, series] of this.minutes) {
      if (minute + MINUTE <= start || minute >= end) continue;
      const slot = Math.floor(minute / period) * period;
      for (const b of series.values()) {
        if (b.functionName !== q.functionName) continue;
        if (q.resource !== undefined && b.resource !== q.resource) continue;
        if (q.executedVersion !== undefined && b.executedVersion !== q.executedVersion) continue;
        const list = groups.get(slot) ?? [];
        list.push(b);
        groups.set(slot, list);
      }
    }
    const level = q.executedVersion !== undefined ? 'series' : q.resource !== undefined ? 'resource' : 'function';
    return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([timestamp, buckets]) => summarize(timestamp, buckets, level));
  }

  /** Function names that have any datapoint. */
  functions(): string[] {
    const names = new Set<string>();
    for (const series of this.minutes.values()) for (const b of series.values()) names.add(b.functionName);
    return [...names].sort();
  }

  /** Rewrites the files of functions whose datapoints changed (atomically: temp file + rename). */
  persist(): void {
    if (!this.dir || this.dirty.size === 0) return;
    const keepFrom = this.now() - KEEP_MS;
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const fn of this.dirty) {
      let text = '';
      for (const [minute, series] of this.minutes) {
        if (minute < keepFrom) continue;
        for (const b of series.values()) if (b.functionName === fn) text += JSON.stringify({ minute, ...b }) + '\n';
      }
      const file = path.join(this.dir, `${encodeName(fn)}.jsonl`);
      fs.writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    }
    this.dirty.clear();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.persist();
  }

  private load(): void {
    let files: string[] = [];
    try {
      files = fs.readdirSync(this.dir as string).filter((f) => f.endsWith('.jsonl'));
    } catch {
      return;
    }
    for (const f of files) {
      for (const line of fs.readFileSync(path.join(this.dir as string, f), 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { minute, ...b } = JSON.parse(line) as MetricBucket & { minute: number };
          mergeBucket(this.bucket(b, minute), b);
        } catch {
          // a torn last line from a killed engine: skipped
        }
      }
    }
  }
}
