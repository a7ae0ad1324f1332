// Fault soak: N invocations (default 10,000) through the HTTP Invoke API across Node.js and Python
// functions with injected faults. Checks every outcome, that nothing is left running, and the engine's
// heap after GC from the first to the last window. Usage: node --import tsx scripts/soak.ts
// [--invocations N] [--concurrency C] [--seed S] [--faults ok,throw,...] [--out report.json]; exit 0 when all held.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Emulator } from '../src/core/emulator';
import { commandLine, findEngineProcesses } from '../test/support/processes';
import { waitFor } from '../test/support/wait';
import { seedFrom, seededRandom } from '../test/support/seededRandom';
import { checkOutcome, FAULT_WEIGHTS, functionName, soakConfigs, writeSoakCode, type Fault, type Runtime, type Seen } from './soakFaults';

/** What the soak found; `ok` is the verdict. */
export interface SoakReport {
  readonly seed: number;
  readonly invocations: number;
  readonly seconds: number;
  readonly byFault: Record<string, { count: number; wrong: number }>;
  /** The first wrong outcomes (all are counted in byFault). */
  readonly failures: string[];
  /** Heap used and RSS (bytes) after a full GC at the end of each window, with no invocation in flight. */
  readonly memory: { after: number; heapUsed: number; rss: number; logStreams: number }[];
  /** (last - first) / first of heapUsed after GC, first and last window. */
  readonly heapGrowth: number;
  readonly rssGrowth: number;
  /** Engine processes still alive after dispose (command lines). */
  readonly leftovers: string[];
  /** Forked `sleep` processes seen alive after a window settled. */
  readonly strayChildren: number;
  readonly ok: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

function invoke(agent: http.Agent, port: number, name: string, body: string): Promise<Seen> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, agent, method: 'POST', path: `/2015-03-31/functions/${name}/invocations`, headers: { 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, functionError: res.headers['x-amz-function-error'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ status: -1, functionError: undefined, body: `response error: ${e.message}` }));
      },
    );
    // Generous: the slowest fault (a runtime that never calls /next) takes 10 s + 1 s.
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s (hang)')));
    req.on('error', (e) => resolve({ status: -1, functionError: undefined, body: `request error: ${e.message}` }));
    req.end(body);
  });
}

function memorySample(engine: Emulator, after: number): SoakReport['memory'][number] {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  // Each new environment writes a new log stream, whose metadata the log store keeps in memory.
  const logStreams = engine.logs.listGroups().reduce((n, g) => n + g.streams.size, 0);
  return { after, heapUsed: m.heapUsed, rss: m.rss, logStreams };
}

