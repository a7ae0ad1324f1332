// Reads a local stream for one Kinesis / DynamoDB mapping (fidelity 9.3): per shard, in order, from a
// durable checkpoint; an error blocks the shard and retries (bisecting when asked) until success,
// exhausted retries or record age, then the batch goes to the on-failure destination.
import { functionArn } from '../../arn';
import { ApiError, messageOf } from '../../errors';
import type { LocalStream, StreamRecord } from '../streams/localStream';
import type { LocalStreams } from '../streams/localStreams';
import { dynamoDbEventRecord, kinesisEventRecord, streamFailureRecord } from '../streams/streamRecords';
import { parseBatchItemFailures } from './batchItemFailures';
import { matchesAny, parseFilters } from './filterCriteria';
import type { MappingConfig } from './mappingConfig';
import { BATCH_PAYLOAD_LIMIT, clockDelay, type PollerDeps } from './pollerDeps';

interface Pending {
  records: StreamRecord[];
  retries: number;
  invocations: number;
  lastRequestId: string;
  executedVersion: string;
}

/** One worker per shard; `stop` cancels waits (a batch in flight finishes without moving on). */
export class StreamPoller {
  private stopped = true;
  private readonly wakers = new Set<() => void>();
  private readonly filters;
  lastResult = 'No records processed';

