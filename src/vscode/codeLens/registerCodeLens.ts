// CodeLens "Invoke | Debug | last result" above handler functions (JS, TS, Python) and above function
// resources in the template. The file index is rebuilt on function changes, never while rendering.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendSet } from '../backends/backendSet';
import type { FunctionSummary } from '../backends/lambdaBackend';
import { commandIds } from '../contributionIds';
import type { InvokeResults } from '../invoke/invokeResults';
import { resultSummary } from '../invoke/resultDocument';
import { findExportLine, handlerSourceOf } from '../backends/handlerSource';

interface Anchor {
  readonly fn: FunctionSummary;
  /** Fixed line (template resources) or the export to look for (handler files). */
  readonly line?: number;
  readonly exportName?: string;
}

const SELECTOR: vscode.DocumentSelector = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python', 'yaml', 'json'].map((language) => ({ language, scheme: 'file' }));

class LambdaCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private byFile = new Map<string, Anchor[]>();
  private backendId = 'local';

  constructor(private readonly results: InvokeResults) {}

  /** Rebuilds the file index from the local functions. */
  index(backendId: string, functions: readonly FunctionSummary[]): void {
    const byFile = new Map<string, Anchor[]>();
    const add = (file: string, a: Anchor): void => void byFile.set(path.resolve(file), [...(byFile.get(path.resolve(file)) ?? []), a]);
    for (const fn of functions) {
      if (fn.local?.templateFile && fn.local.range) add(fn.local.templateFile, { fn, line: fn.local.range.start.line });
      const src = handlerSourceOf(fn);
      if (src && src.exportName) add(src.file, { fn, exportName: src.exportName });
    }
    this.backendId = backendId;
    this.byFile = byFile;
    this.changed.fire();
  }

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const anchors = this.byFile.get(path.resolve(doc.uri.fsPath));
    if (!anchors) return [];
    const text = anchors.some((a) => a.line === undefined) ? doc.getText() : '';
    const python = doc.languageId === 'python';
    const several = new Set(anchors.map((a) => a.fn.name)).size > 1;
    return anchors.flatMap((a) => {
      const line = a.line ?? findExportLine(text, a.exportName ?? '', python);
      if (line === undefined || line >= doc.lineCount) return [];
      const range = doc.lineAt(line).range;
      const name = a.fn.name;
      const suffix = several || a.line !== undefined ? ` ${name}` : '';
      const lenses = [
        new vscode.CodeLens(range, { title: `$(play) Invoke${suffix}`, command: commandIds.invokeWith, arguments: [{ functionName: name }], tooltip: `Invoke ${name} locally with an event you choose` }),
        new vscode.CodeLens(range, { title: '$(debug-alt) Debug', command: commandIds.debugWith, arguments: [{ functionName: name }], tooltip: `Debug ${name} locally (breakpoints, frozen Lambda clock)` }),
      ];
      const last = this.results.getLast(this.backendId, name);
      if (last) lenses.push(new vscode.CodeLens(range, { title: `Last: ${resultSummary(last.result)}`, command: commandIds.showLastResult, arguments: [{ backendId: this.backendId, functionName: name }], tooltip: 'Open the last result' }));
      return lenses;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Registers the CodeLens provider; it follows the local engine once it runs. */
export function registerCodeLens(context: vscode.ExtensionContext, backends: BackendSet, results: InvokeResults): void {
  const provider = new LambdaCodeLens(results);
  context.subscriptions.push(provider, vscode.languages.registerCodeLensProvider(SELECTOR, provider), results.onDidChangeResult(() => provider.refresh()));
  // Follows the Local backend: the in-process engine, the one of another process, a new one after a take-over.
  let off: () => void = () => undefined;
  const bind = (): void =>
    void backends.getLocal().then(
      (backend) => {
        off();
        // Environment changes fire too; the index only depends on functions, so compare the handler facts.
        let last = '';
        const reindex = (): void =>
          void backend.listFunctions().then((fns) => {
            const key = JSON.stringify(fns.map((f) => [f.name, f.handler, f.runtime, f.local]));
            if (key !== last) {
              last = key;
              provider.index(backend.id, fns);
            }
          });
        off = backend.onDidChange(reindex);
        reindex();
      },
      () => undefined,
    );
  context.subscriptions.push({ dispose: () => off() }, backends.onDidChangeBackends(bind));
  bind();
}
