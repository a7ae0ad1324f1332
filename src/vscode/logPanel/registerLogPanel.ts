// Registers the log panel (a webview view in the panel area) and the "Show Logs" command; the
// webview's messages go to a LogPanelSession over the engine's LogStore and invocation archive.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SourceMapper } from '../../core/logs/sourceMapper';
import { commandIds, viewIds } from '../contributionIds';
import type { EngineHost } from '../engineHost';
import { LogPanelSession, type PanelActions } from './logPanelSession';
import { liveSecretMasker } from '../../core/security/secrets';
import { LocalLogSource } from './logSource';
import type { BackendSet } from '../backends/backendSet';
import { CloudLogSource } from './cloudLogSource';
import type { ToWebview } from './logPanelProtocol';
import { PanelSources, type RootSource } from './panelSources';
import { InvocationDocuments, invocationScheme } from '../invoke/invocationDocuments';

export const logPanelViewId = viewIds.logPanel;
export const showLogsCommandId = commandIds.showLogPanel;
/** Language id of log streams opened as documents (highlighted by syntaxes/lambda-log.tmLanguage.json). */
export const logLanguageId = 'lambda-log';

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'logPanel.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'logPanel.css'));
  return `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<link rel="stylesheet" href="${style.toString()}"></head><body>
<div id="toolbar"><select id="group" title="Log group"></select><select id="stream" title="Log stream (newest first)"></select>
<select id="level" title="Minimum level (platform lines always show)"><option value="">All levels</option><option>DEBUG</option><option>INFO</option><option>WARN</option><option>ERROR</option></select>
<input id="filter" placeholder="Filter pattern: ERROR, ?WARN ?ERROR, -DEBUG, { $.level = &quot;ERROR&quot; }, [ip, ..., status = 5*]">
<button id="live" aria-pressed="false" title="Live tail">Live</button><button id="wrap" aria-pressed="false" title="Wrap long lines (click a line to expand it, JSON pretty-printed)">Wrap</button><button id="copyAll" title="Copy the shown events">Copy</button>
<button id="openDoc" title="Open the stream as a document">Open</button><span id="status"></span></div>
<div id="scroller"><div id="spacer"><div id="rows"></div></div></div>
<script nonce="${nonce}" src="${script.toString()}"></script></body></html>`;
}

function actions(mapper: SourceMapper, invocations: InvocationDocuments): PanelActions {
  return {
    async openInvocation(inv) {
      await invocations.show(inv);
    },
    async openSource(file, line, column) {
      const pos = mapper.map({ file, line, column });
      if (!path.isAbsolute(pos.file)) throw new Error(`Cannot open ${pos.file}: not an absolute path.`);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(pos.file));
      const at = new vscode.Position(Math.max(0, pos.line - 1), Math.max(0, pos.column - 1));
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: true });
    },
    async copy(text) {
      await vscode.env.clipboard.writeText(text);
    },
    async openAsDocument(_title, text) {
      const doc = await vscode.workspace.openTextDocument({ language: logLanguageId, content: text });
      await vscode.window.showTextDocument(doc, { preview: true });
    },
    showError(message) {
      void vscode.window.showWarningMessage(message);
    },
  };
}

/** Every AWS root that can read CloudWatch Logs, as a panel source. */
async function cloudRoots(backends: BackendSet, onLiveError: (message: string) => void): Promise<RootSource[]> {
  const list = await backends.getAws().catch(() => []);
  return list.flatMap((b) => (b.cloudLogs ? [{ id: b.id, label: b.label, source: new CloudLogSource(b.cloudLogs(), b.recent, onLiveError) }] : []));
}

/** Registers the log panel view and its command. */
// The panel's session once its view was resolved (one view per window).
let currentSession: LogPanelSession | undefined;

export function registerLogPanel(context: vscode.ExtensionContext, host: EngineHost, backends: BackendSet): void {
  const mapper = new SourceMapper();
  const invocations = new InvocationDocuments();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(invocationScheme, invocations));
  let view: vscode.WebviewView | undefined;
  let pendingFocus: string | undefined;
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(webviewView) {
      view = webviewView;
      const webview = webviewView.webview;
      webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')] };
      webview.html = html(webview, context.extensionUri);
      const post = (m: ToWebview): void => void webview.postMessage(m);
      const local = host.getEngine().then((engine) => new LocalLogSource(engine.logs, engine.invocations, liveSecretMasker(engine.registry), {
        names: () => engine.listFunctions().map((f) => f.name),
        onDidChange: (fn) => (engine.on('functionsChanged', fn), () => void engine.off('functionsChanged', fn)),
      }));
      local.catch((e: unknown) => post({ type: 'error', message: `Lambda Workbench: ${e instanceof Error ? e.message : String(e)}` }));
      const session = (currentSession = new LogPanelSession(new PanelSources(() => local.catch(() => undefined), () => cloudRoots(backends, (message) => post({ type: 'error', message }))), post, actions(mapper, invocations)));
      const ready = Promise.resolve(session);
      const backendsChanged = backends.onDidChangeBackends(() => void session.refreshGroups());
      const sub = webview.onDidReceiveMessage(async (m: unknown) => {
        const s = await ready.catch(() => undefined);
        await s?.receive(m);
        if (pendingFocus && (m as { type?: string } | undefined)?.type === 'ready') {
          void webview.postMessage({ type: 'focus', group: pendingFocus });
          pendingFocus = undefined;
        }
      });
      webviewView.onDidDispose(() => {
        sub.dispose();
        backendsChanged.dispose();
        session.dispose();
        view = undefined;
      });
    },
  };
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(logPanelViewId, provider, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand(showLogsCommandId, async (arg?: { logGroup?: string; functionName?: string; requestId?: string } | string) => {
      const group = typeof arg === 'string' ? arg : (arg?.logGroup ?? (arg?.functionName ? `/aws/lambda/${arg.functionName}` : undefined));
      // An invocation's request id (the durable history view's links) selects its log stream too.
      const requestId = typeof arg === 'string' ? undefined : arg?.requestId;
      const stream = requestId ? (await (await host.getEngine()).invocations.get(requestId))?.logStreamName : undefined;
      await vscode.commands.executeCommand(`${logPanelViewId}.focus`);
      if (!group) return undefined;
      // A fresh group list first (a cloud root's groups may be newer than the panel's), then the focus.
      await currentSession?.refreshGroups();
      if (view) void view.webview.postMessage({ type: 'focus', group, ...(stream ? { stream } : {}) });
      else pendingFocus = group;
      return { group, stream };
    }),
  );
}
