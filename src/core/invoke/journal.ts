// An append-only JSON-lines journal with group commit: records appended in one event-loop turn share
// one write, and writes overlap the fdatasync of earlier ones. The durable store behind the Event
// queue, local queues and streams.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Pending {
  text: string;
  /** Resolved after fdatasync. */
  readonly durable: (() => void)[];
  /** Resolved after write(2): safe from a killed process, not from a power cut. */
  readonly written: (() => void)[];
  readonly failers: ((e: Error) => void)[];
}

/** One journal file; `open` replays it, `append` resolves once the record is on disk. */
export class Journal<T> {
  private fd: number;
  private pending: Pending | undefined;
  /** Written batches with durable waiters, for the next fdatasync. */
  private unsynced: Pending[] = [];
  private scheduled = false;
  private writing = false;
  private syncing = false;
  private closed = false;
  private rewriting: (() => T[]) | undefined;
  private lines = 0;

  private constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'a', 0o600);
  }

  /** Opens (creating) a journal and returns it with its records; a torn last line is dropped. */
  static open<T>(file: string): { journal: Journal<T>; records: T[] } {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const records: T[] = [];
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // A new journal.
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        // Only the last line can be torn (a crash mid-write); it was never acknowledged.
      }
    }
    const journal = new Journal<T>(file);
    journal.lines = records.length;
    if (text.length > 0 && !text.endsWith('\n')) fs.writeSync(journal.fd, '\n');
    return { journal, records };
  }

  /** Number of records in the file (for compaction decisions). */
  get size(): number {
    return this.lines;
  }

  /** Appends a record; resolves after it reached the disk (fdatasync). */
  append(record: T): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue(JSON.stringify(record) + '\n', 'durable', resolve, reject));
  }

  /** Appends a record; resolves once written to the file (before fdatasync). */
  appendWritten(record: T): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue(JSON.stringify(record) + '\n', 'written', resolve, reject));
  }

  /** Appends a record; `written` resolves after write(2), `durable` after fdatasync. */
  appendTracked(record: T): { written: Promise<void>; durable: Promise<void> } {
    let written: Promise<void> = Promise.resolve();
    const durable = new Promise<void>((resolve, reject) => {
      written = new Promise<void>((resolveWritten, rejectWritten) => {
        this.enqueue(JSON.stringify(record) + '\n', 'durable', resolve, (e) => {
          rejectWritten(e);
          reject(e);
        });
        this.pending?.written.push(resolveWritten);
      });
    });
    // Callers may await only one of the two.
    written.catch(() => undefined);
    durable.catch(() => undefined);
    return { written, durable };
  }

  /** Appends without waiting (still ordered after earlier appends). */
  appendLazy(record: T): void {
    this.enqueue(JSON.stringify(record) + '\n', undefined, undefined, undefined);
  }

  /**
   * Replaces the whole file atomically (compaction) with the records `snapshot` returns when the
   * rewrite runs; appends not yet written at that moment follow them, so replay must be idempotent.
   */
  rewrite(snapshot: () => T[]): void {
    this.rewriting = snapshot;
    this.schedule();
  }

  /** Resolves once everything appended so far is on disk. */
  flushed(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve, reject) => this.enqueue('', 'durable', resolve, reject));
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushed().catch(() => undefined);
    this.closed = true;
    fs.closeSync(this.fd);
  }

  private idle(): boolean {
    return !this.writing && !this.syncing && !this.scheduled && !this.pending && !this.rewriting && this.unsynced.length === 0;
  }

  private enqueue(text: string, kind: 'durable' | 'written' | undefined, resolve: (() => void) | undefined, reject: ((e: Error) => void) | undefined): void {
    if (this.closed) {
      reject?.(new Error(`The journal ${this.file} is closed.`));
      return;
    }
    if (text) this.lines++;
    const p = (this.pending ??= { text: '', durable: [], written: [], failers: [] });
    p.text += text;
    if (kind && resolve) p[kind].push(resolve);
    if (reject) p.failers.push(reject);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.write();
    });
  }

  // Writes and fdatasyncs are pipelined: the next batch is written while the previous one syncs, so
  // callers that only need `written` never wait for a disk flush.
  private write(): void {
    if (this.writing) return;
    if (this.rewriting) {
      if (this.syncing) return;
      const snapshot = this.rewriting;
      this.rewriting = undefined;
      try {
        this.replaceFile(snapshot);
      } catch (e) {
        return this.fail(this.pending, e as Error);
      }
    }
    const batch = this.pending;
    this.pending = undefined;
    if (!batch) return;
    if (!batch.text) {
      this.unsynced.push(batch);
      return this.sync();
    }
    this.writing = true;
    fs.write(this.fd, batch.text, (err) => {
      this.writing = false;
      if (err) this.fail(batch, err);
      else {
        for (const w of batch.written.splice(0)) w();
        if (batch.durable.length > 0) this.unsynced.push(batch);
        this.sync();
      }
      if (this.pending || this.rewriting) this.schedule();
    });
  }

  private sync(): void {
    if (this.syncing || this.unsynced.length === 0) return;
    const batches = this.unsynced.splice(0);
    this.syncing = true;
    fs.fdatasync(this.fd, (err) => {
      this.syncing = false;
      for (const b of batches) {
        if (err) this.fail(b, err);
        else for (const w of b.durable) w();
      }
      this.sync();
      if (this.pending || this.rewriting) this.schedule();
    });
  }

  private fail(batch: Pending | undefined, err: Error): void {
    if (batch) for (const f of batch.failers) f(err);
  }

  // Pending (not yet written) appends come after the rewritten records, so nothing is lost.
  private replaceFile(snapshot: () => T[]): void {
    const tmp = `${this.file}.compact`;
    const records = snapshot();
    const text = records.map((r) => JSON.stringify(r) + '\n').join('');
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, text);
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a', 0o600);
    const dir = fs.openSync(path.dirname(this.file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
    this.lines = records.length + (this.pending ? this.pending.text.split('\n').length - 1 : 0);
  }
}