  constructor(
    private readonly mapping: MappingConfig,
    private readonly stream: LocalStream,
    private readonly streams: LocalStreams,
    private readonly deps: PollerDeps,
    private readonly invokeIdentityArn: string,
  ) {
    this.filters = parseFilters(mapping.filterCriteria);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const shard of this.stream.shards) {
      if (this.streams.checkpoint(this.mapping.uuid, shard.id) === undefined) this.streams.setCheckpoint(this.mapping.uuid, shard.id, this.initialPosition(shard.id));
      void this.run(shard.id).catch((e: unknown) => this.deps.warn(`Event source mapping ${this.mapping.uuid} (${shard.id}): ${messageOf(e)}`));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const wake of [...this.wakers]) wake();
  }

  private initialPosition(shardId: string): string | null {
    const m = this.mapping;
    if (m.startingPosition === 'LATEST') return this.stream.tip(shardId) ?? null;
    if (m.startingPosition === 'AT_TIMESTAMP' && m.startingPositionTimestamp !== undefined) return this.stream.positionAt(shardId, m.startingPositionTimestamp) ?? null;
    return null;
  }

  private async run(shardId: string): Promise<void> {
    while (!this.stopped) {
      let batch = this.readBatch(shardId);
      if (batch.length === 0) {
        await this.waitFor(shardId, Infinity);
        continue;
      }
      const windowMs = this.mapping.maximumBatchingWindowInSeconds * 1000;
      if (windowMs > 0 && batch.length < this.mapping.batchSize) {
        const deadline = this.deps.clock.now() + windowMs;
        while (!this.stopped && batch.length < this.mapping.batchSize && this.deps.clock.now() < deadline) {
          await this.waitFor(shardId, deadline - this.deps.clock.now());
          batch = this.readBatch(shardId);
        }
      }
      if (!this.stopped) await this.handle(shardId, batch);
    }
  }

  private readBatch(shardId: string): StreamRecord[] {
    const records = this.stream.read(shardId, this.streams.checkpoint(this.mapping.uuid, shardId) ?? undefined, this.mapping.batchSize);
    let bytes = 0;
    const out: StreamRecord[] = [];
    for (const r of records) {
      bytes += r.data.length + (r.change ? r.change.sizeBytes : 0) + 512;
      if (out.length > 0 && bytes > BATCH_PAYLOAD_LIMIT) break;
      out.push(r);
    }
    return out;
  }

  // Resolves on new records in the shard, after `ms` of engine time, or on stop.
  private waitFor(shardId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const delay = ms === Infinity ? undefined : clockDelay(this.deps.clock, ms);
      const onRecords = (id: string): void => {
        if (id === shardId) wake();
      };
      const wake = (): void => {
        this.stream.off('records', onRecords);
        this.wakers.delete(wake);
        delay?.cancel();
        resolve();
      };
      this.stream.on('records', onRecords);
      this.wakers.add(wake);
      void delay?.promise.then(wake);
    });
  }

  private async handle(shardId: string, batch: StreamRecord[]): Promise<void> {
    const queue: Pending[] = [{ records: batch, retries: 0, invocations: 0, lastRequestId: '', executedVersion: '$LATEST' }];
    while (queue.length > 0 && !this.stopped) {
      const item = queue[0] as Pending;
      const last = item.records[item.records.length - 1] as StreamRecord;
      const eventRecords = item.records.map((r) => this.eventRecord(r));
      const kept = eventRecords.filter((r) => matchesAny(this.filters, this.filterView(r)));
      if (kept.length === 0) {
        this.advance(shardId, last.sequenceNumber, item, 'Filtered');
        queue.shift();
        continue;
      }
      const maxAge = this.mapping.maximumRecordAgeInSeconds;
      if (maxAge !== -1 && this.deps.clock.now() - (item.records[0] as StreamRecord).arrival > maxAge * 1000) {
        await this.giveUp(shardId, item, 'RecordAgeExceeded');
        queue.shift();
        continue;
      }
      let response;
      try {
        response = await this.deps.invoker.invoke({
          functionName: this.mapping.functionName,
          ...(this.mapping.qualifier !== undefined ? { qualifier: this.mapping.qualifier } : {}),
          payload: Buffer.from(JSON.stringify({ Records: kept })),
        });
      } catch (e) {
        // Throttles and service errors never reached the function: they do not count as retries.
        this.lastResult = `PROBLEM: ${messageOf(e)}`;
        this.report(item, e instanceof ApiError && e.statusCode === 429 ? 'Throttled' : 'Error', messageOf(e));
        await this.backoff(++item.invocations);
        continue;
      }
      if (this.stopped) return;
      item.invocations++;
      item.lastRequestId = response.requestId;
      item.executedVersion = response.executedVersion ?? '$LATEST';
      let failedFrom: number | undefined;
      if (response.functionError) failedFrom = 0;
      else if (this.mapping.reportBatchItemFailures) {
        const verdict = parseBatchItemFailures(response.payload, new Set(item.records.map((r) => r.sequenceNumber)));
        if (verdict.kind === 'failed') failedFrom = 0;
        else if (verdict.kind === 'partial') failedFrom = item.records.findIndex((r) => verdict.failed.includes(r.sequenceNumber));
      }
      if (failedFrom === undefined) {
        this.lastResult = 'OK';
        this.advance(shardId, last.sequenceNumber, item, 'Success');
        queue.shift();
        continue;
      }
      this.lastResult = 'PROBLEM: Function call failed';
      if (failedFrom > 0) {
        // The lowest reported sequence number becomes the checkpoint; the rest is retried.
        this.streams.setCheckpoint(this.mapping.uuid, shardId, (item.records[failedFrom - 1] as StreamRecord).sequenceNumber);
        item.records = item.records.slice(failedFrom);
      }
      if (response.functionError && this.mapping.bisectBatchOnFunctionError && item.records.length > 1) {
        const half = Math.ceil(item.records.length / 2);
        const fresh = { retries: item.retries, invocations: item.invocations, lastRequestId: item.lastRequestId, executedVersion: item.executedVersion };
        queue.splice(0, 1, { ...fresh, records: item.records.slice(0, half) }, { ...fresh, records: item.records.slice(half) });
        this.report(item, 'Failed', `Bisected a batch of ${item.records.length} records`);
        continue;
      }
      item.retries++;
      const max = this.mapping.maximumRetryAttempts;
      if (max !== -1 && item.retries > max) {
        await this.giveUp(shardId, item, 'RetryAttemptsExhausted');
        queue.shift();
        continue;
      }
      this.report(item, 'Failed');
      await this.backoff(item.retries);
    }
  }

  private eventRecord(r: StreamRecord): Record<string, unknown> {
    const region = this.deps.partition.region;
    return this.stream.kind === 'kinesis'
      ? kinesisEventRecord(r, this.stream.arn, region, this.invokeIdentityArn)
      : dynamoDbEventRecord(r, this.stream.arn, region, this.streams.viewType(this.stream.name));
  }

  // Kinesis filters see the decoded data (JSON when it parses).
  private filterView(record: Record<string, unknown>): unknown {
    const k = record['kinesis'] as { data: string } | undefined;
    if (!k) return record;
    const text = Buffer.from(k.data, 'base64').toString('utf8');
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // Plain data matches as a string.
    }
    return { ...record, data };
  }

  private advance(shardId: string, sequence: string, item: Pending, outcome: 'Success' | 'Filtered'): void {
    this.streams.setCheckpoint(this.mapping.uuid, shardId, sequence);
    this.report(item, outcome);
  }

  private async giveUp(shardId: string, item: Pending, condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded'): Promise<void> {
    const last = item.records[item.records.length - 1] as StreamRecord;
    const destination = this.mapping.onFailure;
    if (destination) {
      const record = streamFailureRecord({
        kind: this.stream.kind,
        records: item.records,
        streamArn: this.stream.arn,
        requestId: item.lastRequestId,
        functionArn: functionArn(this.deps.partition, this.mapping.functionName),
        condition,
        approximateInvokeCount: item.invocations,
        executedVersion: item.executedVersion,
        timestamp: this.deps.clock.now(),
      });
      try {
        await this.deps.destinations.send(destination, record);
      } catch (e) {
        this.deps.warn(`Event source mapping ${this.mapping.uuid}: could not send failed records to ${destination}: ${messageOf(e)}`);
      }
    } else {
      this.deps.warn(`Event source mapping ${this.mapping.uuid}: discarded ${item.records.length} record(s) of ${shardId} (${condition}); set an on-failure destination to keep them.`);
    }
    this.streams.setCheckpoint(this.mapping.uuid, shardId, last.sequenceNumber);
    this.report(item, 'SentToDestination', condition);
  }

  private report(item: Pending, outcome: 'Success' | 'Failed' | 'Throttled' | 'Filtered' | 'SentToDestination' | 'Error', message?: string): void {
    this.deps.report({
      uuid: this.mapping.uuid,
      functionName: this.mapping.functionName,
      records: item.records.length,
      outcome,
      ...(outcome === 'Failed' || outcome === 'SentToDestination' ? { failedItems: item.records.map((r) => r.sequenceNumber) } : {}),
      ...(item.lastRequestId ? { requestId: item.lastRequestId } : {}),
      ...(message !== undefined ? { message } : {}),
    });
  }

  private async backoff(attempt: number): Promise<void> {
    const ms = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1)) * this.deps.retryDelayScale();
    const delay = clockDelay(this.deps.clock, ms);
    const wake = (): void => delay.cancel();
    this.wakers.add(wake);
    await delay.promise;
    this.wakers.delete(wake);
  }
}
