// Python through debugpy: breakpoints, variables, evaluation and the frozen clock, with the Lambda
// lifecycle (init, invoke, warm re-invoke) around debugpy.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { invocationResult, launch, lineOf, OutputLog, scope, stopped, useAdapterSessions, variablesOf } from './support';

/** Python reads the paused time from the engine at each call: a stop costs it a few milliseconds at most. */
const CLOCK_TOLERANCE_MS = 50;
const STOP_MS = 2000;

describe('debug adapter: Python (debugpy)', function () {
  this.timeout(90_000);
  let ws: string;
  let dc: DebugClient;
  let app: string;
  const args = (extra: object = {}): object => ({ handler: 'app.handler', runtime: 'python3.11', codeUri: path.join(ws, 'python'), event: { name: 'Ada' }, ...extra });

  useAdapterSessions(
    (w) => {
      ws = w;
      app = path.join(ws, 'python', 'app.py');
    },
    (c) => (dc = c),
  );

  it('stops at a breakpoint with the event, context and Lambda scope, and freezes the clock', async () => {
    const stop = dc.waitForEvent('stopped');
    const [bps] = await launch(dc, args(), [{ path: app, breakpoints: [{ line: lineOf(app, 'greeting') }] }]);
    assert.equal(bps?.length, 1);
    const { event, frames } = await stopped(dc, stop);
    assert.equal(event.body.reason, 'breakpoint');
    assert.equal(frames[0]?.source?.path, app);
    assert.equal(frames[0]?.line, lineOf(app, 'greeting'));
    assert.equal(frames[0]?.name, 'handler');
    const frameId = frames[0]?.id ?? 0;
    const locals = await variablesOf(dc, (await scope(dc, frameId, 'Locals')).variablesReference);
    assert.equal(locals.get('name')?.value, "'Ada'");
    const eventVars = await variablesOf(dc, locals.get('event')?.variablesReference ?? 0);
    assert.equal(eventVars.get("'name'")?.value, "'Ada'");
    const lambda = await variablesOf(dc, (await scope(dc, frameId, 'Lambda')).variablesReference);
    const requestId = JSON.parse(lambda.get('aws_request_id')?.value ?? '""') as string;
    assert.match(requestId, /^[0-9a-f-]{36}$/);
    assert.equal(lambda.get('log_group_name')?.value, '"/aws/lambda/python"');
    const ev = await dc.evaluateRequest({ expression: 'context.aws_request_id', frameId, context: 'repl' });
    assert.equal(ev.body.result, `'${requestId}'`);
    const remaining = async (): Promise<number> =>
      Number((await dc.evaluateRequest({ expression: 'context.get_remaining_time_in_millis()', frameId, context: 'repl' })).body.result);
    const atStop = await remaining();
    // A real stop, longer than the clock's tolerance by far (the test is about the stop).
    await new Promise((resolve) => setTimeout(resolve, STOP_MS));
    const later = await remaining();
    assert.ok(Math.abs(later - atStop) <= CLOCK_TOLERANCE_MS, `remaining ${atStop} ms at the stop, ${later} ms ${STOP_MS} ms later`);
    const output = new OutputLog(dc);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: event.body.threadId ?? 0 });
    const result = JSON.parse((await invocationResult(dc, done)).payload) as { greeting: string; invocations: number; before: number; after: number };
    assert.equal(result.greeting, 'Hello, Ada');
    assert.ok(Math.abs(result.before - result.after) <= CLOCK_TOLERANCE_MS, `the handler saw ${result.before} ms before the stop and ${result.after} ms after`);
    const printed = await output.waitFor(/greeted Ada/);
    assert.equal(printed.body.source?.path, app);
    assert.equal(printed.body.line, lineOf(app, 'print'));
  });

  it('honours a condition', async () => {
    const [bps] = await launch(dc, args(), [{ path: app, breakpoints: [{ line: lineOf(app, 'greeting'), condition: 'name == "Bo"' }] }]);
    assert.equal(bps?.[0]?.verified, true);
    const first = dc.waitForEvent('lambdaInvocation');
    assert.match((await invocationResult(dc, first)).payload, /Hello, Ada/);
    const stop = dc.waitForEvent('stopped');
    await dc.customRequest('invoke', { event: { name: 'Bo' } });
    const { event, frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.line, lineOf(app, 'greeting'));
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: event.body.threadId ?? 0 });
    assert.match((await invocationResult(dc, done)).payload, /Hello, Bo/);
  });

  it('steps and hits the breakpoint again on a warm invoke, module state kept', async () => {
    const stop = dc.waitForEvent('stopped');
    await launch(dc, args(), [{ path: app, breakpoints: [{ line: lineOf(app, 'handler') }] }]);
    const first = await stopped(dc, stop);
    const threadId = first.event.body.threadId ?? 0;
    const stepped = dc.waitForEvent('stopped');
    await dc.nextRequest({ threadId });
    const afterStep = await stopped(dc, stepped);
    assert.equal(afterStep.event.body.reason, 'step');
    assert.equal(afterStep.frames[0]?.line, lineOf(app, 'handler') + 1);
    let done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId });
    assert.equal((JSON.parse((await invocationResult(dc, done)).payload) as { invocations: number }).invocations, 1);
    const again = dc.waitForEvent('stopped');
    await dc.customRequest('invoke', { event: { name: 'Bo' } });
    const second = await stopped(dc, again);
    assert.equal(second.frames[0]?.line, lineOf(app, 'handler'));
    done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: second.event.body.threadId ?? 0 });
    const result = JSON.parse((await invocationResult(dc, done)).payload) as { greeting: string; invocations: number };
    assert.deepEqual([result.greeting, result.invocations], ['Hello, Bo', 2]);
  });
});
