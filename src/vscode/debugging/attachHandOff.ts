// Hands a Java or Ruby Lambda debug session to the language's own debugger: on the session's
// `lambdaWorkbench.attach` event, starts that debugger (Java: `java` attach, Ruby: `rdbg` attach) as a
// child session, so breakpoints, stepping and variables come from the extension users already have.
import * as vscode from 'vscode';
import { debugType } from '../contributionIds';

const ATTACH_EVENT = 'lambdaWorkbench.attach';

/** The extension that provides each debug type, to name it when it is missing. */
const providers: Record<string, { readonly id: string; readonly name: string }> = {
  java: { id: 'vscjava.vscode-java-debug', name: 'Debugger for Java' },
  rdbg: { id: 'KoichiSasada.vscode-rdbg', name: 'VSCode rdbg Ruby Debugger' },
};

async function attach(e: vscode.DebugSessionCustomEvent): Promise<void> {
  if (e.session.type !== debugType || e.event !== ATTACH_EVENT) return;
  const configuration = (e.body as { configuration: vscode.DebugConfiguration }).configuration;
  const provider = providers[configuration.type];
  if (provider && !vscode.extensions.getExtension(provider.id)) {
    void vscode.window.showWarningMessage(
      `Debugging this function needs the "${provider.name}" extension (${provider.id}): install it, or attach another debugger as the Debug Console says.`,
    );
    return;
  }
  const started = await vscode.debug.startDebugging(e.session.workspaceFolder, configuration, { parentSession: e.session, lifecycleManagedByParent: true });
  if (!started) void vscode.window.showErrorMessage(`Could not start the ${configuration.type} debugger to attach to ${String(configuration.name)}.`);
}

/** Registers the hand-off listener. */
export function registerAttachHandOff(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => void attach(e)));
}
