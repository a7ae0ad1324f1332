// An invocation's event and response (from the log panel's request ids) as a read-only virtual JSON
// document, one per request id and reused; shown in an existing editor group, never a new one.
import * as vscode from 'vscode';
import type { ArchivedInvocation } from '../../core/logs/invocationArchive';

/** Scheme of invocation documents; the path ends `.invocation.json` (language `lambda-invocation`: JSON, word wrap on). */
export const invocationScheme = 'lambda-workbench-invocation';

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** One well-formed JSON value: what ran, then the event and the response. */
export function invocationJson(inv: ArchivedInvocation): string {
  return `${JSON.stringify(
    {
      function: inv.functionName,
      executedVersion: inv.executedVersion,
      requestId: inv.requestId,
      status: inv.errorType ?? 'ok',
      durationMs: Number(inv.durationMs.toFixed(2)),
      ...(inv.payloadTruncated ? { eventTruncated: true } : {}),
      event: parsed(inv.payload),
      ...(inv.responseTruncated ? { responseTruncated: true } : {}),
      response: parsed(inv.response),
    },
    null,
    2,
  )}\n`;
}

/** The column for a result: never a new group, except once beside a source file so that it stays visible. */
export async function columnFor(uri: vscode.Uri): Promise<vscode.ViewColumn> {
  const groups = vscode.window.tabGroups.all;
  const sourceActive = vscode.window.activeTextEditor?.document.uri.scheme === 'file';
  const tab = groups.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  // Open behind the source being edited: move it out of the way instead of covering the source.
  if (tab && !(sourceActive && tab.group.isActive)) return tab.group.viewColumn;
  if (tab) await vscode.window.tabGroups.close(tab, true);
  const other = groups.find((g) => !g.isActive && g.tabs.length > 0) ?? groups.find((g) => !g.isActive);
  if (other) return other.viewColumn;
  // A maximized panel, or a result already in front, never gets a new group.
  return sourceActive ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
}

export class InvocationDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '{ "error": "This invocation is no longer in memory: open it again from the log panel." }\n';
  }

  /** Opens (or shows again) the invocation's document. */
  async show(inv: ArchivedInvocation): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: invocationScheme, path: `/${inv.functionName} ${inv.requestId}.invocation.json` });
    this.texts.set(uri.toString(), invocationJson(inv));
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: true, viewColumn: await columnFor(uri) });
  }
}
