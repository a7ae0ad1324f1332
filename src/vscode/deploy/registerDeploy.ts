// Registers Deploy to AWS and Sync on Save. The work loads from dist/deploy.js on first use (the AWS SDK
// stays out of the activation bundle). When the SAM CLI is on PATH, it is offered in a terminal instead.
import * as vscode from 'vscode';
import { DEFAULT_PRODUCTION_PATTERNS } from '../../core/deploy/deploySettings';
import { findOnPath } from '../../core/runtime/toolchainHints';
import { commandIds, settingIds } from '../contributionIds';
import type { EngineHost } from '../engineHost';
import { loadBundle } from '../lazyBundle';

type DeployModule = typeof import('./deployModule');

/** Adds the Deploy and Sync on Save commands. */
export function registerDeploy(context: vscode.ExtensionContext, host: EngineHost): void {
  const events = vscode.window.createOutputChannel('Lambda Workbench: Deploy');
  const statusBar = vscode.window.createStatusBarItem('lambdaWorkbench.sync', vscode.StatusBarAlignment.Left, 40);
  statusBar.command = commandIds.syncOnSave;
  context.subscriptions.push(events, statusBar);
  let running: vscode.Disposable | undefined;
  const ctx = async (): Promise<Parameters<DeployModule['deployWorkspace']>[0]> => ({
    engine: await host.getEngine(),
    output: host.output,
    events,
    productionPatterns: vscode.workspace.getConfiguration(settingIds.section).get<string[]>(settingIds.deployProductionPatterns) ?? DEFAULT_PRODUCTION_PATTERNS,
  });
  const samInstead = async (command: string): Promise<boolean> => {
    if (!findOnPath('sam')) return false;
    const pick = await vscode.window.showQuickPick([{ label: 'Lambda Workbench', description: 'change set, events and sync here' }, { label: `SAM CLI: ${command}`, description: 'in a terminal' }], { title: 'The SAM CLI is installed: deploy with which?' });
    if (!pick?.label.startsWith('SAM')) return false;
    const terminal = vscode.window.createTerminal('sam');
    terminal.show();
    terminal.sendText(command);
    return true;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.deploy, async (args?: Parameters<DeployModule['deployWorkspace']>[1]) => {
      if (!args?.stackName && (await samInstead('sam build && sam deploy --guided'))) return undefined;
      try {
        return await loadBundle<DeployModule>('deploy').deployWorkspace(await ctx(), args ?? {});
      } catch (e) {
        void vscode.window.showErrorMessage(`Lambda Workbench: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(commandIds.syncOnSave, async () => {
      if (running) {
        running.dispose();
        running = undefined;
        return false;
      }
      if (await samInstead('sam sync --code --watch')) return false;
      try {
        running = await loadBundle<DeployModule>('deploy').startSyncOnSave(await ctx(), statusBar);
      } catch (e) {
        void vscode.window.showErrorMessage(`Lambda Workbench: ${e instanceof Error ? e.message : String(e)}`);
      }
      return Boolean(running);
    }),
    new vscode.Disposable(() => {
      running?.dispose();
    }),
  );
}
