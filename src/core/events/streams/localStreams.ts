// The engine's streams: Kinesis streams (AWS::Kinesis::Stream or CreateStream) and DynamoDB table
// streams (StreamSpecification), persisted under <stateDir>/streams/ with the mappings' checkpoints.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Partition } from '../../arn';
import type { Clock } from '../../clock';
import { ApiError } from '../../errors';
import { LocalStream, type StreamKind, type StreamRecord } from './localStream';
import type { StreamViewType } from './streamRecords';

interface StreamMeta {
  readonly name: string;
  readonly kind: StreamKind;
  readonly shardCount: number;
  readonly viewType?: StreamViewType;
  readonly createdAt: number;
}

/** A DynamoDB change as callers give it (typed DynamoDB JSON). */
export interface DynamoDbChangeInput {
  readonly eventName?: unknown;
  readonly Keys?: unknown;
  readonly NewImage?: unknown;
  readonly OldImage?: unknown;
}

const DDB_STREAM_LABEL = '1970-01-01T00:00:00.000';
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Streams by kind and name, plus durable checkpoints per mapping and shard. */
export class LocalStreams {
  private readonly streams = new Map<string, { stream: LocalStream; meta: StreamMeta }>();
  private readonly dir: string;
  private checkpoints: Record<string, string | null> = {};

