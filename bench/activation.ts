// Extension activation time and the time from opening the example workspace to a populated function
// tree, in a real VS Code (code-server + headless Chromium, as the end-to-end tests run it). The floor of
// the second figure is VS Code itself: the same page reaching the extension host's test entry.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { runSession } from '../scripts/e2e/session';
import { prepareWorkspace, repoRoot } from '../scripts/e2e/testWorkspace';
import { runStandalone, type BenchOptions, type BenchResult } from './lib/benchModule';
import { size } from './lib/benchModule';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_ACTIVATION_RUNS', 5, 2);

async function session<T>(entry: string, mode: 'activate' | 'tree' | 'f5', artifacts: string): Promise<T> {
  const outcome = await runSession<T>({
    entry,
    workspace: mode !== 'activate' ? prepareWorkspace : (tmp) => (fs.mkdirSync(path.join(tmp, 'empty')), path.join(tmp, 'empty')),
    artifacts,
    timeoutMs: 120_000,
    env: { LWB_BENCH_MODE: mode },
    log: () => undefined,
  });
  if (outcome.leftovers.length) throw new Error(`processes left behind: ${outcome.leftovers.join('; ')}`);
  if (!outcome.results) throw new Error(`${mode} session failed: ${outcome.problem}`);
  return outcome.results;
}

/** The bench runner's entry. */
export async function rows(_options: BenchOptions): Promise<BenchResult> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first.');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-activation-'));
  try {
    const entry = path.join(tmp, 'benchEntry.js');
    await build({ entryPoints: [path.join(repoRoot, 'scripts', 'e2e', 'benchEntry.ts')], outfile: entry, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
    const activation: number[] = [];
    const tree: number[] = [];
    const vscodeFloor: number[] = [];
    const afterEntry: number[] = [];
    const f5Picker: number[] = [];
    const f5Shown: number[] = [];
    const f5Stopped: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const a = await session<{ activationMs: number; wasActive: boolean }>(entry, 'activate', path.join(tmp, `a${i}`));
      if (a.wasActive) throw new Error('The extension was already active in a folder without a template: activation is not lazy');
      activation.push(a.activationMs);
      const t = await session<{ functions: number; found: boolean; entryAt: number; treeAt: number }>(entry, 'tree', path.join(tmp, `t${i}`));
      if (t.functions !== 4 || !t.found) throw new Error(`The tree did not show the 4 example functions (${t.functions}, on screen: ${t.found})`);
      tree.push(t.treeAt);
      vscodeFloor.push(t.entryAt);
      afterEntry.push(t.treeAt - t.entryAt);
      const f = await session<{ f5ToPickerMs: number; enterToShownMs: number; enterToStoppedEventMs: number }>(entry, 'f5', path.join(tmp, `f${i}`));
      f5Picker.push(f.f5ToPickerMs);
      f5Shown.push(f.enterToShownMs);
      f5Stopped.push(f.enterToStoppedEventMs);
    }
    const out: Row[] = [
      { name: 'extension activation (activate(), bundle load included)', unit: 'ms', ours: figure(activation) },
      { name: 'open example workspace -> tree shows its functions', unit: 'ms', ours: figure(tree), baselineName: 'VS Code reaching the extension host (same page)', baseline: figure(vscodeFloor) },
      { name: 'extension host ready -> tree populated (engine start, template load, esbuild, render)', unit: 'ms', ours: figure(afterEntry) },
      { name: 'F5 without launch.json in app.ts -> event picker shown', unit: 'ms', ours: figure(f5Picker) },
      { name: 'Enter on the event -> breakpoint shown in the editor (.ts handler)', unit: 'ms', ours: figure(f5Shown), baselineName: 'Enter -> stopped event leaves the adapter', baseline: figure(f5Stopped) },
    ];
    return { rows: out, notes: [`${RUNS} fresh code-server ${'4.100.3'} + Chromium sessions per figure; page clock (performance.now() since navigation).`] };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

runStandalone(module, rows);
