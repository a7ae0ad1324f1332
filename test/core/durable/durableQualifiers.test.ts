// Durable executions of published versions and aliases (the ARN names the version the alias pointed at,
// and replays run it), and a callback failed through the AWS CLI.
import { CreateAliasCommand, CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeZip } from '../state/zipFixtures';
import { functionConfig, startTestEngine, type TestEngine } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { SDK_PATH } from './durableWorkflow';

const ROLE = 'arn:aws:iam::123456789012:role/local';

describe('durable executions: versions, aliases, failed callbacks', function () {
  this.timeout(60_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('runs the version an alias points at and names it in the execution ARN', async () => {
    m = await startTestEngine({ listen: true });
    const code = `const { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});\nexports.handler = withDurableExecution(async (event, ctx) => ctx.step('v', async () => process.env.AWS_LAMBDA_FUNCTION_VERSION));\n`;
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'wf', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: makeZip([{ name: 'index.js', content: code }]) }, DurableConfig: { ExecutionTimeout: 60 }, Publish: true }));
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'wf', Name: 'live', FunctionVersion: '1' }));
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'wf', Qualifier: 'live', Payload: Buffer.from('{}') }));
    assert.equal(Buffer.from(r.Payload as Uint8Array).toString(), '"1"');
    assert.equal(r.ExecutedVersion, '1');
    assert.match(r.DurableExecutionArn ?? '', /:function:wf:1\/durable-execution\/[^/]+\/[^/]+$/);
  });

  it('fails the execution when its callback is failed through the AWS CLI', async () => {
    m = await startTestEngine({ listen: true });
    const marks = path.join(m.dir, 'marks');
    fs.mkdirSync(marks);
    m.write('cb/index.js', `const fs = require('node:fs');\nconst { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});\nexports.handler = withDurableExecution(async (event, ctx) => ctx.waitForCallback('approve', async (id) => fs.writeFileSync(${JSON.stringify(marks)} + '/callback', id)));\n`);
    m.defineFunction(functionConfig('cb', path.join(m.dir, 'cb'), { timeout: 10, durableConfig: { executionTimeout: 600, retentionPeriodInDays: 1 } }));
    const started = await m.lambda.send(new InvokeCommand({ FunctionName: 'cb', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    await waitFor(() => fs.existsSync(path.join(marks, 'callback')), 20_000, 'the callback id');
    const id = fs.readFileSync(path.join(marks, 'callback'), 'utf8');
    const failed = await m.cli(['send-durable-execution-callback-failure', '--callback-id', id, '--error', 'ErrorMessage=rejected by reviewer,ErrorType=Rejected']);
    assert.equal(failed.code, 0, failed.stderr);
    const end = await m.durable.whenFinished(started.DurableExecutionArn as string);
    assert.equal(end.status, 'FAILED');
    assert.match(end.error?.ErrorMessage ?? '', /rejected by reviewer/);
    const again = await m.cli(['send-durable-execution-callback-success', '--callback-id', id, '--result', 'e30=']);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already FAILED|no longer running/);
  });
});

describe('durable executions in a given environment (the debugger)', function () {
  this.timeout(60_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('runs every replay of an execution in the environment its Invoke named while it lives', async () => {
    m = await startTestEngine({ listen: true });
    const marks = path.join(m.dir, 'marks');
    fs.mkdirSync(marks);
    m.write('dbg/index.js', `const fs = require('node:fs');\nconst { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});\nexports.handler = withDurableExecution(async (event, ctx) => {\n  fs.appendFileSync(${JSON.stringify(marks)} + '/pids', process.pid + '\\n');\n  await ctx.wait('pause', { seconds: 1 });\n  return ctx.step('done', async () => process.pid);\n});\n`);
    const config = functionConfig('dbg', path.join(m.dir, 'dbg'), { timeout: 10, durableConfig: { executionTimeout: 600, retentionPeriodInDays: 1 } });
    m.defineFunction(config);
    const env = m.startEnvironment(m.resolveFunction({ name: 'dbg', qualifier: undefined }).config);
    try {
      const r = await m.invoke({ functionName: 'dbg', payload: Buffer.from('{}'), environment: env });
      const pids = fs.readFileSync(path.join(marks, 'pids'), 'utf8').trim().split('\n');
      assert.equal(pids.length, 2, 'the first invocation and the replay after the wait');
      assert.deepEqual(new Set(pids), new Set([String(env.pid)]));
      assert.equal(r.payload.toString(), String(env.pid));
    } finally {
      env.shutdown();
    }
  });
});
