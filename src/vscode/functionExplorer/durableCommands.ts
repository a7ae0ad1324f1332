// Tree actions on a durable execution: complete (or fail) its open callback, fire its waits now, stop it
// (the history view, executionHistoryPanel, uses them too).
import * as vscode from 'vscode';
import { answersOf, explorerAction } from '../explorerAction';
import type { ExecutionNode } from './explorerNodes';

/** Completes the execution's open callback with a JSON result, or fails it with a message. */
export async function completeCallback(node: ExecutionNode, arg?: unknown): Promise<boolean> {
  const { backend, execution } = node;
  const answers = answersOf<{ callbackId: string; result: string; error: string }>(arg);
  const open = execution.callbacks;
  if (!open.length || !backend.completeDurableCallback) return false;
  let callback = open.find((c) => c.callbackId === answers.callbackId) ?? (open.length === 1 ? open[0] : undefined);
  if (!callback) {
    const pick = await vscode.window.showQuickPick(open.map((c) => ({ label: c.name, description: c.callbackId, c })), { title: `Callbacks of ${execution.name}` });
    callback = pick?.c;
  }
  if (!callback) return false;
  let outcome: { result: string } | { error: string } | undefined = answers.result !== undefined ? { result: answers.result } : answers.error !== undefined ? { error: answers.error } : undefined;
  if (!outcome) {
    const how = await vscode.window.showQuickPick(['Succeed with a JSON result...', 'Fail with a message...'], { title: `Complete callback ${callback.name}` });
    if (!how) return false;
    const fail = how.startsWith('Fail');
    const text = await vscode.window.showInputBox({
      title: `${fail ? 'Fail' : 'Succeed'} callback ${callback.name}`,
      prompt: fail ? 'Error message the workflow receives' : 'Result (JSON) the workflow receives',
      value: fail ? 'Rejected' : '{}',
      validateInput: (v) => {
        if (fail) return undefined;
        try {
          JSON.parse(v);
          return undefined;
        } catch {
          return 'Enter JSON, for example {"approved": true}';
        }
      },
    });
    if (text === undefined) return false;
    outcome = fail ? { error: text } : { result: text };
  }
  const id = callback.callbackId;
  const done = await explorerAction(`Completing callback ${callback.name}`, async () => (await backend.completeDurableCallback?.(id, outcome), true));
  return done ?? false;
}

/** Fires the execution's pending waits and retry delays now. */
export async function skipWait(node: ExecutionNode): Promise<number | undefined> {
  const { backend, execution } = node;
  if (!backend.skipDurableWaits) return undefined;
  return explorerAction(`Skipping the waits of ${execution.name}`, () => backend.skipDurableWaits?.(execution.arn) ?? Promise.resolve(0));
}

/** Stops the execution after confirmation. */
export async function stopExecution(node: ExecutionNode, arg?: unknown): Promise<boolean> {
  const { backend, execution } = node;
  if (!backend.stopDurableExecution) return false;
  if (!answersOf<{ confirm: boolean }>(arg).confirm) {
    const ok = await vscode.window.showWarningMessage(`Stop durable execution ${execution.name}? Its pending waits and callbacks are cancelled.`, { modal: true }, 'Stop');
    if (ok !== 'Stop') return false;
  }
  const done = await explorerAction(`Stopping ${execution.name}`, async () => (await backend.stopDurableExecution?.(execution.arn), true));
  return done ?? false;
}
