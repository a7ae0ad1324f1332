// StartLiveTail: an event stream that opens with sessionStart, then sends sessionUpdate messages.
// AWS batches updates once a second; locally new lines are pushed as soon as they are appended (same
// event-loop turn batching), with an empty update every second when idle, 500 results per second at
// most (then `sampled`), and SessionTimeoutException after 3 hours.
import { randomUUID } from 'node:crypto';
import { logsError } from '../../errors';
import { compileFilterPattern } from '../../logs/filterPattern/filterPattern';
import { exceptionEvent, jsonEvent } from '../http/eventStream';
import { nameFromIdentifier, optString, optStringList, validation, type Input, type LogsContext } from './logsApiShared';
import type { ApiReply, ApiRequest } from '../http/router';

const MAX_PER_SECOND = 500;
/** Live Tail sessions end after 3 hours. */
export const LIVE_TAIL_SESSION_MS = 3 * 3_600_000;

interface Result {
  logStreamName: string;
  logGroupIdentifier: string;
  message: string;
  timestamp: number;
  ingestionTime: number;
}

export function startLiveTail(ctx: LogsContext, input: Input, req: ApiRequest, sessionMs = LIVE_TAIL_SESSION_MS): ApiReply {
  const identifiers = optStringList(input, 'logGroupIdentifiers', 10);
  if (!identifiers) throw validation('null', 'logGroupIdentifiers', 'Member must not be null');
  const streamNames = optStringList(input, 'logStreamNames', 100);
  const prefixes = optStringList(input, 'logStreamNamePrefixes', 5);
  if (streamNames && prefixes) throw logsError('InvalidParameterException', 'logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
  const patternText = optString(input, 'logEventFilterPattern');
  const filter = compileFilterPattern(patternText);
  const groups = new Map<string, string>();
  for (const id of identifiers) {
    const name = nameFromIdentifier(id);
    if (!ctx.store.getGroup(name)) throw logsError('ResourceNotFoundException', `The specified log group does not exist: ${id}`);
    groups.set(name, id);
  }
  const { res } = req.raw;
  res.writeHead(200, { 'Content-Type': 'application/vnd.amazon.eventstream', 'x-amzn-RequestId': req.requestId });
  res.socket?.setNoDelay(true);
  // JSON-protocol event streams open with the (empty) non-stream part of the output.
  res.write(jsonEvent('initial-response', {}));
  res.write(
    jsonEvent('sessionStart', {
      requestId: req.requestId,
      sessionId: randomUUID(),
      logGroupIdentifiers: identifiers,
      ...(streamNames ? { logStreamNames: streamNames } : {}),
      ...(prefixes ? { logStreamNamePrefixes: prefixes } : {}),
      ...(patternText !== undefined ? { logEventFilterPattern: patternText } : {}),
    }),
  );
  let batch: Result[] = [];
  let scheduled = false;
  let sampled = false;
  let sentThisSecond = 0;
  let lastSent = Date.now();
  const send = (): void => {
    scheduled = false;
    if (res.destroyed || res.writableEnded) return;
    res.write(jsonEvent('sessionUpdate', { sessionMetadata: { sampled }, sessionResults: batch }));
    batch = [];
    lastSent = Date.now();
  };
  const unsubscribe = ctx.store.onDidAppend((group, stream, event) => {
    const id = groups.get(group);
    if (id === undefined) return;
    if (streamNames && !streamNames.includes(stream)) return;
    if (prefixes && !prefixes.some((p) => stream.startsWith(p))) return;
    if (!filter.matches(event.message)) return;
    if (sentThisSecond >= MAX_PER_SECOND) {
      sampled = true;
      return;
    }
    sentThisSecond++;
    batch.push({ logStreamName: stream, logGroupIdentifier: id, message: event.message, timestamp: event.timestamp, ingestionTime: event.ingestionTime });
    if (!scheduled) {
      scheduled = true;
      setImmediate(send);
    }
  });
  const tick = setInterval(() => {
    sentThisSecond = 0;
    if (!scheduled && Date.now() - lastSent >= 900) send();
    sampled = false;
  }, 1000);
  const timeout = setTimeout(() => {
    res.end(exceptionEvent('SessionTimeoutException', 'Session timed out after 3 hours.'));
    stop();
  }, sessionMs);
  const stop = (): void => {
    unsubscribe();
    clearInterval(tick);
    clearTimeout(timeout);
  };
  res.on('close', stop);
  return { status: 200, handled: true };
}
