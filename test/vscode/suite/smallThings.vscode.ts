// Small things a new user trips over (issue 13, item 6): publishing an unchanged function says nothing
// changed and names the current version; "New saved event..." in the event picker opens the event for
// editing and sends nothing; the output channel tells about debug runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { VersionSummary } from '../../../src/vscode/backends/lambdaBackend';
import type { FunctionNode } from '../../../src/vscode/functionExplorer/explorerNodes';
import { hasDriver, press, typeText, waitForCondition, waitForText } from '../support/driver';
import { getApi } from '../support/extensionApi';

describe('small things of the first minutes', function () {
  this.timeout(90_000);

  it('publishing with nothing changed says so and names the current version', async function () {
    if (!hasDriver) this.skip(); // the notification is read from the screen
    const api = await getApi();
    const [root] = await api.explorer.explorer.getRoots();
    const node = (await api.explorer.explorer.getChildren(root)).find((n): n is FunctionNode => n.kind === 'function' && n.fn.name === 'hello-python')!;
    const first = await vscode.commands.executeCommand<VersionSummary>('lambdaWorkbench.explorer.publishVersion', node, { description: 'once' });
    await vscode.commands.executeCommand('notifications.clearAll');
    const again = await vscode.commands.executeCommand<VersionSummary>('lambdaWorkbench.explorer.publishVersion', node, { description: 'again' });
    assert.equal(again.version, first.version, 'Lambda returns the unchanged version');
    assert.ok(await waitForText(`Nothing changed in hello-python since version ${first.version}`, '.notifications-toasts'), 'the notification says nothing changed');
  });

  it('"New saved event..." opens the event for editing and invokes nothing', async function () {
    if (!hasDriver) this.skip(); // the picker is answered by typing
    const api = await getApi();
    const before = api.results.getLast('local', 'hello-shell');
    const invoked = vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-shell' });
    assert.ok(await waitForText('Event for hello-shell', '.quick-input-widget'));
    await typeText('New saved event');
    await press('Enter');
    assert.ok(await waitForText('New saved event for hello-shell', '.quick-input-widget'));
    await typeText('first-edit');
    await press('Enter');
    assert.equal(await invoked, undefined, 'nothing was invoked');
    assert.equal(api.results.getLast('local', 'hello-shell'), before);
    const editor = vscode.window.activeTextEditor;
    assert.match(editor?.document.uri.fsPath ?? '', /events[\\/]hello-shell[\\/]first-edit\.json$/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(editor!.document.uri.fsPath, { force: true });
  });

  it('the output channel tells about debug runs', async function () {
    if (!hasDriver) this.skip(); // read from the Output view on screen
    const api = await getApi();
    api.host.output.show(true);
    const [root] = await api.explorer.explorer.getRoots();
    const node = (await api.explorer.explorer.getChildren(root)).find((n) => n.kind === 'function' && n.fn.name === 'hello-node');
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.onDidStartDebugSession((s) => (sub.dispose(), resolve(s)));
    });
    assert.equal(await vscode.commands.executeCommand('lambdaWorkbench.explorer.debug', node, { event: { name: 'output' } }), true);
    const session = await started;
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidTerminateDebugSession((s) => s.id === session.id && (sub.dispose(), resolve()));
    });
    await vscode.debug.stopDebugging(session);
    await ended;
    api.host.output.show(true);
    assert.ok(await waitForText('Debug session "Debug hello-node" ended', '.part.panel'), 'the output says the debug run started and ended');
  });

  it('shows inline log lines for an invoke of a published version too', async function () {
    if (!hasDriver) this.skip(); // decorations are pixels
    const api = await getApi();
    const [root] = await api.explorer.explorer.getRoots();
    const node = (await api.explorer.explorer.getChildren(root)).find((n): n is FunctionNode => n.kind === 'function' && n.fn.name === 'hello-node')!;
    const version = await vscode.commands.executeCommand<VersionSummary>('lambdaWorkbench.explorer.publishVersion', node, { description: 'inline' });
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'node-js', 'index.js');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('lambdaWorkbench.inlineLogs.clear');
    const inline = `[...document.querySelectorAll('.monaco-editor .view-lines span')].some((e) => (getComputedStyle(e, '::after').content || '').includes('hello from hello-node') || (e.textContent || '').includes('hello from hello-node'))`;
    assert.ok(await waitForCondition(`!(${inline})`), 'no inline text after clearing');
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', qualifier: version.version, event: { name: 'version' } });
    assert.ok(await waitForCondition(inline), `an inline decoration for the invoke of version ${version.version}`);
  });
});
