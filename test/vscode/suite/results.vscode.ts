// Results that don't litter the editor, in a real VS Code: a request id in the log panel opens a
// read-only virtual JSON document (one value, one per request id, reused, word wrap on), never an
// Untitled file; invoking (also with the panel maximized) never adds an editor group or a duplicate tab.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { evaluateInFrame, hasDriver, screenshot } from '../support/driver';
import { getApi, until } from '../support/extensionApi';

const PANEL = `!!document.getElementById('rows') && !!document.getElementById('filter')`;
const tabsOf = (uri: vscode.Uri): number => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()).length;

describe('results: virtual documents, no new groups', function () {
  this.timeout(90_000);
  let api: Awaited<ReturnType<typeof getApi>>;
  before(async () => {
    api = await getApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a request id as one read-only JSON document, reused, wrapped, never Untitled', async function () {
    if (!hasDriver) this.skip(); // the request id is clicked in the webview
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'result-doc' } });
    const rid = api.results.getLast('local', 'hello-node')!.result.requestId;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/hello-node' });
    const groupsBefore = vscode.window.tabGroups.all.length;
    const click = `new Promise((resolve) => {
      const f = document.getElementById('filter');
      if (f.value) { f.value = ''; f.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); }
      const go = () => { const a = document.querySelector('[data-request="${rid}"]'); if (a) { a.click(); resolve(true); return true; } return false; };
      if (go()) return;
      const obs = new MutationObserver(() => go() && obs.disconnect());
      obs.observe(document, { subtree: true, childList: true });
      setTimeout(() => { obs.disconnect(); resolve(false); }, 15000);
    })`;
    assert.ok(await evaluateInFrame<boolean>(PANEL, click), 'the request id is in the panel');
    const editor = await until('the invocation document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.includes(rid)), [vscode.window.onDidChangeVisibleTextEditors]);
    const doc = editor.document;
    assert.equal(doc.uri.scheme, 'lambda-workbench-invocation');
    assert.equal(doc.isUntitled, false);
    assert.equal(doc.languageId, 'lambda-invocation');
    const value = JSON.parse(doc.getText()) as { requestId: string; event: unknown; response: unknown };
    assert.equal(value.requestId, rid);
    assert.deepEqual(value.event, { name: 'result-doc' });
    assert.equal(vscode.workspace.getConfiguration('editor', doc).get('wordWrap'), 'on');
    assert.ok(vscode.workspace.textDocuments.every((d) => !d.isUntitled), 'no Untitled document');
    await screenshot('invocation-document');
    assert.ok(await evaluateInFrame<boolean>(PANEL, click), 'clicked again');
    await until('the same document shown again', () => vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString(), [vscode.window.onDidChangeActiveTextEditor], 5000).catch(() => undefined);
    assert.equal(tabsOf(doc.uri), 1, 'one tab per request id');
    assert.equal(vscode.window.tabGroups.all.length, groupsBefore, 'no new editor group');
  });

  it('shows invoke results without adding a group or a duplicate tab, also with the panel maximized', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/hello-node' });
    await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    try {
      const before = vscode.window.tabGroups.all.length;
      await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'max-1' } });
      await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'max-2' } });
      const uri = api.results.getLast('local', 'hello-node')!.uri;
      assert.equal(vscode.window.tabGroups.all.length, before, 'no new editor group');
      assert.equal(tabsOf(uri), 1, 'one result tab');
      assert.ok(vscode.window.tabGroups.all.every((g) => g.tabs.length > 0), 'no empty editor group');
    } finally {
      await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    }
  });
});
