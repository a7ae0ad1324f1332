// Where the log panel reads from: an interface a local engine implements today (LogStore + archive)
// and a real CloudWatch account can implement later, so the panel itself does not change.
import type { ArchivedInvocation } from '../../core/logs/invocationArchive';
import { filterEvents, type FilterCursor } from '../../core/logs/filterEvents';
import { compileFilterPattern, type LogFilter } from '../../core/logs/filterPattern/filterPattern';
import type { LogStore } from '../../core/logs/logStore';
import type { PanelEvent, PanelGroup, PanelStream } from './logPanelProtocol';

/** One page of a query; `next` resumes it (undefined at the end). */
export interface EventPage {
  readonly events: PanelEvent[];
  readonly next: unknown;
}

export interface LogSource {
  /** Every group (each function's, even before its first event), newest events first. */
  listGroups(): Promise<PanelGroup[]>;
  /** Calls back when a group appears or gets newer events than the others; returns the unsubscribe function. */
  watchGroups?(onChange: () => void): () => void;
  /** Newest first. */
  listStreams(group: string): Promise<PanelStream[]>;
  /** Events oldest first; throws InvalidParameterException for a bad pattern. */
  query(group: string, stream: string | undefined, pattern: string, limit: number, next?: unknown): Promise<EventPage>;
  /** Live events of a group that match; returns the unsubscribe function. */
  follow(group: string, stream: string | undefined, pattern: string, onEvents: (events: PanelEvent[]) => void): () => void;
  /** What is known of an invocation; `group` is the group whose logs showed the request id. */
  invocation(requestId: string, group?: string): Promise<ArchivedInvocation | undefined>;
}

/** The local engine's logs. */
export class LocalLogSource implements LogSource {
  private liveSeq = 0;

  constructor(
    private readonly store: LogStore,
    private readonly archive: { get(requestId: string): Promise<ArchivedInvocation | undefined> },
    /** Masks secret environment values in what the panel shows (src/core/security/secrets.ts). */
    private readonly secrets: { mask(text: string): string } = { mask: (t) => t },
    /** The engine's functions: their groups are listed before they have events, and change with them. */
    private readonly functions?: { names(): readonly string[]; onDidChange(fn: () => void): () => void },
  ) {}

  async listGroups(): Promise<PanelGroup[]> {
    const newest = (g: { streams: Map<string, { lastEventTimestamp?: number }>; creationTime: number }): number =>
      Math.max(...[...g.streams.values()].map((s) => s.lastEventTimestamp ?? 0), 0) || g.creationTime;
    const groups = this.store.listGroups().map((g) => ({ name: g.name, storedBytes: this.store.storedBytes(g), lastEventTimestamp: newest(g), ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}) }));
    const have = new Set(groups.map((g) => g.name));
    const empty = (this.functions?.names() ?? []).map((n) => `/aws/lambda/${n}`).filter((n) => !have.has(n)).sort().map((name) => ({ name, storedBytes: 0 }));
    return [...groups.sort((a, b) => b.lastEventTimestamp - a.lastEventTimestamp || a.name.localeCompare(b.name)), ...empty];
  }

  watchGroups(onChange: () => void): () => void {
    let first: string | undefined;
    let known = new Set(this.store.listGroups().map((g) => g.name));
    let timer: NodeJS.Immediate | undefined;
    const changed = (): void => {
      timer ??= setImmediate(() => {
        timer = undefined;
        onChange();
      });
    };
    // Only a new group or a different group getting the newest event reorders the list.
    const off = this.store.onDidAppend((group) => {
      if (group === first && known.has(group)) return;
      first = group;
      known = new Set([...known, group]);
      changed();
    });
    const offFunctions = this.functions?.onDidChange(changed);
    return () => {
      off();
      offFunctions?.();
      if (timer) clearImmediate(timer);
    };
  }

  async listStreams(group: string): Promise<PanelStream[]> {
    const g = this.store.getGroup(group);
    if (!g) return [];
    return [...g.streams.values()]
      .sort((a, b) => (b.lastEventTimestamp ?? b.creationTime) - (a.lastEventTimestamp ?? a.creationTime))
      .map((s) => ({ name: s.name, eventCount: s.eventCount, ...(s.lastEventTimestamp !== undefined ? { lastEventTimestamp: s.lastEventTimestamp } : {}) }));
  }

  async query(group: string, stream: string | undefined, pattern: string, limit: number, next?: unknown): Promise<EventPage> {
    const g = this.store.getGroup(group);
    const filter = compileFilterPattern(pattern);
    if (!g) return { events: [], next: undefined };
    const streams = [...g.streams.values()].filter((s) => stream === undefined || s.name === stream);
    const cutoff = this.store.retentionCutoff(g);
    const page = await filterEvents({ streams, filter, limit, maxBytes: 16 * 1024 * 1024, ...(cutoff !== undefined ? { startTime: cutoff } : {}), ...(next ? { cursor: next as FilterCursor } : {}) });
    return {
      events: page.matches.map((m) => ({ id: `${m.stream.name}@${m.event.offset}`, stream: m.stream.name, timestamp: m.event.timestamp, message: this.secrets.mask(m.event.message) })),
      next: page.cursor,
    };
  }

  follow(group: string, stream: string | undefined, pattern: string, onEvents: (events: PanelEvent[]) => void): () => void {
    const filter: LogFilter = compileFilterPattern(pattern);
    let batch: PanelEvent[] = [];
    let timer: NodeJS.Immediate | undefined;
    const unsubscribe = this.store.onDidAppend((g, s, e) => {
      if (g !== group || (stream !== undefined && s !== stream) || !filter.matches(e.message)) return;
      batch.push({ id: `live-${++this.liveSeq}`, stream: s, timestamp: e.timestamp, message: this.secrets.mask(e.message) });
      timer ??= setImmediate(() => {
        timer = undefined;
        const out = batch;
        batch = [];
        onEvents(out);
      });
    });
    return () => {
      unsubscribe();
      if (timer) clearImmediate(timer);
    };
  }

  async invocation(requestId: string): Promise<ArchivedInvocation | undefined> {
    const inv = await this.archive.get(requestId);
    return inv && { ...inv, payload: this.secrets.mask(inv.payload), response: this.secrets.mask(inv.response) };
  }
}
