// Durable executions with the real @aws/durable-execution-sdk-js against the engine: steps, a retried
// step, a day-long wait skipped through the workbench route, a callback completed through the Lambda
// API, parallel and a child context; then the read APIs (GetDurableExecution, history, list).
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
} from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionConfig, startTestEngine, type TestEngine } from '../../support/engine';
import { until, waitFor } from '../../support/wait';
import { workflowSource } from './durableWorkflow';

async function defineWorkflow(m: TestEngine, name = 'flow'): Promise<string> {
  const marks = path.join(m.dir, 'marks');
  fs.mkdirSync(marks, { recursive: true });
  m.write(`${name}/index.js`, workflowSource(marks));
  m.defineFunction(functionConfig(name, path.join(m.dir, name), { timeout: 30, durableConfig: { executionTimeout: 3600, retentionPeriodInDays: 14 } }));
  return marks;
}

const opStatus = (m: TestEngine, arn: string, type: string, name: string): string | undefined =>
  [...m.durable.get(arn).operations.values()].find((o) => o.Type === type && o.Name === name)?.Status;

describe('durable executions (real SDK)', function () {
  this.timeout(60_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('runs a workflow through retries, a skipped wait and a callback, and serves its history', async () => {
    m = await startTestEngine({ listen: true });
    const marks = await defineWorkflow(m);
    const started = await m.lambda.send(new InvokeCommand({ FunctionName: 'flow', InvocationType: 'Event', Payload: Buffer.from('{"x":41}'), DurableExecutionName: 'order-1' }));
    assert.equal(started.StatusCode, 202);
    const arn = started.DurableExecutionArn as string;
    assert.match(arn, /^arn:aws:lambda:us-east-1:123456789012:function:flow:\$LATEST\/durable-execution\/order-1\/[0-9a-f-]+$/);

    await until(m.durable, 'change', () => opStatus(m!, arn, 'WAIT', 'nap') === 'STARTED');
    const skip = await fetch(`${m.url}/workbench/v1/durable-executions/skip-waits`, { method: 'POST', body: JSON.stringify({ DurableExecutionArn: arn }) });
    assert.deepEqual(await skip.json(), { Fired: 1 });

    await waitFor(() => fs.existsSync(path.join(marks, 'callback')), 20_000, 'the callback id');
    const callbackId = fs.readFileSync(path.join(marks, 'callback'), 'utf8');
    await m.lambda.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result: Buffer.from('{"approved":true}') }));

    const end = await m.durable.whenFinished(arn);
    assert.equal(end.status, 'SUCCEEDED', JSON.stringify(end.error));
    const got = await m.lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    assert.equal(got.Status, 'SUCCEEDED');
    assert.equal(got.DurableExecutionName, 'order-1');
    assert.deepEqual(JSON.parse(got.Result as string), { first: 42, flaky: 2, approval: { approved: true }, par: [1, 2], child: 'in' });

    const history = await m.lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, IncludeExecutionData: true }));
    const types = (history.Events ?? []).map((e) => e.EventType);
    for (const t of ['ExecutionStarted', 'StepSucceeded', 'StepFailed', 'WaitStarted', 'WaitSucceeded', 'CallbackStarted', 'CallbackSucceeded', 'ContextSucceeded', 'InvocationCompleted', 'ExecutionSucceeded']) {
      assert.ok(types.includes(t as never), `history has ${t}: ${types.join(', ')}`);
    }
    const retried = history.Events?.find((e) => e.EventType === 'StepFailed' && e.Name === 'flaky');
    assert.equal(retried?.StepFailedDetails?.RetryDetails?.CurrentAttempt, 1);
    assert.match(retried?.StepFailedDetails?.Error?.Payload?.ErrorMessage ?? '', /flaky attempt 1/);
    assert.equal(fs.readFileSync(path.join(marks, 'attempts'), 'utf8'), '2');

    const list = await m.lambda.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: 'flow', Statuses: ['SUCCEEDED'] }));
    assert.deepEqual(list.DurableExecutions?.map((e) => [e.DurableExecutionName, e.Status]), [['order-1', 'SUCCEEDED']]);
  });

  it('stops a waiting execution', async () => {
    m = await startTestEngine({ listen: true });
    await defineWorkflow(m);
    const started = await m.lambda.send(new InvokeCommand({ FunctionName: 'flow', InvocationType: 'Event', Payload: Buffer.from('{"x":1}') }));
    const arn = started.DurableExecutionArn as string;
    await until(m.durable, 'change', () => opStatus(m!, arn, 'WAIT', 'nap') === 'STARTED');
    const stopped = await m.lambda.send(new StopDurableExecutionCommand({ DurableExecutionArn: arn, Error: { ErrorMessage: 'enough' } }));
    assert.ok(stopped.StopTimestamp instanceof Date);
    const got = await m.lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    assert.deepEqual([got.Status, got.Error?.ErrorMessage], ['STOPPED', 'enough']);
    const viaCli = await m.cli(['get-durable-execution', '--durable-execution-arn', arn]);
    assert.equal(viaCli.code, 0, viaCli.stderr);
    assert.equal(viaCli.json.Status, 'STOPPED');
    const listed = await m.cli(['list-durable-executions-by-function', '--function-name', 'flow', '--statuses', 'STOPPED']);
    assert.deepEqual(listed.json.DurableExecutions.map((e: { DurableExecutionArn: string }) => e.DurableExecutionArn), [arn]);
    const missing = await m.cli(['list-durable-executions-by-function', '--function-name', 'nope']);
    assert.match(missing.stderr, /ResourceNotFoundException.*Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope/);
  });
});

