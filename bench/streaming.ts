// Response streaming (issue 16): how soon a client sees the handler's first write through
// InvokeWithResponseStream, beside a plain Invoke's round trip in the same run; and the throughput of a
// 50 MB stream, beside a bare Node HTTP server streaming the same bytes over loopback.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { decodeEventMessages } from '../src/core/api/http/eventStream';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size, type BenchResult } from './lib/benchModule';
import { BenchClient } from './lib/httpClient';
import { noopConfig, noopDir } from './lib/noop';
import { figure, median } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_RUNS', 5, 2);
const N = size('BENCH_STREAM_N', 300, 60);
const MB = 1024 * 1024;
const BIG = size('BENCH_STREAM_MB', 50, 20) * MB;

// The first write carries the handler's clock (epoch ms, sub-ms precision; the same machine clock as
// the client's), so the one-way delay from write to client is measured without a round trip.
const HANDLERS = `
const { Readable, pipeline } = require('node:stream');
exports.first = awslambda.streamifyResponse(async (event, stream) => {
  stream.write(String(performance.timeOrigin + performance.now()));
  stream.end();
});
exports.big = awslambda.streamifyResponse(async (event, stream) => {
  const chunk = Buffer.alloc(64 * 1024, 120);
  let left = event.bytes;
  await new Promise((resolve, reject) => pipeline(new Readable({ read() {
    if (left <= 0) return this.push(null);
    left -= chunk.length;
    this.push(chunk);
  } }), stream, (e) => (e ? reject(e) : resolve())));
});
`;

const now = (): number => performance.timeOrigin + performance.now();

/** POSTs and resolves at the first PayloadChunk: request->first byte, and handler write->client. */
function firstChunk(agent: http.Agent, url: URL, fn: string): Promise<{ requestToFirst: number; writeToClient: number }> {
  return new Promise((resolve, reject) => {
    const sent = now();
    const req = http.request({ host: url.hostname, port: url.port, agent, method: 'POST', path: `/2021-11-15/functions/${fn}/response-streaming-invocations`, headers: { 'Content-Length': 2 } }, (res) => {
      let buf = Buffer.alloc(0);
      let done = false;
      res.on('data', (c: Buffer) => {
        if (done) return;
        buf = Buffer.concat([buf, c]);
        const chunk = decodeEventMessages(buf).find((m) => m.headers[':event-type'] === 'PayloadChunk');
        if (!chunk) return;
        done = true;
        const at = now();
        resolve({ requestToFirst: at - sent, writeToClient: at - Number(chunk.payload.toString()) });
      });
      res.on('end', () => (done ? undefined : reject(new Error('stream ended without a PayloadChunk'))));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** MB/s of reading `bytes` streamed from `path` (POST `body`). */
function readAll(url: URL, pathName: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    let n = 0;
    const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: pathName, headers: { 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n / MB / ((performance.now() - t) / 1000)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A bare Node HTTP server streaming the same 64 KB chunks: the loopback floor. */
async function bareServer(): Promise<{ url: URL; close(): void }> {
  const chunk = Buffer.alloc(64 * 1024, 120);
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    let left = BIG;
    const pump = (): void => {
      while (left > 0) {
        left -= chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), close: () => server.close() };
}

export async function rows(): Promise<BenchResult> {
  const dir = noopDir('bench-stream-');
  fs.writeFileSync(path.join(dir, 'stream.js'), HANDLERS);
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 } });
  engine.defineFunction(noopConfig('noop', 'nodejs20.x', 'index.handler', dir));
  engine.defineFunction(noopConfig('first', 'nodejs20.x', 'stream.first', dir));
  engine.defineFunction({ ...noopConfig('big', 'nodejs20.x', 'stream.big', dir), timeout: 120 });
  const url = new URL((await engine.listen()) as string);
  const agent = new http.Agent({ keepAlive: true });
  const client = new BenchClient(url.toString());
  const first = { request: [] as number[], write: [] as number[] };
  const plain: number[] = [];
  const streamMBs: number[] = [];
  const bareMBs: number[] = [];
  let cappedSeconds = 0;
  try {
    for (let i = 0; i < 50; i++) {
      await firstChunk(agent, url, 'first');
      await client.post('/2015-03-31/functions/noop/invocations', Buffer.from('{}'));
    }
    for (let run = 0; run < RUNS; run++) {
      const req: number[] = [];
      const write: number[] = [];
      const inv: number[] = [];
      for (let i = 0; i < N; i++) {
        const f = await firstChunk(agent, url, 'first');
        req.push(f.requestToFirst);
        write.push(f.writeToClient);
        const t = performance.now();
        await client.post('/2015-03-31/functions/noop/invocations', Buffer.from('{}'));
        inv.push(performance.now() - t);
      }
      first.request.push(median(req));
      first.write.push(median(write));
      plain.push(median(inv));
      engine.invoker.streamBandwidth = undefined;
      streamMBs.push(await readAll(url, '/2021-11-15/functions/big/response-streaming-invocations', JSON.stringify({ bytes: BIG })));
      const bare = await bareServer();
      bareMBs.push(await readAll(bare.url, '/', ''));
      bare.close();
    }
    // Lambda's bandwidth model, once: 6 MB burst, then 2 MB/s.
    engine.invoker.streamBandwidth = { burstBytes: 6 * MB, bytesPerSecond: 2 * MB };
    const capped = 10 * MB;
    const t = performance.now();
    await readAll(url, '/2021-11-15/functions/big/response-streaming-invocations', JSON.stringify({ bytes: capped }));
    cappedSeconds = (performance.now() - t) / 1000;
  } finally {
    agent.destroy();
    client.close();
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out: Row[] = [
    { name: 'streaming: handler first write -> client has the chunk, p50', unit: 'ms', ours: figure(first.write) },
    { name: 'streaming: request -> first chunk at the client, p50', unit: 'ms', ours: figure(first.request), baselineName: 'plain Invoke round trip (no-op handler, same run)', baseline: figure(plain), target: '< baseline + 1 ms' },
    { name: `streaming: ${BIG / MB} MB through InvokeWithResponseStream (cap lifted)`, unit: 'MB/s', ours: figure(streamMBs), baselineName: 'bare Node HTTP server, same bytes over loopback', baseline: figure(bareMBs), higherIsBetter: true },
  ];
  return {
    rows: out,
    notes: [`${RUNS} runs of ${N} sequential invocations each (medians per run). With Lambda's bandwidth model on (default), 10 MB took ${cappedSeconds.toFixed(2)} s (modelled: 6 MB burst + 4 MB at 2 MB/s = 2.0 s).`],
  };
}

runStandalone(module, rows);
