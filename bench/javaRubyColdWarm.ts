// Java and Ruby runtimes: cold start and warm invoke of a small handler through emulator.invoke, beside
// a bare spawn of the interpreter (`java -version`, `ruby -e ''`) and a no-op Node.js handler measured
// in the same run; and Java F5 to breakpoint (launch request -> `jdb` reports the breakpoint hit).
// Run: npm run build && npx tsx bench/javaRubyColdWarm.ts
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size } from './lib/benchModule';
import { timeSequential } from './lib/httpClient';
import { noopConfig, noopDir } from './lib/noop';
import { figure, median } from './lib/stats';
import type { Row } from './lib/table';

const root = path.join(__dirname, '..');
const JDKS = ['/usr/lib/jvm/java-17-openjdk-amd64', '/usr/lib/jvm/temurin-25-jdk-amd64'].filter((h) => fs.existsSync(path.join(h, 'bin', 'javac')));
const echoSource = path.join(root, 'test', 'fixtures', 'java', 'plain', 'src', 'plain', 'Echo.java');

function spawnMs(command: string, args: string[]): number {
  const t = performance.now();
  spawnSync(command, args, { stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return performance.now() - t;
}

async function coldWarm(engine: Emulator, fn: string, bare: () => number, coldN: number, warmN: number) {
  const invoke = () => engine.invoke({ functionName: fn, payload: Buffer.from('{"name":"x"}') });
  const cold: number[] = [];
  const init: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < coldN; i++) {
    engine.forceColdStart(fn);
    const t = performance.now();
    const r = await invoke();
    cold.push(performance.now() - t);
    init.push(r.outcome?.initDurationMs ?? NaN);
    bareMs.push(bare());
  }
  await timeSequential(100, invoke);
  const warm = await timeSequential(warmN, invoke);
  return { cold, init, bare: bareMs, warm };
}

/** Milliseconds from the launch request to `jdb` printing "Breakpoint hit" in the handler. */
async function f5Java(classes: string): Promise<number> {
  const dc = new DebugClient(process.execPath, path.join(root, 'dist', 'debugAdapter.js'), 'lambda');
  dc.defaultTimeout = 60_000;
  await dc.start();
  const line = fs.readFileSync(echoSource, 'utf8').split('\n').findIndex((l) => l.includes('r.greeting =')) + 1;
  try {
    await dc.initializeRequest();
    const attach = dc.waitForEvent('lambdaWorkbench.attach');
    const t0 = performance.now();
    const launched = dc.launchRequest({ handler: 'plain.Echo::handle', runtime: 'java17', codeUri: classes, event: { name: 'x' } } as DebugProtocol.LaunchRequestArguments);
    await dc.waitForEvent('initialized');
    await dc.configurationDoneRequest();
    await launched;
    const port = ((await attach).body as { configuration: { port: number } }).configuration.port;
    const done = dc.waitForEvent('lambdaInvocation');
    const jdb = spawn(path.join(JDKS[0] as string, 'bin', 'jdb'), ['-attach', `127.0.0.1:${port}`]);
    let out = '';
    let step = 0;
    const hit = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no breakpoint hit:\n${out}`)), 60_000);
      jdb.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // One command at a time, each after jdb confirmed the previous one (as the test does).
        if (step === 0 && /VM Started/.test(out)) {
          step = 1;
          jdb.stdin.write(`stop at plain.Echo:${line}\n`);
        } else if (step === 1 && /Deferring breakpoint/.test(out)) {
          step = 2;
          jdb.stdin.write('run\n');
        } else if (step === 2 && /Breakpoint hit/.test(out)) {
          step = 3;
          clearTimeout(timer);
          resolve(performance.now() - t0);
        } else if (step === 3 && /Breakpoint hit(.|\n)*main\[1\] $/.test(out)) {
          // jdb is at its prompt for the stopped thread: let the invocation finish.
          step = 4;
          jdb.stdin.write('cont\n');
        }
      });
    }).catch((e: unknown) => {
      jdb.kill('SIGKILL');
      throw e;
    });
    await done.catch((e: unknown) => {
      throw new Error(`${String(e)}\njdb:\n${out}`);
    });
    jdb.kill('SIGKILL');
    return hit;
  } finally {
    await dc.disconnectRequest({ terminateDebuggee: true }).catch(() => undefined);
    (dc as unknown as { stopAdapter(): void }).stopAdapter();
  }
}

export async function rows(): Promise<Row[]> {
  const coldN = size('BENCH_COLD_N', 10, 3);
  const warmN = size('BENCH_WARM_N', 1000, 200);
  const dir = noopDir('bench-jvm-');
  const classes = path.join(dir, 'classes');
  execFileSync(path.join(JDKS[0] as string, 'bin', 'javac'), ['-g', '--release', '11', '-d', classes, echoSource]);
  fs.writeFileSync(path.join(dir, 'app.rb'), "def handler(event:, context:)\n  { 'ok' => true }\nend\n");
  const out: Row[] = [];
  const node = new Emulator({ workspaceDir: dir, api: false });
  node.defineFunction(noopConfig('noop-node', 'nodejs20.x', 'index.handler', dir));
  node.defineFunction(noopConfig('noop-ruby', 'ruby3.3', 'app.handler', dir));
  try {
    const n = await coldWarm(node, 'noop-node', () => spawnMs(process.execPath, ['-e', '0']), 3, warmN);
    const r = await coldWarm(node, 'noop-ruby', () => spawnMs('ruby', ['-e', '']), coldN, warmN);
    out.push({ name: 'Ruby cold start (emulator.invoke to result)', unit: 'ms', ours: figure(r.cold), baselineName: "bare `ruby -e ''` spawn", baseline: figure(r.bare) });
    out.push({ name: 'Ruby warm invoke p50', unit: 'ms', ours: figure([median(r.warm)]), baselineName: 'no-op Node.js handler, same engine', baseline: figure([median(n.warm)]) });
    for (const jdk of JDKS) {
      const engine = new Emulator({ workspaceDir: dir, stateDir: path.join(dir, `state-${path.basename(jdk)}`), api: false, interpreters: { javaHome: jdk } });
      const runtime = jdk.includes('temurin-25') ? 'java25' : 'java17';
      engine.defineFunction(noopConfig('echo-java', runtime, 'plain.Echo::handle', classes));
      try {
        const j = await coldWarm(engine, 'echo-java', () => spawnMs(path.join(jdk, 'bin', 'java'), ['-version']), coldN, warmN);
        out.push({ name: `${runtime} cold start (emulator.invoke to result)`, unit: 'ms', ours: figure(j.cold), baselineName: `bare \`${path.basename(jdk)}/bin/java -version\` spawn`, baseline: figure(j.bare) });
        out.push({ name: `${runtime} Init Duration (REPORT)`, unit: 'ms', ours: figure(j.init), baselineName: '`java -version` spawn', baseline: figure(j.bare) });
        out.push({ name: `${runtime} warm invoke p50`, unit: 'ms', ours: figure([median(j.warm)]), baselineName: 'no-op Node.js handler, same engine', baseline: figure([median(n.warm)]) });
      } finally {
        await engine.dispose();
      }
    }
    const f5: number[] = [];
    for (let i = 0; i < Math.max(1, Math.floor(coldN / 3)); i++) f5.push(await f5Java(classes));
    const cold = await coldWarm(node, 'noop-node', () => 0, 1, 1);
    out.push({ name: 'Java F5 to breakpoint (launch -> jdb "Breakpoint hit")', unit: 'ms', ours: figure(f5), baselineName: 'Node.js cold start, same engine', baseline: figure(cold.cold) });
  } finally {
    await node.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

runStandalone(module, rows);
