// CloudWatch Logs operations on groups and streams: Describe*, Create*, Delete*, retention, PutLogEvents.
import { logsError } from '../../errors';
import { RETENTION_DAYS } from '../../logs/logStore';
import type { StreamFile } from '../../logs/streamFile';
import {
  decodeToken,
  encodeToken,
  groupArn,
  groupNameOf,
  optBool,
  optNumber,
  optString,
  reqString,
  requireGroup,
  streamArn,
  validation,
  type Input,
  type LogsContext,
} from './logsApiShared';

const groupNamePattern = /^[.\-_/#A-Za-z0-9]+$/;
const isStringToken = (v: unknown): v is string => typeof v === 'string';
const isKeyToken = (v: unknown): v is [number, string] => Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string';

function checkGroupName(name: string, field = 'logGroupName'): void {
  if (name.length < 1 || name.length > 512) throw validation(name, field, 'Member must have length less than or equal to 512');
  if (!groupNamePattern.test(name)) throw validation(name, field, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+');
}

function checkStreamName(name: string): void {
  if (name.length < 1 || name.length > 512) throw validation(name, 'logStreamName', 'Member must have length less than or equal to 512');
  if (/[:*]/.test(name)) throw validation(name, 'logStreamName', 'Member must satisfy regular expression pattern: [^:*]*');
}

export function describeLogGroups(ctx: LogsContext, input: Input): unknown {
  const prefix = optString(input, 'logGroupNamePrefix');
  const pattern = optString(input, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) {
    throw logsError('InvalidParameterException', 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const limit = optNumber(input, 'limit', 1, 50) ?? 50;
  const after = decodeToken(optString(input, 'nextToken'), isStringToken);
  const all = ctx.store
    .listGroups()
    .filter((g) => (prefix === undefined || g.name.startsWith(prefix)) && (pattern === undefined || g.name.includes(pattern)))
    .filter((g) => after === undefined || g.name > after);
  const page = all.slice(0, limit);
  const p = ctx.partition;
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.creationTime,
      ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
      metricFilterCount: 0,
      arn: `${groupArn(p, g.name)}:*`,
      storedBytes: ctx.store.storedBytes(g),
      logGroupClass: 'STANDARD',
      logGroupArn: groupArn(p, g.name),
    })),
    ...(all.length > limit ? { nextToken: encodeToken(page[page.length - 1]?.name) } : {}),
  };
}

export function describeLogStreams(ctx: LogsContext, input: Input): unknown {
  const g = requireGroup(ctx, groupNameOf(input));
  const prefix = optString(input, 'logStreamNamePrefix');
  const orderBy = optString(input, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw validation(orderBy, 'orderBy', 'Member must satisfy enum value set: [LogStreamName, LastEventTime]');
  }
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw logsError('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const descending = optBool(input, 'descending') ?? false;
  const limit = optNumber(input, 'limit', 1, 50) ?? 50;
  const after = decodeToken(optString(input, 'nextToken'), isKeyToken);
  const key = (s: StreamFile): [number, string] => [orderBy === 'LastEventTime' ? (s.lastEventTimestamp ?? 0) : 0, s.name];
  const cmp = (a: [number, string], b: [number, string]): number => (a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  const dir = descending ? -1 : 1;
  const all = [...g.streams.values()]
    .filter((s) => prefix === undefined || s.name.startsWith(prefix))
    .sort((a, b) => dir * cmp(key(a), key(b)))
    .filter((s) => after === undefined || dir * cmp(key(s), after) > 0);
  const page = all.slice(0, limit);
  const last = page[page.length - 1];
  return {
    logStreams: page.map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationTime,
      ...(s.firstEventTimestamp !== undefined ? { firstEventTimestamp: s.firstEventTimestamp } : {}),
      ...(s.lastEventTimestamp !== undefined ? { lastEventTimestamp: s.lastEventTimestamp } : {}),
      ...(s.lastIngestionTime !== undefined ? { lastIngestionTime: s.lastIngestionTime } : {}),
      arn: streamArn(ctx.partition, g.name, s.name),
      storedBytes: 0,
    })),
    ...(all.length > limit && last ? { nextToken: encodeToken(key(last)) } : {}),
  };
}

