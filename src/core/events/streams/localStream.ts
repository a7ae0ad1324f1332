// One append-only, journaled stream shaped like Kinesis or a DynamoDB stream: shards chosen by the
// MD5 of the partition key over the hash-key range, increasing sequence numbers, reads after a position.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Clock } from '../../clock';
import { Journal } from '../../invoke/journal';

/** Kinesis stream or DynamoDB table stream. */
export type StreamKind = 'kinesis' | 'dynamodb';

/** A DynamoDB stream change (typed DynamoDB JSON). */
export interface DynamoDbChange {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly keys: Readonly<Record<string, unknown>>;
  readonly newImage?: Readonly<Record<string, unknown>>;
  readonly oldImage?: Readonly<Record<string, unknown>>;
  readonly sizeBytes: number;
}

/** One stored record. */
export interface StreamRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  /** Kinesis data, base64. */
  readonly data: string;
  /** Epoch ms. */
  readonly arrival: number;
  readonly change?: DynamoDbChange;
}

interface Shard {
  readonly id: string;
  readonly start: bigint;
  readonly end: bigint;
  readonly records: StreamRecord[];
}

const HASH_SPACE = 2n ** 128n;

/** Emits `records` (shardId) after new records reached the disk. */
export class LocalStream extends EventEmitter {
  readonly shards: readonly Shard[];
  private readonly journal: Journal<StreamRecord>;
  private counter = 0n;

  constructor(readonly name: string, readonly arn: string, readonly kind: StreamKind, shardCount: number, file: string, private readonly clock: Clock) {
    super();
    this.setMaxListeners(0);
    const width = HASH_SPACE / BigInt(shardCount);
    this.shards = Array.from({ length: shardCount }, (_, i) => ({
      id: `shardId-${String(i).padStart(12, '0')}`,
      start: width * BigInt(i),
      end: i === shardCount - 1 ? HASH_SPACE - 1n : width * BigInt(i + 1) - 1n,
      records: [],
    }));
    const { journal, records } = Journal.open<StreamRecord>(file);
    this.journal = journal;
    for (const r of records) {
      this.shards.find((s) => s.id === r.shardId)?.records.push(r);
      this.counter = BigInt(r.sequenceNumber.slice(kind === 'kinesis' ? 2 : 1));
    }
  }

  /** Appends records (fsync) and returns them with their shard and sequence number. */
  async put(entries: readonly { partitionKey: string; data: string; explicitHashKey?: string; change?: DynamoDbChange }[]): Promise<StreamRecord[]> {
    const now = this.clock.now();
    const out = entries.map((e) => {
      const hash = e.explicitHashKey !== undefined ? BigInt(e.explicitHashKey) : BigInt(`0x${createHash('md5').update(e.partitionKey).digest('hex')}`);
      const shard: Shard = this.shards.find((s) => hash >= s.start && hash <= s.end) ?? this.shards[0]!;
      const record: StreamRecord = { shardId: shard.id, sequenceNumber: this.nextSequence(), partitionKey: e.partitionKey, data: e.data, arrival: now, ...(e.change ? { change: e.change } : {}) };
      return { record, shard };
    });
    await Promise.all(out.map(({ record }) => this.journal.append(record)));
    const touched = new Set<string>();
    for (const { record, shard } of out) {
      shard.records.push(record);
      touched.add(shard.id);
    }
    for (const id of touched) this.emit('records', id);
    return out.map((o) => o.record);
  }

  /** Up to `max` records of a shard after `afterSequence` (from the start when undefined). */
  read(shardId: string, afterSequence: string | undefined, max: number): StreamRecord[] {
    const records = this.shard(shardId).records;
    let lo = 0;
    if (afterSequence !== undefined) {
      let hi = records.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((records[mid] as StreamRecord).sequenceNumber <= afterSequence) lo = mid + 1;
        else hi = mid;
      }
    }
    return records.slice(lo, lo + max);
  }

  /** The last sequence number of a shard (LATEST starts after it). */
  tip(shardId: string): string | undefined {
    const r = this.shard(shardId).records;
    return r[r.length - 1]?.sequenceNumber;
  }

  /** The position just before the first record that arrived at or after `at` (AT_TIMESTAMP). */
  positionAt(shardId: string, at: number): string | undefined {
    let before: string | undefined;
    for (const r of this.shard(shardId).records) {
      if (r.arrival >= at) break;
      before = r.sequenceNumber;
    }
    return before;
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private shard(id: string): Shard {
    const s = this.shards.find((x) => x.id === id);
    if (!s) throw new Error(`No shard ${id} in stream ${this.name}`);
    return s;
  }

  // Fixed-width decimal strings, so string order is numeric order (Kinesis 56 digits, DynamoDB 21).
  private nextSequence(): string {
    this.counter++;
    return this.kind === 'kinesis' ? `49${this.counter.toString().padStart(54, '0')}` : `4${this.counter.toString().padStart(20, '0')}`;
  }
}
