// CloudWatch Logs reads: GetLogEvents (forward/backward tokens; the token you passed comes back at the
// end), FilterLogEvents (filter patterns, merged streams; no nextToken means done), TestMetricFilter.
import { logsError } from '../../errors';
import { filterEvents, type FilterCursor } from '../../logs/filterEvents';
import { compileFilterPattern } from '../../logs/filterPattern/filterPattern';
import { readBackward, readForward, type StoredEvent } from '../../logs/logReader';
import type { LogGroup } from '../../logs/logStore';
import { splitFields } from '../../logs/filterPattern/delimitedPattern';
import {
  decodeToken,
  encodeToken,
  eventIdOf,
  groupNameOf,
  invalidToken,
  optBool,
  optNumber,
  optString,
  optStringList,
  reqString,
  requireGroup,
  type Input,
  type LogsContext,
} from './logsApiShared';

const PAGE_BYTES = 1024 * 1024;
const token = (dir: 'f' | 'b', pos: number): string => `${dir}/${String(pos).padStart(56, '0')}/s`;

function parsePositionToken(t: string, size: number): { dir: 'f' | 'b'; pos: number } {
  const m = /^([fb])\/(\d{56})\/s$/.exec(t);
  if (!m) throw invalidToken();
  const pos = Number(m[2]);
  if (!Number.isSafeInteger(pos) || pos > size) throw invalidToken();
  return { dir: m[1] as 'f' | 'b', pos };
}

/** The time range of a read, narrowed by the group's retention. */
function timeRange(ctx: LogsContext, g: LogGroup, input: Input): { startTime?: number; endTime?: number } {
  let startTime = optNumber(input, 'startTime', 0);
  const endTime = optNumber(input, 'endTime', 0);
  const cutoff = ctx.store.retentionCutoff(g);
  if (cutoff !== undefined) startTime = Math.max(startTime ?? 0, cutoff);
  return { ...(startTime !== undefined ? { startTime } : {}), ...(endTime !== undefined ? { endTime } : {}) };
}

const shape = (e: StoredEvent): unknown => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime });

export async function getLogEvents(ctx: LogsContext, input: Input): Promise<unknown> {
  const g = requireGroup(ctx, groupNameOf(input));
  const s = g.streams.get(reqString(input, 'logStreamName'));
  if (!s) throw logsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  const limits = { ...timeRange(ctx, g, input), limit: optNumber(input, 'limit', 1, 10_000) ?? 10_000, maxBytes: PAGE_BYTES };
  const passed = optString(input, 'nextToken');
  const size = s.size;
  let dir: 'f' | 'b';
  let pos: number;
  if (passed !== undefined) ({ dir, pos } = parsePositionToken(passed, size));
  else if (optBool(input, 'startFromHead')) [dir, pos] = ['f', 0];
  else [dir, pos] = ['b', size];
  const events = dir === 'f' ? await readForward(s, pos, limits) : await readBackward(s, pos, limits);
  const first = events[0];
  const last = events[events.length - 1];
  return {
    events: events.map(shape),
    nextForwardToken: token('f', last ? last.end : dir === 'f' ? pos : size),
    nextBackwardToken: token('b', first ? first.offset : dir === 'b' ? pos : 0),
  };
}

const isCursor = (v: unknown): v is FilterCursor =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number');

export async function filterLogEvents(ctx: LogsContext, input: Input): Promise<unknown> {
  const g = requireGroup(ctx, groupNameOf(input));
  const names = optStringList(input, 'logStreamNames', 100);
  const prefix = optString(input, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    throw logsError('InvalidParameterException', 'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const filter = compileFilterPattern(optString(input, 'filterPattern'));
  const limit = optNumber(input, 'limit', 1, 10_000) ?? 10_000;
  const cursor = decodeToken(optString(input, 'nextToken'), isCursor);
  const streams = [...g.streams.values()].filter((s) => (names ? names.includes(s.name) : prefix === undefined || s.name.startsWith(prefix)));
  const page = await filterEvents({ streams, filter, limit, maxBytes: PAGE_BYTES, ...timeRange(ctx, g, input), ...(cursor ? { cursor } : {}) });
  return {
    events: page.matches.map(({ stream, event }) => ({
      logStreamName: stream.name,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: eventIdOf(g.name, stream.name, event.offset, event.timestamp),
    })),
    searchedLogStreams: [],
    ...(page.cursor ? { nextToken: encodeToken(page.cursor) } : {}),
  };
}

/** Tries a pattern on sample messages, as the console's "Test pattern" does. */
export function testMetricFilter(_ctx: LogsContext, input: Input): unknown {
  const filter = compileFilterPattern(reqString(input, 'filterPattern'));
  const messages = optStringList(input, 'logEventMessages', 50) ?? [];
  const matches: unknown[] = [];
  messages.forEach((m, i) => {
    if (!filter.matches(m)) return;
    const trimmed = filter.source.trim();
    const extractedValues: Record<string, string> = {};
    if (trimmed.startsWith('[')) splitFields(m).forEach((f, j) => (extractedValues[`$${j + 1}`] = f));
    matches.push({ eventNumber: i + 1, eventMessage: m, extractedValues });
  });
  return { matches };
}
