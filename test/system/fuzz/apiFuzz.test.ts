// Seeded fuzzing of every API route (FUZZ_SEED, FUZZ_REQUESTS): hostile names, qualifiers, bodies,
// query strings and headers to each Lambda REST route and each JSON-protocol target. Only Lambda-shaped
// 4xx errors (or successes) may come back: no 5xx, no hang, no write outside the workspace.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Route, TargetService } from '../../../src/core/api/http/router';
import { Emulator } from '../../../src/core/emulator';
import { fixture, functionConfig } from '../../support/engine';
import { seededRandom, type Random } from '../../support/seededRandom';
import { hostileBody, hostileHeaders, hostileQuery, hostileSegment } from './hostileValues';
import { createSandbox, findEscapes, type Sandbox } from './sandbox';

/** Operations of each JSON-protocol target (unknown ones must be 4xx too). */
const OPERATIONS: Record<string, string[]> = {
  Logs_20140328: ['DescribeLogGroups', 'DescribeLogStreams', 'CreateLogGroup', 'CreateLogStream', 'DeleteLogGroup', 'DeleteLogStream', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'PutLogEvents', 'GetLogEvents', 'FilterLogEvents', 'TestMetricFilter', 'StartLiveTail', 'Bogus'],
  AmazonSQS: ['CreateQueue', 'DeleteQueue', 'GetQueueUrl', 'ListQueues', 'GetQueueAttributes', 'SetQueueAttributes', 'PurgeQueue', 'SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'Bogus'],
  Kinesis_20131202: ['CreateStream', 'DeleteStream', 'ListStreams', 'DescribeStream', 'DescribeStreamSummary', 'PutRecord', 'PutRecords', 'GetShardIterator', 'GetRecords', 'ListShards', 'Bogus'],
};

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One request; streaming answers (live tail) are cut after their head. Rejects after `ms` (a hang). */
function send(port: number, r: Sent, ms = 20_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: { ...r.headers, 'Content-Length': r.body.length }, agent: false }, (res) => {
      if (/event-stream/.test(String(res.headers['content-type']))) {
        res.destroy();
        return resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(ms, () => req.destroy(new Error(`no answer within ${ms} ms`)));
    // The server may answer (413, 431) and close before it read a large body: that is an answer too.
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve({ status: 0, headers: {}, body: 'connection closed by the server' }) : reject(e)));
    req.end(r.body);
  });
}

/** A path matching a route's pattern: capture groups filled by `segment()`, optional parts kept. */
export function pathFor(pattern: RegExp, segment: () => string): string {
  const expand = (src: string): string => {
    let out = '';
    for (let i = 0; i < src.length; i++) {
      const c = src[i] as string;
      if (c === '\\') {
        out += src[++i] ?? '';
      } else if (c === '(') {
        let depth = 1;
        let j = i + 1;
        for (; j < src.length && depth > 0; j++) {
          if (src[j] === '\\') j++;
          else if (src[j] === '(') depth++;
          else if (src[j] === ')') depth--;
        }
        const inner = src.slice(i + 1, j - 1);
        out += inner.startsWith('?:') ? expand(inner.slice(2).split('|')[0] as string) : segment();
        i = j - 1;
      } else if (c !== '?' && c !== '^' && c !== '$') out += c;
    }
    return out;
  };
  // Node's client refuses raw spaces and control characters in a path; send them escaped.
  return expand(pattern.source).replace(/\/+$/, '').replace(/[^\x21-\x7e]/g, (ch) => encodeURIComponent(ch));
}

/** Why an answer is not acceptable, or undefined. */
function judge(a: Answer, method: string): string | undefined {
  if (a.status === 0) return undefined;
  if (a.status >= 500) return `status ${a.status}: ${a.body.slice(0, 300)}`;
  if (a.status < 400) return undefined;
  // Rejected by Node's HTTP parser before it reached the API (header too large, malformed request).
  if ((a.status === 431 || a.status === 400) && a.body === '' && !a.headers['x-amzn-requestid']) return undefined;
  if (method === 'HEAD') return a.headers['x-amzn-errortype'] ? undefined : `status ${a.status} without x-amzn-ErrorType`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(a.body) as Record<string, unknown>;
  } catch {
    return `status ${a.status} with a non-JSON body: ${a.body.slice(0, 200)}`;
  }
  // REST errors carry x-amzn-ErrorType, JSON-protocol ones __type (a request whose X-Amz-Target was cut
  // by the header-count limit is a REST request to POST /).
  if (!a.headers['x-amzn-errortype'] && typeof body.__type !== 'string') return `status ${a.status} not Lambda-shaped: ${a.body.slice(0, 200)}`;
  if (typeof (body.message ?? body.Message) !== 'string') return `status ${a.status} without a message: ${a.body.slice(0, 200)}`;
  return undefined;
}

