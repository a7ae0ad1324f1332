// One log stream on disk: `<stream>.log` holds `[timestamp, ingestionTime, message]` JSON lines, and
// `<stream>.idx` a header plus one line per sealed 64 KB block (offset, size, count, time range), which
// lets time-range reads skip blocks. Writes are batched on one persistent descriptor; a torn last line
// (the engine was killed mid-write) is cut off on load.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** File-system names of groups and streams: reversible and free of path separators. */
export const encodeName = (name: string): string => encodeURIComponent(name).replace(/\./g, '%2E');
export const decodeName = (file: string): string => decodeURIComponent(file);

/** A run of whole lines in the file, with the time range of its events. */
export interface Block {
  readonly offset: number;
  bytes: number;
  count: number;
  minTs: number;
  maxTs: number;
  maxIngest: number;
}

/** Blocks are sealed (indexed) once they hold this many bytes. */
export const BLOCK_BYTES = 64 * 1024;

const emptyBlock = (offset: number): Block => ({ offset, bytes: 0, count: 0, minTs: Infinity, maxTs: -Infinity, maxIngest: -Infinity });

/** What load found wrong and repaired. */
export interface Recovery {
  readonly tornBytes: number;
  readonly badLines: number;
}

// A workspace accumulates thousands of streams (one per execution environment), so an idle stream
// keeps little in memory: arrays are allocated when first needed and shared while empty.
const NONE: never[] = [];

export class StreamFile {
  blocks: Block[] = NONE;
  private open: Block = emptyBlock(0);
  /** Logical size: bytes on disk plus bytes still queued. */
  size = 0;
  private flushed = 0;
  private queued: string[] = NONE;
  private queuedBytes = 0;
  private writing = false;
  private fd: number | undefined;
  private indexedBlocks = 0;
  private indexWrites = 0;
  private indexWaiters: (() => void)[] = NONE;
  private waiters: { at: number; resolve: () => void }[] = NONE;
  firstEventTimestamp: number | undefined;
  lastEventTimestamp: number | undefined;
  lastIngestionTime: number | undefined;
  eventCount = 0;
  lastWrite = 0;
  deleted = false;

  constructor(
    readonly name: string,
    /** The group's folder (shared by its streams; the file path is derived, not stored). */
    private readonly dir: string,
    readonly creationTime: number,
    private readonly onError: (message: string) => void,
  ) {}

  get file(): string {
    return path.join(this.dir, `${encodeName(this.name)}.log`);
  }

  private get idxFile(): string {
    return path.join(this.dir, `${encodeName(this.name)}.idx`);
  }

  /** Queues one event (written on the next flush). */
  append(timestamp: number, ingestionTime: number, message: string): void {
    const line = JSON.stringify([timestamp, ingestionTime, message]) + '\n';
    const bytes = Buffer.byteLength(line);
    if (this.queued === NONE) this.queued = [line];
    else this.queued.push(line);
    this.queuedBytes += bytes;
    this.note(timestamp, ingestionTime, bytes);
  }

  private note(ts: number, ingest: number, bytes: number): void {
    const b = this.open;
    b.bytes += bytes;
    b.count++;
    if (ts < b.minTs) b.minTs = ts;
    if (ts > b.maxTs) b.maxTs = ts;
    if (ingest > b.maxIngest) b.maxIngest = ingest;
    this.size += bytes;
    this.eventCount++;
    if (this.firstEventTimestamp === undefined || ts < this.firstEventTimestamp) this.firstEventTimestamp = ts;
    if (this.lastEventTimestamp === undefined || ts > this.lastEventTimestamp) this.lastEventTimestamp = ts;
    if (this.lastIngestionTime === undefined || ingest > this.lastIngestionTime) this.lastIngestionTime = ingest;
    if (b.bytes >= BLOCK_BYTES) {
      if (this.blocks === NONE) this.blocks = [b];
      else this.blocks.push(b);
      this.open = emptyBlock(this.size);
    }
  }

  /** Sealed blocks plus the open one, restricted to those that may hold events in [start, end). */
  blocksIn(startTime = -Infinity, endTime = Infinity, from = 0): Block[] {
    const all = this.open.bytes > 0 ? [...this.blocks, { ...this.open }] : [...this.blocks];
    return all.filter((b) => b.offset + b.bytes > from && b.maxTs >= startTime && b.minTs < endTime);
  }