describe('durable executions: sync invoke, failures, timeouts, versions', function () {
  this.timeout(60_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  const define = (engine: TestEngine, name: string, body: string, executionTimeout = 900, version?: string) => {
    engine.write(`${name}/index.js`, `const { withDurableExecution } = require(${JSON.stringify(require.resolve('@aws/durable-execution-sdk-js'))});\nexports.handler = withDurableExecution(async (event, ctx) => {\n${body}\n});\n`);
    engine.defineFunction(functionConfig(name, path.join(engine.dir, name), { timeout: 10, durableConfig: { executionTimeout, retentionPeriodInDays: 1 }, ...(version ? { version } : {}) }));
  };

  it('answers a RequestResponse Invoke with the execution result, or the error as an Unhandled function error', async () => {
    m = await startTestEngine({ listen: true });
    define(m, 'ok', "return { doubled: await ctx.step('double', async () => event.n * 2) };");
    define(m, 'bad', "await ctx.step('boom', async () => { throw new Error('no way'); }, { retryStrategy: () => ({ shouldRetry: false }) });");
    const ok = await m.lambda.send(new InvokeCommand({ FunctionName: 'ok', Payload: Buffer.from('{"n":21}') }));
    assert.deepEqual(JSON.parse(Buffer.from(ok.Payload as Uint8Array).toString()), { doubled: 42 });
    assert.match(ok.DurableExecutionArn ?? '', /:function:ok:\$LATEST\/durable-execution\//);
    const bad = await m.lambda.send(new InvokeCommand({ FunctionName: 'bad', Payload: Buffer.from('{}') }));
    assert.equal(bad.FunctionError, 'Unhandled');
    assert.match(JSON.parse(Buffer.from(bad.Payload as Uint8Array).toString()).errorMessage, /no way/);
    const got = await m.lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: bad.DurableExecutionArn }));
    assert.equal(got.Status, 'FAILED');
  });

  it('replays when a short wait elapses on the engine clock (the SDK suspends on it)', async () => {
    m = await startTestEngine({ listen: true });
    define(m, 'nap', "await ctx.wait('brief', { seconds: 1 }); return await ctx.step('after', async () => 'awake');");
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'nap', Payload: Buffer.from('{}') }));
    assert.equal(Buffer.from(r.Payload as Uint8Array).toString(), '"awake"');
    const events = m.durable.get(r.DurableExecutionArn as string).events.map((e) => e.EventType);
    assert.deepEqual(events.filter((t) => t.startsWith('Wait') || t === 'InvocationCompleted'), ['WaitStarted', 'InvocationCompleted', 'WaitSucceeded', 'InvocationCompleted']);
  });

  it('refuses a synchronous Invoke beyond a 15-minute ExecutionTimeout and times out an execution on the engine clock', async () => {
    m = await startTestEngine({ listen: true });
    define(m, 'long', "await ctx.wait('forever', { days: 7 }); return 1;", 901);
    define(m, 'short', "await ctx.wait('forever', { days: 7 }); return 1;", 1);
    await assert.rejects(m.lambda.send(new InvokeCommand({ FunctionName: 'long', Payload: Buffer.from('{}') })), /cannot synchronously invoke a durable function with an ExecutionTimeout greater than 900 seconds/);
    const started = await m.lambda.send(new InvokeCommand({ FunctionName: 'short', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    const end = await m.durable.whenFinished(started.DurableExecutionArn as string);
    assert.deepEqual([end.status, end.error?.ErrorType], ['TIMED_OUT', 'ExecutionTimedOut']);
  });
});
