// Chained invokes (context.invoke of the real @aws/durable-execution-sdk-js) of a plain function, a
// durable function and a failing one; PauseDurableExecution / ResumeDurableExecution with the real
// @aws-sdk/client-lambda commands.
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  PauseDurableExecutionCommand,
  ResumeDurableExecutionCommand,
} from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { functionConfig, startTestEngine, type TestEngine } from '../../support/engine';
import { until } from '../../support/wait';
import { SDK_PATH } from './durableWorkflow';

const durable = (m: TestEngine, name: string, body: string, executionTimeout = 3600) => {
  m.write(`${name}/index.js`, `const { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});\nexports.handler = withDurableExecution(async (event, ctx) => {\n${body}\n});\n`);
  m.defineFunction(functionConfig(name, path.join(m.dir, name), { timeout: 10, durableConfig: { executionTimeout, retentionPeriodInDays: 1 } }));
};
const plain = (m: TestEngine, name: string, body: string) => {
  m.write(`${name}/index.js`, `exports.handler = async (event) => {\n${body}\n};\n`);
  m.defineFunction(functionConfig(name, path.join(m.dir, name), { timeout: 10 }));
};

describe('durable executions: chained invokes', function () {
  this.timeout(60_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('invokes a plain function, a durable function (its own execution, through a day-long wait) and a failing one', async () => {
    m = await startTestEngine({ listen: true });
    plain(m, 'doubler', 'return { doubled: event.n * 2 };');
    plain(m, 'broken', "throw new TypeError('broken on purpose');");
    durable(m, 'slow', "await ctx.wait('day', { days: 1 }); return await ctx.step('add', async () => event.n + 100);", 86_400 * 2);
    durable(m, 'parent', `
const a = await ctx.invoke('double-it', 'doubler', { n: event.n });
const d = await ctx.invoke('slow-one', 'slow', { n: event.n });
let failure;
try { await ctx.invoke('break-it', 'broken', {}); } catch (err) { failure = err.message; }
return { a, d, failure };`);
    const started = await m.lambda.send(new InvokeCommand({ FunctionName: 'parent', InvocationType: 'Event', Payload: Buffer.from('{"n":21}') }));
    const arn = started.DurableExecutionArn as string;
    const engine = m;
    const child = () => engine.durable.list().find((e) => e.header.functionName === 'slow');
    await until(m.durable, 'change', () => [...(child()?.operations.values() ?? [])].some((o) => o.Type === 'WAIT' && o.Status === 'STARTED'));
    assert.equal(m.durable.get(arn).header.status, 'RUNNING');
    assert.equal((await m.durable.skipWaits(child()?.header.arn)), 1);

    const end = await m.durable.whenFinished(arn);
    assert.equal(end.status, 'SUCCEEDED', JSON.stringify(end.error));
    assert.deepEqual(JSON.parse(end.result ?? ''), { a: { doubled: 42 }, d: 121, failure: 'broken on purpose' });
    assert.match(child()?.header.name ?? '', /^chained-[0-9a-f]{32}$/);
    assert.equal(child()?.header.status, 'SUCCEEDED');

    const history = await m.lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, IncludeExecutionData: true }));
    const chained = (history.Events ?? []).filter((e) => e.EventType?.startsWith('ChainedInvoke')).map((e) => [e.EventType, e.Name]);
    assert.deepEqual(chained, [
      ['ChainedInvokeStarted', 'double-it'],
      ['ChainedInvokeSucceeded', 'double-it'],
      ['ChainedInvokeStarted', 'slow-one'],
      ['ChainedInvokeSucceeded', 'slow-one'],
      ['ChainedInvokeStarted', 'break-it'],
      ['ChainedInvokeFailed', 'break-it'],
    ]);
    const first = history.Events?.find((e) => e.EventType === 'ChainedInvokeStarted');
    assert.deepEqual([first?.ChainedInvokeStartedDetails?.FunctionName, first?.ChainedInvokeStartedDetails?.Input?.Payload], ['doubler', '{"n":21}']);
    const failed = history.Events?.find((e) => e.EventType === 'ChainedInvokeFailed');
    assert.deepEqual([failed?.ChainedInvokeFailedDetails?.Error?.Payload?.ErrorType, failed?.ChainedInvokeFailedDetails?.Error?.Payload?.ErrorMessage], ['TypeError', 'broken on purpose']);

    // The history view's timeline: each chained invoke with its target, input, result or error.
    const timeline = m.durableTimeline(arn);
    const invokes = timeline.entries.filter((x) => x.kind === 'invoke').map((x) => [x.name, x.target, x.status, x.input, x.result ?? x.error]);
    assert.deepEqual(invokes, [
      ['double-it', 'doubler', 'SUCCEEDED', '{"n":21}', '{"doubled":42}'],
      ['slow-one', 'slow', 'SUCCEEDED', '{"n":21}', '121'],
      ['break-it', 'broken', 'FAILED', '{}', 'TypeError: broken on purpose'],
    ]);
    assert.ok(timeline.entries.every((x) => x.kind !== 'invoke' || x.requestIds.length >= 1), 'each chained invoke links to the invocation that started it');
  });

  it('fails the operation with Lambda\'s error when the target does not exist', async () => {
    m = await startTestEngine({ listen: true });
    durable(m, 'lost', "try { await ctx.invoke('nowhere', 'no-such-function', {}); } catch (err) { return 'caught: ' + err.message; }", 900);
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'lost', Payload: Buffer.from('{}') }));
    assert.match(Buffer.from(r.Payload as Uint8Array).toString(), /caught: Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-such-function/);
  });
});

describe('durable executions: pause and resume', function () {
  this.timeout(60_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('invokes nothing while paused (a wait that elapses waits for the resume), then finishes', async () => {
    m = await startTestEngine({ listen: true });
    durable(m, 'napper', "await ctx.wait('nap', { days: 1 }); return await ctx.step('after', async () => 'awake');");
    const started = await m.lambda.send(new InvokeCommand({ FunctionName: 'napper', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    const arn = started.DurableExecutionArn as string;
    const engine = m;
    const invocations = () => engine.durable.get(arn).events.filter((e) => e.EventType === 'InvocationCompleted').length;
    await until(m.durable, 'change', () => invocations() === 1);

    await m.lambda.send(new PauseDurableExecutionCommand({ DurableExecutionArn: arn, Reason: 'inspecting' }));
    const paused = await m.lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    assert.equal(paused.Status, 'PAUSED');
    assert.deepEqual([paused.PauseDetails?.Reason, paused.PauseDetails?.ExecutionTimeoutPaused], ['inspecting', true]);
    assert.equal(await m.durable.skipWaits(arn), 1);
    assert.equal(invocations(), 1, 'no invocation while paused');
    assert.equal(m.durable.get(arn).header.status, 'PAUSED');

    await m.lambda.send(new ResumeDurableExecutionCommand({ DurableExecutionArn: arn, Reason: 'done looking' }));
    const end = await m.durable.whenFinished(arn);
    assert.deepEqual([end.status, end.result], ['SUCCEEDED', '"awake"']);
    const history = await m.lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }));
    const paused2 = history.Events?.find((e) => e.EventType === 'ExecutionPaused');
    assert.equal(paused2?.ExecutionPausedDetails?.Reason?.Payload, 'inspecting');
    assert.equal(history.Events?.find((e) => e.EventType === 'ExecutionResumed')?.ExecutionResumedDetails?.Reason?.Payload, 'done looking');
    await assert.rejects(m.lambda.send(new ResumeDurableExecutionCommand({ DurableExecutionArn: arn })), /SUCCEEDED, not paused/);
  });
});
