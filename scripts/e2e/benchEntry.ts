// The extension-host side of bench/activation.ts (bundled as its `extensionTestsPath`). Mode `activate`
// (a folder without a template, so nothing activated us yet): times `activate()`. Mode `tree` (the
// examples): times, on the page's clock, the workbench reaching this entry and the tree showing functions.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { FunctionNode } from '../../src/vscode/functionExplorer/explorerNodes';

const driver = process.env.LAMBDA_WORKBENCH_E2E_DRIVER as string;
const post = async <T>(route: string, body: unknown): Promise<T> => (await (await fetch(`${driver}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
const pageNow = async (): Promise<number> => (await post<{ value: number }>('/evaluate', { expression: 'performance.now()' })).value;

/** Mode `f5`: no launch.json, the TypeScript handler open with a breakpoint; times F5 (pressed in the page) to VS Code showing the stop. */
async function f5(api: ExtensionApi): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!;
  const launch = vscode.Uri.joinPath(folder.uri, '.vscode', 'launch.json');
  await vscode.workspace.fs.delete(launch);
  await new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('launch') && (sub.dispose(), resolve()));
  });
  await api.host.getEngine();
  if (!(await api.f5.settled())) throw new Error('F5 is not bound to the Lambda debugger');
  const app = vscode.Uri.joinPath(folder.uri, 'ts-function', 'src', 'app.ts');
  const doc = await vscode.workspace.openTextDocument(app);
  const line = doc.getText().split('\n').findIndex((l) => l.includes('console.log(message)'));
  vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(app, new vscode.Position(line, 0)))]);
  await vscode.window.showTextDocument(doc);
  const marks: Record<string, number> = {};
  const mark = (name: string): void => void (marks[name] ??= performance.now());
  const stopped = new Promise<void>((resolve) => {
    vscode.debug.registerDebugAdapterTrackerFactory('lambda', {
      createDebugAdapterTracker: () => ({
        onWillReceiveMessage: (m: { command?: string }) => m.command && mark(`request ${m.command}`),
        onDidSendMessage: (m: { type: string; event?: string; command?: string }) => {
          if (m.type === 'response' && m.command) mark(`response ${m.command}`);
          if (m.type === 'event' && m.event === 'stopped') {
            mark('stopped event');
            resolve();
          }
        },
      }),
    });
  });
  vscode.debug.onDidStartDebugSession(() => mark('session started'));
  const t0 = performance.now();
  await post('/press', { key: 'F5' });
  await post('/waitFor', { condition: `!!document.querySelector('.quick-input-widget') && document.querySelector('.quick-input-widget').innerText.includes('Event for hello-ts')`, timeoutMs: 30000 });
  const picker = performance.now();
  await post('/press', { key: 'Enter' });
  const enter = performance.now();
  await stopped;
  // What the user sees: the editor's top stack frame highlight on the breakpoint line.
  await post('/waitFor', { condition: `!!document.querySelector('.debug-top-stack-frame-line')`, timeoutMs: 30000 });
  const shown = performance.now();
  const rel = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Math.round(v - enter)]));
  await vscode.debug.stopDebugging();
  await (await api.host.getEngine()).dispose();
  await post('/results', { f5ToPickerMs: picker - t0, enterToShownMs: shown - enter, enterToStoppedEventMs: marks['stopped event']! - enter, sinceEnter: rel });
}

export async function run(): Promise<void> {
  if (process.env.LWB_BENCH_MODE === 'f5') {
    const api = await vscode.extensions.getExtension<ExtensionApi>('lambda-workbench.lambda-workbench')!.activate();
    return f5(api);
  }
  const ext = vscode.extensions.getExtension<ExtensionApi>('lambda-workbench.lambda-workbench');
  if (!ext) throw new Error('The extension is not loaded');
  if (process.env.LWB_BENCH_MODE === 'activate') {
    const wasActive = ext.isActive;
    const t = performance.now();
    await ext.activate();
    await post('/results', { activationMs: performance.now() - t, wasActive });
    return;
  }
  const entryAt = await pageNow();
  await vscode.commands.executeCommand('lambdaWorkbench.functions.focus');
  const api = await ext.activate();
  const [root] = await api.explorer.explorer.getRoots();
  const fns = (await api.explorer.explorer.getChildren(root)).filter((n): n is FunctionNode => n.kind === 'function');
  const found = await post<{ found: boolean }>('/waitFor', { condition: `[...document.querySelectorAll('.pane-body')].some((e) => e.innerText.includes('hello-node') && e.innerText.includes('hello-ts'))`, timeoutMs: 60000 });
  const treeAt = await pageNow();
  await (await api.host.getEngine()).dispose();
  await post('/results', { functions: fns.length, found: found.found, entryAt, treeAt, hostMs: performance.now() });
}
