// Throughput with 1, 4 and 16 concurrent clients spread over 4 no-op Node.js functions (so 1, 4 and 16
// execution environments), beside the minimal Runtime API floor with as many runtime processes and
// lambda-local's HTTP mode (one process, handler called in-process: the low-fidelity end).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size, type BenchResult } from './lib/benchModule';
import { rate, startLambdaLocalHttp } from './lib/load';
import { noopConfig, noopDir } from './lib/noop';
import { figure } from './lib/stats';
import type { Row } from './lib/table';
import { startMinimalPool, type MinimalPool } from './floor/minimalPool';

const FUNCTIONS = 4;
const LEVELS = [1, 4, 16];

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<BenchResult> {
  const runs = size('BENCH_RUNS', 5, 3);
  const ms = size('BENCH_THROUGHPUT_MS', 1500, 700);
  const dir = noopDir();
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 }, idleTimeoutMs: 3_600_000 });
  const names = Array.from({ length: FUNCTIONS }, (_, i) => `noop-${i}`);
  for (const n of names) engine.defineFunction(noopConfig(n, 'nodejs20.x', 'index.handler', dir));
  const url = (await engine.listen()) as string;
  const peer = await startLambdaLocalHttp(path.join(dir, 'index.js'));
  const floors = new Map<number, MinimalPool>();
  const out: Row[] = [];
  try {
    for (const clients of LEVELS) {
      const floor = await startMinimalPool(process.execPath, [path.join(__dirname, 'floor', 'minimalBootstrap.js')], dir, clients);
      floors.set(clients, floor);
      await floor.ready;
      const paths = names.slice(0, Math.min(clients, FUNCTIONS)).map((n) => `/2015-03-31/functions/${n}/invocations`);
      const ours: number[] = [];
      const bare: number[] = [];
      const local: number[] = [];
      for (let run = 0; run < runs; run++) {
        ours.push(await rate(url, paths, clients, ms));
        bare.push(await rate(floor.url, ['/'], clients, ms));
        local.push(await rate(peer.url, ['/'], clients, ms));
      }
      floor.close();
      floors.delete(clients);
      const name = `invocations/s, ${clients} concurrent client${clients > 1 ? 's' : ''} (${paths.length} function${paths.length > 1 ? 's' : ''}, ${clients} environment${clients > 1 ? 's' : ''})`;
      out.push({ name, unit: '/s', ours: figure(ours), baselineName: `minimal Runtime API floor, ${clients} runtime process${clients > 1 ? 'es' : ''}`, baseline: figure(bare), higherIsBetter: true, target: '<= 1.5x' });
      out.push({ name, unit: '/s', ours: figure(ours), baselineName: 'lambda-local HTTP mode (in-process, no isolation)', baseline: figure(local), higherIsBetter: true });
    }
  } finally {
    for (const f of floors.values()) f.close();
    peer.close();
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    rows: out,
    notes: [
      '2 cores run the clients, the engine and every runtime process, so rates flatten past 2-4 clients for every system.',
      "the floor's runtime loop uses Node's http module, which costs more CPU per invocation than our runtime's own client: once CPU-bound (16 clients) the floor can fall behind us.",
    ],
  };
}

runStandalone(module, rows);
