// The execution history view: a webview panel per durable execution showing its timeline, refreshed
// on every change; its buttons complete or fail a callback, skip waits and stop the execution, and its
// request-id links open the invocation's log lines in the log panel.
import * as vscode from 'vscode';
import { commandIds } from '../contributionIds';
import type { ExecutionNode } from './explorerNodes';
import { completeCallback, skipWait, stopExecution } from './durableCommands';
import { historyBody, historyStyle } from './historyHtml';

/** A message from the view (also what tests send through `receive`). */
export type HistoryMessage =
  | { readonly type: 'refresh' }
  | { readonly type: 'skipWait' }
  | { readonly type: 'stop'; readonly confirm?: boolean }
  | { readonly type: 'succeedCallback'; readonly callbackId: string; readonly result?: string }
  | { readonly type: 'failCallback'; readonly callbackId: string; readonly error?: string }
  | { readonly type: 'logs'; readonly requestId: string };

const open = new Map<string, ExecutionHistoryPanel>();

/** One execution's history panel. */
export class ExecutionHistoryPanel {
  /** The body last rendered (tests read it). */
  body = '';
  private readonly offChange: () => void;

  private constructor(private node: ExecutionNode, readonly panel: vscode.WebviewPanel) {
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    this.offChange = node.backend.onDidChange((names) => {
      if (!names || names.includes(node.fn.name)) void this.render().catch(() => undefined);
    });
    panel.webview.onDidReceiveMessage((m: HistoryMessage) => void this.receive(m).catch((e: unknown) => void vscode.window.showWarningMessage(e instanceof Error ? e.message : String(e))));
    panel.onDidDispose(() => {
      this.offChange();
      open.delete(node.execution.arn);
    });
  }

  /** Opens (or reveals) the history view of an execution. */
  static async show(node: ExecutionNode): Promise<ExecutionHistoryPanel | undefined> {
    if (!node.backend.durableTimeline) return undefined;
    let p = open.get(node.execution.arn);
    if (!p) {
      const panel = vscode.window.createWebviewPanel('lambdaWorkbench.executionHistory', `History: ${node.execution.name}`, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true });
      p = new ExecutionHistoryPanel(node, panel);
      open.set(node.execution.arn, p);
    } else p.panel.reveal();
    await p.render();
    return p;
  }

  /** Handles one message of the view. */
  async receive(m: HistoryMessage): Promise<unknown> {
    const node = await this.fresh();
    switch (m.type) {
      case 'refresh':
        break;
      case 'skipWait':
        await skipWait(node);
        break;
      case 'stop':
        await stopExecution(node, m.confirm ? { confirm: true } : undefined);
        break;
      case 'succeedCallback':
        await completeCallback(node, { callbackId: m.callbackId, ...(m.result !== undefined ? { result: m.result } : {}) });
        break;
      case 'failCallback':
        await completeCallback(node, { callbackId: m.callbackId, error: m.error ?? 'Rejected from the execution history' });
        break;
      case 'logs':
        return vscode.commands.executeCommand(commandIds.showLogPanel, { functionName: node.fn.name, requestId: m.requestId });
    }
    await this.render();
    return undefined;
  }

  // The explorer's summary of the execution as it is now (its open callbacks).
  private async fresh(): Promise<ExecutionNode> {
    const list = await this.node.backend.listDurableExecutions?.(this.node.fn.name);
    const now = list?.find((e) => e.arn === this.node.execution.arn);
    if (now) this.node = { ...this.node, execution: now };
    return this.node;
  }

  private async render(): Promise<void> {
    const t = await this.node.backend.durableTimeline?.(this.node.execution.arn);
    if (!t) return;
    this.body = historyBody(`${this.node.fn.name} · ${this.node.execution.name}`, this.node.execution.arn, t, Date.now());
    const nonce = Math.random().toString(36).slice(2);
    this.panel.webview.html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">${historyStyle}</style></head><body>${this.body}
<script nonce="${nonce}">const vscode = acquireVsCodeApi();
document.body.addEventListener('click', (ev) => {
  const el = ev.target.closest('[data-action]'); if (!el) return; ev.preventDefault();
  const a = el.dataset.action;
  vscode.postMessage(a === 'logs' ? { type: a, requestId: el.dataset.request } : el.dataset.callback ? { type: a, callbackId: el.dataset.callback } : { type: a });
});</script></body></html>`;
  }
}
