// The Node.js debugger through the bundled adapter: breakpoints, stacks, variables, conditions,
// logpoints, stepping, exceptions and warm re-invocation, against real execution environments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { invocationResult, launch, lineOf, OutputLog, scope, stopped, useAdapterSessions, variablesOf } from './support';

describe('debug adapter: Node.js', function () {
  this.timeout(60_000);
  let ws: string;
  let dc: DebugClient;
  let index: string;
  const args = (extra: object = {}): object => ({ handler: 'index.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'node'), event: { name: 'Ada' }, ...extra });

  useAdapterSessions(
    (w) => {
      ws = w;
      index = path.join(ws, 'node', 'index.js');
    },
    (c) => (dc = c),
  );

  it('stops at a breakpoint in the handler with the stack, event, context and the Lambda scope', async () => {
    const stop = dc.waitForEvent('stopped');
    const [bps] = await launch(dc, args(), [{ path: index, breakpoints: [{ line: lineOf(index, 'call-greet') }] }]);
    assert.equal(bps?.length, 1);
    const { event, frames } = await stopped(dc, stop);
    assert.equal(event.body.reason, 'breakpoint');
    const top = frames[0];
    assert.equal(top?.source?.path, index);
    assert.equal(top?.line, lineOf(index, 'call-greet'));
    assert.equal(top?.name, 'exports.handler');
    assert.ok(frames.slice(1).some((f) => f.presentationHint === 'subtle'), 'runtime frames are dimmed');
    const local = await variablesOf(dc, (await scope(dc, top.id, 'Local')).variablesReference);
    assert.match(local.get('event')?.value ?? '', /name: "Ada"/);
    const eventVars = await variablesOf(dc, local.get('event')?.variablesReference ?? 0);
    assert.equal(eventVars.get('name')?.value, '"Ada"');
    const contextVars = await variablesOf(dc, local.get('context')?.variablesReference ?? 0);
    assert.equal(contextVars.get('functionName')?.value, '"node"');
    const requestId = JSON.parse(contextVars.get('awsRequestId')?.value ?? '""') as string;
    assert.match(requestId, /^[0-9a-f-]{36}$/);
    // Lazy expansion of arrays, maps and sets.
    const list = await variablesOf(dc, local.get('list')?.variablesReference ?? 0);
    assert.equal(list.get('2')?.value, '3');
    const map = await variablesOf(dc, local.get('map')?.variablesReference ?? 0);
    const entries = await variablesOf(dc, map.get('[[Entries]]')?.variablesReference ?? 0);
    const first = await variablesOf(dc, entries.get('0')?.variablesReference ?? 0);
    assert.equal(first.get('key')?.value, '"a"');
    assert.match(first.get('value')?.value ?? '', /deep: true/);
    const set = await variablesOf(dc, local.get('set')?.variablesReference ?? 0);
    assert.ok(set.has('[[Entries]]'));
    const lambda = await variablesOf(dc, (await scope(dc, top.id, 'Lambda')).variablesReference);
    assert.equal(lambda.get('awsRequestId')?.value, JSON.stringify(requestId));
    assert.equal(lambda.get('logGroupName')?.value, '"/aws/lambda/node"');
    assert.match(lambda.get('logStreamName')?.value ?? '', /^"\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}"$/);
    const remaining = Number(lambda.get('getRemainingTimeInMillis()')?.value);
    assert.ok(remaining > 0 && remaining <= 3000, `remaining ${remaining}`);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const result = JSON.parse((await invocationResult(dc, done)).payload) as { message: string; requestId: string };
    assert.equal(result.message, 'Hello, Ada');
    assert.equal(result.requestId, requestId);
  });

  it('evaluates, sets variables and shows log lines at their source line', async () => {
    const output = new OutputLog(dc);
    const stop = dc.waitForEvent('stopped');
    await launch(dc, args(), [{ path: index, breakpoints: [{ line: lineOf(index, 'log') }] }]);
    const { frames } = await stopped(dc, stop);
    const frameId = frames[0]?.id ?? 0;
    const ev = await dc.evaluateRequest({ expression: 'message.length + list.length', frameId, context: 'watch' });
    assert.equal(ev.body.result, String('Hello, Ada'.length + 3));
    const hover = await dc.evaluateRequest({ expression: 'event', frameId, context: 'hover' });
    assert.ok(hover.body.variablesReference > 0);
    await assert.rejects(dc.evaluateRequest({ expression: 'notDefinedAnywhere', frameId, context: 'repl' }), /notDefinedAnywhere is not defined/);
    const local = await scope(dc, frameId, 'Local');
    const set = await dc.setVariableRequest({ variablesReference: local.variablesReference, name: 'message', value: '"changed"' });
    assert.equal(set.body.value, '"changed"');
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const result = JSON.parse((await invocationResult(dc, done)).payload) as { message: string };
    assert.equal(result.message, 'changed');
    const line = await output.waitFor(/INFO\tmessage is changed/);
    assert.equal(line.body.source?.path, index);
    assert.equal(line.body.line, lineOf(index, 'log'));
    assert.equal(line.body.category, 'stdout');
    await output.waitFor(/^REPORT RequestId/);
  });

  it('honours conditions, hit counts and logpoints', async () => {
    const output = new OutputLog(dc);
    const [bps] = await launch(dc, args({ event: { name: 'Bob' } }), [
      {
        path: index,
        breakpoints: [
          { line: lineOf(index, 'greet'), condition: 'name === "nobody"' },
          { line: lineOf(index, 'greet-return'), logMessage: 'greeting {text} for {name.length}' },
          { line: lineOf(index, 'return'), condition: 'invocations >= 1', hitCondition: '2' },
        ],
      },
    ]);
    assert.equal(bps?.length, 3);
    // First invocation: the condition is false, the logpoint logs, the hit count (2) is not reached.
    const first = dc.waitForEvent('lambdaInvocation');
    const stopSeen: string[] = [];
    dc.on('stopped', (e) => stopSeen.push(String(e.body.reason)));
    assert.match((await invocationResult(dc, first)).payload, /Hello, Bob/);
    const logged = await output.waitFor(/greeting Hello, Bob for 3/);
    assert.equal(logged.body.line, lineOf(index, 'greet-return'));
    assert.equal(logged.body.source?.path, index);
    assert.deepEqual(stopSeen, []);
    assert.ok(!/greeting Hello/.test(fs.readFileSync(index, 'utf8')));
    // Second invocation: the hit count is reached.
    const stop = dc.waitForEvent('stopped');
    await dc.customRequest('invoke', { event: { name: 'Cy' } });
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.line, lineOf(index, 'return'));
    const second = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.match((await invocationResult(dc, second)).payload, /"invocations":2/);
  });

  it('steps over, into and out', async () => {
    const stop = dc.waitForEvent('stopped');
    await launch(dc, args(), [{ path: index, breakpoints: [{ line: lineOf(index, 'handler') }] }]);
    await stopped(dc, stop);
    const step = async (kind: 'next' | 'stepIn' | 'stepOut'): Promise<number | undefined> => {
      const s = dc.waitForEvent('stopped');
      if (kind === 'next') await dc.nextRequest({ threadId: 1 });
      else if (kind === 'stepIn') await dc.stepInRequest({ threadId: 1 });
      else await dc.stepOutRequest({ threadId: 1 });
      const { event, frames } = await stopped(dc, s);
      assert.equal(event.body.reason, 'step');
      return frames[0]?.line;
    };
    for (let line = lineOf(index, 'handler'); line < lineOf(index, 'call-greet'); ) line = (await step('next')) ?? Infinity;
    assert.equal(await step('stepIn'), lineOf(index, 'greet'));
    const back = await step('stepOut');
    // V8 stops back in the caller, on the rest of the calling statement or the next one.
    assert.ok(back === lineOf(index, 'call-greet') || back === lineOf(index, 'log'), `stepped out to line ${back}`);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    await invocationResult(dc, done);
  });

  it('hits a breakpoint again on a second invoke in the same warm environment', async () => {
    const stop = dc.waitForEvent('stopped');
    await launch(dc, args(), [{ path: index, breakpoints: [{ line: lineOf(index, 'return') }] }]);
    await stopped(dc, stop);
    let done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const first = JSON.parse((await invocationResult(dc, done)).payload) as { invocations: number };
    assert.equal(first.invocations, 1);
    const again = dc.waitForEvent('stopped');
    await dc.customRequest('invoke', {});
    const { frames } = await stopped(dc, again);
    assert.equal(frames[0]?.line, lineOf(index, 'return'));
    const local = await variablesOf(dc, (await scope(dc, frames[0]?.id ?? 0, 'Closure')).variablesReference);
    assert.equal(local.get('invocations')?.value, '2', 'module state survives in the warm environment');
    done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.equal((JSON.parse((await invocationResult(dc, done)).payload) as { invocations: number }).invocations, 2);
  });

  it('stops where an exception is thrown (Caught Exceptions) and reports the Lambda error payload', async () => {
    const output = new OutputLog(dc);
    const stop = dc.waitForEvent('stopped');
    const file = path.join(ws, 'node', 'throws.js');
    await launch(dc, args({ handler: 'throws.handler', event: { fail: 'now' } }), [], ['all']);
    const { event, frames } = await stopped(dc, stop);
    assert.equal(event.body.reason, 'exception');
    assert.match(event.body.text ?? '', /boom: now/);
    assert.equal(frames[0]?.source?.path, file);
    assert.equal(frames[0]?.line, lineOf(file, 'throw'));
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    assert.match(info.body.description ?? '', /Error: boom: now/);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const result = await invocationResult(dc, done);
    assert.equal(result.errorType, 'Error');
    assert.equal((JSON.parse(result.payload) as { errorMessage: string }).errorMessage, 'boom: now');
    await output.waitFor(/node failed \(Error\)/);
  });

  it('stops when an error leaves the handler (Uncaught Exceptions)', async () => {
    const stop = dc.waitForEvent('stopped');
    await launch(dc, args({ handler: 'throws.handler', event: { fail: 'later' } }), [], ['uncaught']);
    const { event } = await stopped(dc, stop);
    assert.equal(event.body.reason, 'exception');
    assert.match(event.body.text ?? '', /Uncaught in the handler: Error: boom: later/);
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    assert.equal(info.body.breakMode, 'unhandled');
    assert.match(info.body.details?.stackTrace ?? '', /throws\.js:\d+/);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.equal((await invocationResult(dc, done)).errorType, 'Error');
  });

  it('stops in an ES module handler', async () => {
    const file = path.join(ws, 'esm', 'index.mjs');
    const stop = dc.waitForEvent('stopped');
    await launch(dc, args({ codeUri: path.join(ws, 'esm') }), [{ path: file, breakpoints: [{ line: lineOf(file, 'esm') }] }]);
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.source?.path, file);
    assert.equal(frames[0]?.line, lineOf(file, 'esm'));
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.equal((await invocationResult(dc, done)).payload, '"esm:Ada"');
  });

  it('continues the call stack across awaits', async () => {
    const file = path.join(ws, 'node', 'async.js');
    const stop = dc.waitForEvent('stopped');
    await launch(dc, args({ handler: 'async.handler' }), [{ path: file, breakpoints: [{ line: lineOf(file, 'after-await') }] }]);
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.name, 'fetchGreeting');
    const label = frames.findIndex((f) => f.presentationHint === 'label');
    assert.ok(label > 0, `no async label frame in ${frames.map((f) => f.name).join(' < ')}`);
    const caller = frames.slice(label).find((f) => f.source?.path === file);
    assert.equal(caller?.name, 'exports.handler');
    assert.equal(caller?.line, lineOf(file, 'await-call'));
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.equal((await invocationResult(dc, done)).payload, '"hi Ada"');
  });

  it('pauses a busy handler', async () => {
    const output = new OutputLog(dc);
    const file = path.join(ws, 'node', 'spin.js');
    await launch(dc, args({ handler: 'spin.handler', event: { ms: 4000 }, timeout: 30 }));
    await output.waitFor(/spinning/);
    const stop = dc.waitForEvent('stopped');
    await dc.pauseRequest({ threadId: 1 });
    const { event, frames } = await stopped(dc, stop);
    assert.equal(event.body.reason, 'pause');
    // Under load the pause can land while the handler is still leaving console.log (runtime frames on
    // top, shown dimmed); the handler's frame is then the first one of the user's file.
    const handlerFrame = frames.find((f) => f.source?.path === file);
    const where = frames.map((f) => `${f.name} ${f.source?.path ?? f.source?.name}:${f.line}`).join(' < ');
    assert.ok(handlerFrame?.line === lineOf(file, 'spin') || (handlerFrame?.line === 3 && frames[0] !== handlerFrame), where);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.match((await invocationResult(dc, done)).payload, /"turns":\d+/);
  });

  it('reports breakpoints that cannot bind as unverified, with the reason', async () => {
    const lines = fs.readFileSync(index, 'utf8').split('\n').length;
    const stop = dc.waitForEvent('stopped');
    const bound = dc.waitForEvent('breakpoint');
    const [bps] = await launch(dc, args(), [{ path: index, breakpoints: [{ line: lines + 20 }, { line: lineOf(index, 'handler') }] }]);
    assert.equal(bps?.[0]?.verified, false);
    assert.match(bps?.[0]?.message ?? '', /past the end of index\.js/);
    await stopped(dc, stop);
    const changed = (await bound).body as { breakpoint: { verified: boolean; line: number } };
    assert.equal(changed.breakpoint.verified, true);
    assert.equal(changed.breakpoint.line, lineOf(index, 'handler'));
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    await invocationResult(dc, done);
  });

  it('stops at module scope with breakIn "init", and at a module-scope breakpoint during init', async () => {
    const entry = dc.waitForEvent('stopped');
    await launch(dc, args({ breakIn: 'init' }), [{ path: index, breakpoints: [{ line: lineOf(index, 'module2') }] }]);
    const init = await stopped(dc, entry);
    assert.equal(init.event.body.reason, 'entry');
    assert.equal(init.frames[0]?.source?.path, index);
    assert.equal(init.frames[0]?.line, lineOf(index, 'module'));
    const lambda = await variablesOf(dc, (await scope(dc, init.frames[0]?.id ?? 0, 'Lambda')).variablesReference);
    assert.equal(lambda.get('phase')?.value, 'init');
    const atBreakpoint = dc.waitForEvent('stopped');
    await dc.continueRequest({ threadId: 1 });
    const module2 = await stopped(dc, atBreakpoint);
    assert.equal(module2.event.body.reason, 'breakpoint');
    assert.equal(module2.frames[0]?.line, lineOf(index, 'module2'));
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    await invocationResult(dc, done);
  });

  it('stops at the first line of the handler with stopOnEntry', async () => {
    const entry = dc.waitForEvent('stopped');
    await launch(dc, args({ stopOnEntry: true }));
    const { event, frames } = await stopped(dc, entry);
    assert.equal(event.body.reason, 'entry');
    assert.equal(frames[0]?.source?.path, index);
    assert.equal(frames[0]?.line, lineOf(index, 'handler'));
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    await invocationResult(dc, done);
  });
});
