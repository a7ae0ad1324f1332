// One invocation from the editor: choose the event, run it with a progress notification, show the
// result view; and the same for starting a debug session. Shared by the tree, CodeLens and palette.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { backendErrorCode, type FunctionSummary, type LambdaBackend } from '../backends/lambdaBackend';
import { withSlowProgress } from '../explorerAction';
import { getEventsDirectory, getPriceTable } from '../settings';
import { pickEvent, rememberEvent, type EventChoice, type EventTarget, type SampleEvents } from './eventPicker';
import type { InvokeResults, StoredResult } from './invokeResults';
import { liveChunks } from './liveChunks';
import { renderResult, resultSummary } from './resultDocument';
import type { ReloadMode } from '../../core/runtime/hotReload';

/** What invoking needs from the extension. */
export interface InvokeDeps {
  readonly state: vscode.Memento;
  readonly results: InvokeResults;
  readonly samples: SampleEvents | undefined;
  readonly output: vscode.LogOutputChannel;
}

/** What to invoke; `event` skips the picker (keybindings, tests). */
export interface InvokeTarget {
  readonly backend: LambdaBackend;
  readonly fn: FunctionSummary;
  readonly qualifier?: string;
  readonly event?: EventChoice;
  /** Hot reload for this invoke (local): recycle the environment or reload the handler module. */
  readonly reload?: ReloadMode;
}

/** Where a backend's saved events live: beside the template, or in the first workspace folder. */
export function eventTargetOf(backend: LambdaBackend, fn: FunctionSummary): EventTarget {
  const base = backend.templatePath ? path.dirname(backend.templatePath) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  return { backendId: backend.id, functionName: fn.name, eventsDir: path.resolve(base, getEventsDirectory()) };
}

const qualified = (fn: string, q: string | undefined): string => (q && q !== '$LATEST' ? `${fn}:${q}` : fn);

/** Invokes and shows the result; undefined when the user cancelled or it failed (already reported). */
export async function runInvoke(deps: InvokeDeps, t: InvokeTarget): Promise<StoredResult | undefined> {
  const target = eventTargetOf(t.backend, t.fn);
  const event = t.event ?? (await pickEvent(deps.state, target, deps.samples));
  if (!event) return undefined;
  if (t.event) await rememberEvent(deps.state, target, t.event);
  const name = qualified(t.fn.name, t.qualifier);
  try {
    const live = liveChunks(deps.results, t.backend.id, t.fn.name, t.qualifier);
    const result = await withSlowProgress(`Invoking ${name} with ${event.label}`, t.backend.invoke(t.fn.name, t.qualifier, event.payload, live.onChunk, t.reload ? { reload: t.reload } : {})).finally(live.stop);
    const text = renderResult(result, {
      functionName: t.fn.name,
      qualifier: t.qualifier,
      backendLabel: t.backend.label,
      eventLabel: event.label,
      architecture: t.fn.architecture,
      prices: getPriceTable(),
      at: new Date(),
    });
    deps.output.info(`${name}: ${resultSummary(result)} (request ${result.requestId})`);
    const stored = await deps.results.show({ backendId: t.backend.id, functionName: t.fn.name, qualifier: t.qualifier, result, text });
    if (result.errorType) void vscode.window.showWarningMessage(`${name} failed with ${result.errorType}. The result view shows the error and the log.`);
    return stored;
  } catch (e) {
    reportInvokeError(t, name, e);
    return undefined;
  }
}

function reportInvokeError(t: InvokeTarget, name: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  const code = backendErrorCode(e);
  if (code === 'TooManyRequestsException' && t.fn.reservedConcurrency === 0) {
    // Not awaited: the invoke is over whether or not the user answers.
    void vscode.window.showErrorMessage(`${name} is throttled (reserved concurrency 0), so Lambda rejects every invocation.`, 'Unthrottle').then(async (pick) => {
      if (pick) await t.backend.setReservedConcurrency(t.fn.name, undefined).then(undefined, (err: unknown) => vscode.window.showErrorMessage(`Unthrottle failed: ${String(err)}`));
    });
    return;
  }
  void vscode.window.showErrorMessage(`Invoking ${name} failed: ${code ? `${code}: ` : ''}${message}`);
}

/** Starts a `lambda` debug session of a local function with the chosen event. */
export async function runDebug(deps: InvokeDeps, t: InvokeTarget): Promise<boolean> {
  if (t.backend.kind !== 'local') {
    void vscode.window.showErrorMessage('Debugging runs functions locally: use the Local root of the explorer.');
    return false;
  }
  const target = eventTargetOf(t.backend, t.fn);
  const event = t.event ?? (await pickEvent(deps.state, target, deps.samples));
  if (!event) return false;
  const folder = vscode.workspace.workspaceFolders?.find((f) => t.backend.templatePath?.startsWith(f.uri.fsPath + path.sep)) ?? vscode.workspace.workspaceFolders?.[0];
  const config: vscode.DebugConfiguration = {
    type: 'lambda',
    request: 'launch',
    name: `Debug ${qualified(t.fn.name, t.qualifier)}`,
    function: t.fn.local?.logicalId ?? t.fn.name,
    ...(t.backend.templatePath ? { template: t.backend.templatePath } : {}),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a value parsed from JSON; its shape is checked where it is used
    event: event.file ?? JSON.parse(event.payload.toString('utf8')),
    ...(t.qualifier && t.qualifier !== '$LATEST' ? { qualifier: t.qualifier } : {}),
  };
  const started = await vscode.debug.startDebugging(folder, config);
  if (!started) void vscode.window.showErrorMessage(`Could not start debugging ${t.fn.name}. See the Debug Console and the Lambda Workbench output for why.`);
  return started;
}
