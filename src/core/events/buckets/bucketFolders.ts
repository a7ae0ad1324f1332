// S3 events of the template mapped onto local folders (one per bucket, configurable): files created,
// changed or deleted there (chokidar) become ObjectCreated:Put / ObjectRemoved:Delete notifications,
// filtered by event type and key prefix/suffix, sent to the functions asynchronously.
import { watch, type FSWatcher } from 'chokidar';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../../clock';
import { messageOf } from '../../errors';
import type { FunctionSpec } from '../../project/functionSpec';
import type { TargetOf } from '../templateTarget';
import { nextSequencer, s3Event, type ObjectChange, type S3EventName } from './s3Notification';

/** One function's subscription to a bucket. */
interface Subscription {
  readonly target: string;
  readonly configurationId: string;
  readonly events: readonly string[];
  readonly prefix: string;
  readonly suffix: string;
}

/** A change seen in a bucket folder and the functions it was sent to (empty when none matched). */
export interface BucketNotification {
  readonly change: ObjectChange;
  readonly delivered: readonly { readonly functionName: string; readonly requestId: string }[];
}

export declare interface BucketFolders {
  on(event: 'notification', fn: (n: BucketNotification) => void): this;
  on(event: 'warning', fn: (message: string) => void): this;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Watches one folder per subscribed bucket. */
export class BucketFolders extends EventEmitter {
  private watchers = new Map<string, { watcher: FSWatcher; dir: string; subscriptions: Subscription[] }>();

  constructor(
    private readonly defaultRoot: string,
    /** Bucket name to folder, absolute or relative to `baseDir`. */
    private readonly folders: Readonly<Record<string, string>>,
    private readonly baseDir: string,
    private readonly clock: Clock,
    private readonly region: string,
    private readonly invokeAsync: (functionName: string, payload: string) => Promise<string>,
  ) {
    super();
  }

  /** The folder standing for a bucket. */
  folderOf(bucket: string): string {
    const custom = this.folders[bucket];
    return custom !== undefined ? path.resolve(this.baseDir, custom) : path.join(this.defaultRoot, bucket);
  }

  /** Buckets being watched and their folders. */
  list(): { bucket: string; folder: string }[] {
    return [...this.watchers].map(([bucket, w]) => ({ bucket, folder: w.dir }));
  }

  /** Re-reads the template's S3 events; resolves when every folder is watched. */
  async apply(functions: readonly FunctionSpec[], targetOf: TargetOf): Promise<void> {
    const wanted = new Map<string, Subscription[]>();
    for (const fn of functions) {
      for (const ev of fn.events) {
        if (ev.type !== 'S3') continue;
        const bucket = ev.properties['Bucket'];
        if (typeof bucket !== 'string') {
          this.emit('warning', `${fn.logicalId} event ${ev.name} (S3): Bucket must name a bucket of this template (!Ref MyBucket).`);
          continue;
        }
        const rules = Array.isArray(asRecord(asRecord(ev.properties['Filter'])['S3Key'])['Rules']) ? (asRecord(asRecord(ev.properties['Filter'])['S3Key'])['Rules'] as unknown[]) : [];
        const rule = (name: string): string => String(asRecord(rules.find((r) => String(asRecord(r)['Name']).toLowerCase() === name))['Value'] ?? '');
        const events = ([] as unknown[]).concat(ev.properties['Events'] ?? []).map(String);
        const list = wanted.get(bucket) ?? [];
        list.push({ target: targetOf(fn), configurationId: `${fn.logicalId}${ev.name}`, events, prefix: rule('prefix'), suffix: rule('suffix') });
        wanted.set(bucket, list);
      }
    }
    for (const [bucket, w] of this.watchers) {
      if (wanted.has(bucket) && w.dir === this.folderOf(bucket)) continue;
      await w.watcher.close();
      this.watchers.delete(bucket);
    }
    const ready: Promise<void>[] = [];
    for (const [bucket, subscriptions] of wanted) {
      const existing = this.watchers.get(bucket);
      if (existing) {
        existing.subscriptions = subscriptions;
        continue;
      }
      const dir = this.folderOf(bucket);
      fs.mkdirSync(dir, { recursive: true });
      const watcher = watch(dir, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
      const entry = { watcher, dir, subscriptions };
      this.watchers.set(bucket, entry);
      const on = (eventName: S3EventName) => (file: string): void => {
        void this.notify(bucket, entry.dir, entry.subscriptions, file, eventName).catch((e: unknown) => this.emit('warning', `Bucket ${bucket}: ${messageOf(e)}`));
      };
      watcher.on('add', on('ObjectCreated:Put')).on('change', on('ObjectCreated:Put')).on('unlink', on('ObjectRemoved:Delete'));
      watcher.on('error', (e) => this.emit('warning', `Bucket folder ${dir}: ${messageOf(e)}`));
      ready.push(new Promise((resolve) => watcher.once('ready', () => resolve())));
    }
    await Promise.all(ready);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.watcher.close()));
    this.watchers.clear();
  }

  private async notify(bucket: string, dir: string, subscriptions: readonly Subscription[], file: string, eventName: S3EventName): Promise<void> {
    const key = path.relative(dir, file).split(path.sep).join('/');
    const time = this.clock.now();
    let change: ObjectChange = { bucket, key, eventName, time, sequencer: nextSequencer(time) };
    if (eventName === 'ObjectCreated:Put') {
      const content = await fs.promises.readFile(file).catch(() => undefined);
      if (!content) return;
      change = { ...change, size: content.length, eTag: createHash('md5').update(content).digest('hex') };
    }
    const delivered: { functionName: string; requestId: string }[] = [];
    for (const s of subscriptions) {
      if (!key.startsWith(s.prefix) || !key.endsWith(s.suffix) || !s.events.some((e) => matchesEvent(e, eventName))) continue;
      delivered.push({ functionName: s.target, requestId: await this.invokeAsync(s.target, JSON.stringify(s3Event(change, this.region, s.configurationId))) });
    }
    this.emit('notification', { change, delivered });
  }
}

// `s3:ObjectCreated:*` covers every creation; `s3:ObjectCreated:Put` only puts.
function matchesEvent(pattern: string, eventName: S3EventName): boolean {
  const p = pattern.replace(/^s3:/, '');
  return p === eventName || (p.endsWith(':*') && eventName.startsWith(p.slice(0, -1)));
}
