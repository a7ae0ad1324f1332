// "Lambda: Invoke Function...": pick a function and an event file, run it, show the result and logs.
import * as vscode from 'vscode';
import { commandIds } from './contributionIds';
import type { EngineHost } from './engineHost';

async function pickEvent(): Promise<Buffer | undefined> {
  const choice = await vscode.window.showQuickPick(['Empty event {}', 'Choose an event file...'], { placeHolder: 'Event to send' });
  if (!choice) return undefined;
  if (choice.startsWith('Empty')) return Buffer.from('{}');
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Use as event' });
  const file = files?.[0];
  return file ? Buffer.from(await vscode.workspace.fs.readFile(file)) : undefined;
}

export function registerInvokeCommand(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.invokeFunction, async () => {
      try {
        const engine = await host.getEngine();
        const name = await vscode.window.showQuickPick(engine.registry.list().map((e) => e.name), { placeHolder: 'Function to invoke' });
        if (!name) return;
        const payload = await pickEvent();
        if (!payload) return;
        const result = await engine.invoke({ functionName: name, payload });
        host.output.info(`${name}: ${result.functionError ? 'error' : 'ok'} ${result.payload.toString('utf8')}`);
        for (const line of result.outcome?.logLines ?? []) host.output.info(line.trimEnd());
        host.output.show(true);
        if (result.functionError) void vscode.window.showErrorMessage(`${name} failed: ${result.payload.toString('utf8').slice(0, 300)}`);
      } catch (e) {
        void vscode.window.showErrorMessage(`Lambda Workbench: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );
}
