// Reserved concurrency (0 throttles with the right Reason), its limits and template interplay, and
// provisioned concurrency keeping initialized environments for a version or alias.
import {
  CreateAliasCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  ListProvisionedConcurrencyConfigsCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { waitFor } from '../../../support/wait';
import { removeWorkspaces, sdkError, templateFor, oneFunctionWorkspace } from '../../management/managementFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

describe('concurrency API', function () {
  this.timeout(120_000);
  let m: TestEngine;

  beforeEach(async () => {
    m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace() });
  });
  afterEach(async () => {
    await m.dispose();
    removeWorkspaces();
  });

  it('throttles every invocation at reserved concurrency 0 and lifts it on delete', async () => {
    const put = await m.cli(['put-function-concurrency', '--function-name', 'fn', '--reserved-concurrent-executions', '0']);
    assert.equal(put.code, 0, put.stderr);
    assert.deepEqual(put.json, { ReservedConcurrentExecutions: 0 });
    const throttled = await sdkError(m.lambda.send(new InvokeCommand({ FunctionName: 'fn' })));
    assert.deepEqual([throttled.name, throttled.status, throttled.message, (throttled.body as { Reason?: string }).Reason], ['TooManyRequestsException', 429, 'Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded']);
    const cli = await m.cli(['invoke', '--function-name', 'fn', '/dev/null']);
    assert.equal(cli.code, 255);
    assert.match(cli.stderr, /TooManyRequestsException.*Rate Exceeded\./);
    assert.deepEqual((await m.lambda.send(new GetFunctionCommand({ FunctionName: 'fn' }))).Concurrency, { ReservedConcurrentExecutions: 0 });
    assert.equal((await m.cli(['delete-function-concurrency', '--function-name', 'fn'])).code, 0);
    assert.equal((await m.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fn' }))).ReservedConcurrentExecutions, undefined);
    assert.equal((await m.lambda.send(new InvokeCommand({ FunctionName: 'fn' }))).StatusCode, 200);
  });

  it('applies the function-only rule and the account limit', async () => {
    const qualified = await sdkError(m.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: `${ARN}:1`, ReservedConcurrentExecutions: 1 })));
    assert.deepEqual([qualified.name, qualified.message], [
      'InvalidParameterValueException',
      'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
    ]);
    const tooMany = await sdkError(m.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: 46 })));
    assert.equal(tooMany.message, "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [5].");
    assert.equal((await m.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: 45 }))).ReservedConcurrentExecutions, 45);
    const negative = await sdkError(m.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: -1 })));
    assert.equal(negative.name, 'ValidationException');
  });

  it('overrides the template value until the template changes it again', async () => {
    m.write('template.yaml', templateFor({ fn: '      ReservedConcurrentExecutions: 2\n' }));
    await m.reload();
    assert.equal((await m.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fn' }))).ReservedConcurrentExecutions, 2);
    await m.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'fn' }));
    assert.equal((await m.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fn' }))).ReservedConcurrentExecutions, undefined);
    m.write('template.yaml', templateFor({ fn: '      ReservedConcurrentExecutions: 3\n' }));
    await m.reload();
    assert.equal((await m.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fn' }))).ReservedConcurrentExecutions, 3);
  });

  it('keeps provisioned environments initialized: warm first invoke, no Init Duration, replaced when they die', async () => {
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    const put = await m.cli(['put-provisioned-concurrency-config', '--function-name', 'fn', '--qualifier', 'live', '--provisioned-concurrent-executions', '2']);
    assert.equal(put.code, 0, put.stderr);
    assert.equal(put.json.RequestedProvisionedConcurrentExecutions, 2);
    assert.equal((await m.functions.provisioned.whenReady('fn', 'live'))?.status, 'READY');
    const got = await m.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: 'live' }));
    assert.deepEqual([got.Status, got.AllocatedProvisionedConcurrentExecutions, got.AvailableProvisionedConcurrentExecutions], ['READY', 2, 2]);
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: 'live', LogType: 'Tail' }));
    const body = JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8')) as { init: string };
    assert.equal(body.init, 'provisioned-concurrency');
    const tail = Buffer.from(r.LogResult ?? '', 'base64').toString('utf8');
    assert.match(tail, /REPORT RequestId: /);
    assert.doesNotMatch(tail, /Init Duration/);
    const direct = await m.invoke({ functionName: 'fn', qualifier: '1', payload: Buffer.from('{}') });
    assert.equal(direct.outcome?.coldStart, false);
    const list = await m.lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'fn' }));
    assert.deepEqual(list.ProvisionedConcurrencyConfigs?.map((c) => c.FunctionArn), [`${ARN}:live`]);
    // An environment that dies (here: killed) is replaced.
    const victim = m.pool.environments('fn').find((e) => e.state === 'idle');
    process.kill(victim?.pid as number, 'SIGKILL');
    await waitFor(() => victim?.state === 'dead', 10_000, 'the killed environment to be noticed');
    assert.equal((await m.functions.provisioned.whenReady('fn', 'live'))?.allocated, 2);
    await m.lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: 'live' }));
    await waitFor(() => m.pool.environments('fn').every((e) => e.state === 'dead' || !e.pid), 10_000, 'provisioned environments to stop');
    const none = await sdkError(m.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: 'live' })));
    assert.deepEqual([none.name, none.status, none.message], ['ProvisionedConcurrencyConfigNotFoundException', 404, 'No Provisioned Concurrency Config found for this function']);
  });

  it('restores provisioned environments after a restart', async () => {
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    await m.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
    const dir = m.dir;
    await m.dispose();
    m = await startTestEngine({ listen: true, workspaceDir: dir });
    assert.equal((await m.functions.provisioned.whenReady('fn', '1'))?.status, 'READY');
  });

  it('reports FAILED for a version whose init fails, without respawning it on every change', async () => {
    m.write('fn/index.js', "exports.handler = async () => 1;\nthrow new Error('init boom');\n");
    await m.reload();
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    await m.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
    assert.deepEqual(await m.functions.provisioned.whenReady('fn', '1'), { requested: 1, allocated: 0, status: 'FAILED', reason: 'FUNCTION_ERROR_INIT_FAILURE' });
    const got = await m.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: '1' }));
    assert.deepEqual([got.Status, got.StatusReason], ['FAILED', 'FUNCTION_ERROR_INIT_FAILURE']);
    const spawned = m.pool.environments('fn').length;
    await m.reload();
    m.registry.refresh(['fn']);
    assert.equal(m.pool.environments('fn').length, spawned, 'no new environment for an unchanged failing config');
  });

  it('refuses provisioned concurrency on $LATEST with AWS messages', async () => {
    const put = await sdkError(m.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: '$LATEST', ProvisionedConcurrentExecutions: 1 })));
    assert.deepEqual([put.name, put.message], ['InvalidParameterValueException', 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.']);
    const get = await sdkError(m.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: '$LATEST' })));
    assert.equal(get.message, 'The function resource provided must be an alias or a published version.');
    const missing = await sdkError(m.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: '4', ProvisionedConcurrentExecutions: 1 })));
    assert.deepEqual([missing.status, missing.message], [404, `Function not found: ${ARN}:4`]);
  });
});
