// One minute of one metric series, how buckets merge (reload, wider periods) and how a group of them
// becomes a datapoint: sums, Duration average/p50/p99/max, and the ConcurrentExecutions maximum.

/** Counters of one series in one minute (the persisted shape). */
export interface MetricBucket {
  readonly functionName: string;
  readonly resource: string;
  readonly executedVersion: string;
  invocations: number;
  errors: number;
  throttles: number;
  /** Durations (ms) of the minute's invocations. */
  durations: number[];
  /** Most executions in flight: of this series, of its Resource, of the whole function. */
  concurrency: number;
  resourceConcurrency: number;
  functionConcurrency: number;
  asyncEventsReceived: number;
  asyncEventsDropped: number;
  recursiveInvocationsDropped: number;
  deadLetterErrors: number;
  destinationDeliveryFailures: number;
  asyncEventAges: number[];
}

/** One period of one query, shaped like CloudWatch statistics of the AWS/Lambda metrics. */
export interface MetricDatapoint {
  /** Start of the period, epoch ms. */
  readonly timestamp: number;
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  /** Undefined when nothing ran in the period. */
  readonly duration: { readonly average: number; readonly p50: number; readonly p99: number; readonly max: number; readonly min: number } | undefined;
  readonly concurrentExecutions: number;
  readonly asyncEventsReceived: number;
  readonly asyncEventsDropped: number;
  /** RecursiveInvocationsDropped: events stopped by recursive loop detection. */
  readonly recursiveInvocationsDropped: number;
  readonly asyncEventAgeMax: number | undefined;
  readonly deadLetterErrors: number;
  readonly destinationDeliveryFailures: number;
}

export function emptyBucket(key: { functionName: string; resource: string; executedVersion: string }): MetricBucket {
  return {
    functionName: key.functionName,
    resource: key.resource,
    executedVersion: key.executedVersion,
    invocations: 0,
    errors: 0,
    throttles: 0,
    durations: [],
    concurrency: 0,
    resourceConcurrency: 0,
    functionConcurrency: 0,
    asyncEventsReceived: 0,
    asyncEventsDropped: 0,
    recursiveInvocationsDropped: 0,
    deadLetterErrors: 0,
    destinationDeliveryFailures: 0,
    asyncEventAges: [],
  };
}

/** Adds `from` into `into` (loading several records of the same minute). */
export function mergeBucket(into: MetricBucket, from: Partial<MetricBucket>): void {
  into.invocations += from.invocations ?? 0;
  into.errors += from.errors ?? 0;
  into.throttles += from.throttles ?? 0;
  into.durations.push(...(from.durations ?? []));
  into.concurrency = Math.max(into.concurrency, from.concurrency ?? 0);
  into.resourceConcurrency = Math.max(into.resourceConcurrency, from.resourceConcurrency ?? 0);
  into.functionConcurrency = Math.max(into.functionConcurrency, from.functionConcurrency ?? 0);
  into.asyncEventsReceived += from.asyncEventsReceived ?? 0;
  into.asyncEventsDropped += from.asyncEventsDropped ?? 0;
  into.recursiveInvocationsDropped += from.recursiveInvocationsDropped ?? 0;
  into.deadLetterErrors += from.deadLetterErrors ?? 0;
  into.destinationDeliveryFailures += from.destinationDeliveryFailures ?? 0;
  into.asyncEventAges.push(...(from.asyncEventAges ?? []));
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Summarizes the buckets of one period; `level` picks which concurrency maximum applies. */
export function summarize(timestamp: number, buckets: readonly MetricBucket[], level: 'function' | 'resource' | 'series'): MetricDatapoint {
  const sum = (f: (b: MetricBucket) => number): number => buckets.reduce((n, b) => n + f(b), 0);
  const durations = buckets.flatMap((b) => b.durations).sort((a, b) => a - b);
  const ages = buckets.flatMap((b) => b.asyncEventAges);
  const conc = level === 'function' ? (b: MetricBucket) => b.functionConcurrency : level === 'resource' ? (b: MetricBucket) => b.resourceConcurrency : (b: MetricBucket) => b.concurrency;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    timestamp,
    invocations: sum((b) => b.invocations),
    errors: sum((b) => b.errors),
    throttles: sum((b) => b.throttles),
    duration: durations.length
      ? {
          average: round(durations.reduce((a, b) => a + b, 0) / durations.length),
          p50: percentile(durations, 50),
          p99: percentile(durations, 99),
          max: durations[durations.length - 1] as number,
          min: durations[0] as number,
        }
      : undefined,
    concurrentExecutions: buckets.reduce((m, b) => Math.max(m, conc(b)), 0),
    asyncEventsReceived: sum((b) => b.asyncEventsReceived),
    asyncEventsDropped: sum((b) => b.asyncEventsDropped),
    recursiveInvocationsDropped: sum((b) => b.recursiveInvocationsDropped),
    asyncEventAgeMax: ages.length ? Math.max(...ages) : undefined,
    deadLetterErrors: sum((b) => b.deadLetterErrors),
    destinationDeliveryFailures: sum((b) => b.destinationDeliveryFailures),
  };
}
