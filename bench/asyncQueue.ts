// Event queue throughput for a no-op handler: Event invocations accepted per second (each 202 waits for
// the fsync'd journal) beside DryRun over the same path (validation without queueing), and events
// delivered per second beside synchronous invocations with as many concurrent callers as the queue uses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import type { AsyncEventHistory } from '../src/core/invoke/asyncEventStore';
import { runStandalone, size, type BenchResult } from './lib/benchModule';
import { BenchClient } from './lib/httpClient';
import { rate } from './lib/load';
import { noopConfig, noopDir } from './lib/noop';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const CLIENTS = 16;
const PATH = '/2015-03-31/functions/noop/invocations';

// Sends `n` invocations of `type` from CLIENTS concurrent callers; resolves with their rate per second.
async function send(url: string, n: number, type: 'Event' | 'DryRun'): Promise<number> {
  const client = new BenchClient(url);
  const body = Buffer.from('{}');
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < n) {
      next++;
      const r = await client.post(PATH, body, { 'X-Amz-Invocation-Type': type });
      if (r.status !== (type === 'Event' ? 202 : 204)) throw new Error(`${type} answered ${r.status}: ${r.body.toString('utf8')}`);
    }
  }));
  const perSecond = (n / (performance.now() - t)) * 1000;
  client.close();
  return perSecond;
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<BenchResult> {
  const runs = size('BENCH_RUNS', 5, 3);
  const n = size('BENCH_ASYNC_N', 2000, 500);
  const dir = noopDir();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-async-state-'));
  const engine = new Emulator({ workspaceDir: dir, stateDir, api: { port: 0 }, idleTimeoutMs: 3_600_000 });
  engine.defineFunction(noopConfig('noop', 'nodejs20.x', 'index.handler', dir));
  const url = (await engine.listen()) as string;
  const queue = engine.events.asyncQueue;
  const accepted: number[] = [];
  const dryRun: number[] = [];
  const delivered: number[] = [];
  const sync: number[] = [];
  try {
    await rate(url, [PATH], queue.concurrencyPerFunction, 300);
    for (let run = 0; run < runs; run++) {
      dryRun.push(await send(url, n, 'DryRun'));
      let done = 0;
      let first = 0;
      const all = new Promise<void>((resolve) => {
        const onEvent = (h: AsyncEventHistory): void => {
          if (h.status !== 'Succeeded') return;
          first ||= performance.now();
          if (++done === n) {
            queue.off('event', onEvent);
            resolve();
          }
        };
        queue.on('event', onEvent);
      });
      const t = performance.now();
      accepted.push(await send(url, n, 'Event'));
      await all;
      delivered.push((n / (performance.now() - t)) * 1000);
      sync.push(await rate(url, [PATH], queue.concurrencyPerFunction, 1500));
    }
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  const rowsOut: Row[] = [
    { name: `Event invocations accepted/s (202 after fsync, ${CLIENTS} clients)`, unit: '/s', ours: figure(accepted), baselineName: 'DryRun invocations/s, same path, no queue', baseline: figure(dryRun), higherIsBetter: true, target: '<= 2x' },
    { name: `Event invocations delivered/s (no-op, ${queue.concurrencyPerFunction} at a time)`, unit: '/s', ours: figure(delivered), baselineName: `sync invocations/s, ${queue.concurrencyPerFunction} concurrent clients`, baseline: figure(sync), higherIsBetter: true, target: '<= 1.5x' },
  ];
  return { rows: rowsOut, notes: [`${n} events per run; delivery is counted from the first request to the last success, so it includes accepting them.`] };
}

runStandalone(module, rows);
