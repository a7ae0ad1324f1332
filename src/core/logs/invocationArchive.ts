// Keeps what the log panel shows for an invocation (event payload, response, figures) by request id:
// JSON lines per day under <stateDir>/invocations/, written in batches, oldest days removed past a size cap.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** An invocation as the panel opens it. */
export interface ArchivedInvocation {
  readonly requestId: string;
  readonly functionName: string;
  readonly invokedArn: string;
  readonly invocationType: string;
  readonly executedVersion: string;
  readonly logGroup: string;
  readonly logStreamName: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly initDurationMs?: number;
  readonly maxMemoryUsedMb: number;
  readonly coldStart: boolean;
  readonly errorType?: string;
  /** The event, as UTF-8 text (cut at `maxPayloadChars`, then `payloadTruncated`). */
  readonly payload: string;
  readonly response: string;
  readonly payloadTruncated?: boolean;
  readonly responseTruncated?: boolean;
}

interface Location {
  readonly file: string;
  readonly offset: number;
  readonly length: number;
}

export interface ArchiveOptions {
  /** Longest payload / response kept (characters). */
  readonly maxPayloadChars?: number;
  /** Total size of the archive before the oldest days are removed. */
  readonly maxBytes?: number;
}

export class InvocationArchive {
  private readonly index = new Map<string, Location>();
  private readonly recent = new Map<string, ArchivedInvocation>();
  private indexed = false;
  private queue: { file: string; line: string; id: string }[] = [];
  private flushing: Promise<void> | undefined;
  private readonly maxChars: number;
  private readonly maxBytes: number;

  constructor(
    readonly dir: string,
    options: ArchiveOptions = {},
  ) {
    this.maxChars = options.maxPayloadChars ?? 1024 * 1024;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  }

  /** Cuts a payload to the archive's limit. */
  clip(text: string): { text: string; truncated: boolean } {
    return text.length > this.maxChars ? { text: text.slice(0, this.maxChars), truncated: true } : { text, truncated: false };
  }

  /** Queues one invocation; it is readable at once and on disk after the next flush. */
  add(inv: ArchivedInvocation): void {
    this.recent.set(inv.requestId, inv);
    if (this.recent.size > 1000) this.recent.delete(this.recent.keys().next().value as string);
    const file = path.join(this.dir, `${new Date(inv.startedAt).toISOString().slice(0, 10)}.jsonl`);
    this.queue.push({ file, line: JSON.stringify(inv) + '\n', id: inv.requestId });
    if (this.queue.length === 1) setImmediate(() => void this.flush());
  }

  /** Finds an invocation by request id (recent ones from memory, older ones from disk). */
  async get(requestId: string): Promise<ArchivedInvocation | undefined> {
    const hit = this.recent.get(requestId);
    if (hit) return hit;
    await this.flush();
    if (!this.indexed) this.buildIndex();
    const loc = this.index.get(requestId);
    if (!loc) return undefined;
    const fd = await fs.promises.open(loc.file, 'r');
    try {
      const buf = Buffer.alloc(loc.length);
      await fd.read(buf, 0, loc.length, loc.offset);
      return JSON.parse(buf.toString('utf8')) as ArchivedInvocation;
    } catch {
      return undefined;
    } finally {
      await fd.close();
    }
  }

  /** Writes what is queued; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.queue.length ? this.flush() : undefined));
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    this.flushing = (async () => {
      await fs.promises.mkdir(this.dir, { recursive: true });
      const byFile = new Map<string, typeof batch>();
      for (const item of batch) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
      for (const [file, items] of byFile) {
        let offset = await fs.promises.stat(file).then((s) => s.size, () => 0);
        const text = items.map((i) => i.line).join('');
        await fs.promises.appendFile(file, text);
        for (const i of items) {
          const length = Buffer.byteLength(i.line) - 1;
          if (this.indexed) this.index.set(i.id, { file, offset, length });
          offset += length + 1;
        }
      }
      await this.enforceCap();
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private buildIndex(): void {
    this.indexed = true;
    let files: string[] = [];
    try {
      files = fs.readdirSync(this.dir).filter((f) => f.endsWith('.jsonl')).sort();
    } catch {
      return;
    }
    for (const f of files) {
      const file = path.join(this.dir, f);
      const buf = fs.readFileSync(file);
      let pos = 0;
      for (let nl = buf.indexOf(10, pos); nl >= 0; nl = buf.indexOf(10, pos)) {
        const m = /"requestId":"([^"]+)"/.exec(buf.toString('utf8', pos, Math.min(nl, pos + 200)));
        if (m) this.index.set(m[1] as string, { file, offset: pos, length: nl - pos });
        pos = nl + 1;
      }
    }
  }

  private async enforceCap(): Promise<void> {
    const files = (await fs.promises.readdir(this.dir)).filter((f) => f.endsWith('.jsonl')).sort();
    const sizes = await Promise.all(files.map((f) => fs.promises.stat(path.join(this.dir, f)).then((s) => s.size)));
    let total = sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < files.length - 1 && total > this.maxBytes; i++) {
      await fs.promises.rm(path.join(this.dir, files[i] as string), { force: true });
      total -= sizes[i] as number;
      this.indexed = false;
      this.index.clear();
    }
  }
}
