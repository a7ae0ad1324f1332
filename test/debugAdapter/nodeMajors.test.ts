// F5 on nodejs22.x and nodejs24.x: the debugger starts the same Node.js binary the engine runs the
// runtime on (its major, from the per-user cache), stops at the breakpoint and finishes the invocation.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { invocationResult, launch, lineOf, OutputLog, stopped, useAdapterSessions } from './support';

describe('debug adapter: Node.js majors', function () {
  // A cold per-user cache downloads the major first (about 50 MB).
  this.timeout(300_000);
  let ws: string;
  let dc: DebugClient;

  useAdapterSessions((w) => (ws = w), (c) => (dc = c));

  it('debugs a retired nodejs16.x function on the nearest Node.js, saying so in the debug console with the date', async () => {
    const output = new OutputLog(dc);
    const index = path.join(ws, 'node', 'index.js');
    const stop = dc.waitForEvent('stopped');
    await launch(dc, { handler: 'index.handler', runtime: 'nodejs16.x', codeUri: path.join(ws, 'node'), event: { name: 'Ada' } }, [{ path: index, breakpoints: [{ line: lineOf(index, 'call-greet') }] }]);
    await stopped(dc, stop);
    const note = await output.waitFor(/^nodejs16\.x was deprecated on Jun 12, 2024/);
    assert.equal(note.body.category, 'important');
    assert.match(note.body.output, /Its functions run locally on the nearest available Node\.js, \d+\.\d+\.\d+\.\n$/);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    await invocationResult(dc, done);
  });

  for (const major of ['22', '24']) {
    it(`stops at a breakpoint of a nodejs${major}.x function running on Node.js ${major}`, async () => {
      const index = path.join(ws, 'node', 'index.js');
      const stop = dc.waitForEvent('stopped');
      await launch(dc, { handler: 'index.handler', runtime: `nodejs${major}.x`, codeUri: path.join(ws, 'node'), event: { name: 'Ada' } }, [{ path: index, breakpoints: [{ line: lineOf(index, 'call-greet') }] }]);
      const { event, frames } = await stopped(dc, stop);
      assert.equal(event.body.reason, 'breakpoint');
      const version = await dc.evaluateRequest({ expression: 'process.version', frameId: frames[0]?.id ?? 0, context: 'watch' });
      assert.match(version.body.result, new RegExp(`^'?"?v${major}\\.`));
      const done = dc.waitForEvent('lambdaInvocation');
      await dc.continueRequest({ threadId: 1 });
      assert.equal((JSON.parse((await invocationResult(dc, done)).payload) as { message: string }).message, 'Hello, Ada');
    });
  }
});