  constructor(stateDir: string, private readonly partition: Partition, private readonly clock: Clock) {
    this.dir = path.join(stateDir, 'streams');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const meta of readJson<StreamMeta[]>(path.join(this.dir, 'streams.json')) ?? []) this.open(meta);
    this.checkpoints = readJson<Record<string, string | null>>(path.join(this.dir, 'checkpoints.json')) ?? {};
  }

  arnOf(kind: StreamKind, name: string): string {
    const { region, accountId } = this.partition;
    return kind === 'kinesis' ? `arn:aws:kinesis:${region}:${accountId}:stream/${name}` : `arn:aws:dynamodb:${region}:${accountId}:table/${name}/stream/${DDB_STREAM_LABEL}`;
  }

  get(kind: StreamKind, name: string): LocalStream | undefined {
    return this.streams.get(`${kind}/${name}`)?.stream;
  }

  viewType(name: string): StreamViewType {
    return this.streams.get(`dynamodb/${name}`)?.meta.viewType ?? 'NEW_AND_OLD_IMAGES';
  }

  /** A stream from its ARN (a DynamoDB stream matches whatever its label). */
  byArn(arn: string): LocalStream | undefined {
    const k = /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/([^/]+)$/.exec(arn);
    if (k) return this.get('kinesis', k[1] as string);
    const d = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)\/stream\/.+$/.exec(arn);
    return d ? this.get('dynamodb', d[1] as string) : undefined;
  }

  list(kind: StreamKind): string[] {
    return [...this.streams.values()].filter((s) => s.meta.kind === kind).map((s) => s.meta.name).sort();
  }

  createdAt(kind: StreamKind, name: string): number {
    return this.streams.get(`${kind}/${name}`)?.meta.createdAt ?? 0;
  }

  /** Creates a stream (idempotent for the same shape). */
  create(kind: StreamKind, name: string, shardCount = 1, viewType?: StreamViewType): LocalStream {
    const existing = this.streams.get(`${kind}/${name}`);
    if (existing) {
      if (existing.meta.shardCount !== shardCount) {
        throw new ApiError('ResourceInUseException', 400, `Stream ${name} under account ${this.partition.accountId} already exists with ${existing.meta.shardCount} shard(s).`);
      }
      return existing.stream;
    }
    const stream = this.open({ name, kind, shardCount, ...(viewType ? { viewType } : {}), createdAt: this.clock.now() });
    this.save();
    return stream;
  }

  /** Creates the template's Kinesis streams and DynamoDB table streams. */
  applyTemplate(resources: Readonly<Record<string, { readonly type: string; readonly properties: Readonly<Record<string, unknown>> }>>, warn: (m: string) => void): void {
    for (const [id, r] of Object.entries(resources)) {
      try {
        if (r.type === 'AWS::Kinesis::Stream') {
          const name = typeof r.properties['Name'] === 'string' ? r.properties['Name'] : id;
          this.create('kinesis', name, Number(r.properties['ShardCount'] ?? 1) || 1);
        } else if (r.type === 'AWS::DynamoDB::Table' && isRecord(r.properties['StreamSpecification'])) {
          const name = typeof r.properties['TableName'] === 'string' ? r.properties['TableName'] : id;
          const view = String(r.properties['StreamSpecification']['StreamViewType'] ?? 'NEW_AND_OLD_IMAGES') as StreamViewType;
          this.create('dynamodb', name, 1, view);
        }
      } catch (e) {
        warn(`Stream ${id} cannot be created locally: ${(e as Error).message}`);
      }
    }
  }

  /** Appends DynamoDB changes to a table's stream, as if items were written. */
  async putDynamoDbChanges(table: string, changes: readonly DynamoDbChangeInput[]): Promise<StreamRecord[]> {
    const stream = this.get('dynamodb', table);
    if (!stream) throw new ApiError('ResourceNotFoundException', 400, `Requested resource not found: Table ${table} has no stream locally (declare it with a StreamSpecification).`);
    const entries = changes.map((c) => {
      if (!isRecord(c.Keys) || Object.keys(c.Keys).length === 0) throw new ApiError('ValidationException', 400, 'Each record needs Keys in DynamoDB JSON, e.g. {"id":{"S":"1"}}.');
      const newImage = isRecord(c.NewImage) ? c.NewImage : undefined;
      const oldImage = isRecord(c.OldImage) ? c.OldImage : undefined;
      const eventName = c.eventName ?? (oldImage ? (newImage ? 'MODIFY' : 'REMOVE') : 'INSERT');
      if (eventName !== 'INSERT' && eventName !== 'MODIFY' && eventName !== 'REMOVE') throw new ApiError('ValidationException', 400, `eventName must be INSERT, MODIFY or REMOVE (got ${String(eventName)}).`);
      const keys = c.Keys;
      const sizeBytes = Buffer.byteLength(JSON.stringify([keys, newImage ?? null, oldImage ?? null]));
      return {
        partitionKey: JSON.stringify(keys),
        data: '',
        change: { eventID: randomUUID().replace(/-/g, ''), eventName, keys, ...(newImage ? { newImage } : {}), ...(oldImage ? { oldImage } : {}), sizeBytes } as const,
      };
    });
    return stream.put(entries);
  }

  /** The saved position of a mapping in a shard: undefined = never started, null = from the start. */
  checkpoint(uuid: string, shardId: string): string | null | undefined {
    return this.checkpoints[`${uuid}/${shardId}`];
  }

  setCheckpoint(uuid: string, shardId: string, sequence: string | null): void {
    this.checkpoints[`${uuid}/${shardId}`] = sequence;
    const file = path.join(this.dir, 'checkpoints.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(this.checkpoints), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }

  /** Forgets a deleted mapping's checkpoints. */
  dropCheckpoints(uuid: string): void {
    for (const k of Object.keys(this.checkpoints)) if (k.startsWith(`${uuid}/`)) delete this.checkpoints[k];
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => s.stream.close()));
  }

  private open(meta: StreamMeta): LocalStream {
    const stream = new LocalStream(meta.name, this.arnOf(meta.kind, meta.name), meta.kind, meta.shardCount, path.join(this.dir, meta.kind, `${encodeURIComponent(meta.name)}.jsonl`), this.clock);
    this.streams.set(`${meta.kind}/${meta.name}`, { stream, meta });
    return stream;
  }

  private save(): void {
    const file = path.join(this.dir, 'streams.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify([...this.streams.values()].map((s) => s.meta), null, 1), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
