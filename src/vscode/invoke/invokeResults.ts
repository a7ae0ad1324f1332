// The last invocation result per function: shown in a read-only editor (one tab per function and
// qualifier, updated in place) and announced to CodeLens through `onDidChange`.
import * as vscode from 'vscode';
import type { InvokeResult } from '../backends/lambdaBackend';
import { resultScheme } from '../contributionIds';
import { columnFor } from './invocationDocuments';

export interface StoredResult {
  readonly backendId: string;
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly result: InvokeResult;
  readonly text: string;
  readonly uri: vscode.Uri;
}

export class InvokeResults implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly last = new Map<string, StoredResult>();
  private readonly docChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly resultChanged = new vscode.EventEmitter<StoredResult>();
  readonly onDidChange = this.docChanged.event;
  /** Fires after each stored result. */
  readonly onDidChangeResult = this.resultChanged.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This invocation result is no longer available: invoke the function again.';
  }

  /** Stores a result and opens (or updates) its editor. */
  async show(entry: Omit<StoredResult, 'uri'>): Promise<StoredResult> {
    const uri = this.uriOf(entry.backendId, entry.functionName, entry.qualifier);
    const stored: StoredResult = { ...entry, uri };
    this.texts.set(uri.toString(), entry.text);
    this.last.set(key(entry.backendId, entry.functionName), stored);
    this.docChanged.fire(uri);
    this.resultChanged.fire(stored);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true, viewColumn: await columnFor(uri) });
    return stored;
  }

  /** Replaces the text of an open result view (a response still streaming in); no new tab. */
  update(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.docChanged.fire(uri);
  }

  /** The result view's address for a function (and qualifier). */
  uriOf(backendId: string, functionName: string, qualifier: string | undefined): vscode.Uri {
    const q = qualifier && qualifier !== '$LATEST' ? `:${qualifier}` : '';
    return vscode.Uri.from({ scheme: resultScheme, path: `/${functionName}${q} result.log`, query: backendId });
  }

  /** The last result of a function, if it ran in this session. */
  getLast(backendId: string, functionName: string): StoredResult | undefined {
    return this.last.get(key(backendId, functionName));
  }

  dispose(): void {
    this.docChanged.dispose();
    this.resultChanged.dispose();
  }
}

const key = (backendId: string, fn: string): string => `${backendId}\0${fn}`;
