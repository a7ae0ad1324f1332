// Registers the invoke experience: Invoke/Debug from the palette, the explorer and CodeLens, saved
// events, the read-only result documents and the last result of each function.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendSet } from '../backends/backendSet';
import type { FunctionSummary, LambdaBackend } from '../backends/lambdaBackend';
import { commandIds, resultScheme } from '../contributionIds';
import type { EngineHost } from '../engineHost';
import { answersOf } from '../explorerAction';
import { qualifierOf, type ExplorerNode } from '../functionExplorer/explorerNodes';
import { newSavedEvent, type EventChoice, type SampleEvents } from './eventPicker';
import { InvokeResults } from './invokeResults';
import { eventTargetOf, runDebug, runInvoke, type InvokeDeps } from './runInvoke';
import { readEvent } from './savedEvents';
import { parseReloadMode, type ReloadMode } from '../../core/runtime/hotReload';

/** Arguments a keybinding, CodeLens or test may pass instead of answering prompts. */
interface InvokeArgs {
  readonly functionName: string;
  readonly qualifier: string;
  /** The event itself (any JSON value). */
  readonly event: unknown;
  /** A JSON file to send. */
  readonly eventFile: string;
  /** Hot reload for this invoke: `recycle` or `module` (default: the lambdaWorkbench.hotReload setting). */
  readonly reload: string;
}

function eventOf(args: Partial<InvokeArgs>): EventChoice | undefined {
  if (args.eventFile) return { label: path.basename(args.eventFile), payload: readEvent(args.eventFile), file: args.eventFile };
  if ('event' in args) return { label: 'given event', payload: Buffer.from(JSON.stringify(args.event ?? {})) };
  return undefined;
}

/** Finds a local function by name, or lets the user pick one. */
async function localFunction(backends: BackendSet, name: string | undefined, title: string): Promise<{ backend: LambdaBackend; fn: FunctionSummary } | undefined> {
  const backend = await backends.getLocal();
  const functions = await backend.listFunctions();
  if (functions.length === 0) {
    void vscode.window.showInformationMessage('The workspace template declares no functions.');
    return undefined;
  }
  const fn = name
    ? functions.find((f) => f.name === name || f.local?.logicalId === name)
    : (await vscode.window.showQuickPick(functions.map((f) => ({ label: f.name, description: `${f.runtime} · ${f.handler}`, fn: f })), { title, placeHolder: 'Function' }))?.fn;
  if (name && !fn) void vscode.window.showErrorMessage(`No function ${name} in the workspace template.`);
  return fn ? { backend, fn } : undefined;
}

/** Registers the invoke commands; returns the result store (CodeLens and tests read it). */
export function registerInvoke(context: vscode.ExtensionContext, host: EngineHost, backends: BackendSet, samples: SampleEvents | undefined): InvokeResults {
  const results = new InvokeResults();
  const deps: InvokeDeps = { state: context.workspaceState, results, samples, output: host.output };
  const guarded = <A extends unknown[]>(run: (...a: A) => Promise<unknown>) => async (...a: A): Promise<unknown> => {
    try {
      return await run(...a);
    } catch (e) {
      void vscode.window.showErrorMessage(`Lambda Workbench: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  const byName = (debug: boolean, forced?: ReloadMode) =>
    guarded(async (arg?: unknown) => {
      const args = answersOf<InvokeArgs>(arg);
      const found = await localFunction(backends, args.functionName, debug ? 'Debug function' : 'Invoke function');
      if (!found) return undefined;
      const event = eventOf(args);
      const reload = forced ?? parseReloadMode(args.reload);
      const t = { ...found, ...(args.qualifier ? { qualifier: args.qualifier } : {}), ...(event ? { event } : {}), ...(reload ? { reload } : {}) };
      return debug ? runDebug(deps, t) : runInvoke(deps, t);
    });
  const fromNode = (debug: boolean) =>
    guarded(async (node?: ExplorerNode, arg?: unknown) => {
      if (!node || node.kind === 'root' || node.kind === 'message' || node.kind === 'stack') return byName(debug)(arg);
      const event = eventOf(answersOf<InvokeArgs>(arg));
      const qualifier = qualifierOf(node);
      const t = { backend: node.backend, fn: node.fn, ...(qualifier ? { qualifier } : {}), ...(event ? { event } : {}) };
      return debug ? runDebug(deps, t) : runInvoke(deps, t);
    });
  context.subscriptions.push(
    results,
    vscode.workspace.registerTextDocumentContentProvider(resultScheme, results),
    vscode.commands.registerCommand(commandIds.invokeFunction, byName(false)),
    vscode.commands.registerCommand(commandIds.invokeWith, byName(false)),
    vscode.commands.registerCommand(commandIds.invokeReloadingModule, byName(false, 'module')),
    vscode.commands.registerCommand(commandIds.debugWith, byName(true)),
    vscode.commands.registerCommand(commandIds.invokeItem, fromNode(false)),
    vscode.commands.registerCommand(commandIds.debugItem, fromNode(true)),
    vscode.commands.registerCommand(
      commandIds.newSavedEvent,
      guarded(async (arg?: unknown) => {
        const found = await localFunction(backends, answersOf<InvokeArgs>(arg).functionName, 'New saved event for');
        return found && newSavedEvent(eventTargetOf(found.backend, found.fn), '{}\n');
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.showLastResult,
      guarded(async (arg?: unknown) => {
        const { backendId, functionName } = answersOf<{ backendId: string; functionName: string }>(arg);
        const last = backendId && functionName ? results.getLast(backendId, functionName) : undefined;
        if (!last) return vscode.window.showInformationMessage(`${functionName ?? 'This function'} has not run in this session yet.`);
        return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(last.uri), { preview: false });
      }),
    ),
  );
  return results;
}
