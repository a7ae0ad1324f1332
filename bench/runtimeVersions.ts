// Each runtime at its named version: cold start (emulator.invoke to result after a forced cold start)
// and warm invoke p50 of a no-op handler for nodejs18.x-24.x (the binaries the runtime catalog resolves:
// local or fetched into the per-user cache) and every python3.X found on this machine, each beside the
// bare spawn of the same interpreter (`node -e 0`, `python -c pass`) timed in the same loop.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { Emulator } from '../src/core/emulator';
import { findPython } from '../src/core/runtime/pythonDiscovery';
import { LAMBDA_RUNTIMES } from '../src/core/project/runtimes';
import { runStandalone, size, type BenchResult } from './lib/benchModule';
import { timeSequential } from './lib/httpClient';
import { noopConfig, noopDir } from './lib/noop';
import { figure, median } from './lib/stats';
import type { Row } from './lib/table';

function spawnMs(command: string, args: string[]): number {
  const t = performance.now();
  // A clean environment, like the engine gives runtimes.
  spawnSync(command, args, { stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return performance.now() - t;
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<BenchResult> {
  const COLD_N = size('BENCH_RT_COLD', 10, 4);
  const WARM_N = size('BENCH_RT_WARM', 500, 150);
  const RUNS = size('BENCH_RT_RUNS', 3, 2);
  const dir = noopDir('bench-runtimes-');
  const engine = new Emulator({ workspaceDir: dir, api: false });
  const notes: string[] = [];
  engine.on('warning', (w) => notes.push(w));
  const out: Row[] = [];
  try {
    const targets: { runtime: string; handler: string; bareArgs: string[] }[] = [];
    for (const r of LAMBDA_RUNTIMES.filter((r) => r.startsWith('nodejs'))) targets.push({ runtime: r, handler: 'index.handler', bareArgs: ['-e', '0'] });
    for (const r of LAMBDA_RUNTIMES.filter((r) => r.startsWith('python'))) {
      if (await findPython(r.slice(6))) targets.push({ runtime: r, handler: 'app.handler', bareArgs: ['-c', 'pass'] });
      else notes.push(`${r}: no Python ${r.slice(6)} on this machine, not measured.`);
    }
    for (const t of targets) {
      const interp = await engine.catalog.resolve(t.runtime);
      const name = `noop-${t.runtime}`;
      engine.defineFunction(noopConfig(name, t.runtime, t.handler, dir));
      const invoke = () => engine.invoke({ functionName: name, payload: Buffer.from('{}') });
      const cold: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < COLD_N; i++) {
        engine.forceColdStart(name);
        const t0 = performance.now();
        await invoke();
        cold.push(performance.now() - t0);
        bare.push(spawnMs(interp.executable, t.bareArgs));
      }
      const warm: number[] = [];
      const bareWarm: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await timeSequential(50, invoke);
        warm.push(median(await timeSequential(WARM_N, invoke)));
        bareWarm.push(spawnMs(interp.executable, t.bareArgs));
      }
      const label = `${t.runtime} on ${t.runtime.startsWith('nodejs') ? 'Node.js' : 'Python'} ${interp.version}`;
      const bareName = `bare \`${interp.executable} ${t.bareArgs.join(' ')}\` spawn`;
      out.push({ name: `${label}: cold start (invoke to result)`, unit: 'ms', ours: figure(cold), baselineName: bareName, baseline: figure(bare) });
      out.push({ name: `${label}: warm invoke p50`, unit: 'ms', ours: figure(warm), baselineName: bareName, baseline: figure(bareWarm) });
    }
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows: out, notes };
}

runStandalone(module, rows);
