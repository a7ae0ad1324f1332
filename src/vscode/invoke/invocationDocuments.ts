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

/** The column to show a document in without creating a group: where it is open, else another existing group, else the active one. */
export function columnFor(uri: vscode.Uri): vscode.ViewColumn {
  const groups = vscode.window.tabGroups.all;
  const open = groups.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
  if (open) return open.viewColumn;
  const other = groups.find((g) => !g.isActive);
  return other?.viewColumn ?? vscode.window.tabGroups.activeTabGroup.viewColumn ?? vscode.ViewColumn.Active;
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
    return vscode.window.showTextDocument(doc, { preview: true, viewColumn: columnFor(uri) });
  }
}
