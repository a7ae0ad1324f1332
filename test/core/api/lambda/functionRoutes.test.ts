// Functions created and changed through the API (ZipFile or an S3-style local folder), template
// functions read-only, ListFunctions, tags and account settings, through the AWS CLI and SDK.
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  InvokeCommand,
  ListFunctionsCommand,
  TagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempFile } from '../../../support/awsCli';
import { handlerCode, removeWorkspaces, sdkError, oneFunctionWorkspace } from '../../management/managementFixtures';
import { makeZip } from '../../state/zipFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';

const ROLE = 'arn:aws:iam::123456789012:role/local';
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';
const zipOf = (tag: string): Buffer => makeZip([{ name: 'index.js', content: handlerCode(tag) }]);

/** A small zip holding one file of `bytes` zeros (compressed by Python's zipfile, streamed). */
function zeroZip(bytes: number): Buffer {
  const script = 'import io,sys,zipfile\nb=io.BytesIO()\nz=zipfile.ZipFile(b,"w",zipfile.ZIP_DEFLATED)\nn=int(sys.argv[1])\nwith z.open("zeros.bin","w",force_zip64=True) as f:\n    c=bytes(1<<20)\n    while n>0:\n        f.write(c[:min(n,len(c))]); n-=len(c)\nz.close()\nsys.stdout.buffer.write(b.getvalue())';
  return execFileSync('/usr/bin/python3', ['-c', script, String(bytes)], { maxBuffer: 64 * 1024 * 1024 });
}

async function invoke(m: TestEngine, name: string, qualifier?: string): Promise<{ tag: string; secret?: string }> {
  const r = await m.lambda.send(new InvokeCommand({ FunctionName: name, ...(qualifier ? { Qualifier: qualifier } : {}) }));
  assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload ?? []).toString());
  return JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8')) as { tag: string; secret?: string };
}