function request(rng: Random, routes: readonly Route[], targets: readonly string[]): { sent: Sent } {
  const headers: Record<string, string> = { Host: '127.0.0.1', ...hostileHeaders(rng) };
  const body = hostileBody(rng);
  if (rng.next() < 0.3) {
    const prefix = rng.pick(targets);
    const op = rng.pick(OPERATIONS[prefix] ?? ['Bogus']);
    headers['X-Amz-Target'] = rng.next() < 0.05 ? rng.pick(['', '.', `${prefix}.`, 'Nope.Op', `${prefix}.${'x'.repeat(300)}`]) : `${prefix}.${op}`;
    headers['Content-Type'] ??= prefix === 'AmazonSQS' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
    return { sent: { method: 'POST', path: '/', headers, body } };
  }
  const route = rng.pick(routes);
  const segment = (): string => (rng.next() < 0.4 ? rng.pick(['echo', 'echo', 'live', '1']) : hostileSegment(rng));
  const query = hostileQuery(rng);
  const method = rng.next() < 0.05 ? rng.pick(['PATCH', 'OPTIONS', 'HEAD', 'TRACE']) : route.method;
  return { sent: { method, path: pathFor(route.pattern, segment) + (query ? `?${query.replace(/[^\x21-\x7e]/g, (ch) => encodeURIComponent(ch))}` : ''), headers, body } };
}

describe('API fuzzer', () => {
  let sandbox: Sandbox;
  let engine: Emulator;
  let port: number;
  const savedTmp = process.env.TMPDIR;

  before(async () => {
    sandbox = createSandbox();
    process.env.TMPDIR = sandbox.tmp;
    engine = new Emulator({ workspaceDir: sandbox.workspace, api: { port: 0 }, functions: { keyFile: path.join(sandbox.workspace, '.lambda-workbench', 'env.key'), routingSeed: 1 } });
    engine.defineFunction(functionConfig('echo', fixture('node-handlers'), { handler: 'handlers.echo' }));
    port = Number(new URL((await engine.listen()) as string).port);
    await engine.functions.versions.publish('echo');
    await engine.functions.aliases.create('echo', { Name: 'live', FunctionVersion: '1' });
  });

  after(async () => {
    await engine?.dispose();
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    sandbox?.remove();
  });

  it('answers hostile requests to every route with Lambda-shaped 4xx errors, never a 5xx or a hang, and writes only inside the workspace', async function () {
    this.timeout(240_000);
    const seed = Number(process.env.FUZZ_SEED ?? 8);
    const count = Number(process.env.FUZZ_REQUESTS ?? 2500);
    const rng = seededRandom(seed);
    const api = engine.api as unknown as { routes: Route[]; targets: Map<string, TargetService> };
    const routes = api.routes;
    const targets = [...api.targets.keys()];
    assert.ok(routes.length > 20 && targets.length >= 3, 'the fuzzer sees the routes and targets');
    const before = sandbox.snapshot();
    const escapesBefore = findEscapes([sandbox.root]);
    const findings: string[] = [];
    const plan = Array.from({ length: count }, () => request(rng, routes, targets));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.length) {
        const i = next++;
        const { sent } = plan[i] as { sent: Sent };
        let why: string | undefined;
        try {
          why = judge(await send(port, sent), sent.method);
        } catch (e) {
          why = (e as Error).message;
        }
        if (why && findings.length < 25) findings.push(`#${i} ${sent.method} ${sent.path.slice(0, 150)} ${sent.headers['X-Amz-Target'] ?? ''} body ${JSON.stringify(sent.body.subarray(0, 120).toString('latin1'))}: ${why}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    assert.deepEqual(findings, [], `seed ${seed}`);
    // Still serving: a normal invoke works.
    const ok = await send(port, { method: 'POST', path: '/2015-03-31/functions/echo/invocations', headers: { Host: '127.0.0.1' }, body: Buffer.from('{"after":"fuzz"}') });
    assert.equal(ok.status, 200, ok.body);
    assert.deepEqual([...sandbox.snapshot()].filter(([k, v]) => before.get(k) !== v), [], 'files outside the workspace changed');
    assert.deepEqual([...before.keys()].filter((k) => !sandbox.snapshot().has(k)), [], 'files outside the workspace were removed');
    assert.deepEqual(findEscapes([sandbox.root]).filter((p) => !escapesBefore.includes(p)), [], 'a traversal escaped');
  });
});
