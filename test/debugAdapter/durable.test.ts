// F5 on a durable function through the bundled adapter: one session follows every replay of the
// execution (the real @aws/durable-execution-sdk-js), a breakpoint hits on each replay, and the Lambda
// scope shows the execution ARN, the replay number and the operations replayed, new and updated.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { invocationResult, launch, lineOf, OutputLog, scope, stopped, useAdapterSessions, variablesOf } from './support';

const SDK = require.resolve('@aws/durable-execution-sdk-js');

describe('debug adapter: durable functions', function () {
  this.timeout(60_000);
  let ws: string;
  let dc: DebugClient;
  let index: string;

  useAdapterSessions(
    (w) => {
      ws = w;
      const dir = path.join(ws, 'durable');
      fs.mkdirSync(dir, { recursive: true });
      index = path.join(dir, 'index.js');
      fs.writeFileSync(index, [
        `const { withDurableExecution } = require(${JSON.stringify(SDK)});`,
        'exports.handler = withDurableExecution(async (event, ctx) => {',
        "  const a = await ctx.step('first', async () => event.n + 1); // @bp:every-replay",
        "  await ctx.wait('nap', { seconds: 1 });",
        "  const b = await ctx.step('second', async () => a * 2); // @bp:after-wait",
        '  return { a, b };',
        '});',
        '',
      ].join('\n'));
      fs.writeFileSync(path.join(ws, 'durable-template.yaml'), [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Flow:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Handler: index.handler',
        '      Runtime: nodejs20.x',
        '      CodeUri: durable/',
        '      Timeout: 30',
        '      DurableConfig:',
        '        ExecutionTimeout: 86400',
        '        RetentionPeriodInDays: 1',
        '',
      ].join('\n'));
    },
    (c) => (dc = c),
  );

  const lambdaVars = async (frameId: number) => variablesOf(dc, (await scope(dc, frameId, 'Lambda')).variablesReference);

  it('keeps one session across the replays: the breakpoint hits on each, the Lambda scope shows the replay state', async () => {
    const output = new OutputLog(dc);
    let stop = dc.waitForEvent('stopped');
    await launch(dc, { template: path.join(ws, 'durable-template.yaml'), function: 'Flow', event: { n: 20 } }, [{ path: index, breakpoints: [{ line: lineOf(index, 'every-replay') }] }]);

    let { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.line, lineOf(index, 'every-replay'));
    let lambda = await lambdaVars(frames[0]?.id ?? 0);
    const arn = JSON.parse(lambda.get('durableExecutionArn')?.value ?? '""') as string;
    assert.match(arn, /:function:Flow:\$LATEST\/durable-execution\//);
    assert.equal(lambda.get('replay')?.value, '1 (first invocation)');
    assert.equal(lambda.get('operationsReplayed')?.value, '0');
    assert.equal(lambda.get('durableExecutionStatus')?.value, 'RUNNING');

    // The first invocation runs `first`, starts the wait and suspends; the replay after the wait stops here again.
    stop = dc.waitForEvent('stopped');
    await dc.continueRequest({ threadId: 1 });
    ({ frames } = await stopped(dc, stop));
    assert.equal(frames[0]?.line, lineOf(index, 'every-replay'));
    lambda = await lambdaVars(frames[0]?.id ?? 0);
    assert.equal(JSON.parse(lambda.get('durableExecutionArn')?.value ?? '""'), arn);
    assert.equal(lambda.get('replay')?.value, '2 (replay 1)');
    assert.equal(lambda.get('operationsReplayed')?.value, '1');
    assert.equal(lambda.get('operationsUpdated')?.value, '1: wait nap (SUCCEEDED)');
    assert.equal(lambda.get('operationsNew')?.value, '0');
    const local = await variablesOf(dc, (await scope(dc, frames[0]?.id ?? 0, 'Local')).variablesReference);
    assert.match(local.get('event')?.value ?? '', /n: 20/);

    // Step over the replayed step and the elapsed wait: `second` is new in this invocation.
    stop = dc.waitForEvent('stopped');
    await dc.setBreakpointsRequest({ source: { path: index }, breakpoints: [{ line: lineOf(index, 'after-wait') }] });
    await dc.continueRequest({ threadId: 1 });
    ({ frames } = await stopped(dc, stop));
    assert.equal(frames[0]?.line, lineOf(index, 'after-wait'));

    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const result = await invocationResult(dc, done);
    assert.deepEqual(JSON.parse(result.payload), { a: 21, b: 42 });
    await output.waitFor(/Durable execution [0-9a-f-]+: invocation 2 \(replay: 1 operation\(s\) replayed; updated since the last: wait nap \(SUCCEEDED\)\)/);
    await output.waitFor(/Durable execution [0-9a-f-]+ SUCCEEDED/);
  });
});
