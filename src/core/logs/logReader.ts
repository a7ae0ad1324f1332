// Reads events back from a stream file: pages forward or backward from a byte position (GetLogEvents),
// and a scanner that finds filter matches in file order, skipping blocks outside the time range and
// lines that cannot contain the pattern's literals without parsing them.
import type { LogFilter } from './filterPattern/filterPattern';
import type { Block, StreamFile } from './streamFile';

/** An event as stored, with its byte range in the stream file (positions are what tokens carry). */
export interface StoredEvent {
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly offset: number;
  readonly end: number;
}

export interface TimeRange {
  /** Inclusive, epoch ms. */
  readonly startTime?: number;
  /** Exclusive, epoch ms. */
  readonly endTime?: number;
}

export interface PageLimits extends TimeRange {
  readonly limit: number;
  /** Approximate response budget (CloudWatch caps pages at 1 MB). */
  readonly maxBytes: number;
}

const CHUNK = 4 * 1024 * 1024;

/** Groups consecutive blocks into reads of about CHUNK bytes, starting no earlier than `from`. */
function ranges(blocks: readonly Block[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (const b of blocks) {
    const start = Math.max(b.offset, from);
    const end = Math.min(b.offset + b.bytes, to);
    if (end <= start) continue;
    const last = out[out.length - 1];
    if (last && last[1] === start && end - last[0] <= CHUNK) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

function parseLine(buf: Buffer, start: number, end: number, base: number): StoredEvent | undefined {
  try {
    const v = JSON.parse(buf.toString('utf8', start, end)) as [number, number, string];
    if (!Array.isArray(v) || typeof v[2] !== 'string') return undefined;
    return { timestamp: v[0], ingestionTime: v[1], message: v[2], offset: base + start, end: base + end + 1 };
  } catch {
    return undefined;
  }
}

const inRange = (e: StoredEvent, r: TimeRange): boolean =>
  (r.startTime === undefined || e.timestamp >= r.startTime) && (r.endTime === undefined || e.timestamp < r.endTime);

/** Every event of a chunk that is in range (and passes `keep`), in file order. */
function eventsOf(buf: Buffer, base: number, range: TimeRange, keep?: (e: StoredEvent) => boolean): StoredEvent[] {
  const out: StoredEvent[] = [];
  let pos = 0;
  for (let nl = buf.indexOf(10, pos); nl >= 0; nl = buf.indexOf(10, pos)) {
    const e = parseLine(buf, pos, nl, base);
    if (e && inRange(e, range) && (!keep || keep(e))) out.push(e);
    pos = nl + 1;
  }
  return out;
}

/** Up to `limit` events from position `from` onwards. */
export async function readForward(s: StreamFile, from: number, p: PageLimits): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let bytes = 0;
  for (const [start, end] of ranges(s.blocksIn(p.startTime, p.endTime, from), from, s.size)) {
    for (const e of eventsOf(await s.read(start, end), start, p)) {
      bytes += e.message.length + 26;
      if (out.length >= p.limit || (bytes > p.maxBytes && out.length > 0)) return out;
      out.push(e);
    }
  }
  return out;
}

/** Up to `limit` events that end at or before position `before`, oldest first. */
export async function readBackward(s: StreamFile, before: number, p: PageLimits): Promise<StoredEvent[]> {
  let out: StoredEvent[] = [];
  let bytes = 0;
  const rs = ranges(s.blocksIn(p.startTime, p.endTime), 0, before).reverse();
  for (const [start, end] of rs) {
    const events = eventsOf(await s.read(start, end), start, p);
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i] as StoredEvent;
      bytes += e.message.length + 26;
      if (out.length >= p.limit || (bytes > p.maxBytes && out.length > 0)) return out.reverse();
      out.push(e);
    }
  }
  out = out.reverse();
  return out;
}

/** Finds the events of one stream that match a filter, in file order, a chunk at a time. */
export class StreamScanner {
  head: StoredEvent | undefined;
  private readonly pending: StoredEvent[] = [];
  private readonly todo: [number, number][];
  private readonly literals: Buffer[];

  constructor(
    readonly stream: StreamFile,
    from: number,
    private readonly range: TimeRange,
    private readonly filter: LogFilter,
  ) {
    this.todo = ranges(stream.blocksIn(range.startTime, range.endTime, from), from, stream.size);
    this.literals = filter.literals.map((l) => Buffer.from(l));
  }

  /** Moves `head` to the next match (undefined when the stream has no more). */
  async advance(): Promise<void> {
    while (this.pending.length === 0 && this.todo.length > 0) {
      const [start, end] = this.todo.shift() as [number, number];
      let buf: Buffer;
      try {
        buf = await this.stream.read(start, end);
      } catch {
        break; // the stream was deleted while it was being read
      }
      this.collect(buf, start);
    }
    this.head = this.pending.shift();
  }

  private collect(buf: Buffer, base: number): void {
    const keep = (e: StoredEvent): boolean => this.filter.matches(e.message);
    if (this.literals.length === 0) {
      this.pending.push(...eventsOf(buf, base, this.range, keep));
      return;
    }
    // Jump from one literal occurrence to the next; lines without any are never parsed.
    const next = this.literals.map(() => -2);
    let pos = 0;
    while (pos < buf.length) {
      let hit = -1;
      for (let i = 0; i < this.literals.length; i++) {
        if ((next[i] as number) < pos && next[i] !== -1) next[i] = buf.indexOf(this.literals[i] as Buffer, pos);
        const n = next[i] as number;
        if (n >= 0 && (hit < 0 || n < hit)) hit = n;
      }
      if (hit < 0) return;
      const lineStart = buf.lastIndexOf(10, hit) + 1;
      let lineEnd = buf.indexOf(10, hit);
      if (lineEnd < 0) lineEnd = buf.length;
      const e = parseLine(buf, lineStart, lineEnd, base);
      if (e && inRange(e, this.range) && keep(e)) this.pending.push(e);
      pos = lineEnd + 1;
    }
  }
}
