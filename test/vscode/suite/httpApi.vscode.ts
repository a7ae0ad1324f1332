// Start / Stop HTTP API in a real VS Code: the example template's HttpApi route answers through the
// engine, the status bar shows the port, a port already in use is a clear error, and stop frees it.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { HttpApiState } from '../../../src/vscode/httpApi';
import { hasDriver, screenshot, waitForText } from '../support/driver';
import { getApi } from '../support/extensionApi';

const cmd = <T>(id: string, ...args: unknown[]): Thenable<T> => vscode.commands.executeCommand<T>(id, ...args);

describe('HTTP API', function () {
  this.timeout(60_000);

  before(async () => {
    await getApi();
  });

  it('serves the template route through the engine, shows the port in the status bar and stops', async () => {
    const state = await cmd<HttpApiState | undefined>('lambdaWorkbench.startHttpApi', { port: 0 });
    assert.ok(state, 'the HTTP API started');
    assert.match(state.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(state.routes, ['GET /hello -> hello-node']);
    const res = await fetch(`${state.url}/hello`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { message: string }).message, 'Hello world');
    const port = new URL(state.url).port;
    if (hasDriver) {
      assert.ok(await waitForText(`:${port}`, '.statusbar'), 'the status bar shows the HTTP API port');
      await screenshot('http-api-status-bar');
    }
    // Starting again while it serves returns the same address.
    assert.equal((await cmd<HttpApiState | undefined>('lambdaWorkbench.startHttpApi', { port: 0 }))?.url, state.url);
    assert.equal(await cmd<boolean>('lambdaWorkbench.stopHttpApi'), true);
    await assert.rejects(fetch(`${state.url}/hello`), 'the port is closed after Stop HTTP API');
    assert.equal(await cmd<boolean>('lambdaWorkbench.stopHttpApi'), false, 'stopping twice is a no-op');
  });

  it('reports a port that is already in use and starts nothing', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      assert.equal(await cmd<HttpApiState | undefined>('lambdaWorkbench.startHttpApi', { port }), undefined);
      if (hasDriver) {
        // Headless, VS Code may keep a new toast in the notification center only: look there.
        await vscode.commands.executeCommand('notifications.showList');
        assert.ok(await waitForText(`Port ${port} is already in use`, '.notifications-center'), 'the error names the port');
        await vscode.commands.executeCommand('notifications.hideList');
      }
      const engine = await (await getApi()).host.getEngine();
      assert.equal(engine.events.http.url, undefined);
    } finally {
      blocker.close();
    }
  });
});
