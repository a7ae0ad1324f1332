// Start / Stop HTTP API: serves the template's Api and HttpApi routes and its function URLs on
// loopback from inside VS Code, like `lambda-workbench serve` (and `sam local start-api`) does.
import * as vscode from 'vscode';
import type { Emulator } from '../core/emulator';
import { commandIds, settingIds } from './contributionIds';
import type { EngineHost } from './engineHost';
import { getHttpApiPort } from './settings';

/** What Start HTTP API returns (to the status bar, the tests and other extensions). */
export interface HttpApiState {
  readonly url: string;
  /** `METHOD /path -> function` for each route, then each function URL. */
  readonly routes: readonly string[];
}

function describeRoutes(engine: Emulator): string[] {
  const { routes, urls } = engine.httpFront.list();
  return [
    ...routes.map((r) => `${r.method} ${r.path === '$default' ? '/*' : r.path} -> ${r.functionName}`),
    ...urls.map((u) => `URL ${u.localUrl ?? ''} -> ${u.functionName} (${u.authType})`),
  ];
}

/** Starts the HTTP front on the configured port (or `options.port`); undefined when nothing was started. */
async function start(host: EngineHost, options: { port?: number } = {}): Promise<HttpApiState | undefined> {
  let engine: Emulator;
  try {
    engine = await host.engineNow();
  } catch (e) {
    void vscode.window.showErrorMessage(`The HTTP API needs the Lambda engine, which did not start: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const front = engine.httpFront;
  const { routes, urls } = front.list();
  if (routes.length === 0 && urls.length === 0) {
    void vscode.window.showInformationMessage(
      'The template declares no Api or HttpApi events and no function URLs, so there is no HTTP API to serve. Add an event such as `Type: HttpApi` with a Path and Method to a function.',
    );
    return undefined;
  }
  const port = options.port ?? getHttpApiPort();
  let url: string;
  try {
    url = await front.listen(port);
  } catch (e) {
    const inUse = (e as { code?: string }).code === 'EADDRINUSE';
    const message = inUse
      ? `Port ${port} is already in use, so the HTTP API did not start. Pick another port in the ${settingIds.section}.${settingIds.httpApiPort} setting (0 picks a free one).`
      : `The HTTP API did not start: ${e instanceof Error ? e.message : String(e)}`;
    void vscode.window.showErrorMessage(message, 'Open Settings').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', `${settingIds.section}.${settingIds.httpApiPort}`);
    });
    return undefined;
  }
  const state = { url, routes: describeRoutes(engine) };
  host.output.info(`HTTP API at ${url}:\n  ${state.routes.join('\n  ')}`);
  void vscode.window.showInformationMessage(`HTTP API at ${url} (${state.routes.length} route(s), listed in the output).`, 'Open in Browser', 'Show Routes').then((pick) => {
    const first = routes.find((r) => r.method === 'GET' || r.method === 'ANY');
    if (pick === 'Open in Browser') void vscode.env.openExternal(vscode.Uri.parse(first && !first.path.includes('{') && first.path !== '$default' ? `${url}${first.path}` : url));
    if (pick === 'Show Routes') host.output.show();
  });
  return state;
}

export function registerHttpApi(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.startHttpApi, (options?: { port?: number }) => start(host, options)),
    vscode.commands.registerCommand(commandIds.stopHttpApi, async () => {
      const engine = await host.engineNow().catch(() => undefined);
      const url = engine?.httpFront.url;
      if (!engine || !url) {
        void vscode.window.setStatusBarMessage('The HTTP API is not running.', 3000);
        return false;
      }
      await engine.httpFront.close();
      host.output.info(`HTTP API at ${url} stopped.`);
      void vscode.window.setStatusBarMessage(`$(debug-stop) Stopped the HTTP API at ${url}`, 3000);
      return true;
    }),
  );
}
