// F5 to first breakpoint (launch request -> stopped event) through the bundled debug adapter, for a
// Node.js handler, an esbuild TypeScript bundle and a Python handler, against a plain cold invoke of
// the same functions measured in the same run; and the Lambda clock error per stop.
// Run: npm run build && npx tsx bench/debugF5.ts [iterations]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Emulator } from '../src/core/emulator';
import { size } from './lib/benchModule';
import { figure } from './lib/stats';
import { markdown, type Row } from './lib/table';

const root = path.join(__dirname, '..');
const adapter = path.join(root, 'dist', 'debugAdapter.js');
const fixtures = path.join(root, 'test', 'debugAdapter', 'fixtures');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (xs: number[]): string => `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;
const lineOf = (file: string, marker: string): number => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(`@bp:${marker}`)) + 1;

interface Case {
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly file: string;
  readonly line: number;
}

async function session<T>(fn: (dc: DebugClient) => Promise<T>): Promise<T> {
  const dc = new DebugClient(process.execPath, adapter, 'lambda');
  dc.defaultTimeout = 30_000;
  await dc.start();
  try {
    return await fn(dc);
  } finally {
    await dc.disconnectRequest({}).catch(() => undefined);
    (dc as unknown as { stopAdapter(): void }).stopAdapter();
  }
}

/** Milliseconds from the launch request to the first stopped event. */
async function f5(c: Case): Promise<number> {
  return session(async (dc) => {
    await dc.initializeRequest();
    const initialized = dc.waitForEvent('initialized');
    const stopped = dc.waitForEvent('stopped');
    const t0 = performance.now();
    const launched = dc.launchRequest(c.args);
    await initialized;
    await dc.setBreakpointsRequest({ source: { path: c.file }, breakpoints: [{ line: c.line }] });
    await dc.configurationDoneRequest();
    await launched;
    await stopped;
    return performance.now() - t0;
  });
}

/** Per stop: |remaining before the breakpoint - remaining after it| as the handler itself reads it. */
async function clockErrors(c: Case, stops: number, holdMs: number): Promise<number[]> {
  return session(async (dc) => {
    await dc.initializeRequest();
    const initialized = dc.waitForEvent('initialized');
    let stopped = dc.waitForEvent('stopped');
    const launched = dc.launchRequest(c.args);
    await initialized;
    await dc.setBreakpointsRequest({ source: { path: c.file }, breakpoints: [{ line: c.line }] });
    await dc.configurationDoneRequest();
    await launched;
    const errors: number[] = [];
    for (let i = 0; i < stops; i++) {
      const s = (await stopped) as DebugProtocol.StoppedEvent;
      await new Promise((r) => setTimeout(r, holdMs));
      const done = dc.waitForEvent('lambdaInvocation');
      await dc.continueRequest({ threadId: s.body.threadId ?? 1 });
      const { before, after } = JSON.parse(((await done).body as { payload: string }).payload) as { before: number; after: number };
      errors.push(Math.abs(before - after));
      if (i + 1 < stops) {
        stopped = dc.waitForEvent('stopped');
        await dc.customRequest('invoke', {});
      }
    }
    return errors;
  });
}

/** Baseline: the same function invoked cold by the engine, no debugger. */
async function coldInvoke(ws: string, c: Case): Promise<number> {
  const engine = new Emulator({ workspaceDir: ws, stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-bench-state-')), api: false });
  try {
    let name: string;
    if (c.args.template) {
      await engine.loadTemplate({ templatePath: c.args.template as string });
      name = engine.registry.list()[0]?.name ?? '';
    } else {
      name = 'bench-cold';
      const a = c.args as { handler: string; runtime: string; codeUri: string };
      engine.defineFunction({
        functionName: name, version: '$LATEST', handler: a.handler, runtime: a.runtime, codeDir: a.codeUri, memorySize: 256, timeout: 30,
        ephemeralStorage: 512, environment: {}, layers: [], logging: { logFormat: 'Text', logGroup: `/aws/lambda/${name}` }, description: '',
        architectures: ['x86_64'], role: undefined, codeSha256: '',
      });
    }
    const t0 = performance.now();
    await engine.invoke({ functionName: name, payload: Buffer.from('{"name":"bench"}') });
    return performance.now() - t0;
  } finally {
    await engine.dispose();
  }
}

async function main(iterations: number, out: Row[] = []): Promise<Row[]> {
  if (!fs.existsSync(adapter)) throw new Error('run `npm run build` first');
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-bench-debug-'));
  fs.cpSync(fixtures, ws, { recursive: true });
  const node = path.join(ws, 'node', 'index.js');
  const app = path.join(ws, 'ts', 'src', 'app.ts');
  const py = path.join(ws, 'python', 'app.py');
  const cases: Case[] = [
    { name: 'Node.js (JavaScript)', args: { handler: 'index.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'node'), cwd: ws }, file: node, line: lineOf(node, 'handler') },
    { name: 'TypeScript (esbuild bundle)', args: { template: path.join(ws, 'ts', 'template.yaml'), function: 'Shout', cwd: ws }, file: app, line: lineOf(app, 'handler') },
    { name: 'Python (debugpy)', args: { handler: 'app.handler', runtime: 'python3.11', codeUri: path.join(ws, 'python'), cwd: ws }, file: py, line: lineOf(py, 'greeting') },
  ];
  try {
    console.log(`F5 to first breakpoint (launch request -> stopped), ${iterations} runs each, against a cold invoke without debugger:`);
    for (const c of cases) {
      await f5(c); // warm-up: interpreter lookup, first esbuild build, OS caches
      const cold: number[] = [];
      const debug: number[] = [];
      for (let i = 0; i < iterations; i++) {
        cold.push(await coldInvoke(ws, c));
        debug.push(await f5(c));
      }
      console.log(`  ${c.name}\n    F5:          ${fmt(debug)}\n    cold invoke: ${fmt(cold)}\n    ratio:       ${(median(debug) / median(cold)).toFixed(2)}x`);
      out.push({ name: `F5 to first breakpoint, ${c.name}`, unit: 'ms', ours: figure(debug), baselineName: 'cold invoke of the same function, no debugger', baseline: figure(cold) });
    }
    const stops = Math.max(5, iterations);
    const nodeClock = path.join(ws, 'node', 'clock.js');
    const nodeErrors = await clockErrors({ name: 'node', args: { handler: 'clock.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'node'), timeout: 3 }, file: nodeClock, line: lineOf(nodeClock, 'stop') }, stops, 500);
    const pyErrors = await clockErrors({ name: 'python', args: { handler: 'app.handler', runtime: 'python3.11', codeUri: path.join(ws, 'python'), timeout: 3, event: { name: 'x' } }, file: py, line: lineOf(py, 'greeting') }, stops, 500);
    console.log(`Clock error per stop (|remaining before - after| read by the handler around a 500 ms stop):`);
    console.log(`  Node.js: ${nodeErrors.map((e) => e.toFixed(0)).join(', ')} ms (median ${median(nodeErrors)} ms)`);
    console.log(`  Python:  ${pyErrors.map((e) => e.toFixed(0)).join(', ')} ms (median ${median(pyErrors)} ms)`);
    out.push({ name: 'Lambda clock error per 500 ms debugger stop, Node.js', unit: 'ms', ours: figure(nodeErrors) });
    out.push({ name: 'Lambda clock error per 500 ms debugger stop, Python', unit: 'ms', ours: figure(pyErrors) });
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
  return out;
}

/** The bench runner's entry (bench/README.md): main's measurements as rows. */
export async function rows(): Promise<Row[]> {
  return main(size('BENCH_DEBUG_N', 7, 3));
}

if (require.main === module) {
  main(Number(process.argv[2] ?? 7)).then((r) => console.log(markdown(r)), (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
