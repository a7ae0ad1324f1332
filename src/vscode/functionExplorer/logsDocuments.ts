// Recent CloudWatch events of a function in a read-only editor, for backends the log panel does not
// read (AWS accounts): FilterLogEvents over the last hour, oldest first.
import * as vscode from 'vscode';
import type { FunctionSummary, LambdaBackend } from '../backends/lambdaBackend';

export const logsScheme = 'lambda-workbench-logs';

export class LogsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  dispose(): void {
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async show(backend: LambdaBackend, fn: FunctionSummary): Promise<void> {
    if (!backend.fetchLogEvents) {
      void vscode.window.showErrorMessage(`${backend.label} cannot read logs.`);
      return;
    }
    const since = Date.now() - 3600_000;
    let text: string;
    try {
      const events = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading ${fn.logGroup}...` }, () => backend.fetchLogEvents!(fn.logGroup, { startTime: since, limit: 1000 }));
      text = [`# ${fn.logGroup} in ${backend.label}, last hour (${events.length} events)`, ...events.map((e) => `${new Date(e.timestamp).toISOString()} ${e.logStreamName} ${e.message}`)].join('\n');
    } catch (e) {
      void vscode.window.showErrorMessage(`Reading ${fn.logGroup} failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const uri = vscode.Uri.from({ scheme: logsScheme, path: `/${fn.name}.log`, query: backend.id });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}
