// Aliases through the AWS CLI and SDK: lifecycle, every validation message, weighted routing by a
// seedable random source, and what an invocation through an alias reports.
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  GetAliasCommand,
  InvokeCommand,
  ListAliasesCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { handlerCode, removeWorkspaces, sdkError, templateFor, oneFunctionWorkspace } from '../../management/managementFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

/** Publishes versions 1 and 2 with different code (tags one, two). */
async function twoVersions(m: TestEngine): Promise<void> {
  await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
  m.write('fn/index.js', handlerCode('two'));
  await m.reload();
  await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
}

async function executed(m: TestEngine, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: 'live' }));
    out.push(r.ExecutedVersion as string);
  }
  return out;
}

describe('aliases API', function () {
  this.timeout(180_000);
  let m: TestEngine;

  beforeEach(async () => {
    m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace(), ...{ functions: { routingSeed: 7 } } });
    await twoVersions(m);
  });
  afterEach(async () => {
    await m.dispose();
    removeWorkspaces();
  });

  it('creates, gets, lists, updates and deletes aliases through the AWS CLI', async () => {
    const created = await m.cli(['create-alias', '--function-name', 'fn', '--name', 'live', '--function-version', '1', '--description', 'prod']);
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual({ ...created.json, RevisionId: 'x' }, { AliasArn: `${ARN}:live`, Name: 'live', FunctionVersion: '1', Description: 'prod', RevisionId: 'x' });
    const got = await m.cli(['get-alias', '--function-name', 'fn', '--name', 'live']);
    assert.equal(got.json.RevisionId, created.json.RevisionId);
    const updated = await m.cli(['update-alias', '--function-name', 'fn', '--name', 'live', '--function-version', '2', '--routing-config', '{"AdditionalVersionWeights":{"1":0.25}}']);
    assert.equal(updated.code, 0, updated.stderr);
    assert.equal(updated.json.FunctionVersion, '2');
    assert.deepEqual(updated.json.RoutingConfig, { AdditionalVersionWeights: { '1': 0.25 } });
    assert.notEqual(updated.json.RevisionId, created.json.RevisionId);
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'beta', FunctionVersion: '$LATEST' }));
    const listed = await m.cli(['list-aliases', '--function-name', 'fn']);
    assert.deepEqual(listed.json.Aliases.map((a: { Name: string }) => a.Name), ['beta', 'live']);
    const onTwo = await m.lambda.send(new ListAliasesCommand({ FunctionName: 'fn', FunctionVersion: '2' }));
    assert.deepEqual(onTwo.Aliases?.map((a) => a.Name), ['live']);
    const cleared = await m.lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: {} } }));
    assert.equal(cleared.RoutingConfig, undefined);
    const deleted = await m.cli(['delete-alias', '--function-name', 'fn', '--name', 'live']);
    assert.equal(deleted.code, 0, deleted.stderr);
    const again = await m.lambda.send(new DeleteAliasCommand({ FunctionName: 'fn', Name: 'live' }));
    assert.equal(again.$metadata.httpStatusCode, 204, 'deleting a missing alias is 204 too');
    const missing = await sdkError(m.lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' })));
    assert.deepEqual([missing.name, missing.status, missing.message], ['ResourceNotFoundException', 404, `Cannot find alias arn: ${ARN}:live`]);
  });

  it('rejects invalid aliases with AWS messages', async () => {
    const create = (input: Record<string, unknown>) => sdkError(m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1', ...input })));
    const numeric = await create({ Name: '123' });
    assert.deepEqual([numeric.name, numeric.message], ['ValidationException', "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"]);
    const toAlias = await create({ FunctionVersion: 'other' });
    assert.equal(toAlias.name, 'ValidationException');
    assert.match(toAlias.message, /at 'functionVersion' failed to satisfy constraint/);
    const noVersion = await create({ FunctionVersion: '9' });
    assert.deepEqual([noVersion.name, noVersion.status, noVersion.message], ['ResourceNotFoundException', 404, `Function not found: ${ARN}:9`]);
    const two = await create({ RoutingConfig: { AdditionalVersionWeights: { '2': 0.1, '3': 0.1 } } });
    assert.deepEqual([two.name, two.message], ['InvalidParameterValueException', 'Number of items in AdditionalVersionWeights cannot be greater than 1']);
    const weight = await create({ RoutingConfig: { AdditionalVersionWeights: { '2': 1.5 } } });
    assert.deepEqual([weight.name, weight.message], [
      'ValidationException',
      "1 validation error detected: Value '{2=1.5}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]",
    ]);
    const same = await create({ RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } });
    assert.deepEqual([same.name, same.message], ['InvalidParameterValueException', 'Invalid function version 1. Function version 1 is already included in routing configuration.']);
    const latest = await create({ FunctionVersion: '$LATEST', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } });
    assert.deepEqual([latest.name, latest.message], ['InvalidParameterValueException', '$LATEST is not supported for an alias pointing to more than 1 version']);
    const latestKey = await create({ RoutingConfig: { AdditionalVersionWeights: { $LATEST: 0.5 } } });
    assert.equal(latestKey.name, 'ValidationException');
    assert.match(latestKey.message, /Map keys must satisfy constraint: .*\[0-9\]\+/);
    const ghost = await create({ RoutingConfig: { AdditionalVersionWeights: { '7': 0.5 } } });
    assert.deepEqual([ghost.status, ghost.message], [404, `Function not found: ${ARN}:7`]);
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    const dup = await create({});
    assert.deepEqual([dup.name, dup.status, dup.message], ['ResourceConflictException', 409, `Alias already exists: ${ARN}:live`]);
    const noAlias = await sdkError(m.lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'nope', FunctionVersion: '1' })));
    assert.deepEqual([noAlias.status, noAlias.message], [404, `Alias not found: ${ARN}:nope`]);
    const stale = await sdkError(m.lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', RevisionId: 'old' })));
    assert.deepEqual([stale.name, stale.status], ['PreconditionFailedException', 412]);
  });

  it('refuses to route between versions with different execution roles', async () => {
    m.write('template.yaml', templateFor({ fn: '      Role: arn:aws:iam::123456789012:role/other\n' }));
    await m.reload();
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    const e = await sdkError(m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '3': 0.5 } } })));
    assert.equal(e.name, 'InvalidParameterValueException');
    assert.match(e.message, /same execution role and dead-letter configuration/);
  });

  it('routes about half of 1,000 invocations to each version at weight 0.5', async () => {
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }));
    const runs = await executed(m, 1000);
    const ones = runs.filter((v) => v === '1').length;
    const twos = runs.filter((v) => v === '2').length;
    assert.equal(ones + twos, 1000);
    assert.ok(Math.abs(ones - 500) <= 50, `version 1 ran ${ones} times`);
    assert.ok(Math.abs(twos - 500) <= 50, `version 2 ran ${twos} times`);
  });

  it('reproduces the same routing sequence from the same seed, across a restart', async () => {
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } } }));
    const first = await executed(m, 60);
    assert.ok(first.includes('1') && first.includes('2'), first.join(','));
    const dir = m.dir;
    await m.dispose();
    m = await startTestEngine({ listen: true, workspaceDir: dir, ...{ functions: { routingSeed: 7 } } });
    assert.deepEqual(await executed(m, 60), first);
    m.functions.random.reseed(8);
    assert.notDeepEqual(await executed(m, 60), first);
  });

  it('reports the executed version while invokedFunctionArn keeps the alias', async () => {
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 1 } } }));
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: 'live', LogType: 'Tail' }));
    assert.equal(r.ExecutedVersion, '2');
    const body = JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8')) as { tag: string; version: string; arn: string };
    assert.deepEqual([body.tag, body.version, body.arn], ['two', '2', `${ARN}:live`]);
    const tail = Buffer.from(r.LogResult ?? '', 'base64').toString('utf8');
    assert.match(tail, /START RequestId: [0-9a-f-]+ Version: 2\n/);
    const direct = await m.invoke({ functionName: 'fn', qualifier: 'live', payload: Buffer.from('{}') });
    assert.match(direct.outcome?.logStreamName ?? '', /^\d{4}\/\d{2}\/\d{2}\/\[2\][0-9a-f]{32}$/);
  });
});
