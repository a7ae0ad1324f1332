// Peers on the same no-op Node.js handler, side by side in one run: lambda-local (in-process `execute()`
// and its HTTP mode: the low-fidelity end), and AWS's own runtime client (aws-lambda-ric) on the minimal
// Runtime API floor and on our engine (the protocol floor of the real client).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size, type BenchResult } from './lib/benchModule';
import { BenchClient, timeSequential } from './lib/httpClient';
import { startLambdaLocalHttp } from './lib/load';
import { noopConfig, noopDir } from './lib/noop';
import { figure, median } from './lib/stats';
import type { Row } from './lib/table';
import { startMinimalPool } from './floor/minimalPool';

const ricEntry = path.join(__dirname, '..', 'node_modules', 'aws-lambda-ric', 'bin', 'index.mjs');
const ricNative = path.join(__dirname, '..', 'node_modules', 'aws-lambda-ric', 'dist', 'rapid-client.node');

async function p50(url: string, route: string, n: number): Promise<number> {
  const client = new BenchClient(url);
  const body = Buffer.from('{}');
  try {
    await timeSequential(Math.min(300, n), () => client.post(route, body));
    return median(await timeSequential(n, () => client.post(route, body)));
  } finally {
    client.close();
  }
}

/** Milliseconds from spawning `bootstrap` under the floor to the first response. */
async function floorColdStart(bootstrap: string, dir: string): Promise<number> {
  const t = performance.now();
  const pool = await startMinimalPool(bootstrap, [], dir, 1);
  const client = new BenchClient(pool.url);
  await client.post('/', Buffer.from('{}'));
  const ms = performance.now() - t;
  client.close();
  pool.close();
  return ms;
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<BenchResult> {
  const runs = size('BENCH_RUNS', 5, 3);
  const n = size('BENCH_WARM_N', 2000, 500);
  const coldN = size('BENCH_COLD_N', 10, 4);
  const notes: string[] = [];
  const dir = noopDir('bench-peers-');
  const haveRic = fs.existsSync(ricNative);
  const bootstrap = path.join(dir, 'bootstrap');
  fs.writeFileSync(bootstrap, `#!/bin/sh\nexec "${process.execPath}" "${ricEntry}" "$_HANDLER"\n`, { mode: 0o755 });
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 }, idleTimeoutMs: 3_600_000 });
  engine.defineFunction(noopConfig('noop-node', 'nodejs20.x', 'index.handler', dir));
  engine.defineFunction({ ...noopConfig('noop-ric', 'provided.al2023', 'index.handler', dir) });
  const url = (await engine.listen()) as string;
  const lambdaLocal = (await import('lambda-local')) as { execute(o: Record<string, unknown>): Promise<unknown> };
  const local = await startLambdaLocalHttp(path.join(dir, 'index.js'));
  const ricFloor = haveRic ? await startMinimalPool(bootstrap, [], dir, 1) : undefined;
  await ricFloor?.ready;
  const f = { ours: [] as number[], localHttp: [] as number[], localExec: [] as number[], ricOurs: [] as number[], ricFloor: [] as number[] };
  const invokePath = (fn: string): string => `/2015-03-31/functions/${fn}/invocations`;
  try {
    for (let run = 0; run < runs; run++) {
      f.ours.push(await p50(url, invokePath('noop-node'), n));
      f.localHttp.push(await p50(local.url, '/', n));
      const exec = () => lambdaLocal.execute({ event: {}, lambdaPath: path.join(dir, 'index.js'), lambdaHandler: 'handler', verboseLevel: 0, timeoutMs: 10_000 });
      await timeSequential(300, exec);
      f.localExec.push(median(await timeSequential(n, exec)));
      if (ricFloor) {
        f.ricOurs.push(await p50(url, invokePath('noop-ric'), n));
        f.ricFloor.push(await p50(ricFloor.url, '/', n));
      }
    }
    const out: Row[] = [
      { name: 'warm invoke p50, no-op Node.js handler', unit: 'ms', ours: figure(f.ours), baselineName: 'lambda-local HTTP mode (in-process, no isolation)', baseline: figure(f.localHttp) },
      { name: 'warm invoke p50, no-op Node.js handler', unit: 'ms', ours: figure(f.ours), baselineName: 'lambda-local execute() in the caller (no HTTP, no process)', baseline: figure(f.localExec) },
    ];
    if (ricFloor) {
      out.push({ name: 'warm invoke p50, aws-lambda-ric as the runtime', unit: 'ms', ours: figure(f.ricOurs), baselineName: 'aws-lambda-ric on the minimal Runtime API floor', baseline: figure(f.ricFloor), target: '<= 1.5x' });
      out.push({ name: 'warm invoke p50, our Node.js runtime vs aws-lambda-ric, same engine', unit: 'ms', ours: figure(f.ours), baselineName: 'aws-lambda-ric through our engine', baseline: figure(f.ricOurs), target: '<= 1x' });
      const cold: number[] = [];
      const coldFloor: number[] = [];
      const client = new BenchClient(url);
      for (let i = 0; i < coldN; i++) {
        engine.forceColdStart('noop-ric');
        const t = performance.now();
        await client.post(invokePath('noop-ric'), Buffer.from('{}'));
        cold.push(performance.now() - t);
        coldFloor.push(await floorColdStart(bootstrap, dir));
      }
      client.close();
      out.push({ name: 'cold start, aws-lambda-ric as the runtime', unit: 'ms', ours: figure(cold), baselineName: 'aws-lambda-ric spawned by the minimal Runtime API floor', baseline: figure(coldFloor), target: '<= 1.2x' });
    } else {
      notes.push('aws-lambda-ric is not built (it compiles a native part on npm install; .ci/run installs its build tools): its rows were skipped.');
    }
    notes.push(
      'serverless-offline was not run: version 14 needs the Serverless Framework 4, which needs a login; 13.x with serverless@3 installs from npm without one but is not a dependency of this project (add both as devDependencies to measure it).',
      'SAM CLI and LocalStack need Docker, which this machine does not have; their published figures are in docs (anecdotal, not comparable).',
    );
    return { rows: out, notes };
  } finally {
    ricFloor?.close();
    local.close();
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runStandalone(module, rows);