  /** True while events or index lines are still on their way to disk. */
  hasQueued(): boolean {
    return this.queued.length > 0 || this.writing || this.indexWrites > 0;
  }

  /** Resolves once every queued event and index line is on disk. */
  async whenSettled(): Promise<void> {
    await this.whenFlushed();
    if (this.indexWrites > 0) {
      await new Promise<void>((resolve) => {
        if (this.indexWaiters === NONE) this.indexWaiters = [resolve];
        else this.indexWaiters.push(resolve);
      });
    }
  }

  /** Starts writing whatever is queued (one write in flight per stream). */
  flush(): void {
    if (this.writing || this.queued.length === 0 || this.deleted) return;
    const data = this.queued.length === 1 ? (this.queued[0] as string) : this.queued.join('');
    const bytes = this.queuedBytes;
    this.queued = NONE;
    this.queuedBytes = 0;
    this.writing = true;
    try {
      this.fd ??= fs.openSync(this.file, 'a', 0o600);
    } catch (e) {
      this.writing = false;
      this.onError(`Cannot open log stream file ${this.file}: ${(e as Error).message}`);
      this.advance(bytes);
      return;
    }
    fs.write(this.fd, data, null, 'utf8', (err) => {
      this.writing = false;
      if (err) this.onError(`Cannot write log stream file ${this.file}: ${err.message}`);
      this.lastWrite = Date.now();
      this.advance(bytes);
      this.flush();
    });
  }

