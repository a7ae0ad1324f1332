// VS Code entry: builds the one engine for the workspace and registers each feature. Wiring only.
import type * as vscode from 'vscode';
import { registerEngine } from './vscode/engineHost';
import { registerInvokeCommand } from './vscode/invokeCommand';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const host = registerEngine(context);
  registerInvokeCommand(context, host);
}

export function deactivate(): void {
  // Disposables registered on the context stop the engine.
}
