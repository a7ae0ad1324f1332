// VS Code entry: builds the one engine for the workspace and registers each feature. Wiring only.
import type * as vscode from 'vscode';
import { registerEngine } from './vscode/engineHost';
import { registerInlineLogs } from './vscode/inlineLogs/registerInlineLogs';
import { registerInvokeCommand } from './vscode/invokeCommand';
import { registerLogPanel } from './vscode/logPanel/registerLogPanel';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const host = registerEngine(context);
  registerInvokeCommand(context, host);
  registerLogPanel(context, host);
  registerInlineLogs(context, host);
}

export function deactivate(): void {
  // Disposables registered on the context stop the engine.
}
