// PublishVersion, ListVersionsByFunction, GetFunction(Configuration) with Qualifier and DeleteFunction,
// through the real AWS CLI and SDK: snapshots run their own code, numbers are never reused.
import { readEntryData, readZipEntries } from '../../../../src/core/project/zipReader';
import {
  CreateAliasCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { waitFor } from '../../../support/wait';
import { handlerCode, removeWorkspaces, sdkError, templateFor, oneFunctionWorkspace } from '../../management/managementFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

async function invokeTag(m: TestEngine, qualifier?: string): Promise<{ tag: string; version: string; executed: string | undefined }> {
  const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'fn', ...(qualifier ? { Qualifier: qualifier } : {}) }));
  const body = JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8')) as { tag: string; version: string };
  return { ...body, executed: r.ExecutedVersion };
}

describe('versions API', function () {
  this.timeout(120_000);
  let m: TestEngine;

  beforeEach(async () => {
    m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace() });
  });
  afterEach(async () => {
    await m.dispose();
    removeWorkspaces();
  });

  it('publishes through the AWS CLI with the $LATEST CodeSha256, and returns the latest version when nothing changed', async () => {
    const latest = await m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }));
    const first = await m.cli(['publish-version', '--function-name', 'fn', '--description', 'first']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.json.Version, '1');
    assert.equal(first.json.FunctionArn, `${ARN}:1`);
    assert.equal(first.json.CodeSha256, latest.CodeSha256);
    assert.equal(first.json.Description, 'first');
    assert.equal(first.json.State, 'Active');
    assert.match(first.json.RevisionId, /^[0-9a-f-]{36}$/);
    const again = await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn', Description: 'ignored' }));
    assert.equal(again.$metadata.httpStatusCode, 201);
    assert.equal(again.Version, '1');
    assert.equal(again.RevisionId, first.json.RevisionId);
    assert.equal(again.Description, 'first');
  });

  it('creates a new version for a configuration-only change and never reuses numbers', async () => {
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    m.write('template.yaml', templateFor({ fn: '      Description: changed\n' }));
    await m.reload();
    const v2 = await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    assert.equal(v2.Version, '2');
    assert.equal(v2.Description, 'changed');
    const del = await m.cli(['delete-function', '--function-name', 'fn', '--qualifier', '2']);
    assert.equal(del.code, 0, del.stderr);
    const gone = await sdkError(m.lambda.send(new GetFunctionCommand({ FunctionName: 'fn', Qualifier: '2' })));
    assert.deepEqual([gone.name, gone.message, gone.status], ['ResourceNotFoundException', `Function not found: ${ARN}:2`, 404]);
    const v3 = await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    assert.equal(v3.Version, '3');
  });

  it('runs the snapshot of a version after the workspace code changed', async () => {
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    m.write('fn/index.js', handlerCode('two'));
    await m.reload();
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    m.write('fn/index.js', handlerCode('three'));
    await m.reload();
    assert.deepEqual(await invokeTag(m, '1'), { tag: 'one', version: '1', executed: '1', arn: `${ARN}:1`, init: 'on-demand' });
    assert.equal((await invokeTag(m, '2')).tag, 'two');
    assert.deepEqual(await invokeTag(m), { tag: 'three', version: '$LATEST', executed: '$LATEST', arn: ARN, init: 'on-demand' });
    // A deleted workspace file does not reach version 1 either.
    const cfg = await m.lambda.send(new GetFunctionCommand({ FunctionName: 'fn', Qualifier: '1' }));
    const zip = Buffer.from(await (await fetch(String(cfg.Code?.Location))).arrayBuffer());
    const index = readZipEntries(zip).find((e) => e.name === 'index.js')!;
    assert.match(readEntryData(zip, index).toString(), /one/, "version 1's code location downloads version 1's code");
  });

  it('checks RevisionId (412) and CodeSha256 (400) with AWS messages', async () => {
    const wrongRevision = await m.cli(['publish-version', '--function-name', 'fn', '--revision-id', 'nope']);
    assert.equal(wrongRevision.code, 255);
    assert.match(wrongRevision.stderr, /PreconditionFailedException.*The Revision Id provided does not match the latest Revision Id\. Call the GetFunction\/GetAlias API to retrieve the latest Revision Id/);
    const latest = await m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }));
    const wrongSha = await sdkError(m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn', CodeSha256: 'abc' })));
    assert.equal(wrongSha.name, 'InvalidParameterValueException');
    assert.equal(wrongSha.message, `CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST (${latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
    const ok = await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn', RevisionId: latest.RevisionId, CodeSha256: latest.CodeSha256 }));
    assert.equal(ok.Version, '1');
    const after = await m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }));
    assert.notEqual(after.RevisionId, latest.RevisionId, 'publishing gives $LATEST a new RevisionId');
  });

  it('lists $LATEST first, then versions in order, with Marker pagination', async () => {
    for (const tag of ['a', 'b', 'c']) {
      m.write('fn/index.js', handlerCode(tag));
      await m.reload();
      await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    }
    const seen: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await m.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fn', MaxItems: 1, ...(Marker ? { Marker } : {}) }));
      seen.push(...(page.Versions ?? []).map((v) => `${v.Version}@${v.FunctionArn}`));
      Marker = page.NextMarker;
      pages++;
    } while (Marker);
    assert.equal(pages, 4);
    assert.deepEqual(seen, [`$LATEST@${ARN}:$LATEST`, `1@${ARN}:1`, `2@${ARN}:2`, `3@${ARN}:3`]);
    const cli = await m.cli(['list-versions-by-function', '--function-name', 'fn']);
    assert.deepEqual(cli.json.Versions.map((v: { Version: string }) => v.Version), ['$LATEST', '1', '2', '3']);
    const bad = await sdkError(m.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fn', MaxItems: 0 })));
    assert.equal(bad.name, 'ValidationException');
  });

  it('answers GetFunction and GetFunctionConfiguration per qualifier', async () => {
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn', Description: 'v1' }));
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    const plain = await m.lambda.send(new GetFunctionCommand({ FunctionName: 'fn' }));
    assert.equal(plain.Configuration?.FunctionArn, ARN);
    assert.equal(plain.Configuration?.Version, '$LATEST');
    const byVersion = await m.cli(['get-function-configuration', '--function-name', 'fn', '--qualifier', '1']);
    assert.equal(byVersion.json.FunctionArn, `${ARN}:1`);
    assert.equal(byVersion.json.Description, 'v1');
    const byAlias = await m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ARN}:live` }));
    assert.deepEqual([byAlias.FunctionArn, byAlias.Version], [`${ARN}:live`, '1']);
    const missing = await sdkError(m.lambda.send(new GetFunctionCommand({ FunctionName: 'fn', Qualifier: 'nope' })));
    assert.deepEqual([missing.name, missing.message], ['ResourceNotFoundException', `Function not found: ${ARN}:nope`]);
    const noFn = await sdkError(m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ghost' })));
    assert.equal(noFn.message, 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost');
  });

  it('shuts down the environments of a deleted version', async () => {
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    await invokeTag(m, '1');
    const env = m.pool.environments('fn').find((e) => e.config.version === '1');
    assert.equal(env?.state, 'idle');
    await m.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn', Qualifier: '1' }));
    await waitFor(() => env?.state === 'dead', 10_000, 'the version 1 environment to stop');
  });

  it('applies the DeleteFunction rules', async () => {
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    const latest = await sdkError(m.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn', Qualifier: '$LATEST' })));
    assert.deepEqual([latest.name, latest.status, latest.message], ['InvalidParameterValueException', 400, '$LATEST version cannot be deleted without deleting the function.']);
    const alias = await sdkError(m.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn', Qualifier: 'live' })));
    assert.deepEqual([alias.name, alias.message], ['InvalidParameterValueException', 'Deletion of aliases is not currently supported.']);
    const used = await sdkError(m.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn', Qualifier: '1' })));
    assert.deepEqual([used.name, used.status], ['ResourceConflictException', 409]);
    assert.match(used.message, /live/);
    const ghost = await sdkError(m.lambda.send(new DeleteFunctionCommand({ FunctionName: 'ghost', Qualifier: '1' })));
    assert.deepEqual([ghost.status, ghost.message], [404, 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost']);
    const template = await m.cli(['delete-function', '--function-name', 'fn']);
    assert.equal(template.code, 255);
    assert.match(template.stderr, /InvalidParameterValueException.*defined in template\.yaml \(Ffn\)\. Template functions are read-only through the API/);
  });
});
