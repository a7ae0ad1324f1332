// Polls a local queue for one SQS event source mapping (fidelity 9.2): batches up to BatchSize within
// the batching window, invokes synchronously, deletes what succeeded (ReportBatchItemFailures aware)
// and leaves failures to reappear after the visibility timeout (and the queue's redrive).
import { RecursiveInvocationError } from '../../invoke/recursionGuard';
import { ApiError, messageOf } from '../../errors';
import type { LocalQueue } from '../queues/localQueue';
import { lambdaRecord, type SqsMessage } from '../queues/sqsMessage';
import { parseBatchItemFailures } from './batchItemFailures';
import { matchesAny, parseFilters } from './filterCriteria';
import type { MappingConfig } from './mappingConfig';
import { BATCH_PAYLOAD_LIMIT, clockDelay, type PollerDeps } from './pollerDeps';

/** Runs the mapping while started; at most `concurrency` batches in flight. */
export class SqsPoller {
  private inFlight = 0;
  private stopped = true;
  private collecting = false;
  private waiting: { cancel: () => void } | undefined;
  private readonly concurrency: number;
  private readonly filters;
  private readonly onAvailable = (): void => this.pump();
  lastResult = 'No records processed';

  constructor(private readonly mapping: MappingConfig, private readonly queue: LocalQueue, private readonly deps: PollerDeps) {
    // Lambda starts with 5 concurrent batches; one in flight per FIFO queue keeps order locally.
    this.concurrency = queue.settings.fifo ? 1 : Math.min(5, mapping.maximumConcurrency ?? 5);
    this.filters = parseFilters(mapping.filterCriteria);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.queue.on('available', this.onAvailable);
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.queue.off('available', this.onAvailable);
    this.waiting?.cancel();
  }

