// Tenant isolation (TenancyConfig PER_TENANT): template and CreateFunction, the tenant id required on
// Invoke (SDK v3, AWS CLI `--tenant-id`, our CLI, Event) and refused for other functions, environments
// never shared across tenants, the tenant in context (Node, Python), the Runtime API and JSON records.
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InvocationRecord } from '../../../src/core/invoke/invoker';
import { TENANT_MISMATCH } from '../../../src/core/invoke/invoker';
import { LocalBackend } from '../../../src/vscode/backends/localBackend';
import { makeZip } from '../state/zipFixtures';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { nextEvent } from '../../support/wait';

const NODE = `const envId = require('node:crypto').randomUUID();
exports.handler = async (event, context) => {
  console.log('serving', context.tenantId);
  return { tenantId: context.tenantId ?? null, envId };
};
`;
const PY = `import uuid
ENV_ID = str(uuid.uuid4())
def handler(event, context):
    return {"tenantId": context.tenant_id, "envId": ENV_ID}
`;

const fn = (name: string, handler: string, runtime: string, extra = '') => `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: ${name}
      CodeUri: src
      Handler: ${handler}
      Runtime: ${runtime}
${extra}`;
const tenancy = `      TenancyConfig:
        TenantIsolationMode: PER_TENANT
`;
const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${fn('Tenanted', 'index.handler', 'nodejs20.x', tenancy)}${fn('Shared', 'index.handler', 'nodejs20.x')}${fn('TenantedPy', 'app.handler', 'python3.11', tenancy)}${fn('TenantedJson', 'index.handler', 'nodejs20.x', `${tenancy}      LoggingConfig:
        LogFormat: JSON
`)}`;

describe('tenant isolation', function () {
  this.timeout(60_000);
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ listen: true, template, files: { 'src/index.js': NODE, 'src/app.py': PY } });
  });
  after(() => t.dispose());

  const invoke = async (name: string, tenant?: string) => {
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}'), ...(tenant !== undefined ? { TenantId: tenant } : {}), LogType: 'Tail' }));
    assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload ?? []).toString());
    return { ...(JSON.parse(Buffer.from(r.Payload ?? []).toString()) as { tenantId: string | null; envId: string }), log: Buffer.from(r.LogResult ?? '', 'base64').toString() };
  };

  it('requires a tenant id for a PER_TENANT function and refuses one for any other (SDK v3)', async () => {
    await assert.rejects(invoke('Tenanted'), (e: Error) => e.name === 'InvalidParameterValueException' && e.message === TENANT_MISMATCH);
    await assert.rejects(invoke('Shared', 'blue'), (e: Error) => e.name === 'InvalidParameterValueException' && e.message === TENANT_MISMATCH);
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'Tenanted', TenantId: 'bad\ttenant' })), (e: Error) => e.name === 'ValidationException');
    await assert.rejects(
      t.lambda.send(new InvokeCommand({ FunctionName: 'Tenanted', InvocationType: 'Event', Payload: Buffer.from('{}') })),
      (e: Error) => e.name === 'InvalidParameterValueException',
    );
    assert.equal((await invoke('Shared')).tenantId, null);
  });

  it('gives each tenant its own environments and the tenant id in context (Node and Python)', async () => {
    const blue1 = await invoke('Tenanted', 'blue');
    const green = await invoke('Tenanted', 'green');
    const blue2 = await invoke('Tenanted', 'blue');
    assert.deepEqual([blue1.tenantId, green.tenantId, blue2.tenantId], ['blue', 'green', 'blue']);
    assert.equal(blue1.envId, blue2.envId, 'blue reuses its warm environment');
    assert.notEqual(blue1.envId, green.envId, 'green never runs in blue’s environment');
    assert.match(blue1.log, /\tINFO\tserving blue\n/);
    assert.deepEqual(t.pool.countsByTenant('Tenanted'), new Map([['blue', { warm: 1, busy: 0 }], ['green', { warm: 1, busy: 0 }]]));
    assert.deepEqual(new LocalBackend(t).environmentCounts('Tenanted').byTenant, new Map([['blue', 1], ['green', 1]]));
    const py = await invoke('TenantedPy', 'blue');
    assert.equal(py.tenantId, 'blue');
    assert.notEqual((await invoke('TenantedPy', 'green')).envId, py.envId);
  });

  it('puts the tenant into JSON platform and application records', async () => {
    const { log } = await invoke('TenantedJson', 'acme');
    const records = log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
    assert.equal(records.find((r) => r.type === 'platform.start')?.record.tenantId, 'acme');
    assert.equal(records.find((r) => r.type === 'platform.report')?.record.tenantId, 'acme');
    const app = records.find((r) => r.message === 'serving acme');
    assert.equal(app?.tenantId, 'acme');
  });

  it('runs Event invocations in the tenant’s environment', async () => {
    const ran = nextEvent<[InvocationRecord]>(t, 'invocation');
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'Tenanted', InvocationType: 'Event', TenantId: 'async-tenant', Payload: Buffer.from('{}') }));
    assert.equal(r.StatusCode, 202);
    const [record] = await ran;
    assert.equal(JSON.parse(record.outcome.payload.toString()).tenantId, 'async-tenant');
  });

  it('takes --tenant-id from the AWS CLI and from our CLI', async () => {
    const file = path.join(t.dir, 'cli-out.json');
    const out = await t.cli(['invoke', '--function-name', 'Tenanted', '--tenant-id', 'cli-tenant', file]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(fs.readFileSync(file, 'utf8'), /"tenantId":"cli-tenant"/);
    const bin = path.resolve(__dirname, '../../../bin/lambda-workbench.js');
    const ours = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [bin, 'invoke', 'Tenanted', '--tenant-id', 'own-cli', '--template', path.join(t.dir, 'template.yaml'), '--state-dir', path.join(t.dir, 'cli-state')], { cwd: t.dir, timeout: 60_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    assert.match(ours, /"tenantId":"own-cli"/);
  });

  it('sets TenancyConfig with CreateFunction, shows it, and keeps it on UpdateFunctionConfiguration', async () => {
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'api-tenanted', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/local',
        Code: { ZipFile: makeZip([{ name: 'index.js', content: NODE }]) }, TenancyConfig: { TenantIsolationMode: 'PER_TENANT' },
      }),
    );
    await assert.rejects(
      t.lambda.send(new CreateFunctionCommand({ FunctionName: 'api-bad', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/local', Code: { ZipFile: makeZip([{ name: 'index.js', content: NODE }]) }, TenancyConfig: { TenantIsolationMode: 'SHARED' as 'PER_TENANT' } })),
      (e: Error) => e.name === 'ValidationException' && /tenancyConfig\.tenantIsolationMode/.test(e.message),
    );
    const config = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'api-tenanted' }));
    assert.deepEqual(config.TenancyConfig, { TenantIsolationMode: 'PER_TENANT' });
    await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'api-tenanted', Timeout: 9 }));
    assert.deepEqual((await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'api-tenanted' }))).TenancyConfig, { TenantIsolationMode: 'PER_TENANT' });
    assert.deepEqual((await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'Tenanted' }))).TenancyConfig, { TenantIsolationMode: 'PER_TENANT' });
    assert.equal((await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'Shared' }))).TenancyConfig, undefined);
  });
});
