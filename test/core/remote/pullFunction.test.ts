// Bringing a deployed function home from a second engine playing the cloud: GetFunction and its code
// location through the SDK's default credential chain, the generated template loaded by a fresh local
// engine, and the same answer locally as in the cloud.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { parse } from 'yaml';
import { pullFunction, type PullStep } from '../../../src/core/remote/pullFunction';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { startCloud } from './cloudFixture';

describe('pullFunction', function () {
  this.timeout(60_000);
  let cloud: TestEngine;
  let stop: () => Promise<void>;
  let home: string;
  before(async () => ({ cloud, dispose: stop } = await startCloud()));
  after(async () => stop());
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-pull-'))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('downloads the code and writes a template that runs locally with the deployed answer', async () => {
    const steps: PullStep['phase'][] = [];
    const r = await pullFunction({ target: { region: 'us-east-1', endpointUrl: cloud.url }, functionName: 'orders-api', directory: home, onProgress: (s) => steps.push(s.phase) });
    assert.deepEqual([...new Set(steps)], ['configuration', 'download', 'extract', 'template']);
    assert.equal(r.functionName, 'orders-api');
    assert.equal(r.logicalId, 'OrdersApi');
    assert.equal(r.files, 2);
    assert.equal(fs.readFileSync(path.join(home, 'src', 'index.js'), 'utf8'), fs.readFileSync(path.join(cloud.dir, 'fn', 'index.js'), 'utf8'));
    assert.equal(fs.statSync(path.join(home, 'src', 'tools', 'run.sh')).mode & 0o111, 0o111, 'executable bits survive the round trip');
    const template = parse(fs.readFileSync(r.templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const { Role: role, ...properties } = template.Resources.OrdersApi!.Properties;
    assert.match(String(role), /^arn:aws:iam::\d{12}:role\//);
    assert.deepEqual(properties, {
      FunctionName: 'orders-api',
      CodeUri: 'src/',
      Handler: 'index.handler',
      Runtime: 'nodejs20.x',
      Description: 'takes orders',
      MemorySize: 256,
      Timeout: 7,
      Architectures: ['arm64'],
      Environment: { Variables: { GREETING: 'hello from the cloud' } },
    });
    assert.ok(r.notes.some((n) => /environment variables/.test(n)));

    const local = await startTestEngine({ workspaceDir: home });
    try {
      const event = { order: 42 };
      const here = await local.invoke({ functionName: 'orders-api', payload: Buffer.from(JSON.stringify(event)) });
      const there = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'orders-api', Payload: Buffer.from(JSON.stringify(event)) }));
      assert.deepEqual(JSON.parse(here.payload.toString()), JSON.parse(Buffer.from(there.Payload!).toString()));
      assert.deepEqual(JSON.parse(here.payload.toString()), { greeting: 'hello from the cloud', memory: '256', echo: event });
    } finally {
      await local.dispose();
    }
  });

  it('refuses a folder that already has a template, unless forced', async () => {
    fs.writeFileSync(path.join(home, 'template.yaml'), 'mine');
    await assert.rejects(pullFunction({ target: { region: 'us-east-1', endpointUrl: cloud.url }, functionName: 'orders-api', directory: home }), /already has template\.yaml: choose another folder, or replace them \(--force\)/);
    assert.equal(fs.readFileSync(path.join(home, 'template.yaml'), 'utf8'), 'mine');
    await pullFunction({ target: { region: 'us-east-1', endpointUrl: cloud.url }, functionName: 'orders-api', directory: home, force: true });
    assert.match(fs.readFileSync(path.join(home, 'template.yaml'), 'utf8'), /orders-api/);
  });

  it('names a function that does not exist', async () => {
    await assert.rejects(pullFunction({ target: { region: 'us-east-1', endpointUrl: cloud.url }, functionName: 'nope', directory: home }), (e: Error & { code?: string }) => e.code === 'FunctionNotFound' && /No function nope in us-east-1/.test(e.message));
    assert.deepEqual(fs.readdirSync(home), []);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(pullFunction({ target: { region: 'us-east-1', endpointUrl: cloud.url }, functionName: 'orders-api', directory: home, signal: controller.signal }));
    assert.ok(!fs.existsSync(path.join(home, 'template.yaml')));
  });
});
