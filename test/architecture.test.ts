// Imports flow one way (CONTRIBUTING.md, "Layers" and "Layout of src/core: floors"): core imports no
// other layer; cli, debugAdapter and languageServer import only core; src/vscode imports core and, for
// the typed launch arguments, only src/debugAdapter/launchArguments.ts; inside core each folder imports
// only its own floor and the floors below; no two folders anywhere in src/ import each other.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const src = path.join(__dirname, '..', 'src');
const core = path.join(src, 'core');

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    found.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
  }
  return found;
}

/** Every relative import of every file under src/, resolved to the imported path (without extension). */
const edges: { from: string; spec: string; to: string }[] = files(src).flatMap((from) =>
  imports(from)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ from, spec, to: path.resolve(path.dirname(from), spec) }))
    .filter((e) => e.to.startsWith(src + path.sep)),
);
const show = (e: { from: string; spec: string }): string => `${path.relative(src, e.from)} imports '${e.spec}'`;

/** The top-level layer of a file or a resolved import target under src/. */
function layerOf(file: string): string {
  return (path.relative(src, file).split(path.sep)[0] ?? '').replace(/\.ts$/, '');
}

const allowed: Record<string, string[]> = {
  core: ['core'],
  cli: ['cli', 'core'],
  debugAdapter: ['debugAdapter', 'core'],
  languageServer: ['languageServer', 'core'],
  vscode: ['vscode', 'core'],
};
/** Single files a layer may import beyond its allowed layers. */
const allowedFiles: Record<string, string[]> = {
  // The debug configuration provider validates launch.json against the adapter's own typed arguments.
  vscode: [path.join(src, 'debugAdapter', 'launchArguments')],
};

/**
 * The floors of src/core, bottom first: a file may import its own floor and any floor below.
 * '.' is the shared vocabulary at the root of core (arn, clock, errors, functionConfig);
 * 'emulator.ts' is the composition root on top, with engineSurface.ts (the operations consumers call).
 */
const floors = ['.', 'security', 'logs', 'project', 'remote', 'runtime', 'build', 'deploy', 'state', 'functions', 'management', 'invoke', 'durable', 'events', 'metrics', 'api', 'emulator.ts'];

/** The floor of a file (or import target) inside src/core. */
function floorOf(file: string): string {
  const parts = path.relative(core, file).split(path.sep);
  // The roof is the composition root and the operation surface it extends.
  if (parts.length === 1) return /^(emulator|engineSurface)(\.ts)?$/.test(parts[0] as string) ? 'emulator.ts' : '.';
  return parts[0] as string;
}

describe('architecture', () => {
  for (const [layer, may] of Object.entries(allowed)) {
    it(`src/${layer} imports ${layer === 'vscode' ? 'only core and debugAdapter/launchArguments' : 'neither vscode nor a higher layer'}`, () => {
      const violations = edges
        .filter((e) => layerOf(e.from) === layer && !may.includes(layerOf(e.to)))
        .filter((e) => !(allowedFiles[layer] ?? []).includes(e.to.replace(/\.ts$/, '')))
        .map(show);
      assert.deepEqual(violations, []);
    });
  }

  it('only src/vscode and src/extension.ts import vscode', () => {
    const offenders = files(src)
      .filter((f) => !f.startsWith(path.join(src, 'vscode') + path.sep) && f !== path.join(src, 'extension.ts'))
      .filter((f) => imports(f).some((s) => s === 'vscode' || s.startsWith('vscode/')));
    assert.deepEqual(offenders.map((f) => path.relative(src, f)), []);
  });

  it('every folder of src/core has a floor', () => {
    const unknown = fs
      .readdirSync(core, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !floors.includes(e.name))
      .map((e) => `src/core/${e.name} has no floor in test/architecture.test.ts`);
    assert.deepEqual(unknown, []);
  });

  it('inside src/core, each floor imports only itself and the floors below', () => {
    const violations = edges
      .filter((e) => e.from.startsWith(core + path.sep) && e.to.startsWith(core + path.sep))
      .filter((e) => floors.indexOf(floorOf(e.to)) > floors.indexOf(floorOf(e.from)))
      .map((e) => `${show(e)}: ${floorOf(e.from)} is below ${floorOf(e.to)}`);
    assert.deepEqual(violations, []);
  });

  it('no import cycle between folders anywhere in src/', () => {
    // An import joins the two sibling folders it crosses, under the deepest folder both files share
    // (core/events/http/x.ts -> core/api/lambda/y.ts joins core/events and core/api). An import from or
    // to a folder's own root files is not between folders: those files are the folder's vocabulary or
    // composition (core's floors are checked above). A cycle is reported with one import per step.
    const graph = new Map<string, Map<string, { from: string; spec: string }>>();
    for (const e of edges) {
      const a = path.relative(src, e.from).split(path.sep);
      const b = path.relative(src, fs.existsSync(e.to) && fs.statSync(e.to).isDirectory() ? path.join(e.to, 'index.ts') : e.to).split(path.sep);
      let i = 0;
      while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
      if (i >= a.length - 1 || i >= b.length - 1) continue;
      const from = a.slice(0, i + 1).join('/');
      const to = b.slice(0, i + 1).join('/');
      if (!graph.has(from)) graph.set(from, new Map());
      const out = graph.get(from) as Map<string, { from: string; spec: string }>;
      if (!out.has(to)) out.set(to, e);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (n: string): void => {
      state.set(n, 'open');
      stack.push(n);
      for (const [m, e] of graph.get(n) ?? []) {
        if (state.get(m) === 'open') {
          const loop = [...stack.slice(stack.indexOf(m)), m];
          const steps = loop.slice(0, -1).map((x, i) => show(graph.get(x)?.get(loop[i + 1] as string) ?? e));
          cycles.push(`${loop.join(' -> ')}: ${steps.join('; ')}`);
        } else if (!state.has(m)) visit(m);
      }
      stack.pop();
      state.set(n, 'done');
    };
    for (const n of graph.keys()) if (!state.has(n)) visit(n);
    assert.deepEqual(cycles, []);
  });

  it('the runtime bootstraps load nothing of the engine', () => {
    const bootstrapDir = path.join(core, 'runtime', 'node');
    const violations = edges.filter((e) => e.from.startsWith(bootstrapDir + path.sep) && !e.to.startsWith(bootstrapDir + path.sep)).map(show);
    assert.deepEqual(violations, []);
  });
});
