// The status bar item: the engine's state (starting, ready with its endpoint and running count, failed)
// driven by engine events, and a menu to copy the endpoint, start or stop the HTTP API, open the output
// or restart.
import * as vscode from 'vscode';
import type { Emulator } from '../core/emulator';
import { commandIds, settingIds, viewIds } from './contributionIds';
import type { EngineHost, TakeOverOptions } from './engineHost';
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
    const role = host.role;
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
    if (role.kind === 'attached') {
      const a = role.attachment;
      item.backgroundColor = undefined;
      item.text = `$(plug) Lambda ${a.endpoint.replace(/^https?:\/\//, '')} · pid ${a.holder.pid}`;
      const md = new vscode.MarkdownString(undefined, true);
      md.appendMarkdown(`**Lambda Workbench**  \nThe engine is owned by ${a.process}; this window works through its endpoint \`${a.endpoint}\`.  \n`);
      md.appendMarkdown(`State: \`${a.stateDir}\` (since ${a.holder.since})  \nLambda: Restart Engine takes it over.`);
      item.tooltip = md;
      return;
    }
    if (role.kind === 'blocked') {
      item.text = `$(warning) Lambda · pid ${role.holder.pid} not answering`;
      item.tooltip = `Lambda Workbench: the state directory ${role.stateDir} is held by ${role.process}, whose engine does not answer. Click, then Restart Engine, to take it over.`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
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
    md.appendMarkdown(`Engine owned by this window (extension host pid ${process.pid})  \n`);
    md.appendMarkdown(`State: \`${engine.stateDir}\``);
    item.tooltip = md;
  };

  let unbind: () => void = () => undefined;
  const bind = (e: Emulator): void => {
    unbind();
    engine = e;
    failure = undefined;
    const rerender = (): void => render();
    e.on('environmentsChanged', rerender);
    e.on('functionsChanged', rerender);
    e.httpFront.on('listening', rerender).on('closed', rerender);
    unbind = () => {
      e.off('environmentsChanged', rerender).off('functionsChanged', rerender);
      e.httpFront.off('listening', rerender).off('closed', rerender);
    };
    render();
  };
  context.subscriptions.push(
    { dispose: () => unbind() },
    host.onDidChangeRole((role) => {
      if (role.kind === 'owner') bind(role.engine);
      else if (role.kind === 'failed') failure = role.message;
      else {
        unbind();
        engine = undefined;
      }
      render();
    }),
  );
  host.getEngine().then(bind, (e: unknown) => {
    failure = e instanceof Error ? e.message : String(e);
    render();
  });

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand(commandIds.copyEndpoint, async () => {
      const url = engine?.apiUrl ?? (host.role.kind === 'attached' ? host.role.attachment.endpoint : undefined);
      if (!url) return vscode.window.showWarningMessage('The Lambda Workbench endpoint is not running.');
      await vscode.env.clipboard.writeText(url);
      return vscode.window.setStatusBarMessage(`$(copy) Copied ${url}`, 3000);
    }),
    // Owner: stops the environments and reloads the template; attached: offers to take the engine over.
    vscode.commands.registerCommand(commandIds.restartEngine, (options?: TakeOverOptions) => host.restart(options)),
    vscode.commands.registerCommand(commandIds.statusBarMenu, async () => {
      const url = engine?.apiUrl ?? (host.role.kind === 'attached' ? host.role.attachment.endpoint : undefined);
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
        host.role.kind === 'attached' || host.role.kind === 'blocked'
          ? { label: '$(debug-restart) Take Over the Engine', description: `owned by pid ${host.role.kind === 'attached' ? host.role.attachment.holder.pid : host.role.holder.pid}`, run: () => vscode.commands.executeCommand(commandIds.restartEngine, { takeOver: true }) }
          : { label: '$(debug-restart) Restart Engine', description: 'stop the environments, reload the template', run: () => vscode.commands.executeCommand(commandIds.restartEngine) },
      ];
      const role = host.role;
      const title = failure ? `Lambda Workbench did not start: ${failure}` : role.kind === 'attached' ? `Lambda Workbench: working through the engine of ${role.attachment.process}` : role.kind === 'blocked' ? `Lambda Workbench: ${role.process} holds the engine and does not answer` : 'Lambda Workbench';
      const pick = await vscode.window.showQuickPick(picks, { title });
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
