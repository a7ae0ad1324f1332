// CloudWatch-shaped log storage: groups (a folder with group.json) of streams (append-only files with a
// block index, see streamFile.ts) under <stateDir>/logs/. Appends are queued and written once per
// event-loop turn; retention hides and then deletes expired events; groups and streams can be deleted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogEvent, LogSink } from './logSink';
import { decodeName, encodeName, StreamFile } from './streamFile';

export { decodeName, encodeName } from './streamFile';

/** The retention periods CloudWatch accepts (PutRetentionPolicy). */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const DAY_MS = 86_400_000;
/** Descriptors kept open at most; idle streams beyond this are closed. */
const MAX_OPEN_FILES = 64;

/** One log group in memory. */
export interface LogGroup {
  readonly name: string;
  readonly dir: string;
  readonly creationTime: number;
  retentionInDays: number | undefined;
  readonly streams: Map<string, StreamFile>;
}

export type AppendListener = (group: string, stream: string, event: LogEvent & { readonly ingestionTime: number }) => void;

export interface LogStoreOptions {
  /** Epoch ms for ingestion times and retention (tests inject one). */
  readonly now?: () => number;
  /** Problems found and repaired (torn lines) or writes that failed. */
  readonly onWarning?: (message: string) => void;
}

/** The log store every execution environment writes to and every log view reads from. */
export class LogStore implements LogSink {
  private readonly groupsByName = new Map<string, LogGroup>();
  private readonly listeners = new Set<AppendListener>();
  private readonly dirty = new Set<StreamFile>();
  private flushScheduled = false;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly rootDir: string,
    options: LogStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.warn = options.onWarning ?? (() => undefined);
    fs.mkdirSync(rootDir, { recursive: true, mode: 0o700 });
    for (const entry of fs.readdirSync(rootDir, { withFileTypes: true })) {
      if (entry.isDirectory()) this.loadGroup(path.join(rootDir, entry.name), decodeName(entry.name));
    }
    this.sweepRetention();
    this.sweeper = setInterval(() => this.sweepRetention(), 3_600_000);
    this.sweeper.unref();
  }

  /** Subscribes to every appended event (live tail, UI); returns an unsubscribe function. */
  onDidAppend(fn: AppendListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** How many live views (tail sessions, panels) are subscribed. */
  get subscriberCount(): number {
    return this.listeners.size;
  }

  streamFile(group: string, stream: string): string {
    return path.join(this.rootDir, encodeName(group), `${encodeName(stream)}.log`);
  }

  /** Appends one event, creating the group and stream when needed (as Lambda does). Never throws. */
  append(group: string, stream: string, event: LogEvent): void {
    const s = this.groupsByName.get(group)?.streams.get(stream) ?? this.ensureStream(group, stream);
    if (!s) return;
    const ingestionTime = this.now();
    s.append(event.timestamp, ingestionTime, event.message);
    this.dirty.add(s);
    if (this.listeners.size) {
      const withIngestion = { ...event, ingestionTime };
      for (const fn of this.listeners) fn(group, stream, withIngestion);
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private ensureStream(group: string, stream: string): StreamFile | undefined {
    try {
      const g = this.groupsByName.get(group) ?? this.createGroup(group);
      return g.streams.get(stream) ?? this.createStream(group, stream);
    } catch (e) {
      this.warn(`Cannot create log stream ${group} ${stream}: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Creates a group; returns the existing one when it is already there. */
  createGroup(name: string): LogGroup {
    const existing = this.groupsByName.get(name);
    if (existing) return existing;
    const dir = path.join(this.rootDir, encodeName(name));
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const g: LogGroup = { name, dir, creationTime: this.now(), retentionInDays: undefined, streams: new Map() };
    this.writeGroupMeta(g);
    this.groupsByName.set(name, g);
    return g;
  }

  /** Creates a stream in an existing group (or returns it). */
  createStream(group: string, stream: string): StreamFile {
    const g = this.groupsByName.get(group);
    if (!g) throw new Error(`log group ${group} does not exist`);
    const existing = g.streams.get(stream);
    if (existing) return existing;
    if (!fs.existsSync(g.dir)) fs.mkdirSync(g.dir, { recursive: true, mode: 0o700 });
    const s = new StreamFile(stream, g.dir, this.now(), this.warn);
    s.create();
    g.streams.set(stream, s);
    return s;
  }

  getGroup(name: string): LogGroup | undefined {
    return this.groupsByName.get(name);
  }

  /** All groups, sorted by name (CloudWatch's order). */
  listGroups(): LogGroup[] {
    return [...this.groupsByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Bytes stored by a group's streams. */
  storedBytes(g: LogGroup): number {
    let n = 0;
    for (const s of g.streams.values()) n += s.size;
    return n;
  }

  deleteGroup(name: string): boolean {
    const g = this.groupsByName.get(name);
    if (!g) return false;
    this.groupsByName.delete(name);
    for (const s of g.streams.values()) this.forget(s);
    fs.rmSync(g.dir, { recursive: true, force: true });
    return true;
  }

  deleteStream(group: string, stream: string): boolean {
    const s = this.groupsByName.get(group)?.streams.get(stream);
    if (!s) return false;
    this.groupsByName.get(group)?.streams.delete(stream);
    this.forget(s);
    return true;
  }

  private forget(s: StreamFile): void {
    this.dirty.delete(s);
    s.remove();
  }

  /** Sets (or clears, with undefined) a group's retention and applies it at once. */
  setRetention(group: string, days: number | undefined): void {
    const g = this.groupsByName.get(group);
    if (!g) throw new Error(`log group ${group} does not exist`);
    g.retentionInDays = days;
    this.writeGroupMeta(g);
    this.sweepRetention();
  }

  /** Events older than this are expired (hidden from reads); undefined when kept forever. */
  retentionCutoff(g: LogGroup): number | undefined {
    return g.retentionInDays === undefined ? undefined : this.now() - g.retentionInDays * DAY_MS;
  }

  /** Deletes streams whose newest event is past their group's retention. */
  sweepRetention(): void {
    for (const g of this.groupsByName.values()) {
      const cutoff = this.retentionCutoff(g);
      if (cutoff === undefined) continue;
      for (const s of [...g.streams.values()]) {
        if (s.lastEventTimestamp !== undefined && s.lastEventTimestamp < cutoff && !s.hasQueued()) this.deleteStream(g.name, s.name);
      }
    }
  }

  /** Resolves when everything appended so far is on disk. */
  async whenFlushed(): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const g of this.groupsByName.values()) for (const s of g.streams.values()) if (s.hasQueued()) pending.push(s.whenSettled());
    await Promise.all(pending);
  }

  /** Flushes and closes every file; the store must not be used afterwards. */
  async dispose(): Promise<void> {
    clearInterval(this.sweeper);
    this.flush();
    await this.whenFlushed();
    for (const g of this.groupsByName.values()) for (const s of g.streams.values()) s.closeIfIdle();
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const s of this.dirty) s.flush();
    this.dirty.clear();
    this.limitOpenFiles();
  }

  private limitOpenFiles(): void {
    const open: StreamFile[] = [];
    for (const g of this.groupsByName.values()) for (const s of g.streams.values()) if (s.isOpen()) open.push(s);
    if (open.length <= MAX_OPEN_FILES) return;
    open.sort((a, b) => a.lastWrite - b.lastWrite);
    let excess = open.length - MAX_OPEN_FILES;
    for (const s of open) if (excess > 0 && s.closeIfIdle()) excess--;
  }

  private writeGroupMeta(g: LogGroup): void {
    const meta = { name: g.name, creationTime: g.creationTime, ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}) };
    fs.writeFileSync(path.join(g.dir, 'group.json'), JSON.stringify(meta) + '\n', { mode: 0o600 });
  }

  private loadGroup(dir: string, name: string): void {
    let meta: { creationTime?: number; retentionInDays?: number } = {};
    try {
      meta = JSON.parse(fs.readFileSync(path.join(dir, 'group.json'), 'utf8')) as typeof meta;
    } catch {
      meta = { creationTime: Math.floor(fs.statSync(dir).mtimeMs) };
    }
    const g: LogGroup = { name, dir, creationTime: meta.creationTime ?? this.now(), retentionInDays: meta.retentionInDays, streams: new Map() };
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.log')) continue;
      const streamName = decodeName(file.slice(0, -4));
      try {
        const { stream, recovery } = StreamFile.load(streamName, path.join(dir, file), this.warn);
        if (recovery.tornBytes) this.warn(`Log stream ${name} ${streamName}: skipped a torn last line (${recovery.tornBytes} bytes) left by an interrupted write.`);
        if (recovery.badLines) this.warn(`Log stream ${name} ${streamName}: ${recovery.badLines} damaged line(s) are ignored.`);
        g.streams.set(streamName, stream);
      } catch (e) {
        this.warn(`Cannot load log stream ${name} ${streamName}: ${(e as Error).message}`);
      }
    }
    this.groupsByName.set(name, g);
  }
}
