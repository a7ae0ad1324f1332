// Save to result: the time from writing a handler file to the response of the next invoke that reflects
// it (the watcher notices, the engine rebuilds, the invoke recycles the environment, a cold start from a
// standby for Node.js; or, in module mode, reloads the handler in the warm environment), for Node.js
// CommonJS and ESM, TypeScript (esbuild), Python and a function with a layer; beside a fresh cold start
// of the same function (spawned, no standby) in the same run. Checks an unrelated function stays warm.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import type { ReloadMode } from '../src/core/runtime/hotReload';
import { runStandalone, size } from './lib/benchModule';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_SAVE_RUNS', 10, 3);

interface Case {
  readonly label: string;
  readonly name: string;
  /** File (relative to the workspace) rewritten on each save, and its text for a tag. */
  readonly file: string;
  readonly source: (tag: number) => string;
  readonly resource: string;
}

const node = (tag: number): string => `exports.handler = async () => ({ tag: ${tag} });\n`;
const cases: Case[] = [
  { label: 'Node.js CommonJS', name: 'cjs', file: 'cjs/index.js', source: node, resource: fnResource('cjs', 'nodejs20.x', 'cjs/', 'index.handler') },
  { label: 'Node.js ESM', name: 'esm', file: 'esm/index.mjs', source: (t) => `export const handler = async () => ({ tag: ${t} });\n`, resource: fnResource('esm', 'nodejs20.x', 'esm/', 'index.handler') },
  {
    label: 'TypeScript (esbuild)',
    name: 'ts',
    file: 'ts/app.ts',
    source: (t) => `export const handler = async (): Promise<{ tag: number }> => ({ tag: ${t} as number });\n`,
    resource: fnResource('ts', 'nodejs20.x', 'ts/', 'app.handler') + '    Metadata:\n      BuildMethod: esbuild\n      BuildProperties:\n        EntryPoints:\n          - app.ts\n',
  },
  { label: 'Python', name: 'py', file: 'py/app.py', source: (t) => `def handler(event, context):\n    return {"tag": ${t}}\n`, resource: fnResource('py', 'python3.11', 'py/', 'app.handler') },
  {
    label: 'Node.js with a layer',
    name: 'layered',
    file: 'layered/index.js',
    source: (t) => `const greet = require('greet');\nexports.handler = async () => ({ tag: ${t}, from: greet() });\n`,
    resource: fnResource('layered', 'nodejs20.x', 'layered/', 'index.handler') + '      Layers:\n        - !Ref Greet\n',
  },
];

function fnResource(name: string, runtime: string, codeUri: string, handler: string): string {
  return `  F${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: ${name}\n      Runtime: ${runtime}\n      CodeUri: ${codeUri}\n      Handler: ${handler}\n      Timeout: 10\n`;
}

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-save-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  for (const c of cases) write(c.file, c.source(0));
  write('other/index.js', 'let n = 0;\nexports.handler = async () => ({ n: ++n });\n');
  write('layer/nodejs/node_modules/greet/index.js', "module.exports = () => 'a layer';\n");
  write(
    'template.yaml',
    `Transform: AWS::Serverless-2016-10-31\nResources:\n${cases.map((c) => c.resource).join('')}${fnResource('other', 'nodejs20.x', 'other/', 'index.handler')}  Greet:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layer/\n`,
  );
  return dir;
}

async function invokeJson(engine: Emulator, name: string, reload?: ReloadMode): Promise<{ body: Record<string, unknown>; cold: boolean; reload: string | undefined }> {
  const r = await engine.invoke({ functionName: name, payload: Buffer.from('{}'), ...(reload ? { reload } : {}) });
  if (r.functionError) throw new Error(`${name} failed: ${r.payload.toString()}`);
  return { body: JSON.parse(r.payload.toString()) as Record<string, unknown>, cold: Boolean(r.outcome?.coldStart), reload: r.outcome?.reload?.action };
}

/** Writes the file and waits until the engine applied the change; then the invoke. */
async function saveAndInvoke(engine: Emulator, dir: string, c: Case, tag: number, reload: ReloadMode): Promise<{ total: number; notice: number; result: Awaited<ReturnType<typeof invokeJson>> }> {
  await engine.standby.settled();
  const seen = changed(engine, c.name);
  const t0 = performance.now();
  fs.writeFileSync(path.join(dir, c.file), c.source(tag));
  await seen;
  const t1 = performance.now();
  const result = await invokeJson(engine, c.name, reload);
  const total = performance.now() - t0;
  if (result.body.tag !== tag) throw new Error(`${c.label}: the invoke after the save returned ${JSON.stringify(result.body)}, not tag ${tag}`);
  return { total, notice: t1 - t0, result };
}

/** Resolves when the registry reports `name` changed (the watcher noticed and the engine rebuilt it). */
function changed(engine: Emulator, name: string): Promise<void> {
  return new Promise((resolve) => {
    const on = (names: string[]): void => {
      if (!names.includes(name)) return;
      engine.off('functionsChanged', on);
      resolve();
    };
    engine.on('functionsChanged', on);
  });
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<{ rows: Row[]; notes: string[] }> {
  const dir = workspace();
  const engine = new Emulator({ workspaceDir: dir, api: false });
  const out: Row[] = [];
  const notes: string[] = [];
  try {
    await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml'), watch: true });
    await invokeJson(engine, 'other');
    for (const c of cases) {
      const save: number[] = [];
      const reloaded: number[] = [];
      const notice: number[] = [];
      const cold: number[] = [];
      await invokeJson(engine, c.name);
      let tag = 0;
      for (let run = 1; run <= RUNS; run++) {
        // The default: the environment is recycled, a true cold start (from a standby for Node.js).
        const recycle = await saveAndInvoke(engine, dir, c, ++tag, 'recycle');
        if (!recycle.result.cold || recycle.result.reload !== 'recycled') throw new Error(`${c.label}: recycle mode did not recycle: ${JSON.stringify(recycle.result)}`);
        save.push(recycle.total);
        notice.push(recycle.notice);
        // Module mode: the warm environment reloads the handler module.
        const warm = await saveAndInvoke(engine, dir, c, ++tag, 'module');
        if (warm.result.cold || warm.result.reload !== 'reloaded') throw new Error(`${c.label}: module mode did not reload in place: ${JSON.stringify(warm.result)}`);
        reloaded.push(warm.total);
        // The floor: a fresh cold start of the same (unchanged) code, spawned without a standby.
        engine.pool.retire(c.name);
        engine.standby.enabled = false;
        const t3 = performance.now();
        const again = await invokeJson(engine, c.name);
        cold.push(performance.now() - t3);
        engine.standby.enabled = true;
        if (!again.cold) throw new Error(`${c.label}: the invoke after retire was not a cold start`);
      }
      out.push({ name: `save to result: ${c.label} (recycle)`, unit: 'ms', ours: figure(save), baselineName: 'fresh cold start of the same function', baseline: figure(cold), target: '< 100 ms p50' });
      out.push({ name: `save to result: ${c.label} (module reload)`, unit: 'ms', ours: figure(reloaded), baselineName: 'fresh cold start of the same function', baseline: figure(cold), target: '< 100 ms p50' });
      notes.push(`${c.label}: the watcher and rebuild take ${figure(notice).value.toFixed(0)} ms of it (median), before the invoke starts.`);
    }
    const other = await invokeJson(engine, 'other');
    if (other.cold || other.body.n !== 2) throw new Error(`the unrelated function was recycled: ${JSON.stringify(other)}`);
    notes.push('An unrelated function stayed warm through every save (its module state kept counting).');
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows: out, notes };
}

runStandalone(module, rows);