/** Runs the soak in this process (call with --expose-gc for meaningful memory figures). */
export async function runSoak(options: { invocations: number; concurrency: number; seed: number; windows?: number; faults?: readonly Fault[] }): Promise<SoakReport> {
  const started = performance.now();
  const rng = seededRandom(options.seed);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-soak-'));
  writeSoakCode(workspace);
  const engine = new Emulator({ workspaceDir: workspace, api: { port: 0 }, interpreters: { python: '/usr/bin/python3' }, accountConcurrency: 50 });
  for (const c of soakConfigs(workspace)) engine.defineFunction(c);
  const port = Number(new URL((await engine.listen()) as string).port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  // Every fault at least once (first), then drawn by weight.
  const weights = Object.fromEntries(Object.entries(FAULT_WEIGHTS).filter(([f]) => !options.faults || options.faults.includes(f as Fault))) as Record<Fault, number>;
  const every = (Object.keys(weights) as Fault[]).flatMap((fault): { fault: Fault; runtime: Runtime }[] => (fault === 'nonext' ? [{ fault, runtime: 'node' }] : [{ fault, runtime: 'node' }, { fault, runtime: 'python' }]));
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the assertion picks the generic type argument
  const plan = Array.from({ length: options.invocations }, (_, i) => every[i] ?? { fault: rng.weighted(weights) as Fault, runtime: rng.pick<Runtime>(['node', 'python']) });
  const byFault: Record<string, { count: number; wrong: number }> = {};
  const failures: string[] = [];
  const memory: SoakReport['memory'] = [];
  const windows = options.windows ?? 10;
  const windowSize = Math.ceil(options.invocations / windows);
  let strayChildren = 0;
  const sleepers = (): number[] => findEngineProcesses().filter((pid) => commandLine(pid)?.startsWith('sleep 60'));
  try {
    for (let from = 0; from < plan.length; from += windowSize) {
      let next = from;
      const to = Math.min(plan.length, from + windowSize);
      const worker = async (): Promise<void> => {
        while (next < to) {
          const i = next++;
          const { fault, runtime } = plan[i] as { fault: Fault; runtime: Runtime };
          const seen = await invoke(agent, port, functionName(fault, runtime), JSON.stringify({ id: i }));
          const key = fault === 'nonext' ? 'provided/nonext' : `${runtime}/${fault}`;
          const tally = (byFault[key] ??= { count: 0, wrong: 0 });
          tally.count++;
          const why = checkOutcome(fault, runtime, i, seen);
          if (why) {
            tally.wrong++;
            if (failures.length < 20) failures.push(`#${i} ${key}: ${why}`);
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      // A forked child dies with its environment's process group; give the kill a moment to land.
      try {
        await waitFor(() => sleepers().length === 0, 5000, 'forked children to end');
      } catch {
        strayChildren += sleepers().length;
      }
      memory.push(memorySample(engine, to));
      process.stderr.write(`soak: ${to}/${plan.length} invocations, heap ${(memory[memory.length - 1]!.heapUsed / 1048576).toFixed(1)} MB, ${failures.length} wrong\n`);
    }
  } finally {
    agent.destroy();
    await engine.dispose();
  }
  let leftovers: string[] = [];
  try {
    await waitFor(() => findEngineProcesses().length === 0, 5000, 'engine processes to end');
  } catch {
    leftovers = findEngineProcesses().map((pid) => `${pid}: ${commandLine(pid) ?? '?'}`);
  }
  fs.rmSync(workspace, { recursive: true, force: true });
  const first = memory[0] as { heapUsed: number; rss: number };
  const last = memory[memory.length - 1] as { heapUsed: number; rss: number };
  const heapGrowth = (last.heapUsed - first.heapUsed) / first.heapUsed;
  const wrong = Object.values(byFault).reduce((s, t) => s + t.wrong, 0);
  return {
    seed: options.seed,
    invocations: plan.length,
    seconds: (performance.now() - started) / 1000,
    byFault,
    failures,
    memory,
    heapGrowth,
    rssGrowth: (last.rss - first.rss) / first.rss,
    leftovers,
    strayChildren,
    ok: wrong === 0 && leftovers.length === 0 && strayChildren === 0 && (!gc || plan.length < 5000 || heapGrowth <= 0.1),
  };
}

/** Heap growth divided by the log streams created between the first and last sample. */
function perStream(r: SoakReport): string {
  const first = r.memory[0]!;
  const last = r.memory[r.memory.length - 1]!;
  const streams = last.logStreams - first.logStreams;
  return streams > 0 ? String(Math.round((last.heapUsed - first.heapUsed) / streams)) : '-';
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { invocations: { type: 'string' }, concurrency: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, faults: { type: 'string' } } });
  if (!gc) {
    // Memory after GC needs --expose-gc: run again with it.
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    return r.status ?? 1;
  }
  const seed = seedFrom(values.seed ?? process.env.SOAK_SEED);
  process.stderr.write(`soak: seed ${seed} (replay with --seed ${seed})\n`);
  const faults = values.faults?.split(',').map((f) => f.trim() as Fault);
  const report = await runSoak({ invocations: Number(values.invocations ?? 10_000), concurrency: Number(values.concurrency ?? 8), seed, ...(faults ? { faults } : {}) });
  const text = JSON.stringify(report, null, 1);
  if (values.out) fs.writeFileSync(values.out, text);
  process.stdout.write(
    `soak: ${report.invocations} invocations in ${report.seconds.toFixed(0)} s, seed ${seed}\n` +
      Object.entries(report.byFault).map(([k, t]) => `  ${k.padEnd(16)} ${String(t.count).padStart(6)}  wrong ${t.wrong}`).join('\n') +
      `\n  heap after GC ${(report.memory[0]!.heapUsed / 1048576).toFixed(1)} MB -> ${(report.memory[report.memory.length - 1]!.heapUsed / 1048576).toFixed(1)} MB (${(report.heapGrowth * 100).toFixed(1)}%, goal <= 10%),` +
      ` log streams ${report.memory[0]!.logStreams} -> ${report.memory[report.memory.length - 1]!.logStreams}` +
      ` (${perStream(report)} bytes of heap per new stream at most),` +
      ` RSS ${(report.rssGrowth * 100).toFixed(1)}%\n  left behind: ${report.leftovers.length}, stray children: ${report.strayChildren}\n` +
      (report.failures.length ? `  first failures:\n    ${report.failures.join('\n    ')}\n` : '') +
      `soak: ${report.ok ? 'PASS' : 'FAIL'}\n`,
  );
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main().then((code) => (process.exitCode = code), (e: unknown) => {
    process.stderr.write(`soak: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  });
}
