// FilterLogEvents over several streams: matches merged by timestamp across streams, a page at a time,
// with a cursor (each stream's next byte position) that resumes exactly where the page stopped.
import type { LogFilter } from './filterPattern/filterPattern';
import { StreamScanner, type StoredEvent, type TimeRange } from './logReader';
import type { StreamFile } from './streamFile';

/** Where each stream resumes: a byte position, or -1 once the stream has no more matches. */
export type FilterCursor = Readonly<Record<string, number>>;

export interface FilterRequest extends TimeRange {
  readonly streams: readonly StreamFile[];
  readonly filter: LogFilter;
  readonly limit: number;
  readonly maxBytes: number;
  readonly cursor?: FilterCursor;
}

export interface FilterMatch {
  readonly stream: StreamFile;
  readonly event: StoredEvent;
}

export interface FilterPage {
  readonly matches: FilterMatch[];
  /** Undefined when every stream is exhausted. */
  readonly cursor: FilterCursor | undefined;
}

/** Runs one page of a filter; streams are searched in parallel and merged by (timestamp, stream name). */
export async function filterEvents(req: FilterRequest): Promise<FilterPage> {
  const scanners: StreamScanner[] = [];
  const finished: Record<string, number> = {};
  for (const s of req.streams) {
    const at = req.cursor?.[s.name] ?? 0;
    if (at < 0) {
      finished[s.name] = -1;
      continue;
    }
    if (s.lastEventTimestamp !== undefined && req.startTime !== undefined && s.lastEventTimestamp < req.startTime && at === 0) {
      finished[s.name] = -1;
      continue;
    }
    scanners.push(new StreamScanner(s, at, req, req.filter));
  }
  await Promise.all(scanners.map((sc) => sc.advance()));
  const matches: FilterMatch[] = [];
  let bytes = 0;
  for (;;) {
    let best: StreamScanner | undefined;
    for (const sc of scanners) {
      const h = sc.head;
      if (!h) continue;
      const b = best?.head;
      if (!b || h.timestamp < b.timestamp || (h.timestamp === b.timestamp && sc.stream.name < (best as StreamScanner).stream.name)) best = sc;
    }
    if (!best?.head) break;
    if (matches.length >= req.limit) break;
    const size = best.head.message.length + 100;
    if (bytes + size > req.maxBytes && matches.length > 0) break;
    bytes += size;
    matches.push({ stream: best.stream, event: best.head });
    await best.advance();
  }
  const cursor: Record<string, number> = { ...finished };
  let more = false;
  for (const sc of scanners) {
    if (sc.head) {
      cursor[sc.stream.name] = sc.head.offset;
      more = true;
    } else cursor[sc.stream.name] = -1;
  }
  return { matches, cursor: more ? cursor : undefined };
}
