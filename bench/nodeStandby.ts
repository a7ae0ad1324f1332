// Node.js cold start from a standby runtime (runtime/nodeStandby.ts): invoke to response of a cold no-op
// function whose runtime process was parked ahead of need, beside a bare `node -e 0` spawn and a cold
// start spawned without a standby, alternating in the same loop; and the memory of one idle standby
// beside that of an idle warm environment of the same function.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { Emulator } from '../src/core/emulator';
import { treeRssKb } from '../src/core/runtime/processTree';
import { runStandalone, size } from './lib/benchModule';
import { noopConfig, noopDir } from './lib/noop';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_STANDBY_RUNS', 15, 5);

function bareNodeMs(): number {
  const t = performance.now();
  // A clean environment like the engine gives runtimes (an inherited NODE_EXTRA_CA_CERTS alone adds ~60 ms).
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return performance.now() - t;
}

async function coldMs(engine: Emulator, name: string, standby: boolean): Promise<{ ms: number; initMs: number }> {
  engine.forceColdStart(name);
  engine.standby.enabled = standby;
  // The standby is started ahead of need: wait until it is parked, as it is between a save and an invoke.
  if (standby) await engine.standby.settled();
  const t = performance.now();
  const r = await engine.invoke({ functionName: name, payload: Buffer.from('{}') });
  const ms = performance.now() - t;
  if (!r.outcome?.coldStart || r.functionError) throw new Error(`not a clean cold start: ${r.payload.toString()}`);
  return { ms, initMs: r.outcome.initDurationMs ?? 0 };
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<{ rows: Row[]; notes: string[] }> {
  const dir = noopDir('bench-standby-');
  const engine = new Emulator({ workspaceDir: dir, api: false });
  engine.defineFunction(noopConfig('noop-node', 'nodejs20.x', 'index.handler', dir));
  const withStandby: number[] = [];
  const spawned: number[] = [];
  const bare: number[] = [];
  const initStandby: number[] = [];
  const initSpawned: number[] = [];
  const standbyMb: number[] = [];
  const warmMb: number[] = [];
  try {
    await engine.invoke({ functionName: 'noop-node', payload: Buffer.from('{}') });
    for (let i = 0; i < RUNS; i++) {
      bare.push(bareNodeMs());
      const a = await coldMs(engine, 'noop-node', true);
      withStandby.push(a.ms);
      initStandby.push(a.initMs);
      const b = await coldMs(engine, 'noop-node', false);
      spawned.push(b.ms);
      initSpawned.push(b.initMs);
      engine.standby.enabled = true;
      // Memory: the parked standby, and the warm (idle) environment that just served the invoke.
      await coldMs(engine, 'noop-node', true);
      await engine.standby.settled();
      for (const s of engine.standby.idle()) standbyMb.push(s.rssKb / 1024);
      for (const env of engine.pool.environments('noop-node')) if (env.pid && env.state === 'idle') warmMb.push(treeRssKb(env.pid) / 1024);
    }
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bareName = 'bare `node -e 0` spawn';
  return {
    rows: [
      { name: 'Node.js cold start from a standby (invoke to response)', unit: 'ms', ours: figure(withStandby), baselineName: bareName, baseline: figure(bare), target: '<= 1.0x' },
      { name: 'Node.js cold start spawned, no standby (invoke to response)', unit: 'ms', ours: figure(spawned), baselineName: bareName, baseline: figure(bare) },
      { name: 'Node.js idle standby, resident memory', unit: 'MB', ours: figure(standbyMb), baselineName: 'idle warm environment of the same function', baseline: figure(warmMb) },
    ],
    notes: [
      `Init Duration reported: ${figure(initStandby).value.toFixed(1)} ms from a standby (the function's init: environment, bootstrap, handler), ${figure(initSpawned).value.toFixed(1)} ms spawned (Node's own boot included).`,
      'A standby is parked after each use of a function\'s runtime and ended after 5 minutes unused: an idle function costs nothing.',
    ],
  };
}

runStandalone(module, rows);
