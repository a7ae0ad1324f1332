// Persists log events as append-only files, one per log stream, under <stateDir>/logs/<group>/.
// Each line is `[timestamp, ingestionTime, message]` as JSON, so a torn last line is detectable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogEvent, LogSink } from './logSink';

/** File-system names of groups and streams: reversible and free of path separators. */
export const encodeName = (name: string): string => encodeURIComponent(name).replace(/\./g, '%2E');
export const decodeName = (file: string): string => decodeURIComponent(file);

interface OpenStream {
  readonly file: string;
  buffer: string;
  writing: boolean;
}

/** Appends events to stream files; writes are batched per event-loop turn and never block callers. */
export class LogStore implements LogSink {
  private readonly open = new Map<string, OpenStream>();
  private flushScheduled = false;
  private readonly listeners = new Set<(group: string, stream: string, event: LogEvent) => void>();
  private idleWaiters: (() => void)[] = [];

  constructor(readonly rootDir: string) {}

  /** Subscribes to every appended event (live tail, UI); returns an unsubscribe function. */
  onDidAppend(fn: (group: string, stream: string, event: LogEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  streamFile(group: string, stream: string): string {
    return path.join(this.rootDir, encodeName(group), `${encodeName(stream)}.log`);
  }

  append(group: string, stream: string, event: LogEvent): void {
    const key = `${group}\n${stream}`;
    let s = this.open.get(key);
    if (!s) {
      s = { file: this.streamFile(group, stream), buffer: '', writing: false };
      this.open.set(key, s);
    }
    s.buffer += JSON.stringify([event.timestamp, Date.now(), event.message]) + '\n';
    for (const fn of this.listeners) fn(group, stream, event);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Resolves when everything appended so far is on disk. */
  whenFlushed(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private busy(): boolean {
    if (this.flushScheduled) return true;
    for (const s of this.open.values()) if (s.writing || s.buffer) return true;
    return false;
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const s of this.open.values()) if (!s.writing && s.buffer) this.write(s);
    this.notifyIdle();
  }

  private write(s: OpenStream): void {
    const data = s.buffer;
    s.buffer = '';
    s.writing = true;
    fs.promises
      .mkdir(path.dirname(s.file), { recursive: true })
      .then(() => fs.promises.appendFile(s.file, data))
      .catch(() => undefined)
      .finally(() => {
        s.writing = false;
        if (s.buffer) this.write(s);
        else this.notifyIdle();
      });
  }

  private notifyIdle(): void {
    if (this.busy() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
