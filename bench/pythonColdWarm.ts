// Python runtime bootstrap: cold start and warm invoke latency of a no-op handler through emulator.invoke,
// and the Python CPU time of one warm invocation, each beside a floor measured in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { timeSequential } from './lib/httpClient';
import { noopConfig, noopDir, PYTHON } from './lib/noop';
import { figure, median, quantile } from './lib/stats';
import { runStandalone } from './lib/benchModule';
import type { Row } from './lib/table';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARM_N = Number(process.env.BENCH_WARM_N ?? 2000);
const COLD_N = Number(process.env.BENCH_COLD_N ?? 15);
const CPU_N = Number(process.env.BENCH_CPU_N ?? 5000);
const runtimeDir = path.join(__dirname, '..', 'dist', 'runtime', 'python');


/** CPU milliseconds a process has run so far (nanosecond scheduler accounting, not 10 ms ticks). */
function cpuMs(pid: number | 'self'): number {
  return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ')[0]) / 1e6;
}

/**
 * CPU milliseconds of a runtime loop (`args` run by PYTHON) served by a bare Runtime API that answers as
 * fast as it can: until its first /next (init), and per invocation. Only the runtime's own work is counted.
 */
async function runtimeCpu(args: string[], env: Record<string, string>, n: number): Promise<{ init: number; perInvoke: number }> {
  let served = 0;
  let before = 0;
  let init = NaN;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const body = Buffer.from('{"key": "value"}');
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      if (served === 0) init = cpuMs(child.pid as number);
      res.writeHead(200, {
        'Content-Type': 'application/json', 'Content-Length': body.length, 'Lambda-Runtime-Aws-Request-Id': `req-${served}`,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000), 'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:f',
      });
      return void res.end(body);
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': 2 });
      res.end('{}');
      served++;
      if (served === 200) before = cpuMs(child.pid as number);
      if (served === 200 + n) done();
    });
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const child = spawn(PYTHON, args, {
    env: { ...env, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${(server.address() as AddressInfo).port}` },
    stdio: 'ignore',
  });
  await finished;
  const used = cpuMs(child.pid as number) - before;
  child.kill('SIGKILL');
  await once(child, 'exit');
  server.closeAllConnections();
  server.close();
  return { init, perInvoke: used / n };
}

/** CPU milliseconds of a whole `PYTHON -c pass` (its parent's RUSAGE_CHILDREN). */
function bareStartCpu(): number {
  const code = [
    'import resource, subprocess, sys',
    "subprocess.run([sys.executable, '-c', 'pass'])",
    'r = resource.getrusage(resource.RUSAGE_CHILDREN)',
    'print((r.ru_utime + r.ru_stime) * 1000)',
  ].join('\n');
  return Number(spawnSync(PYTHON, ['-c', code], { encoding: 'utf8' }).stdout.trim());
}

function spawnMs(command: string, args: string[]): number {
  const t = performance.now();
  // A clean environment like the engine gives runtimes: an inherited NODE_EXTRA_CA_CERTS alone adds ~60 ms to a Node start.
  spawnSync(command, args, { stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return performance.now() - t;
}

export async function pythonRows(): Promise<Row[]> {
  const dir = noopDir('bench-python-');
  const engine = new Emulator({ workspaceDir: dir, api: false, interpreters: { python: PYTHON } });
  engine.defineFunction(noopConfig('noop-python', 'python3.11', 'app.handler', dir));
  engine.defineFunction(noopConfig('noop-node', 'nodejs20.x', 'index.handler', dir));
  const invoke = (fn: string) => engine.invoke({ functionName: fn, payload: Buffer.from('{}') });
  const rows: Row[] = [];
  try {
    const cold: number[] = [];
    const init: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < COLD_N; i++) {
      engine.forceColdStart('noop-python');
      const t = performance.now();
      const r = await invoke('noop-python');
      cold.push(performance.now() - t);
      init.push(r.outcome?.initDurationMs ?? NaN);
      bare.push(spawnMs(PYTHON, ['-c', 'pass']));
    }
    const bareName = `bare \`${PYTHON} -c pass\` spawn`;
    rows.push({ name: 'Python cold start (emulator.invoke to result)', unit: 'ms', ours: figure(cold), baselineName: bareName, baseline: figure(bare), target: '<= 5x' });
    rows.push({ name: 'Python Init Duration (REPORT)', unit: 'ms', ours: figure(init), baselineName: bareName, baseline: figure(bare) });

    const warm = { python: { p50: [] as number[], p99: [] as number[] }, node: { p50: [] as number[], p99: [] as number[] } };
    for (let run = 0; run < RUNS; run++) {
      for (const [key, fn] of [['python', 'noop-python'], ['node', 'noop-node']] as const) {
        await timeSequential(300, () => invoke(fn));
        const samples = await timeSequential(WARM_N, () => invoke(fn));
        warm[key].p50.push(median(samples));
        warm[key].p99.push(quantile(samples, 0.99));
      }
    }
    const nodeName = 'no-op Node.js handler, same engine';
    rows.push({ name: 'Python warm invoke p50 (emulator.invoke)', unit: 'ms', ours: figure(warm.python.p50), baselineName: nodeName, baseline: figure(warm.node.p50), target: '<= 1.2x' });
    rows.push({ name: 'Python warm invoke p99 (emulator.invoke)', unit: 'ms', ours: figure(warm.python.p99), baselineName: nodeName, baseline: figure(warm.node.p99) });

    const ours = { init: [] as number[], perInvoke: [] as number[] };
    const floor = { init: [] as number[], perInvoke: [] as number[] };
    const bareCpu: number[] = [];
    const env = { LAMBDA_TASK_ROOT: dir, _HANDLER: 'app.handler', PYTHONPATH: runtimeDir, PYTHONDONTWRITEBYTECODE: '1', PATH: process.env.PATH ?? '' };
    for (let run = 0; run < RUNS; run++) {
      const a = await runtimeCpu([path.join(runtimeDir, 'bootstrap.py')], env, CPU_N);
      const b = await runtimeCpu([path.join(__dirname, 'floor', 'minimal_bootstrap.py')], env, CPU_N);
      ours.init.push(a.init);
      ours.perInvoke.push(a.perInvoke);
      floor.init.push(b.init);
      floor.perInvoke.push(b.perInvoke);
      bareCpu.push(bareStartCpu());
    }
    const floorName = 'minimal http.client loop (bench/floor/minimal_bootstrap.py)';
    rows.push({ name: 'Python init CPU to first /next (bootstrap)', unit: 'ms', ours: figure(ours.init), baselineName: `whole \`${PYTHON} -c pass\` CPU`, baseline: figure(bareCpu) });
    rows.push({ name: 'Python init CPU to first /next (bootstrap)', unit: 'ms', ours: figure(ours.init), baselineName: floorName, baseline: figure(floor.init) });
    rows.push({ name: 'Python CPU per warm invocation (bootstrap)', unit: 'ms', ours: figure(ours.perInvoke), baselineName: floorName, baseline: figure(floor.perInvoke), target: '< 0.1 ms' });
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** The bench runner's entry (bench/README.md). */
export const rows = (): Promise<Row[]> => pythonRows();

runStandalone(module, rows);
