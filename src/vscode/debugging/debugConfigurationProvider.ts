// launch.json support for the `lambda` debugger: one configuration per template function when the
// file is created, and F5 without a launch.json debugs the function whose handler is open.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../core/emulator';
import type { LambdaLaunchArguments } from '../../debugAdapter/launchArguments';
import { commandIds, debugType } from '../contributionIds';
import type { EngineHost } from '../engineHost';

/** The runtime a template-less launch of `file` uses. */
function runtimeOfFile(file: string): string | undefined {
  if (/\.py$/.test(file)) return 'python3.12';
  return /\.(m?js|cjs)$/.test(file) ? 'nodejs20.x' : undefined;
}

type LambdaConfiguration = vscode.DebugConfiguration & LambdaLaunchArguments;

async function engineOrUndefined(host: EngineHost): Promise<Emulator | undefined> {
  try {
    return await host.engineNow();
  } catch {
    return undefined;
  }
}

/** Initial configurations and F5-without-launch.json for the `lambda` type. */
export class LambdaConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly host: EngineHost) {}

  async provideDebugConfigurations(): Promise<vscode.DebugConfiguration[]> {
    const engine = await engineOrUndefined(this.host);
    const ids = engine?.listFunctions().flatMap((e) => (e.spec ? [e.spec.logicalId] : [])) ?? [];
    if (ids.length > 0) return ids.map((id) => ({ type: debugType, request: 'launch', name: `Debug ${id}`, function: id, event: {} }));
    // No template: the open handler file, template-less (never a placeholder function name).
    const file = vscode.window.activeTextEditor?.document.uri;
    const runtime = file ? runtimeOfFile(file.fsPath) : undefined;
    if (!file || !runtime) return [];
    const name = path.basename(file.fsPath).replace(/\.[^.]+$/, '');
    return [{ type: debugType, request: 'launch', name: `Debug ${name}.handler`, handler: `${name}.handler`, runtime, codeUri: path.dirname(file.fsPath), event: {} }];
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const c = config as LambdaConfiguration;
    if (!c.type && !c.request && !c.name) {
      // F5 with no launch.json (chosen in the debugger list): the same as the F5 keybinding, which
      // picks the function of the open file and its event, then starts its own session.
      if (!(await engineOrUndefined(this.host))) {
        void vscode.window.showErrorMessage('Lambda Workbench: no SAM template in this workspace. Add a "lambda" launch configuration with "handler", "runtime" and "codeUri" to debug a handler without one.');
        return undefined;
      }
      void vscode.commands.executeCommand(commandIds.debugStart);
      return undefined;
    }
    if (c.function === undefined && c.handler === undefined) {
      void vscode.window.showErrorMessage('A "lambda" launch configuration needs "function" (a template function) or "handler", "runtime" and "codeUri".');
      return undefined;
    }
    c.cwd ??= folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return c;
  }
}