  private pump(): void {
    // While a batching window is open, new messages join that batch rather than start another.
    while (!this.stopped && !this.collecting && this.inFlight < this.concurrency) {
      const first = this.queue.receive(this.mapping.batchSize, undefined, BATCH_PAYLOAD_LIMIT);
      if (first.length === 0) return;
      this.inFlight++;
      void this.collect(first)
        .then((batch) => {
          this.pump();
          return this.process(batch);
        })
        .catch((e: unknown) => this.deps.warn(`Event source mapping ${this.mapping.uuid}: ${messageOf(e)}`))
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  // With a batching window, keeps receiving until the batch is full or the window closes.
  private async collect(batch: SqsMessage[]): Promise<SqsMessage[]> {
    const windowMs = this.mapping.maximumBatchingWindowInSeconds * 1000;
    if (windowMs === 0 || batch.length >= this.mapping.batchSize) return batch;
    this.collecting = true;
    try {
      return await this.fill(batch, windowMs);
    } finally {
      this.collecting = false;
    }
  }

  private async fill(batch: SqsMessage[], windowMs: number): Promise<SqsMessage[]> {
    const deadline = this.deps.clock.now() + windowMs;
    let bytes = batch.reduce((n, m) => n + Buffer.byteLength(m.body), 0);
    while (!this.stopped && batch.length < this.mapping.batchSize && this.deps.clock.now() < deadline && bytes < BATCH_PAYLOAD_LIMIT) {
      const delay = clockDelay(this.deps.clock, deadline - this.deps.clock.now());
      const wake = (): void => delay.cancel();
      this.queue.once('available', wake);
      this.waiting = delay;
      await delay.promise;
      this.queue.off('available', wake);
      for (const m of this.queue.receive(this.mapping.batchSize - batch.length, undefined, BATCH_PAYLOAD_LIMIT - bytes)) {
        // A message whose visibility timeout ran out during the window is the same message again.
        const same = batch.findIndex((x) => x.messageId === m.messageId);
        if (same >= 0) batch[same] = m;
        else {
          batch.push(m);
          bytes += Buffer.byteLength(m.body);
        }
      }
    }
    return batch;
  }

  private async process(batch: SqsMessage[]): Promise<void> {
    const { mapping, queue, deps } = this;
    const region = deps.partition.region;
    const records = batch.map((m) => lambdaRecord(m, queue.arn, region));
    const keep = records.filter((r) => matchesAny(this.filters, { ...r, body: parseBody(r['body'] as string) }));
    const dropped = batch.filter((_, i) => !keep.includes(records[i] as Record<string, unknown>));
    for (const m of dropped) this.delete(m);
    if (keep.length === 0) {
      deps.report({ uuid: mapping.uuid, functionName: mapping.functionName, records: batch.length, outcome: 'Filtered' });
      return;
    }
    const sent = batch.filter((m) => !dropped.includes(m));
    let response;
    try {
      response = await deps.invoker.invoke({
        functionName: mapping.functionName,
        ...(mapping.qualifier !== undefined ? { qualifier: mapping.qualifier } : {}),
        payload: Buffer.from(JSON.stringify({ Records: keep })),
        eventSource: 'sqs',
        ...(sent[0]?.traceHeader !== undefined ? { traceHeader: sent[0].traceHeader } : {}),
      });
    } catch (e) {
      if (e instanceof RecursiveInvocationError) {
        // Loop detection stopped the chain: the messages go to the queue's dead-letter queue when it
        // has one (Lambda's "sends the event to a dead-letter queue ... if configured"), else are dropped.
        await Promise.all(sent.map((m) => this.dropRecursive(m)));
        this.lastResult = `PROBLEM: ${e.message}`;
        deps.report({ uuid: mapping.uuid, functionName: mapping.functionName, records: sent.length, outcome: 'Error', message: e.message });
        return;
      }
      // Throttled or not runnable: the messages come back after their visibility timeout.
      const throttled = e instanceof ApiError && e.statusCode === 429;
      this.lastResult = `PROBLEM: ${messageOf(e)}`;
      deps.report({ uuid: mapping.uuid, functionName: mapping.functionName, records: sent.length, outcome: throttled ? 'Throttled' : 'Error', message: messageOf(e) });
      if (!throttled) deps.warn(`Event source mapping ${mapping.uuid} (${queue.name} -> ${mapping.functionName}): ${messageOf(e)}`);
      return;
    }
    const base = { uuid: mapping.uuid, functionName: mapping.functionName, records: sent.length, requestId: response.requestId };
    if (response.functionError) {
      this.lastResult = 'PROBLEM: Function call failed';
      deps.report({ ...base, outcome: 'Failed', failedItems: sent.map((m) => m.messageId) });
      return;
    }
    this.lastResult = 'OK';
    if (!mapping.reportBatchItemFailures) {
      for (const m of sent) this.delete(m);
      deps.report({ ...base, outcome: 'Success' });
      return;
    }
    const verdict = parseBatchItemFailures(response.payload, new Set(sent.map((m) => m.messageId)));
    if (verdict.kind === 'failed') {
      deps.report({ ...base, outcome: 'Failed', failedItems: sent.map((m) => m.messageId), message: verdict.reason });
      return;
    }
    let failed = new Set(verdict.kind === 'partial' ? verdict.failed : []);
    if (queue.settings.fifo && failed.size) {
      // FIFO: everything after the first failure is retried too, to keep the order.
      const first = sent.findIndex((m) => failed.has(m.messageId));
      failed = new Set(sent.slice(first).map((m) => m.messageId));
    }
    for (const m of sent) if (!failed.has(m.messageId)) this.delete(m);
    deps.report({ ...base, outcome: failed.size ? 'PartialFailure' : 'Success', ...(failed.size ? { failedItems: [...failed] } : {}) });
  }

  private async dropRecursive(m: SqsMessage): Promise<void> {
    try {
      if (m.receipt && (await this.queue.deadLetter(m.receipt))) return;
    } catch (e) {
      this.deps.warn(`Event source mapping ${this.mapping.uuid}: could not move message ${m.messageId} to the dead-letter queue of ${this.queue.name}: ${messageOf(e)}`);
    }
    this.delete(m);
  }

  private delete(m: SqsMessage): void {
    try {
      if (m.receipt) this.queue.delete(m.receipt);
    } catch {
      // Received again by someone else meanwhile: that receiver owns it now.
    }
  }
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
