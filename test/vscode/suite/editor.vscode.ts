// CodeLens above handlers and template functions, and the template language server, in a real VS Code:
// the lenses VS Code collects, and the diagnostics, completion, hover and definition it gets over LSP.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../support/driver';
import { getApi, until } from '../support/extensionApi';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const titles = (lenses: vscode.CodeLens[] | undefined): string[] => (lenses ?? []).map((l) => l.command?.title ?? '');

describe('editor: CodeLens and the template language server', function () {
  this.timeout(60_000);
  let api: Awaited<ReturnType<typeof getApi>>;
  before(async () => (api = await getApi()));

  it('puts Invoke, Debug and the last result above a handler and above template functions', async () => {
    const uri = vscode.Uri.joinPath(ws(), 'node-js', 'index.js');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = await until('handler CodeLens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l?.length ? l : undefined;
    }, [api.results.onDidChangeResult, vscode.workspace.onDidChangeTextDocument]);
    assert.deepEqual(titles(lenses).slice(0, 2), ['$(play) Invoke', '$(debug-alt) Debug']);
    assert.match(doc.lineAt(lenses[0]!.range.start.line).text, /exports\.handler/);
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'lens' } });
    const after = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.ok(titles(after).some((t) => /^Last: ✓ [\d.]+ ms (warm|cold)$/.test(t)), titles(after).join(' | '));
    const template = vscode.Uri.joinPath(ws(), 'template.yaml');
    const tdoc = await vscode.workspace.openTextDocument(template);
    const tl = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', template);
    const invokes = (tl ?? []).filter((l) => l.command?.command === 'lambdaWorkbench.invoke');
    assert.deepEqual(invokes.map((l) => tdoc.lineAt(l.range.start.line).text.trim()), ['HelloNode:', 'HelloTypeScript:', 'HelloPython:', 'HelloShell:']);
  });

  it('shows template diagnostics with exact ranges, completion, hover and go to definition', async () => {
    await api.languageClient.start();
    const template = vscode.Uri.joinPath(ws(), 'template.yaml');
    const doc = await vscode.workspace.openTextDocument(template);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('CodeUri: python-function/'));
    const start = doc.lineAt(line).text.indexOf('python-function/');
    await editor.edit((e) => e.replace(new vscode.Range(line, start, line, start + 'python-function/'.length), 'missing-dir/'));
    const diags = await until('a diagnostic for the missing CodeUri', () => vscode.languages.getDiagnostics(template).find((d) => d.range.start.line === line), [vscode.languages.onDidChangeDiagnostics]);
    assert.equal(diags.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([diags.range.start.character, diags.range.end.character], [start, start + 'missing-dir/'.length]);
    editor.selection = new vscode.Selection(diags.range.start, diags.range.start);
    editor.revealRange(diags.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('template-diagnostics', 'missing-dir');
    await vscode.commands.executeCommand('undo');
    await until('the diagnostic to clear', () => !vscode.languages.getDiagnostics(template).some((d) => d.range.start.line === line), [vscode.languages.onDidChangeDiagnostics]);

    const lines = doc.getText().split('\n');
    // The first line containing `text` after the line containing `after`.
    const lineOf = (text: string, after: string): number => {
      const from = lines.findIndex((l) => l.includes(after));
      return from + lines.slice(from).findIndex((l) => l.includes(text));
    };
    const runtimeLine = lineOf('Runtime: python3.11', 'HelloPython:');
    const runtimes = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', template, new vscode.Position(runtimeLine, doc.lineAt(runtimeLine).text.indexOf('python')));
    assert.ok(runtimes.items.some((i) => i.label === 'nodejs22.x'), 'Runtime values');
    const handlerLine = lineOf('Handler: app.handler', 'HelloPython:');
    const handlers = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', template, new vscode.Position(handlerLine, doc.lineAt(handlerLine).text.indexOf('app')));
    assert.ok(handlers.items.some((i) => i.label === 'app.handler'), handlers.items.map((i) => String(i.label)).join(','));

    const memLine = lineOf('MemorySize', 'Globals:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', template, new vscode.Position(memLine, doc.lineAt(memLine).text.indexOf('Memory') + 2));
    assert.match(hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('')).join(''), /128-10,240 MB/);

    const tsHandler = lineOf('Handler: app.handler', 'HelloTypeScript:');
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', template, new vscode.Position(tsHandler, doc.lineAt(tsHandler).text.indexOf('app.handler') + 4));
    const target = defs[0] && ('targetUri' in defs[0] ? defs[0].targetUri : defs[0].uri);
    assert.match(target?.fsPath ?? '', /ts-function[\\/]src[\\/]app\.ts$/);
  });
});
