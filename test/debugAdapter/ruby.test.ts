// Ruby through the debug gem hand-off: the adapter starts the bootstrap under `-r debug/open` and
// announces the rdbg attach configuration; a DAP client attaches to the gem's server (as VS Code's rdbg
// extension does), a handler breakpoint stops with the event in scope, and the invocation completes.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapConnection } from '../../src/debugAdapter/python/dapConnection';
import { invocationResult, launch, lineOf, useAdapterSessions } from './support';

describe('debug adapter: Ruby (debug gem hand-off)', function () {
  this.timeout(60_000);
  let ws: string;
  let dc: DebugClient;

  useAdapterSessions((w) => (ws = w), (c) => (dc = c));

  it('announces the debug gem address; a DAP client stops at a handler breakpoint and the invocation completes', async () => {
    const app = path.join(ws, 'ruby', 'app.rb');
    const attach = dc.waitForEvent('lambdaWorkbench.attach');
    const done = dc.waitForEvent('lambdaInvocation');
    await launch(dc, { handler: 'app.handler', runtime: 'ruby3.3', codeUri: path.join(ws, 'ruby'), event: { name: 'Ada' } });
    const config = ((await attach)).body.configuration as { type: string; request: string; debugPort: string };
    assert.equal(config.type, 'rdbg');
    assert.equal(config.request, 'attach');
    const port = Number(config.debugPort.split(':')[1]);
    const rdbg = await DapConnection.connect(port, Date.now() + 10_000, () => true);
    assert.ok(rdbg, `could not connect to ${config.debugPort}`);
    try {
      await rdbg.request('initialize', { clientID: 'test', adapterID: 'rdbg', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
      await rdbg.request('attach', {});
      const bps = await rdbg.request<{ breakpoints: DebugProtocol.Breakpoint[] }>('setBreakpoints', { source: { path: app }, breakpoints: [{ line: lineOf(app, 'greeting') }] });
      assert.equal(bps.breakpoints.length, 1);
      // An rdbg attach (debug 1.4) pauses once when configured, wherever the program is: continue from there.
      const paused = rdbg.nextEvent('stopped');
      await rdbg.request('configurationDone', {});
      const first = (await paused) as DebugProtocol.StoppedEvent;
      const stoppedEvent = rdbg.nextEvent('stopped');
      await rdbg.request('continue', { threadId: first.body.threadId ?? 1 });
      const stopped = (await stoppedEvent) as DebugProtocol.StoppedEvent;
      assert.equal(stopped.body.reason, 'breakpoint');
      const trace = await rdbg.request<{ stackFrames: DebugProtocol.StackFrame[] }>('stackTrace', { threadId: stopped.body.threadId ?? 1 });
      const top = trace.stackFrames[0];
      assert.equal(top?.line, lineOf(app, 'greeting'));
      assert.equal(top?.source?.path, app);
      const ev = await rdbg.request<{ result: string }>('evaluate', { expression: "event['name']", frameId: top?.id, context: 'repl' });
      assert.equal(ev.result, '"Ada"');
      await rdbg.request('continue', { threadId: stopped.body.threadId ?? 1 });
      const result = await invocationResult(dc, done);
      assert.equal(result.errorType, undefined);
      assert.equal(JSON.parse(result.payload).greeting, 'hello Ada');
    } finally {
      rdbg.close();
    }
  });
});
