// The engine's SQS-shaped queues: declared in the template (AWS::SQS::Queue) or created through the
// API, persisted under <stateDir>/sqs/, found by name, URL or ARN; redrive moves messages between them.
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Partition } from '../../arn';
import type { Clock } from '../../clock';
import { ApiError } from '../../errors';
import { LocalQueue, type QueueSettings } from './localQueue';
import { differingAttribute, settingsFromTemplate } from './queueAttributes';
import type { MessageAttributeMap, SqsMessage } from './sqsMessage';

interface QueueMeta {
  readonly name: string;
  readonly settings: QueueSettings;
  readonly createdAt: number;
  readonly lastModified: number;
  readonly source: 'template' | 'api';
}

/** SQS's answer for any unknown queue. */
export const queueDoesNotExist = (): ApiError => new ApiError('QueueDoesNotExist', 400, 'The specified queue does not exist.');

/** Emits `change` (queue names) when queues are created, updated or deleted. */
export class LocalQueues extends EventEmitter {
  private readonly queues = new Map<string, { queue: LocalQueue; meta: QueueMeta }>();
  private readonly dir: string;

  constructor(stateDir: string, private readonly partition: Partition, private readonly clock: Clock, private readonly baseUrl: () => string | undefined) {
    super();
    this.dir = path.join(stateDir, 'sqs');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    let saved: QueueMeta[] = [];
    try {
      saved = JSON.parse(fs.readFileSync(path.join(this.dir, 'queues.json'), 'utf8')) as QueueMeta[];
    } catch {
      // First start.
    }
    for (const meta of saved) this.open(meta);
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.partition.region}:${this.partition.accountId}:${name}`;
  }

  /** The queue URL on the engine's endpoint (or the AWS form when the API is not listening). */
  urlOf(name: string): string {
    const base = this.baseUrl();
    return base ? `${base}/${this.partition.accountId}/${name}` : `https://sqs.${this.partition.region}.amazonaws.com/${this.partition.accountId}/${name}`;
  }

  get(name: string): LocalQueue | undefined {
    return this.queues.get(name)?.queue;
  }

  info(name: string): QueueMeta | undefined {
    return this.queues.get(name)?.meta;
  }

  /** A queue from a QueueUrl (any host; the last path segment is the name) or a bare name. */
  byUrl(url: unknown): LocalQueue {
    if (typeof url !== 'string' || url === '') throw new ApiError('MissingParameter', 400, 'The request must contain the parameter QueueUrl.');
    const name = url.replace(/\/+$/, '').split('/').pop() ?? '';
    const q = this.queues.get(name);
    if (!q) throw queueDoesNotExist();
    return q.queue;
  }

  byArn(arn: string): LocalQueue | undefined {
    const m = /^arn:[^:]+:sqs:([^:]*):([^:]*):(.+)$/.exec(arn);
    if (!m || (m[1] && m[1] !== this.partition.region) || (m[2] && m[2] !== this.partition.accountId)) return undefined;
    return this.queues.get(m[3] as string)?.queue;
  }

  list(prefix = ''): string[] {
    return [...this.queues.keys()].filter((n) => n.startsWith(prefix)).sort();
  }

  /** CreateQueue: returns the existing queue when the settings match, else QueueNameExists. */
  create(name: string, settings: QueueSettings, source: 'template' | 'api'): LocalQueue {
    checkName(name, settings.fifo);
    const existing = this.queues.get(name);
    if (existing) {
      const differs = differingAttribute(existing.meta.settings, settings);
      if (differs === undefined) return existing.queue;
      if (source === 'api') throw new ApiError('QueueNameExists', 400, `A queue already exists with the same name and a different value for attribute ${differs}`);
      return this.update(name, settings, source);
    }
    const now = this.clock.now();
    const queue = this.open({ name, settings, createdAt: now, lastModified: now, source });
    this.save();
    this.emit('change', [name]);
    return queue;
  }

  /** SetQueueAttributes (or a template change). */
  update(name: string, settings: QueueSettings, source: 'template' | 'api'): LocalQueue {
    const q = this.queues.get(name);
    if (!q) throw queueDoesNotExist();
    if (settings.fifo !== q.meta.settings.fifo) throw new ApiError('InvalidAttributeName', 400, 'Unknown Attribute FifoQueue.');
    q.queue.settings = settings;
    q.meta = { ...q.meta, settings, lastModified: this.clock.now(), source };
    this.save();
    this.emit('change', [name]);
    return q.queue;
  }

  async delete(name: string): Promise<void> {
    const q = this.queues.get(name);
    if (!q) throw queueDoesNotExist();
    this.queues.delete(name);
    await q.queue.close();
    fs.rmSync(this.fileOf(name), { force: true });
    this.save();
    this.emit('change', [name]);
  }

  /** Creates or updates the template's AWS::SQS::Queue resources (queues are never deleted here). */
  applyTemplate(resources: Readonly<Record<string, { readonly type: string; readonly properties: Readonly<Record<string, unknown>> }>>, onError: (message: string) => void): void {
    for (const [id, r] of Object.entries(resources)) {
      if (r.type !== 'AWS::SQS::Queue') continue;
      try {
        const settings = settingsFromTemplate(r.properties);
        const name = typeof r.properties['QueueName'] === 'string' ? r.properties['QueueName'] : settings.fifo ? `${id}.fifo` : id;
        this.create(name, settings, 'template');
      } catch (e) {
        onError(`Queue ${id} cannot be created locally: ${(e as Error).message}`);
      }
    }
  }

  /** Sends to a queue by ARN (destinations, DLQs, topics); rejects when the queue does not exist. */
  async sendToArn(arn: string, body: string, attributes: MessageAttributeMap, senderId: string, traceHeader?: string): Promise<SqsMessage> {
    const queue = this.byArn(arn);
    if (!queue) throw new ApiError('QueueDoesNotExist', 400, `The queue ${arn} does not exist locally. Declare it in the template or create it with "aws sqs create-queue".`);
    return queue.send({ body, attributes, senderId, ...(queue.settings.fifo ? { groupId: 'lambda-workbench' } : {}), ...(traceHeader !== undefined ? { traceHeader } : {}) });
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.queue.close()));
  }

  private open(meta: QueueMeta): LocalQueue {
    const queue = new LocalQueue(meta.name, this.arnOf(meta.name), meta.settings, this.fileOf(meta.name), this.clock, (m, target) => this.redrive(meta.name, m, target));
    this.queues.set(meta.name, { queue, meta });
    return queue;
  }

  private async redrive(from: string, m: SqsMessage, targetArn: string): Promise<void> {
    const target = this.byArn(targetArn);
    if (!target) {
      this.emit('warning', `Queue ${from}: message ${m.messageId} exceeded maxReceiveCount but its dead-letter queue ${targetArn} does not exist locally; the message was removed.`);
      return;
    }
    await target.send({ body: m.body, attributes: m.attributes, senderId: m.senderId, messageId: m.messageId, sourceArn: this.arnOf(from), ...(m.groupId !== undefined ? { groupId: m.groupId } : {}) });
  }

  private fileOf(name: string): string {
    return path.join(this.dir, `${encodeURIComponent(name)}.jsonl`);
  }

  private save(): void {
    const file = path.join(this.dir, 'queues.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify([...this.queues.values()].map((q) => q.meta), null, 1), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }
}

function checkName(name: string, fifo: boolean): void {
  const base = fifo ? name.replace(/\.fifo$/, '') : name;
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(base) || name.length > 80 || (fifo && !name.endsWith('.fifo'))) {
    throw new ApiError('InvalidParameterValue', 400, fifo
      ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
      : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
}
