// The extension-host side of bench/activation.ts (bundled as its `extensionTestsPath`). Mode `activate`
// (a folder without a template, so nothing activated us yet): times `activate()`. Mode `tree` (the
// examples): times, on the page's clock, the workbench reaching this entry and the tree showing functions.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { FunctionNode } from '../../src/vscode/functionExplorer/explorerNodes';

const driver = process.env.LAMBDA_WORKBENCH_E2E_DRIVER as string;
const post = async <T>(route: string, body: unknown): Promise<T> => (await (await fetch(`${driver}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
const pageNow = async (): Promise<number> => (await post<{ value: number }>('/evaluate', { expression: 'performance.now()' })).value;

export async function run(): Promise<void> {
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
