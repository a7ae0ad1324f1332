// launch.json support for the `lambda` debugger: one configuration per template function when the
// file is created, and F5 without a launch.json debugs the function whose handler is open.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../core/emulator';
import type { LambdaLaunchArguments } from '../../debugAdapter/launchArguments';
import { debugType } from '../contributionIds';
import type { EngineHost } from '../engineHost';

type LambdaConfiguration = vscode.DebugConfiguration & LambdaLaunchArguments;

async function engineOrUndefined(host: EngineHost): Promise<Emulator | undefined> {
  try {
    return await host.getEngine();
  } catch {
    return undefined;
  }
}

/** The template function whose code directory holds `file`, deepest first. */
function functionOfFile(engine: Emulator, file: string): string | undefined {
  let best: { id: string; depth: number } | undefined;
  for (const entry of engine.listFunctions()) {
    const spec = entry.spec;
    if (!spec || !(file === spec.codeDir || file.startsWith(spec.codeDir + path.sep))) continue;
    if (!best || spec.codeDir.length > best.depth) best = { id: spec.logicalId, depth: spec.codeDir.length };
  }
  return best?.id;
}

/** Initial configurations and F5-without-launch.json for the `lambda` type. */
export class LambdaConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly host: EngineHost) {}

  async provideDebugConfigurations(): Promise<vscode.DebugConfiguration[]> {
    const engine = await engineOrUndefined(this.host);
    const ids = engine?.listFunctions().flatMap((e) => (e.spec ? [e.spec.logicalId] : [])) ?? [];
    if (ids.length === 0) {
      return [{ type: debugType, request: 'launch', name: 'Debug Lambda handler', handler: 'index.handler', runtime: 'nodejs20.x', codeUri: '${workspaceFolder}', event: {} }];
    }
    return ids.map((id) => ({ type: debugType, request: 'launch', name: `Debug ${id}`, function: id, event: {} }));
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const c = config as LambdaConfiguration;
    if (!c.type && !c.request && !c.name) {
      // F5 with no launch.json: debug the function of the open file, or ask which one.
      const engine = await engineOrUndefined(this.host);
      if (!engine) {
        void vscode.window.showErrorMessage('Lambda Workbench: no SAM template in this workspace. Add a "lambda" launch configuration with "handler", "runtime" and "codeUri" to debug a handler without one.');
        return undefined;
      }
      const file = vscode.window.activeTextEditor?.document.uri.fsPath;
      let id = file ? functionOfFile(engine, file) : undefined;
      if (!id) {
        const ids = engine.listFunctions().flatMap((e) => (e.spec ? [e.spec.logicalId] : []));
        id = ids.length === 1 ? ids[0] : await vscode.window.showQuickPick(ids, { placeHolder: 'Function to debug' });
      }
      if (!id) return undefined;
      Object.assign(c, { type: debugType, request: 'launch', name: `Debug ${id}`, function: id });
    }
    if (c.function === undefined && c.handler === undefined) {
      void vscode.window.showErrorMessage('A "lambda" launch configuration needs "function" (a template function) or "handler", "runtime" and "codeUri".');
      return undefined;
    }
    c.cwd ??= folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return c;
  }
}
