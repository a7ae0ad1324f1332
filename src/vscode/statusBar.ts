// The status bar item: the engine's state (starting, ready with its endpoint and running count, failed)
// driven by engine events, and a menu to copy the endpoint, start or stop the HTTP API, open the output
// or restart.
import * as vscode from 'vscode';
import type { Emulator } from '../core/emulator';
import { commandIds, settingIds, viewIds } from './contributionIds';
import type { EngineHost } from './engineHost';
import { affectsEngine } from './settings';

function busyCount(engine: Emulator): number {
  return engine.listFunctions().reduce((n, e) => n + engine.environmentCounts(e.name).busy, 0);
}

/** Registers the status bar item and starts the engine in the background. */
export function registerStatusBar(context: vscode.ExtensionContext, host: EngineHost): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('lambdaWorkbench.engine', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Lambda Workbench engine';
  item.command = commandIds.statusBarMenu;
  item.text = '$(loading~spin) Lambda';
  item.tooltip = 'Lambda Workbench: starting the local engine...';
  item.show();
  let engine: Emulator | undefined;
  let failure: string | undefined;

  const render = (): void => {
    if (failure !== undefined && /^No SAM template/.test(failure)) {
      // A folder without a template is not an error: say so quietly.
      item.text = '$(zap) Lambda (no template)';
      item.tooltip = `Lambda Workbench: ${failure}`;
      return;
    }
    if (failure !== undefined) {
      item.text = '$(error) Lambda';
      item.tooltip = `Lambda Workbench did not start: ${failure}`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    if (!engine) return;
    item.backgroundColor = undefined;
    const url = engine.apiUrl;
    const busy = busyCount(engine);
    const errors = engine.project?.problems.filter((p) => p.severity === 'error').length ?? 0;
    const httpApi = engine.httpFront.url;
    item.text = `${busy ? '$(sync~spin)' : '$(zap)'} Lambda${url ? ` ${url.replace(/^https?:\/\//, '')}` : ' (no endpoint)'}${httpApi ? ` · $(globe) ${httpApi.replace(/^.*:/, ':')}` : ''}${busy ? ` · ${busy} running` : ''}${errors ? ` · $(warning) ${errors}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Lambda Workbench**  \n`);
    md.appendMarkdown(url ? `Endpoint: \`${url}\` (Lambda and CloudWatch Logs APIs)  \n` : `No HTTP endpoint: see the output.  \n`);
    if (httpApi) md.appendMarkdown(`HTTP API: \`${httpApi}\` (template routes and function URLs)  \n`);
    md.appendMarkdown(`Functions: ${engine.listFunctions().length} · running: ${busy}  \n`);
    if (errors) md.appendMarkdown(`$(warning) ${errors} template error(s)  \n`);
    md.appendMarkdown(`State: \`${engine.stateDir}\``);
    item.tooltip = md;
  };

  host.getEngine().then(
    (e) => {
      engine = e;
      const rerender = (): void => render();
      e.on('environmentsChanged', rerender);
      e.on('functionsChanged', rerender);
      e.httpFront.on('listening', rerender).on('closed', rerender);
      context.subscriptions.push({
        dispose: () => {
          e.off('environmentsChanged', rerender).off('functionsChanged', rerender);
          e.httpFront.off('listening', rerender).off('closed', rerender);
        },
      });
      render();
    },
    (e: unknown) => {
      failure = e instanceof Error ? e.message : String(e);
      render();
    },
  );

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand(commandIds.copyEndpoint, async () => {
      const url = engine?.apiUrl;
      if (!url) return vscode.window.showWarningMessage('The Lambda Workbench endpoint is not running.');
      await vscode.env.clipboard.writeText(url);
      return vscode.window.setStatusBarMessage(`$(copy) Copied ${url}`, 3000);
    }),
    vscode.commands.registerCommand(commandIds.restartEngine, async () => {
      const ok = await vscode.window.showInformationMessage('Restarting the Lambda engine reloads the window (environments stop, state is kept).', 'Reload Window');
      if (ok) await vscode.commands.executeCommand('workbench.action.reloadWindow');
    }),
    vscode.commands.registerCommand(commandIds.statusBarMenu, async () => {
      const url = engine?.apiUrl;
      const picks: (vscode.QuickPickItem & { run: () => unknown })[] = [
        ...(url ? [{ label: '$(copy) Copy Endpoint URL', description: url, run: () => vscode.commands.executeCommand(commandIds.copyEndpoint) }] : []),
        { label: '$(list-tree) Show Function Explorer', run: () => vscode.commands.executeCommand(`${viewIds.functions}.focus`) },
        { label: '$(play) Invoke Function...', run: () => vscode.commands.executeCommand(commandIds.invokeFunction) },
        ...(!engine
          ? []
          : engine.httpFront.url
            ? [{ label: '$(debug-stop) Stop HTTP API', description: engine.httpFront.url, run: () => vscode.commands.executeCommand(commandIds.stopHttpApi) }]
            : [{ label: '$(globe) Start HTTP API', description: 'template routes and function URLs', run: () => vscode.commands.executeCommand(commandIds.startHttpApi) }]),
        { label: '$(output) Show Output', run: () => host.output.show() },
        { label: '$(settings-gear) Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:lambda-workbench.lambda-workbench`) },
        { label: '$(debug-restart) Restart Engine', run: () => vscode.commands.executeCommand(commandIds.restartEngine) },
      ];
      const pick = await vscode.window.showQuickPick(picks, { title: failure ? `Lambda Workbench did not start: ${failure}` : 'Lambda Workbench' });
      await pick?.run();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!engine || !affectsEngine(e)) return;
      const ok = await vscode.window.showInformationMessage(`Lambda Workbench: restart the engine to apply the changed ${settingIds.section} settings.`, 'Restart Engine');
      if (ok) await vscode.commands.executeCommand('workbench.action.reloadWindow');
    }),
  );
  return item;
}
