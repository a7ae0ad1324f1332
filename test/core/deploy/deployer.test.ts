// Deploy and code sync end to end against the test cloud (s3rver as S3, our CloudFormation test server,
// a second engine as AWS Lambda): package, change set, confirmation, events, rollback, sync, invoke.
import * as assert from 'node:assert/strict';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DescribeChangeSetCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  assertSyncOptIn,
  awsClients,
  CodeSync,
  collectArtifacts,
  describeChanges,
  discardDeploy,
  executeDeploy,
  prepareDeploy,
  SAM_MANAGED_BUCKET_PREFIX,
  setSyncOptIn,
  type AwsClients,
  type StackEvent,
} from '../../../src/core/deploy';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { startTestCloud, type TestCloud } from '../../support/testCloud';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Greeting:
    Type: String
Globals:
  Function:
    Timeout: 5
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: index.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          GREETING: !Ref Greeting
      Layers:
        - !Ref SharedLayer
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: shared/
      CompatibleRuntimes: [nodejs20.x]
`;

const handler = (word: string): string => `exports.handler = async (e) => ({ word: '${word}', greeting: process.env.GREETING, got: e });\n`;

describe('deploy to the test cloud', function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  let local: TestEngine;
  let clients: AwsClients;

  before(async () => {
    cloud = await startTestCloud();
    clients = awsClients(cloud.target);
  });
  after(async () => {
    clients?.destroy();
    await cloud?.dispose();
  });
  beforeEach(async () => {
    local = await startTestEngine({ template: TEMPLATE, files: { 'hello/index.js': handler('one'), 'shared/nodejs/node_modules/shared/index.js': 'module.exports = 1;\n' } });
  });
  afterEach(async () => local?.dispose());

  const prepare = async (stackName: string, extra: { createBucket?: boolean; signal?: AbortSignal } = {}) =>
    prepareDeploy(clients, {
      target: cloud.target,
      stackName,
      templatePath: `${local.dir}/template.yaml`,
      artifacts: collectArtifacts(await local.deployableFunctions()),
      createBucket: extra.createBucket ?? true,
      parameters: { Greeting: 'hello' },
      ...(extra.signal ? { signal: extra.signal } : {}),
    });

  const physicalName = async (stackName: string, logicalId: string): Promise<string> => {
    const out = await clients.cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName }));
    return out.StackResourceSummaries?.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId ?? '';
  };
  const invoke = async (functionName: string): Promise<unknown> => {
    const out = await cloud.lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('{"n":1}') }));
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
    return JSON.parse(Buffer.from(out.Payload ?? []).toString());
  };

  it('packages, shows the change set, executes it with events, and the deployed function runs in the cloud', async () => {
    const plan = await prepare('hello-dev');
    assert.ok(plan.bucket.startsWith(SAM_MANAGED_BUCKET_PREFIX) && plan.bucketCreated);
    assert.equal(plan.type, 'CREATE');
    assert.deepEqual(plan.capabilities, ['CAPABILITY_IAM']);
    assert.deepEqual(plan.uploads, { uploaded: 2, skipped: 0, bytes: plan.uploads.bytes });
    const packaged = JSON.parse(plan.packagedTemplate) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    assert.match(String(packaged.Resources['HelloFunction']?.Properties['CodeUri']), new RegExp(`^s3://${plan.bucket}/hello-dev/[0-9a-f]{32}$`));
    assert.match(String(packaged.Resources['SharedLayer']?.Properties['ContentUri']), /^s3:\/\//);
    assert.deepEqual(describeChanges(plan).map((l) => l.replace(/\s+/g, ' ')).sort(), ['+ Add HelloFunction AWS::Lambda::Function', '+ Add HelloFunctionRole AWS::IAM::Role', '+ Add SharedLayer AWS::Lambda::LayerVersion']);

    const events: StackEvent[] = [];
    const progress: number[] = [];
    const outcome = await executeDeploy(clients, plan, { pollMs: 20, onEvent: (e) => events.push(e), onProgress: (d, t) => progress.push(d / t) });
    assert.equal(outcome.status, 'CREATE_COMPLETE');
    assert.ok(outcome.succeeded);
    assert.equal(events.at(-1)?.status, 'CREATE_COMPLETE');
    assert.equal(events.at(-1)?.logicalId, 'hello-dev');
    assert.ok(events.some((e) => e.logicalId === 'HelloFunction' && e.status === 'CREATE_IN_PROGRESS'));
    assert.equal(progress.at(-1), 1);

    const name = await physicalName('hello-dev', 'HelloFunction');
    assert.match(name, /^hello-dev-HelloFunction-[0-9A-F]{12}$/);
    assert.deepEqual(await invoke(name), { word: 'one', greeting: 'hello', got: { n: 1 } });

    // The same tree again: nothing uploaded, nothing to change.
    const again = await prepare('hello-dev');
    assert.ok(again.empty);
    assert.equal(again.bucket, plan.bucket);
    assert.deepEqual([again.uploads.uploaded, again.uploads.skipped], [0, 2]);
    assert.deepEqual(describeChanges(again), ['No changes to deploy to hello-dev.']);

    // Code sync: refused until opted in, then UpdateFunctionCode and the new code runs.
    assert.throws(() => assertSyncOptIn(local.dir, 'hello-dev'), /Code sync is off/);
    setSyncOptIn(local.dir, 'hello-dev', true);
    assertSyncOptIn(local.dir, 'hello-dev');
    local.write('hello/index.js', handler('two'));
    await local.reload();
    const reports: string[] = [];
    const sync = new CodeSync(clients, { stackName: 'hello-dev', pollMs: 20, onReport: (r) => reports.push(`${r.logicalId}:${r.status}`) });
    const artifact = collectArtifacts(await local.deployableFunctions()).find((a) => a.logicalId === 'HelloFunction');
    const report = await sync.sync(artifact!);
    assert.equal(report.status, 'synced', report.error);
    assert.equal(report.functionName, name);
    assert.ok(report.codeSha256);
    assert.deepEqual(reports, ['HelloFunction:synced']);
    assert.deepEqual(await invoke(name), { word: 'two', greeting: 'hello', got: { n: 1 } });

    // A redeploy of the changed tree modifies the function (an update change set).
    const update = await prepare('hello-dev');
    assert.equal(update.type, 'UPDATE');
    assert.deepEqual(update.changes.map((c) => `${c.action} ${c.logicalId}`), ['Modify HelloFunction']);
    const updated = await executeDeploy(clients, update, { pollMs: 20 });
    assert.equal(updated.status, 'UPDATE_COMPLETE');
  });

  it('rolls back and names the failing resource and the reason', async () => {
    local.write('template.yaml', TEMPLATE.replace('Runtime: nodejs20.x', 'Runtime: nodejs1.x'));
    await local.reload();
    const plan = await prepare('broken-dev');
    const outcome = await executeDeploy(clients, plan, { pollMs: 20 });
    assert.equal(outcome.status, 'ROLLBACK_COMPLETE');
    assert.equal(outcome.succeeded, false);
    assert.equal(outcome.failure?.logicalId, 'HelloFunction');
    assert.match(outcome.failure?.reason ?? '', /nodejs1\.x/);
    assert.ok(outcome.events.some((e) => e.status === 'DELETE_COMPLETE' && e.logicalId === 'HelloFunctionRole'));
  });

  it('deletes a declined change set', async () => {
    const plan = await prepare('declined-dev');
    await discardDeploy(clients, plan);
    await assert.rejects(clients.cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: plan.changeSetId, StackName: 'declined-dev' })), /does not exist/);
  });

  it('asks before creating a bucket, and stops when cancelled', async () => {
    const fresh = await startTestCloud('eu-west-1');
    const freshClients = awsClients(fresh.target);
    try {
      await assert.rejects(
        prepareDeploy(freshClients, { target: fresh.target, stackName: 'x-dev', templatePath: `${local.dir}/template.yaml`, artifacts: [], createBucket: false }),
        /No deployment bucket in eu-west-1: name one \(--bucket\), or allow creating/,
      );
      await assert.rejects(
        prepareDeploy(freshClients, { target: fresh.target, stackName: 'x-dev', templatePath: `${local.dir}/template.yaml`, artifacts: [], createBucket: false, bucket: 'not-there' }),
        /The S3 bucket not-there does not exist/,
      );
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(prepareDeploy(freshClients, { target: fresh.target, stackName: 'x-dev', templatePath: `${local.dir}/template.yaml`, artifacts: [], createBucket: true, signal: controller.signal }), /abort|Cancel/i);
      const listed = await fresh.s3.send(new ListObjectsV2Command({ Bucket: 'not-there' })).catch((e: Error) => e);
      assert.ok(listed instanceof Error);
    } finally {
      freshClients.destroy();
      await fresh.dispose();
    }
  });

  it('the CloudFormation test server refuses what the service refuses', async () => {
    const unsigned = await fetch(cloud.cloudFormation.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeStacks&Version=2010-05-15' });
    assert.equal(unsigned.status, 403);
    assert.match(await unsigned.text(), /<Code>MissingAuthenticationToken<\/Code>/);
    // A template with a local CodeUri (not packaged) fails in the SAM transform.
    const { CreateChangeSetCommand } = await import('@aws-sdk/client-cloudformation');
    const created = await clients.cloudFormation.send(new CreateChangeSetCommand({ StackName: 'raw-dev', ChangeSetName: 'raw', ChangeSetType: 'CREATE', TemplateBody: TEMPLATE, Capabilities: ['CAPABILITY_IAM'], Parameters: [{ ParameterKey: 'Greeting', ParameterValue: 'x' }] }));
    await clients.cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }));
    const d = await clients.cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }));
    assert.equal(d.Status, 'FAILED');
    assert.match(d.StatusReason ?? '', /'CodeUri' is not a valid S3 Uri/);
    await assert.rejects(clients.cloudFormation.send(new CreateChangeSetCommand({ StackName: 'raw-dev', ChangeSetName: 'raw2', ChangeSetType: 'CREATE', TemplateBody: TEMPLATE })), /Parameters: \[Greeting\] must have values/);
  });
});
