// F5 with no launch.json (issue 13): a keybinding, active only while the workspace has a template and no
// launch configuration, debugs the function of the open handler file (its trigger's sample event, the
// last event or a saved one), or offers the template's functions; "Create launch.json" writes real ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendSet } from '../backends/backendSet';
import type { FunctionSummary } from '../backends/lambdaBackend';
import { commandIds, debugType } from '../contributionIds';
import type { EngineHost } from '../engineHost';
import { functionsForFile } from './functionForFile';

/** Context key the F5 keybinding is bound to. */
export const f5ContextKey = 'lambdaWorkbench.f5WithoutLaunchJson';

const hasLaunchConfigurations = (): boolean =>
  (vscode.workspace.workspaceFolders ?? []).some((f) => (vscode.workspace.getConfiguration('launch', f.uri).get<unknown[]>('configurations') ?? []).length > 0) ||
  (vscode.workspace.getConfiguration('launch').get<unknown[]>('configurations') ?? []).length > 0;

/** The launch configurations of the template's functions: only functions that exist. */
export function launchConfigurationsOf(functions: readonly FunctionSummary[]): vscode.DebugConfiguration[] {
  return functions.map((f) => ({ type: debugType, request: 'launch', name: `Debug ${f.name}`, function: f.local?.logicalId ?? f.name, event: {} }));
}

async function localFunctions(backends: BackendSet): Promise<FunctionSummary[]> {
  try {
    return await (await backends.getLocal()).listFunctions();
  } catch {
    return [];
  }
}

/** Debugs the open file's function, or asks which one; returns whether a session started. */
async function start(backends: BackendSet, host: EngineHost): Promise<boolean> {
  const functions = await localFunctions(backends);
  const file = vscode.window.activeTextEditor?.document.uri;
  const candidates = file?.scheme === 'file' ? functionsForFile(functions, file.fsPath) : [];
  let name: string | undefined;
  if (candidates.length === 1) name = candidates[0]!.name;
  else if (candidates.length > 1) name = (await vscode.window.showQuickPick(candidates.map((f) => ({ label: f.name, description: `${f.runtime} · ${f.handler}` })), { title: 'Debug function', placeHolder: `Functions built from ${path.basename(file!.fsPath)}` }))?.label;
  host.output.info(`F5 without a launch.json: ${name ? `debugging ${name} (the function of ${vscode.workspace.asRelativePath(file!)})` : 'asking which function to debug'}`);
  if (!name && candidates.length > 1) return false;
  // The Debug command picks the event (trigger sample first, then the last used and saved ones) and starts the session.
  return (await vscode.commands.executeCommand<boolean | undefined>(commandIds.debugWith, name ? { functionName: name } : undefined)) === true;
}

/** Writes .vscode/launch.json with one configuration per template function (never placeholders), then opens it. */
async function createLaunchJson(backends: BackendSet): Promise<void> {
  const functions = await localFunctions(backends);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return void vscode.window.showErrorMessage('Open a folder first: launch.json lives in its .vscode folder.');
  if (functions.length === 0) return void vscode.window.showErrorMessage('The workspace template declares no functions to debug (see the Lambda Workbench output).');
  const file = path.join(folder.uri.fsPath, '.vscode', 'launch.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ version: '0.2.0', configurations: launchConfigurationsOf(functions) }, null, 2) + '\n');
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}

/** Whether F5 goes to the Lambda debugger, once the pending update of the context key is done (tests). */
export interface F5Handle {
  settled(): Promise<boolean>;
}

/** Registers the F5 command, "Create launch.json" and the context key the keybinding uses. */
export function registerStartWithoutLaunchJson(context: vscode.ExtensionContext, host: EngineHost, backends: BackendSet): F5Handle {
  let last: boolean | undefined;
  const update = async (): Promise<void> => {
    const ready = !hasLaunchConfigurations() && (await localFunctions(backends)).length > 0;
    if (ready !== last) await vscode.commands.executeCommand('setContext', f5ContextKey, (last = ready));
  };
  let pending: Promise<void> = Promise.resolve();
  const refresh = (): void => {
    pending = pending.then(update).catch((e: unknown) => host.output.warn(`F5 setup: ${e instanceof Error ? e.message : String(e)}`));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.debugStart, () => start(backends, host)),
    vscode.commands.registerCommand(commandIds.createLaunchJson, () => createLaunchJson(backends)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('launch') && refresh()),
  );
  refresh();
  // Functions appear or vanish as the template changes.
  void backends.getLocal().then(
    (b) => context.subscriptions.push({ dispose: b.onDidChange(refresh) }),
    () => undefined,
  );
  return { settled: async () => (await pending, last === true) };
}
