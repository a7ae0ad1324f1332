// Template editing that forgives, in a real VS Code: while template.yaml does not parse the tree keeps
// the last good functions (warm environments included) and says "template.yaml: N errors"; parser
// errors read in plain words on the line to fix; quick fixes for the common mistakes; Runtime values
// complete as they are typed; tree items carry their full description in the tooltip.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExplorerNode, FunctionNode, RootNode } from '../../../src/vscode/functionExplorer/explorerNodes';
import { hasDriver, press, screenshot, typeText, waitForCondition, waitForText } from '../support/driver';
import { fromEmitter, getApi, until } from '../support/extensionApi';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const templateUri = (): vscode.Uri => vscode.Uri.joinPath(ws(), 'template.yaml');
const tooltipText = (item: vscode.TreeItem): string => (typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''));

describe('template editing: forgiving reloads, plain errors, quick fixes, completion', function () {
  this.timeout(90_000);
  let api: Awaited<ReturnType<typeof getApi>>;
  let root: RootNode;
  let original: string;
  const children = async (node?: ExplorerNode): Promise<ExplorerNode[]> => api.explorer.explorer.getChildren(node);
  const item = (node: ExplorerNode): vscode.TreeItem => api.explorer.explorer.getTreeItem(node);
  const fnNode = async (name: string): Promise<FunctionNode> => (await children(root)).find((n): n is FunctionNode => n.kind === 'function' && n.fn.name === name)!;

  before(async () => {
    api = await getApi();
    original = fs.readFileSync(templateUri().fsPath, 'utf8');
    [root] = (await api.explorer.explorer.getRoots()) as [RootNode];
    await children(root);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (fs.readFileSync(templateUri().fsPath, 'utf8') !== original) fs.writeFileSync(templateUri().fsPath, original);
  });

  it('keeps the last good tree and warm environments while template.yaml does not parse, and says so', async () => {
    const engine = await api.host.getEngine();
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'forgive' } });
    assert.ok(engine.environmentCounts('hello-node').warm >= 1, 'hello-node is warm');
    const changes = [fromEmitter(engine, 'templateErrors'), api.explorer.explorer.onDidChangeTreeData as vscode.Event<unknown>];
    fs.writeFileSync(templateUri().fsPath, original.replace('      Runtime: nodejs20.x\n      CodeUri: node-js/', '      Runtime nodejs20.x\n      CodeUri: node-js/'));
    await until('the root to say the template has an error', async () => (await children(root), /^template\.yaml: 1 error$/.test(String(item(root).description))), changes);
    const names = (await children(root)).filter((n): n is FunctionNode => n.kind === 'function').map((n) => n.fn.name);
    assert.deepEqual(names, ['hello-node', 'hello-python', 'hello-shell', 'hello-ts'], 'the functions stay listed');
    assert.ok(engine.environmentCounts('hello-node').warm >= 1, 'hello-node stays warm');
    assert.match(tooltipText(item(root)), /line 24: "Runtime nodejs20\.x" is missing a colon: write "Runtime: nodejs20\.x"/);
    await screenshot('template-broken-tree', 'template.yaml: 1 error');
    fs.writeFileSync(templateUri().fsPath, original);
    await until('the error state to clear', async () => (await children(root), /template\.yaml$/.test(String(item(root).description))), changes);
    assert.ok(engine.environmentCounts('hello-node').warm >= 1, 'an unchanged template keeps hello-node warm');
  });

  it('shows every tree item description in full in its tooltip', async () => {
    const node = await fnNode('hello-node');
    const description = String(item(node).description);
    assert.match(description, /nodejs20\.x · 256 MB · 5 s/);
    assert.ok(tooltipText(item(node)).includes(description.replace(/[\\`*_{}[\]<>()#+!|]/g, '\\$&')), tooltipText(item(node)));
    assert.ok(tooltipText(item(root)).includes('template.yaml'), tooltipText(item(root)));
  });

  it('puts YAML errors in plain words on the line to fix, and offers quick fixes', async () => {
    await api.languageClient.start();
    const doc = await vscode.workspace.openTextDocument(templateUri());
    const editor = await vscode.window.showTextDocument(doc);
    const lineOf = (text: string, after = 'HelloNode:'): number => {
      const lines = doc.getText().split('\n');
      const from = lines.findIndex((l) => l.includes(after));
      return from + lines.slice(from).findIndex((l) => l.includes(text));
    };
    const diagnosticOn = (line: number, what: string, code?: string): Promise<vscode.Diagnostic> =>
      until(what, () => vscode.languages.getDiagnostics(templateUri()).find((d) => d.range.start.line === line && d.source === 'Lambda Workbench' && (code === undefined || d.code === code)), [vscode.languages.onDidChangeDiagnostics]);
    const fixesFor = (d: vscode.Diagnostic): Thenable<vscode.CodeAction[]> => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', templateUri(), d.range, vscode.CodeActionKind.QuickFix.value);
    const clean = (): Promise<boolean> => until('no template errors', () => !vscode.languages.getDiagnostics(templateUri()).some((d) => d.severity === vscode.DiagnosticSeverity.Error), [vscode.languages.onDidChangeDiagnostics]);

    // A quote opened on the Description line and never closed: reported there, not at the end of the file.
    const descLine = lineOf('Description: JavaScript');
    await editor.edit((e) => e.insert(new vscode.Position(descLine, doc.lineAt(descLine).text.indexOf('JavaScript')), '"'));
    const quote = await diagnosticOn(descLine, 'the unclosed quote on its line', 'yaml-syntax');
    assert.match(quote.message, /^The double-quoted value on line \d+ is never closed: add the closing "$/);
    await vscode.commands.executeCommand('undo');
    await clean();

    // Deprecated runtime: upgrade (nodejs20.x was deprecated on 2026-04-30).
    const runtimeLine = lineOf('Runtime: nodejs20.x');
    const at = doc.lineAt(runtimeLine).text.indexOf('nodejs20.x');
    if (Date.now() > Date.parse('2026-04-30')) {
      const upgrades = await fixesFor(await diagnosticOn(runtimeLine, 'the deprecated runtime', 'runtime-deprecated'));
      assert.ok(upgrades.some((a) => /^Upgrade to nodejs2\d\.x$/.test(a.title)), upgrades.map((a) => a.title).join(' | '));
    }

    // Unknown runtime: did you mean.
    await editor.edit((e) => e.replace(new vscode.Range(runtimeLine, at, runtimeLine, at + 'nodejs20.x'.length), 'nodjs22.x'));
    const unknown = await diagnosticOn(runtimeLine, 'the unknown runtime', 'runtime-unknown');
    const actions = await fixesFor(unknown);
    const didYouMean = actions.find((a) => a.title === 'Did you mean nodejs22.x?');
    assert.ok(didYouMean?.edit, `${JSON.stringify(unknown)} -> [${actions.map((a) => a.title).join(' | ')}]`);
    await vscode.workspace.applyEdit(didYouMean.edit);
    assert.equal(doc.lineAt(runtimeLine).text.trim(), 'Runtime: nodejs22.x');
    await clean();

    // Missing handler file: create it.
    const handlerLine = lineOf('Handler: index.handler');
    const h = doc.lineAt(handlerLine).text.indexOf('index.handler');
    await editor.edit((e) => e.replace(new vscode.Range(handlerLine, h, handlerLine, h + 'index'.length), 'greeter'));
    const fixes = await fixesFor(await diagnosticOn(handlerLine, 'the missing handler file', 'handler-file-missing'));
    const create = fixes.find((a) => /^Create node-js[\\/]greeter\.js with a handler function$/.test(a.title));
    assert.ok(create?.edit, fixes.map((a) => a.title).join(' | '));
    const created = vscode.Uri.joinPath(ws(), 'node-js', 'greeter.js');
    try {
      await vscode.workspace.applyEdit(create.edit);
      const file = await vscode.workspace.openTextDocument(created);
      assert.match(file.getText(), /^exports\.handler = async \(event, context\) => \{/);
      await file.save();
      await vscode.window.showTextDocument(doc);
      await until('the handler diagnostic to clear', () => !vscode.languages.getDiagnostics(templateUri()).some((d) => d.range.start.line === handlerLine && d.code === 'handler-file-missing'), [vscode.languages.onDidChangeDiagnostics]);
    } finally {
      await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('goes on to Handler values once the Handler key is completed', async function () {
    if (!hasDriver) this.skip(); // typing into the editor needs the browser
    await api.languageClient.start();
    const doc = await vscode.workspace.openTextDocument(templateUri());
    const editor = await vscode.window.showTextDocument(doc);
    const lines = doc.getText().split('\n');
    const line = lines.findIndex((l, i) => i > lines.findIndex((x) => x.includes('HelloPython:')) && l.includes('Handler: app.handler'));
    const indent = doc.lineAt(line).firstNonWhitespaceCharacterIndex;
    await editor.edit((e) => e.delete(new vscode.Range(line, indent, line, doc.lineAt(line).text.length)));
    editor.selection = new vscode.Selection(line, indent, line, indent);
    assert.ok(await waitForText(`Ln ${line + 1}, Col ${indent + 1}`, '.statusbar'), 'the browser has the cursor where the test put it');
    const suggests = (label: string): Promise<boolean> => waitForCondition(`[...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].some((r) => (r.getAttribute('aria-label') || r.textContent || '').includes(${JSON.stringify(label)}))`);
    try {
      await typeText('Handl');
      const keyOffered = await suggests('Handler');
      await screenshot('template-handler-key-completion');
      assert.ok(keyOffered, 'the Handler key is offered');
      await press('Enter');
      assert.ok(await suggests('app.handler'), 'then its values, without typing more');
      await press('Enter');
      await until('the handler value to be inserted', () => doc.lineAt(line).text.trim() === 'Handler: app.handler', [vscode.workspace.onDidChangeTextDocument]);
      await screenshot('template-handler-completion');
    } finally {
      await press('Escape');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('completes Runtime values as they are typed', async function () {
    if (!hasDriver) this.skip(); // typing into the editor needs the browser
    await api.languageClient.start();
    const doc = await vscode.workspace.openTextDocument(templateUri());
    const editor = await vscode.window.showTextDocument(doc);
    const lines = doc.getText().split('\n');
    const line = lines.findIndex((l, i) => i > lines.findIndex((x) => x.includes('HelloPython:')) && l.includes('Runtime: python3.11'));
    const start = doc.lineAt(line).text.indexOf('python3.11');
    await editor.edit((e) => e.delete(new vscode.Range(line, start, line, start + 'python3.11'.length)));
    editor.selection = new vscode.Selection(line, start, line, start);
    assert.ok(await waitForText(`Ln ${line + 1}, Col ${start + 1}`, '.statusbar'), 'the browser has the cursor where the test put it');
    try {
      await vscode.commands.executeCommand('hideSuggestWidget');
      await typeText('pyth');
      const shown = await waitForCondition(`[...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].some((r) => (r.getAttribute('aria-label') || r.textContent || '').includes('python3.1'))`);
      await screenshot('template-runtime-completion');
      assert.ok(shown, 'the suggest widget lists python runtimes while typing the value');
    } finally {
      await press('Escape');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
