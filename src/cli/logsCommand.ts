// `logs <function|group>`: prints a function's log events from the local store, filtered with a
// CloudWatch filter pattern; with --endpoint-url it asks a running `serve` and can --follow (live tail).
import * as http from 'node:http';
import { decodeEventMessages } from '../core/api/http/eventStream';
import { WorkbenchError } from '../core/errors';
import { filterEvents } from '../core/logs/filterEvents';
import { compileFilterPattern } from '../core/logs/filterPattern/filterPattern';
import { LogStore } from '../core/logs/logStore';
import type { SecretMasker } from '../core/security/secrets';
import { usageError } from './cliOutput';
import type { Values } from './engineFromArgs';
import { endpointMasker, templateMasker } from './secretMasking';
import { parseSince, stateDirFromArgs } from './stateDirFromArgs';

const groupOf = (name: string): string => (name.startsWith('/') ? name : `/aws/lambda/${name}`);
let masker: SecretMasker | undefined;
let json = false;
let collected: { timestamp: number; logStreamName: string; message: string }[] | undefined;
const line = (ts: number, stream: string, message: string): string => `${new Date(ts).toISOString()} ${stream} ${(masker?.mask(message) ?? message).replace(/\n$/, '')}\n`;
// Text: a line per event. --json: gathered into one document, or (live tail) one JSON line per event.
function print(timestamp: number, logStreamName: string, message: string): void {
  if (!json) process.stdout.write(line(timestamp, logStreamName, message));
  else if (collected) collected.push({ timestamp, logStreamName, message: masker?.mask(message) ?? message });
  else process.stdout.write(JSON.stringify({ timestamp, logStreamName, message: masker?.mask(message) ?? message }) + '\n');
}

function post(url: string, target: string, body: unknown, onData?: (chunk: Buffer) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `Logs_20140328.${target}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => (onData ? onData(c) : chunks.push(c)));
      res.on('end', () => {
        const text = Buffer.concat(chunks);
        if ((res.statusCode ?? 500) >= 400) reject(new WorkbenchError(`${target} failed: ${text.toString('utf8')}`));
        else resolve(text);
      });
      res.on('error', reject);
    });
    req.on('error', (e) => reject(new WorkbenchError(`Cannot reach ${url}: ${e.message}. Is \`lambda-workbench serve\` running?`)));
    req.end(JSON.stringify(body));
  });
}

async function fromEndpoint(url: string, group: string, values: Values, startTime: number): Promise<void> {
  let nextToken: string | undefined;
  do {
    const page = JSON.parse((await post(url, 'FilterLogEvents', { logGroupName: group, startTime, ...(values.filter ? { filterPattern: values.filter } : {}), ...(nextToken ? { nextToken } : {}) })).toString('utf8')) as {
      events: { timestamp: number; logStreamName: string; message: string }[];
      nextToken?: string;
    };
    for (const e of page.events) print(e.timestamp, e.logStreamName, e.message);
    nextToken = page.nextToken;
  } while (nextToken);
  if (!values.follow) return;
  flushDocument(group);
  let pending: Buffer = Buffer.alloc(0);
  await post(url, 'StartLiveTail', { logGroupIdentifiers: [group], ...(values.filter ? { logEventFilterPattern: values.filter } : {}) }, (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (const m of decodeEventMessages(pending)) {
      pending = m.rest;
      if (m.headers[':event-type'] !== 'sessionUpdate') continue;
      const u = JSON.parse(m.payload.toString('utf8')) as { sessionResults: { timestamp: number; logStreamName: string; message: string }[] };
      for (const e of u.sessionResults) print(e.timestamp, e.logStreamName, e.message);
    }
  });
}

// Prints the gathered --json document (before a live tail starts, or at the end).
function flushDocument(group: string): void {
  if (!collected) return;
  process.stdout.write(JSON.stringify({ logGroup: group, events: collected }, null, 2) + '\n');
  collected = undefined;
}

export async function logs(values: Values, positionals: string[]): Promise<number> {
  const name = positionals[0];
  json = Boolean(values.json);
  collected = json && !values.follow ? [] : undefined;
  if (!name || positionals.length > 1) throw usageError('logs takes one function name or log group: lambda-workbench logs <function> [--filter PATTERN] [--since 10m]');
  const group = groupOf(name);
  const startTime = parseSince((values.since as string | undefined) ?? '10m');
  const filter = compileFilterPattern(values.filter as string | undefined);
  if (values['endpoint-url']) {
    masker = await endpointMasker(values['endpoint-url'] as string, values);
    await fromEndpoint(values['endpoint-url'] as string, group, values, startTime);
    flushDocument(group);
    return 0;
  }
  masker = await templateMasker(values);
  if (values.follow) throw usageError('--follow needs a running engine: start `lambda-workbench serve` and pass --endpoint-url http://127.0.0.1:3001');
  const store = new LogStore(`${await stateDirFromArgs(values)}/logs`, { onWarning: (m) => process.stderr.write(`warning: ${m}\n`) });
  try {
    const g = store.getGroup(group);
    if (!g) throw new WorkbenchError(`No log group ${group} yet: invoke the function first (known groups: ${store.listGroups().map((x) => x.name).join(', ') || 'none'}).`, 'LogGroupNotFound');
    let cursor;
    do {
      const page = await filterEvents({ streams: [...g.streams.values()], filter, startTime, limit: 10_000, maxBytes: 8 * 1024 * 1024, ...(cursor ? { cursor } : {}) });
      for (const m of page.matches) print(m.event.timestamp, m.stream.name, m.event.message);
      cursor = page.cursor;
    } while (cursor);
    flushDocument(group);
    return 0;
  } finally {
    await store.dispose();
  }
}
