// The log panel and inline logs in a real VS Code: after an invocation the panel (a webview, read
// through the browser) lists the function's log group and applies a filter pattern; the lines the
// handler logged appear as inline decorations in its source.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { evaluateInFrame, hasDriver, screenshot, waitForCondition } from '../support/driver';
import { getApi } from '../support/extensionApi';

const PANEL = `!!document.getElementById('rows') && !!document.getElementById('filter')`;

/** A frame-side promise: resolves true once `condition` holds in the webview (re-checked on DOM changes). */
const frameWait = (condition: string, timeoutMs = 15000): string => `new Promise((resolve) => {
  const has = () => { try { return !!(${condition}); } catch { return false; } };
  if (has()) return resolve(true);
  const obs = new MutationObserver(() => { if (has()) { obs.disconnect(); resolve(true); } });
  obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  setTimeout(() => { obs.disconnect(); resolve(has()); }, ${timeoutMs});
})`;

describe('logs: panel and inline decorations', function () {
  this.timeout(60_000);

  before(async function () {
    if (!hasDriver) this.skip(); // the panel is a webview and decorations are pixels: only a browser can see them
    await getApi();
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'logs' } });
  });

  it('lists the function log group and filters its events', async () => {
    await vscode.commands.executeCommand('lambdaWorkbench.logs.show', { logGroup: '/aws/lambda/hello-node' });
    const listed = await evaluateInFrame<boolean>(
      PANEL,
      frameWait(`[...document.getElementById('group').options].some((o) => o.value === '/aws/lambda/hello-node') && document.getElementById('group').value === '/aws/lambda/hello-node' && document.getElementById('rows').innerText.includes('hello from hello-node')`),
    );
    assert.ok(listed, 'the panel shows /aws/lambda/hello-node with its events');
    const filtered = await evaluateInFrame<boolean>(
      PANEL,
      `(() => {
        const f = document.getElementById('filter');
        f.value = '"hello from"';
        f.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        return ${frameWait(`!document.getElementById('rows').innerText.includes('REPORT RequestId') && document.getElementById('rows').innerText.includes('hello from hello-node')`)};
      })()`,
    );
    assert.ok(filtered, 'only the matching lines remain after filtering');
    await screenshot('log-panel');
  });

  it('decorates the handler source with the lines it logged', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'node-js', 'index.js');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'inline' } });
    const shown = await waitForCondition(
      `[...document.querySelectorAll('.monaco-editor .view-lines span')].some((e) => (getComputedStyle(e, '::after').content || '').includes('hello from hello-node') || (e.textContent || '').includes('hello from hello-node'))`,
    );
    assert.ok(shown, 'an inline decoration with the logged line');
    await screenshot('inline-logs');
  });
});
