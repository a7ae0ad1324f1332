// What every end-to-end runner needs: the test bundle (out/test/vscode, one file per suite so mocha
// can add them), a fresh copy of the examples with a launch.json, and quiet user settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The test entry VS Code loads (`extensionTestsPath`). */
export const testEntry = path.join(repoRoot, 'out', 'test', 'vscode', 'index.js');

/** Bundles test/vscode/index.ts and every test/vscode/**\/*.vscode.ts into out/test/vscode. */
export async function buildTests(): Promise<void> {
  const root = path.join(repoRoot, 'test', 'vscode');
  const suites = walk(root).filter((f) => f.endsWith('.vscode.ts'));
  fs.rmSync(path.join(repoRoot, 'out', 'test', 'vscode'), { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'index.ts'), ...suites],
    outbase: root,
    outdir: path.dirname(testEntry),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** Copies examples/ (without state or build output) into `dir`, adds launch.json; returns the folder. */
export function prepareWorkspace(dir: string): string {
  const ws = path.join(dir, 'workspace');
  fs.cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true, filter: (src) => !/[\\/](\.lambda-workbench|node_modules|dist)([\\/]|$)/.test(src) });
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  const launch = {
    version: '0.2.0',
    configurations: [{ type: 'lambda', request: 'launch', name: 'Debug hello-ts', function: 'HelloTypeScript', event: { name: 'e2e' } }],
  };
  fs.writeFileSync(path.join(ws, '.vscode', 'launch.json'), JSON.stringify(launch, null, 2));
  return ws;
}

/** User settings that keep the workbench quiet and screenshots readable. */
export function writeUserSettings(userDataDir: string): void {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.colorTheme': 'Default Dark Modern',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    'window.restoreWindows': 'none',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false,
  };
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