  private advance(bytes: number): void {
    this.flushed += bytes;
    this.persistIndex();
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.at <= this.flushed);
    const rest = this.waiters.filter((w) => w.at > this.flushed);
    this.waiters = rest.length ? rest : NONE;
    for (const w of ready) w.resolve();
  }

  /** Appends index lines for blocks whose bytes are now on disk. */
  private persistIndex(): void {
    let lines = '';
    while (this.indexedBlocks < this.blocks.length) {
      const b = this.blocks[this.indexedBlocks] as Block;
      if (b.offset + b.bytes > this.flushed) break;
      lines += JSON.stringify([b.offset, b.bytes, b.count, b.minTs, b.maxTs, b.maxIngest]) + '\n';
      this.indexedBlocks++;
    }
    if (!lines || this.deleted) return;
    this.indexWrites++;
    fs.appendFile(this.idxFile, lines, { mode: 0o600 }, () => {
      this.indexWrites--;
      if (this.indexWrites === 0 && this.indexWaiters.length) {
        const waiters = this.indexWaiters;
        this.indexWaiters = NONE;
        for (const w of waiters) w();
      }
    });
  }

  /** Resolves once the first `at` bytes (default: all appended so far) are on disk. */
  whenFlushed(at = this.size): Promise<void> {
    if (this.flushed >= at || this.deleted) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.waiters === NONE) this.waiters = [{ at, resolve }];
      else this.waiters.push({ at, resolve });
    });
  }

  /** Reads bytes [from, to) once they are on disk. */
  async read(from: number, to: number, handle?: fs.promises.FileHandle): Promise<Buffer> {
    await this.whenFlushed(to);
    const buf = Buffer.allocUnsafe(to - from);
    const h = handle ?? (await fs.promises.open(this.file, 'r'));
    try {
      let done = 0;
      while (done < buf.length) {
        const { bytesRead } = await h.read(buf, done, buf.length - done, from + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === buf.length ? buf : buf.subarray(0, done);
    } finally {
      if (!handle) await h.close();
    }
  }

  /** Writes the index header for a new stream. */
  create(): void {
    fs.writeFileSync(this.idxFile, JSON.stringify({ created: this.creationTime }) + '\n', { mode: 0o600 });
    fs.closeSync(fs.openSync(this.file, 'a', 0o600));
  }

  /** Closes the descriptor if the stream is idle (the store bounds how many stay open). */
  closeIfIdle(): boolean {
    if (this.fd === undefined || this.writing || this.queued.length) return false;
    fs.close(this.fd, () => undefined);
    this.fd = undefined;
    return true;
  }

  isOpen(): boolean {
    return this.fd !== undefined;
  }

  remove(): void {
    this.deleted = true;
    if (this.fd !== undefined) fs.close(this.fd, () => undefined);
    this.fd = undefined;
    fs.rmSync(this.file, { force: true });
    fs.rmSync(this.idxFile, { force: true });
    const waiters = this.waiters;
    const indexWaiters = this.indexWaiters;
    this.waiters = NONE;
    this.indexWaiters = NONE;
    for (const w of waiters) w.resolve();
    for (const w of indexWaiters) w();
  }

  /** Loads a stream from disk: trusts index lines that fit the file, rescans the rest, cuts a torn tail. */
  static load(name: string, file: string, onError: (message: string) => void): { stream: StreamFile; recovery: Recovery } {
    const size = fs.statSync(file).size;
    const idxFile = file.replace(/\.log$/, '.idx');
    let idxLines: string[] = [];
    try {
      idxLines = fs.readFileSync(idxFile, 'utf8').split('\n');
    } catch {
      // no index: everything is rescanned
    }
    let created: number | undefined;
    try {
      created = (JSON.parse(idxLines[0] ?? '') as { created?: number }).created;
    } catch {
      created = undefined;
    }
    const s = new StreamFile(name, path.dirname(file), created ?? Math.floor(fs.statSync(file).mtimeMs), onError);
    let offset = 0;
    const blockLines = idxLines.slice(created === undefined ? 0 : 1).filter((l) => l !== '');
    for (const line of blockLines) {
      let b: number[];
      try {
        b = JSON.parse(line) as number[];
      } catch {
        break;
      }
      const [o, bytes, count, minTs, maxTs, maxIngest] = b;
      if (o !== offset || typeof bytes !== 'number' || o + bytes > size || typeof count !== 'number') break;
      const block = { offset: o, bytes, count, minTs: minTs as number, maxTs: maxTs as number, maxIngest: maxIngest as number };
      if (s.blocks === NONE) s.blocks = [block];
      else s.blocks.push(block);
      s.size = s.flushed = offset = o + bytes;
      s.eventCount += count;
      s.firstEventTimestamp = Math.min(s.firstEventTimestamp ?? Infinity, minTs as number);
      s.lastEventTimestamp = Math.max(s.lastEventTimestamp ?? -Infinity, maxTs as number);
      s.lastIngestionTime = Math.max(s.lastIngestionTime ?? -Infinity, maxIngest as number);
    }
    s.open = emptyBlock(offset);
    const recovery = s.rescan(offset, size);
    s.flushed = s.size;
    s.indexedBlocks = s.blocks.length;
    if (created === undefined || s.blocks.length !== blockLines.length) {
      const header = JSON.stringify({ created: s.creationTime }) + '\n';
      fs.writeFileSync(idxFile, header + s.blocks.map((b) => JSON.stringify([b.offset, b.bytes, b.count, b.minTs, b.maxTs, b.maxIngest]) + '\n').join(''), { mode: 0o600 });
    }
    return { stream: s, recovery };
  }

  private rescan(from: number, size: number): Recovery {
    let badLines = 0;
    let tornBytes = 0;
    if (from >= size) return { tornBytes, badLines };
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.allocUnsafe(size - from);
      fs.readSync(fd, buf, 0, buf.length, from);
      let pos = 0;
      for (let nl = buf.indexOf(10, pos); nl >= 0; nl = buf.indexOf(10, pos)) {
        const bytes = nl + 1 - pos;
        try {
          const [ts, ingest, message] = JSON.parse(buf.toString('utf8', pos, nl)) as [number, number, string];
          if (typeof ts !== 'number' || typeof ingest !== 'number' || typeof message !== 'string') throw new Error('not an event');
          this.note(ts, ingest, bytes);
        } catch {
          // A damaged line in the middle keeps its bytes (offsets stay right) but is never returned.
          badLines++;
          this.open.bytes += bytes;
          this.size += bytes;
        }
        pos = nl + 1;
      }
      tornBytes = buf.length - pos;
    } finally {
      fs.closeSync(fd);
    }
    if (tornBytes > 0) fs.truncateSync(this.file, from + (size - from - tornBytes));
    return { tornBytes, badLines };
  }
}
