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
  private sizes: Map<string, number> | undefined;
  private total = 0;
  private open: { file: string; handle: fs.promises.FileHandle } | undefined;

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
      const sizes = await this.fileSizes();
      const byFile = new Map<string, typeof batch>();
      for (const item of batch) {
        const list = byFile.get(item.file);
        if (list) list.push(item);
        else byFile.set(item.file, [item]);
      }
      for (const [file, items] of byFile) {
        let offset = sizes.get(file) ?? 0;
        const text = items.map((i) => i.line).join('');
        await (await this.handleFor(file)).write(text);
        for (const i of items) {
          const length = Buffer.byteLength(i.line) - 1;
          if (this.indexed) this.index.set(i.id, { file, offset, length });
          offset += length + 1;
        }
        this.total += offset - (sizes.get(file) ?? 0);
        sizes.set(file, offset);
      }
      if (this.total > this.maxBytes) await this.enforceCap(sizes);
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Closes the open file; the archive stays usable (it reopens on the next write). */
  async close(): Promise<void> {
    await this.flush();
    const open = this.open;
    this.open = undefined;
    await open?.handle.close();
  }

  /** Sizes of the day files, read from disk once and then kept in memory (the hot path does no stat). */
  private async fileSizes(): Promise<Map<string, number>> {
    if (this.sizes) return this.sizes;
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const sizes = new Map<string, number>();
    for (const f of (await fs.promises.readdir(this.dir)).filter((n) => n.endsWith('.jsonl'))) {
      const file = path.join(this.dir, f);
      sizes.set(file, (await fs.promises.stat(file)).size);
    }
    this.total = [...sizes.values()].reduce((a, b) => a + b, 0);
    this.sizes = sizes;
    return sizes;
  }

  /** One append handle, kept open for the current day's file. */
  private async handleFor(file: string): Promise<fs.promises.FileHandle> {
    if (this.open?.file === file) return this.open.handle;
    await this.open?.handle.close();
    this.open = { file, handle: await fs.promises.open(file, 'a', 0o600) };
    return this.open.handle;
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

  private async enforceCap(sizes: Map<string, number>): Promise<void> {
    const files = [...sizes.keys()].sort();
    for (let i = 0; i < files.length - 1 && this.total > this.maxBytes; i++) {
      const file = files[i] as string;
      if (this.open?.file === file) continue;
      await fs.promises.rm(file, { force: true });
      this.total -= sizes.get(file) ?? 0;
      sizes.delete(file);
      this.indexed = false;
      this.index.clear();
    }
  }
}