describe('function lifecycle API', function () {
  this.timeout(120_000);
  let m: TestEngine;

  beforeEach(async () => {
    m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace() });
  });
  afterEach(async () => {
    await m.dispose();
    removeWorkspaces();
  });

  it('creates a function from a zip with the AWS CLI, encrypts its variables at rest and runs it', async () => {
    const zip = tempFile('code.zip');
    fs.writeFileSync(zip, zipOf('api'));
    const created = await m.cli([
      'create-function', '--function-name', 'api-fn', '--runtime', 'nodejs20.x', '--handler', 'index.handler', '--role', ROLE,
      '--zip-file', `fileb://${zip}`, '--environment', 'Variables={SECRET=hush-hush-value}', '--kms-key-arn', 'arn:aws:kms:us-east-1:123456789012:key/k1', '--tags', 'team=core',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual([created.json.FunctionArn, created.json.State, created.json.StateReasonCode, created.json.Version], [`${ARN}:api-fn`, 'Pending', 'Creating', '$LATEST']);
    assert.equal(created.json.KMSKeyArn, 'arn:aws:kms:us-east-1:123456789012:key/k1');
    assert.deepEqual(await invoke(m, 'api-fn'), { tag: 'api', version: '$LATEST', arn: `${ARN}:api-fn`, init: 'on-demand', secret: 'hush-hush-value' });
    const got = await m.lambda.send(new GetFunctionCommand({ FunctionName: 'api-fn' }));
    assert.deepEqual([got.Configuration?.State, got.Configuration?.LastUpdateStatus, got.Tags], ['Active', 'Successful', { team: 'core' }]);
    const state = fs.readFileSync(path.join(m.stateDir, 'functions', 'state.json'), 'utf8');
    assert.ok(!state.includes('hush-hush-value'), 'variables are not stored in clear text');
    assert.match(state, /"alg":"aes-256-gcm"/);
    assert.equal(fs.statSync(m.keyFile).mode & 0o777, 0o600);
    assert.equal(JSON.parse(state).schemaVersion, 1);
  });

  it('keeps API functions across a restart', async () => {
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'kept', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipOf('kept') }, Environment: { Variables: { SECRET: 's3' } }, Publish: true }));
    const dir = m.dir;
    await m.dispose();
    m = await startTestEngine({ listen: true, workspaceDir: dir });
    assert.deepEqual(await invoke(m, 'kept', '1'), { tag: 'kept', version: '1', arn: `${ARN}:kept:1`, init: 'on-demand', secret: 's3' });
  });

  it('validates CreateFunction like Lambda', async () => {
    const create = (input: Record<string, unknown>) =>
      sdkError(m.lambda.send(new CreateFunctionCommand({ FunctionName: 'x', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipOf('x') }, ...input } as never)));
    const dup = await create({ FunctionName: 'fn' });
    assert.deepEqual([dup.name, dup.status, dup.message], ['ResourceConflictException', 409, 'Function already exist: fn']);
    const badZip = await create({ Code: { ZipFile: Buffer.from('nope') } });
    assert.deepEqual([badZip.name, badZip.message], ['InvalidParameterValueException', 'Could not unzip uploaded file. Please check your file, then try to upload again.']);
    const evil = await create({ Code: { ZipFile: makeZip([{ name: '../evil.js', content: 'x' }]) } });
    assert.equal(evil.message, 'Could not unzip uploaded file. Please check your file, then try to upload again.');
    const runtime = await create({ Runtime: 'nodejs99.x' });
    assert.equal(runtime.name, 'InvalidParameterValueException');
    assert.match(runtime.message, /^Value nodejs99\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[nodejs20\.x, python3\.14, .*\] or be a valid ARN$/);
    const old = await create({ Runtime: 'nodejs12.x' });
    assert.equal(old.message, 'The runtime parameter of nodejs12.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.');
    const memory = await create({ MemorySize: 64 });
    assert.deepEqual([memory.name, memory.message], ['ValidationException', "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"]);
    const role = await create({ Role: 'admin' });
    assert.equal(role.name, 'ValidationException');
    assert.match(role.message, /at 'role' failed to satisfy constraint/);
    const reserved = await create({ Environment: { Variables: { AWS_REGION: 'x' } } });
    assert.match(reserved.message, /contains reserved keys that are currently not supported for modification\. Reserved keys used in this request: AWS_REGION$/);
    const big = await create({ Environment: { Variables: { BIG: 'x'.repeat(4100) } } });
    assert.match(big.message, /exceeded the 4KB limit\. String measured: \{"BIG":"x+"\}$/);
    assert.equal((await m.lambda.send(new ListFunctionsCommand({}))).Functions?.length, 1, 'nothing was created by failed calls');
  });

  it('creates from an S3-style local folder (zip file or directory) with S3 errors for missing objects', async () => {
    const bucket = path.join(m.stateDir, 'buckets', 'deploy');
    fs.mkdirSync(path.join(bucket, 'unzipped'), { recursive: true });
    fs.writeFileSync(path.join(bucket, 'code.zip'), zipOf('from-zip'));
    fs.writeFileSync(path.join(bucket, 'unzipped', 'index.js'), handlerCode('from-dir'));
    const fromZip = await m.cli(['create-function', '--function-name', 'z', '--runtime', 'nodejs20.x', '--handler', 'index.handler', '--role', ROLE, '--code', 'S3Bucket=deploy,S3Key=code.zip']);
    assert.equal(fromZip.code, 0, fromZip.stderr);
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'd', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'deploy', S3Key: 'unzipped' } }));
    assert.equal((await invoke(m, 'z')).tag, 'from-zip');
    assert.equal((await invoke(m, 'd')).tag, 'from-dir');
    const noKey = await sdkError(m.lambda.send(new CreateFunctionCommand({ FunctionName: 'k', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'deploy', S3Key: 'missing.zip' } })));
    assert.equal(noKey.message, 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
    const noBucket = await sdkError(m.lambda.send(new CreateFunctionCommand({ FunctionName: 'k', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'nowhere', S3Key: 'a.zip' } })));
    assert.equal(noBucket.message, 'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist');
    // Lambda's package limits: 50 MB zipped (413), 250 MB unzipped (400).
    fs.closeSync(fs.openSync(path.join(bucket, 'huge.zip'), 'w'));
    fs.truncateSync(path.join(bucket, 'huge.zip'), 52_428_801);
    const zipped = await sdkError(m.lambda.send(new CreateFunctionCommand({ FunctionName: 'h', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'deploy', S3Key: 'huge.zip' } })));
    assert.deepEqual([zipped.name, zipped.status, zipped.message], ['RequestEntityTooLargeException', 413, 'Zipped size must be smaller than 52428800 bytes']);
    const bomb = await sdkError(m.lambda.send(new CreateFunctionCommand({ FunctionName: 'h', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zeroZip(262_144_001) } })));
    assert.deepEqual([bomb.name, bomb.status, bomb.message], ['InvalidParameterValueException', 400, 'Unzipped size must be smaller than 262144000 bytes']);
  });

  it('updates code and configuration of API functions, and refuses template functions', async () => {
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'u', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipOf('v1') } }));
    const code = await m.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'u', ZipFile: zipOf('v2'), Publish: true }));
    assert.deepEqual([code.Version, code.FunctionArn], ['1', `${ARN}:u:1`]);
    assert.equal((await invoke(m, 'u')).tag, 'v2');
    const cfg = await m.cli(['update-function-configuration', '--function-name', 'u', '--memory-size', '256', '--description', 'bigger', '--environment', 'Variables={SECRET=new}']);
    assert.equal(cfg.code, 0, cfg.stderr);
    assert.deepEqual([cfg.json.MemorySize, cfg.json.Description, cfg.json.LastUpdateStatus], [256, 'bigger', 'InProgress']);
    assert.equal((await invoke(m, 'u')).secret, 'new');
    assert.equal((await invoke(m, 'u', '1')).secret, undefined, 'version 1 keeps its configuration');
    const stale = await sdkError(m.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'u', Timeout: 5, RevisionId: 'stale' })));
    assert.deepEqual([stale.name, stale.status], ['PreconditionFailedException', 412]);
    const tplCode = await sdkError(m.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: zipOf('x') })));
    assert.match(tplCode.message, /^The function fn is defined in template\.yaml \(Ffn\)\. Template functions are read-only through the API/);
    const tplCfg = await m.cli(['update-function-configuration', '--function-name', 'fn', '--timeout', '9']);
    assert.equal(tplCfg.code, 255);
    assert.match(tplCfg.stderr, /read-only through the API/);
  });

  it('lists $LATEST or every version, deletes API functions with their versions', async () => {
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'a-api', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipOf('a') }, Publish: true }));
    const plain = await m.lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(plain.Functions?.map((f) => f.FunctionArn), [`${ARN}:a-api`, `${ARN}:fn`]);
    const all = await m.cli(['list-functions', '--function-version', 'ALL']);
    assert.deepEqual(all.json.Functions.map((f: { FunctionArn: string }) => f.FunctionArn), [`${ARN}:a-api:$LATEST`, `${ARN}:a-api:1`, `${ARN}:fn:$LATEST`]);
    const snapshotsBefore = fs.readdirSync(path.join(m.stateDir, 'functions', 'snapshots')).length;
    await m.lambda.send(new DeleteFunctionCommand({ FunctionName: 'a-api' }));
    const gone = await sdkError(m.lambda.send(new GetFunctionCommand({ FunctionName: 'a-api', Qualifier: '1' })));
    assert.equal(gone.status, 404);
    await m.functions.settled();
    assert.ok(fs.readdirSync(path.join(m.stateDir, 'functions', 'snapshots')).length < snapshotsBefore, 'unused snapshots are removed');
  });

  it('tags functions (not versions) and reports account settings', async () => {
    const tagged = await m.cli(['tag-resource', '--resource', `${ARN}:fn`, '--tags', 'env=dev,owner=me']);
    assert.equal(tagged.code, 0, tagged.stderr);
    assert.deepEqual((await m.cli(['list-tags', '--resource', `${ARN}:fn`])).json.Tags, { env: 'dev', owner: 'me' });
    assert.equal((await m.cli(['untag-resource', '--resource', `${ARN}:fn`, '--tag-keys', 'owner'])).code, 0);
    assert.deepEqual((await m.lambda.send(new GetFunctionCommand({ FunctionName: 'fn' }))).Tags, { env: 'dev' });
    const version = await sdkError(m.lambda.send(new TagResourceCommand({ Resource: `${ARN}:fn:1`, Tags: { a: 'b' } })));
    assert.equal(version.name, 'InvalidParameterValueException');
    const ghost = await sdkError(m.lambda.send(new TagResourceCommand({ Resource: `${ARN}:ghost`, Tags: { a: 'b' } })));
    assert.deepEqual([ghost.status, ghost.message], [404, `Function not found: ${ARN}:ghost`]);
    const settings = await m.lambda.send(new GetAccountSettingsCommand({}));
    assert.deepEqual([settings.AccountLimit?.ConcurrentExecutions, settings.AccountLimit?.UnreservedConcurrentExecutions, settings.AccountUsage?.FunctionCount], [50, 50, 1]);
  });
});
