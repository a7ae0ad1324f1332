// Warm invoke latency, throughput and cold start through the HTTP Invoke API, for a no-op Node.js and a
// no-op Python handler, each beside a floor measured in the same run (issue 2's benchmark).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { startMinimalPool } from './floor/minimalPool';
import { noopConfig, noopDir, PYTHON } from './lib/noop';
import { BenchClient, timeSequential } from './lib/httpClient';
import { figure, median, quantile } from './lib/stats';
import { runStandalone } from './lib/benchModule';
import type { Row } from './lib/table';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARM_N = Number(process.env.BENCH_WARM_N ?? 2000);
const COLD_N = Number(process.env.BENCH_COLD_N ?? 15);


async function warm(url: string, pathName: string): Promise<{ p50: number; p99: number; perSecond: number }> {
  const client = new BenchClient(url);
  const body = Buffer.from('{}');
  await timeSequential(300, () => client.post(pathName, body));
  const t = performance.now();
  const samples = await timeSequential(WARM_N, () => client.post(pathName, body));
  const elapsed = performance.now() - t;
  client.close();
  return { p50: median(samples), p99: quantile(samples, 0.99), perSecond: (WARM_N / elapsed) * 1000 };
}

function spawnMs(command: string, args: string[]): number {
  const t = performance.now();
  // A clean environment like the engine gives runtimes: an inherited NODE_EXTRA_CA_CERTS alone adds ~60 ms to a Node start.
  spawnSync(command, args, { stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return performance.now() - t;
}

export async function invokeRows(): Promise<Row[]> {
  const dir = noopDir();
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 }, interpreters: { python: PYTHON } });
  engine.defineFunction(noopConfig('noop-node', 'nodejs20.x', 'index.handler', dir));
  engine.defineFunction(noopConfig('noop-python', 'python3.11', 'app.handler', dir));
  const url = (await engine.listen()) as string;
  const rows: Row[] = [];
  for (const [label, fn, floorCmd, floorArgs, spawnCmd, spawnArgs] of [
    ['Node.js', 'noop-node', process.execPath, [path.join(__dirname, 'floor', 'minimalBootstrap.js')], process.execPath, ['-e', '0']],
    ['Python', 'noop-python', PYTHON, [path.join(__dirname, 'floor', 'minimal_bootstrap.py')], PYTHON, ['-c', 'pass']],
  ] as const) {
    const ours = { p50: [] as number[], p99: [] as number[], rate: [] as number[] };
    const floor = { p50: [] as number[], p99: [] as number[], rate: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const a = await warm(url, `/2015-03-31/functions/${fn}/invocations`);
      ours.p50.push(a.p50); ours.p99.push(a.p99); ours.rate.push(a.perSecond);
      const minimal = await startMinimalPool(floorCmd, [...floorArgs], dir);
      await minimal.ready;
      const b = await warm(minimal.url, '/');
      minimal.close();
      floor.p50.push(b.p50); floor.p99.push(b.p99); floor.rate.push(b.perSecond);
    }
    const floorName = `minimal Runtime API + bare ${label} loop`;
    rows.push({ name: `${label} warm invoke p50`, unit: 'ms', ours: figure(ours.p50), baselineName: floorName, baseline: figure(floor.p50), target: '<= 1.5x' });
    rows.push({ name: `${label} warm invoke p99`, unit: 'ms', ours: figure(ours.p99), baselineName: floorName, baseline: figure(floor.p99) });
    rows.push({ name: `${label} invocations/s (1 client)`, unit: '/s', ours: figure(ours.rate), baselineName: floorName, baseline: figure(floor.rate), higherIsBetter: true });
    const cold: number[] = [];
    const bare: number[] = [];
    const client = new BenchClient(url);
    for (let i = 0; i < COLD_N; i++) {
      engine.forceColdStart(fn);
      const t = performance.now();
      await client.post(`/2015-03-31/functions/${fn}/invocations`, Buffer.from('{}'));
      cold.push(performance.now() - t);
      bare.push(spawnMs(spawnCmd, [...spawnArgs]));
    }
    client.close();
    rows.push({
      name: `${label} cold start (invoke to response)`, unit: 'ms', ours: figure(cold), baselineName: `bare \`${path.basename(spawnCmd)} ${spawnArgs.join(' ')}\` spawn`,
      baseline: figure(bare), target: label === 'Node.js' ? '<= 1.4x' : '<= 5x',
    });
  }
  await engine.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}

/** The bench runner's entry (bench/README.md). */
export const rows = (): Promise<Row[]> => invokeRows();

runStandalone(module, rows);
