// The Lambda clock under the debugger: frozen while stopped (remaining time and the timeout watchdog),
// running for code that is really slow.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { invocationResult, launch, lineOf, OutputLog, stopped, useAdapterSessions } from './support';

/** The bound: the remaining time read before and after a stop differs by at most this. */
const CLOCK_TOLERANCE_MS = 20;
const STOP_MS = 5000;

describe('debug adapter: Lambda clock', function () {
  this.timeout(60_000);
  let ws: string;
  let dc: DebugClient;

  useAdapterSessions((w) => (ws = w), (c) => (dc = c));

  it('keeps getRemainingTimeInMillis() still across a 5 s stop with a 3 s timeout, and the invocation completes', async () => {
    const file = path.join(ws, 'node', 'clock.js');
    const stop = dc.waitForEvent('stopped');
    await launch(dc, { handler: 'clock.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'node'), timeout: 3 }, [{ path: file, breakpoints: [{ line: lineOf(file, 'stop') }] }]);
    const { frames } = await stopped(dc, stop);
    const frameId = frames[0]?.id ?? 0;
    const read = async (): Promise<number> => Number((await dc.evaluateRequest({ expression: 'context.getRemainingTimeInMillis()', frameId, context: 'repl' })).body.result);
    const atStop = await read();
    // The stop itself is what is under test: hold it for longer than the function's timeout.
    await new Promise((resolve) => setTimeout(resolve, STOP_MS));
    const afterStop = await read();
    assert.ok(Math.abs(afterStop - atStop) <= CLOCK_TOLERANCE_MS, `remaining ${atStop} ms at the stop, ${afterStop} ms ${STOP_MS} ms later`);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const result = await invocationResult(dc, done);
    assert.equal(result.errorType, undefined, `the invocation failed: ${result.payload}`);
    const { before, after } = JSON.parse(result.payload) as { before: number; after: number };
    assert.ok(before <= 3000 && before > 2000, `before ${before}`);
    assert.ok(Math.abs(before - after) <= CLOCK_TOLERANCE_MS, `the handler saw ${before} ms before the stop and ${after} ms after it`);
  });

  it('lets the clock run while stopped with freezeClock false', async () => {
    const file = path.join(ws, 'node', 'clock.js');
    const stop = dc.waitForEvent('stopped');
    const done = dc.waitForEvent('lambdaInvocation');
    await launch(dc, { handler: 'clock.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'node'), timeout: 1, freezeClock: false }, [{ path: file, breakpoints: [{ line: lineOf(file, 'stop') }] }]);
    await stopped(dc, stop);
    // Stay stopped: the 1 s timeout fires while the debuggee is held at the breakpoint.
    const result = await invocationResult(dc, done);
    assert.equal(result.errorType, 'Sandbox.Timedout');
  });

  it('still times out a handler that is really slow, with Lambda\'s message', async () => {
    const output = new OutputLog(dc);
    const done = dc.waitForEvent('lambdaInvocation');
    await launch(dc, { handler: 'slow.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'node'), timeout: 1, event: { sleepMs: 30_000 } });
    const result = await invocationResult(dc, done);
    assert.equal(result.errorType, 'Sandbox.Timedout');
    assert.deepEqual(JSON.parse(result.payload), {
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds`,
    });
    await output.waitFor(/Task timed out after 1\.00 seconds/);
    // The environment was reset: the next invoke starts a new one, under the debugger again.
    const again = dc.waitForEvent('lambdaInvocation');
    await dc.customRequest('invoke', { event: { sleepMs: 1 } });
    const second = await invocationResult(dc, again);
    assert.equal(second.payload, '"finished"');
    await output.waitFor(/starts a new one|Starting a new execution environment/);
  });
});
