// Logs benchmark (issue 5): FilterLogEvents with a term and a JSON pattern over 1,000,000 events through
// the engine's HTTP endpoint, beside a naive full-parse scan of the same files measured in the same run;
// store size per million events; live-tail latency from a handler's console.log to a StartLiveTail client.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeEventMessages } from '../src/core/api/http/eventStream';
import { Emulator } from '../src/core/emulator';
import type { FunctionConfig } from '../src/core/functionConfig';
import { runStandalone, size, type BenchOptions, type BenchResult } from './lib/benchModule';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const EVENTS = size('BENCH_LOG_EVENTS', 1_000_000, 200_000);
const TAIL_N = size('BENCH_TAIL_N', 200, 50);
const out: Row[] = [];
const notes: string[] = [];
const GROUP = '/aws/lambda/bench';

const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

function post(url: string, target: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `Logs_20140328.${target}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function filterAll(url: string, pattern: string): Promise<{ ms: number; matches: number; pages: number }> {
  const t = performance.now();
  let nextToken: string | undefined;
  let matches = 0;
  let pages = 0;
  do {
    const r = await post(url, 'FilterLogEvents', { logGroupName: GROUP, filterPattern: pattern, ...(nextToken ? { nextToken } : {}) });
    if (!Array.isArray(r.events)) throw new Error(JSON.stringify(r));
    matches += r.events.length;
    pages++;
    nextToken = r.nextToken as string | undefined;
  } while (nextToken);
  return { ms: performance.now() - t, matches, pages };
}

/** The floor: read every stream file and test every message (JSON.parse per line), no index, no prefilter. */
function naiveScan(dir: string, test: (m: string) => boolean): { ms: number; matches: number } {
  const t = performance.now();
  let matches = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.log'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line) continue;
      const [, , message] = JSON.parse(line) as [number, number, string];
      if (test(message)) matches++;
    }
  }
  return { ms: performance.now() - t, matches };
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

async function filterBench(): Promise<void> {
  const workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-logs-'));
  const engine = new Emulator({ workspaceDir, api: {} });
  try {
    const url = (await engine.listen()) as string;
    const base = Date.now() - 3_600_000;
    const t0 = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      const stream = `2026/01/01/[$LATEST]${String(i % 4).padStart(32, '0')}`;
      const id = `${(i % 9999).toString(16).padStart(8, '0')}-1111-2222-3333-444455556666`;
      const message =
        i % 10 === 0
          ? JSON.stringify({ level: i % 1000 === 0 ? 'FATAL' : 'INFO', latency: i % 500, user: { id: i % 97 } }) + '\n'
          : `2026-01-01T00:00:00.000Z\t${id}\tINFO\t${i % 1000 === 5 ? 'needle-ERROR ' : ''}request handled path=/items/${i % 313} status=200\n`;
      engine.logs.append(GROUP, stream, { timestamp: base + Math.floor(i / 10), message });
      if (i % 50_000 === 0) await engine.logs.whenFlushed();
    }
    await engine.logs.whenFlushed();
    const appendMs = performance.now() - t0;
    const dir = path.dirname(engine.logs.streamFile(GROUP, 'x'));
    const bytes = dirBytes(dir);
    out.push({ name: 'log store size per million events (incl. index)', unit: 'MB', ours: figure([bytes / EVENTS]) });
    notes.push(`store: ${EVENTS.toLocaleString()} events appended and flushed in ${ms(appendMs)} (${Math.round(EVENTS / (appendMs / 1000)).toLocaleString()} events/s); ${(bytes / 1e6).toFixed(1)} MB on disk = ${((bytes / EVENTS) * 1e6 / 1e6).toFixed(1)} MB per million events (incl. index)`);
    for (const [label, pattern, test] of [
      ['term', 'needle-ERROR', (m: string) => m.includes('needle-ERROR')],
      ['JSON', '{ $.level = "FATAL" }', (m: string) => m.startsWith('{') && (JSON.parse(m) as { level?: string }).level === 'FATAL'],
    ] as const) {
      const floor = naiveScan(dir, test);
      const ours = await filterAll(url, pattern);
      if (ours.matches !== floor.matches) throw new Error(`${label}: ${ours.matches} matches, floor found ${floor.matches}`);
      out.push({ name: `FilterLogEvents, ${label} pattern over ${EVENTS.toLocaleString()} events (all pages)`, unit: 'ms', ours: figure([ours.ms]), baselineName: 'naive full-parse scan of the same files', baseline: figure([floor.ms]), target: '< 1000 ms' });
      notes.push(
        `FilterLogEvents ${label} '${pattern}' over ${EVENTS.toLocaleString()} events: ${ms(ours.ms)} (${ours.matches} matches, ${ours.pages} page(s)) | naive full-parse scan floor ${ms(floor.ms)} | ratio ${(ours.ms / floor.ms).toFixed(2)} | goal < 1000 ms`,
      );
    }
  } finally {
    await engine.dispose();
    fs.rmSync(workspaceDir, { recursive: true, force: true });
  }
}

async function tailBench(): Promise<void> {
  const workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tail-'));
  const codeDir = path.join(workspaceDir, 'fn');
  fs.mkdirSync(codeDir);
  fs.writeFileSync(path.join(codeDir, 'index.js'), "exports.handler = async () => { console.log('tail-probe ' + Date.now()); return 1; };\n");
  const config: FunctionConfig = {
    functionName: 'tail', version: '$LATEST', handler: 'index.handler', runtime: 'nodejs20.x', codeDir, memorySize: 256, timeout: 10, ephemeralStorage: 512,
    environment: {}, layers: [], logging: { logFormat: 'Text', logGroup: '/aws/lambda/tail' }, description: '', architectures: ['x86_64'], role: undefined, codeSha256: 'tail',
  };
  const engine = new Emulator({ workspaceDir, api: {} });
  try {
    const url = (await engine.listen()) as string;
    engine.defineFunction(config);
    await engine.invoke({ functionName: 'tail', payload: Buffer.from('{}') });
    const inProcess: number[] = [];
    engine.logs.onDidAppend((_g, _s, e) => {
      const m = /tail-probe (\d+)/.exec(e.message);
      if (m) inProcess.push(Date.now() - Number(m[1]));
    });
    const overHttp: number[] = [];
    let waiting: (() => void) | undefined;
    const req = http.request(`${url}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'Logs_20140328.StartLiveTail' } }, (res) => {
      let pending: Buffer = Buffer.alloc(0);
      res.on('data', (c: Buffer) => {
        pending = Buffer.concat([pending, c]);
        for (const msg of decodeEventMessages(pending)) {
          pending = msg.rest;
          if (msg.headers[':event-type'] !== 'sessionUpdate') continue;
          const u = JSON.parse(msg.payload.toString('utf8')) as { sessionResults: { message: string }[] };
          for (const r of u.sessionResults) {
            const m = /tail-probe (\d+)/.exec(r.message);
            if (m) {
              overHttp.push(Date.now() - Number(m[1]));
              waiting?.();
            }
          }
        }
      });
    });
    req.end(JSON.stringify({ logGroupIdentifiers: ['/aws/lambda/tail'], logEventFilterPattern: 'tail-probe' }));
    while (engine.logs.subscriberCount < 2) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < TAIL_N; i++) {
      const got = new Promise<void>((resolve) => (waiting = resolve));
      await engine.invoke({ functionName: 'tail', payload: Buffer.from('{}') });
      await got;
    }
    req.destroy();
    out.push({ name: 'live tail p99, console.log to StartLiveTail client', unit: 'ms', ours: figure([q(overHttp, 99)]), baselineName: 'in-process onDidAppend listener p99', baseline: figure([q(inProcess, 99)]), target: '< 50 ms' });
    notes.push(
      `live tail, console.log -> StartLiveTail client over HTTP (${TAIL_N} lines, ms clock): p50 ${ms(q(overHttp, 50))} p99 ${ms(q(overHttp, 99))} | floor: same line reaching an in-process onDidAppend listener p50 ${ms(q(inProcess, 50))} p99 ${ms(q(inProcess, 99))} | goal p99 < 50 ms`,
    );
  } finally {
    await engine.dispose();
    fs.rmSync(workspaceDir, { recursive: true, force: true });
  }
}

/** The bench runner's entry. */
export async function rows(_options?: BenchOptions): Promise<BenchResult> {
  await filterBench();
  await tailBench();
  return { rows: out, notes };
}

runStandalone(module, rows);