export function createLogGroup(ctx: LogsContext, input: Input): unknown {
  const name = reqString(input, 'logGroupName');
  checkGroupName(name);
  if (ctx.store.getGroup(name)) throw logsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  ctx.store.createGroup(name);
  return {};
}

export function createLogStream(ctx: LogsContext, input: Input): unknown {
  const g = requireGroup(ctx, reqString(input, 'logGroupName'));
  const name = reqString(input, 'logStreamName');
  checkStreamName(name);
  if (g.streams.has(name)) throw logsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  ctx.store.createStream(g.name, name);
  return {};
}

export function deleteLogGroup(ctx: LogsContext, input: Input): unknown {
  if (!ctx.store.deleteGroup(reqString(input, 'logGroupName'))) throw logsError('ResourceNotFoundException', 'The specified log group does not exist.');
  return {};
}

export function deleteLogStream(ctx: LogsContext, input: Input): unknown {
  const g = requireGroup(ctx, reqString(input, 'logGroupName'));
  if (!ctx.store.deleteStream(g.name, reqString(input, 'logStreamName'))) throw logsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  return {};
}

export function putRetentionPolicy(ctx: LogsContext, input: Input): unknown {
  const g = requireGroup(ctx, reqString(input, 'logGroupName'));
  const days = optNumber(input, 'retentionInDays');
  if (days === undefined) throw validation('null', 'retentionInDays', 'Member must not be null');
  if (!(RETENTION_DAYS as readonly number[]).includes(days)) {
    throw validation(days, 'retentionInDays', `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
  }
  ctx.store.setRetention(g.name, days);
  return {};
}

export function deleteRetentionPolicy(ctx: LogsContext, input: Input): unknown {
  const g = requireGroup(ctx, reqString(input, 'logGroupName'));
  ctx.store.setRetention(g.name, undefined);
  return {};
}

const DAY = 86_400_000;

export function putLogEvents(ctx: LogsContext, input: Input): unknown {
  const g = requireGroup(ctx, reqString(input, 'logGroupName'));
  const streamName = reqString(input, 'logStreamName');
  if (!g.streams.has(streamName)) throw logsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  const events = input.logEvents;
  if (!Array.isArray(events) || events.length === 0) throw validation(JSON.stringify(events ?? null), 'logEvents', 'Member must have length greater than or equal to 1');
  if (events.length > 10_000) throw validation(`[${events.length} events]`, 'logEvents', 'Member must have length less than or equal to 10000');
  const parsed = events.map((e: unknown, i) => {
    const ev = (e ?? {}) as Input;
    const timestamp = optNumber(ev, 'timestamp');
    const message = optString(ev, 'message');
    if (timestamp === undefined) throw validation('null', `logEvents.${i + 1}.member.timestamp`, 'Member must not be null');
    if (message === undefined) throw validation('null', `logEvents.${i + 1}.member.message`, 'Member must not be null');
    if (message.length < 1) throw validation(message, `logEvents.${i + 1}.member.message`, 'Member must have length greater than or equal to 1');
    return { timestamp, message };
  });
  for (let i = 1; i < parsed.length; i++) {
    if ((parsed[i]?.timestamp as number) < (parsed[i - 1]?.timestamp as number)) {
      throw logsError('InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  if ((parsed[parsed.length - 1]?.timestamp as number) - (parsed[0]?.timestamp as number) > DAY) {
    throw logsError('InvalidParameterException', 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
  const now = Date.now();
  const cutoff = ctx.store.retentionCutoff(g);
  let tooOld = -1;
  let expired = -1;
  let tooNew: number | undefined;
  parsed.forEach((e, i) => {
    if (e.timestamp < now - 14 * DAY) tooOld = i;
    else if (cutoff !== undefined && e.timestamp < cutoff) expired = i;
    else if (e.timestamp > now + 2 * 3_600_000) tooNew ??= i;
    else ctx.store.append(g.name, streamName, e);
  });
  const rejected = {
    ...(tooNew !== undefined ? { tooNewLogEventStartIndex: tooNew } : {}),
    ...(tooOld >= 0 ? { tooOldLogEventEndIndex: tooOld } : {}),
    ...(expired >= 0 ? { expiredLogEventEndIndex: expired } : {}),
  };
  return Object.keys(rejected).length ? { rejectedLogEventsInfo: rejected } : {};
}
