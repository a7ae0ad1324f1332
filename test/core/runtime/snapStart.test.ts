// SnapStart for Python, end to end through the local endpoint with the AWS SDK v3: validation of
// SnapStart.ApplyOn, PublishVersion taking the snapshot (init and before-snapshot hooks, Pending then
// Active), restores on cold starts (after-restore hooks, RESTORE lines, Restore Duration in REPORT),
// and Lambda's errors for a failed snapshot, a failed restore and a restore over 10 seconds.
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, PublishVersionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, functionConfig, startTestEngine, type TestEngine } from '../../support/engine';
import { waitFor } from '../../support/wait';

const fn = (name: string, env: Record<string, string> = {}, runtime = 'python3.12'): string => `
  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: ${name}
      CodeUri: ${fixture('snapstart-python')}
      Handler: app.handler
      Runtime: ${runtime}
      Timeout: 30
      SnapStart:
        ApplyOn: PublishedVersions
      Environment:
        Variables: ${JSON.stringify(env)}
`;

describe('SnapStart (Python)', function () {
  this.timeout(90_000);
  let t: TestEngine;
  const lines: string[] = [];

  before(async () => {
    t = await startTestEngine({
      listen: true,
      template: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:${fn('snap')}${fn('failbefore', { FAIL_HOOK: 'before' })}${fn('failafter', { FAIL_HOOK: 'after' })}${fn('slowrestore', { SLOW_RESTORE: '11', INIT_SLEEP: '1' })}${fn('nodesnap', {}, 'nodejs20.x')}`,
    });
    t.logs.onDidAppend((group, _stream, e) => lines.push(`${group} ${e.message}`));
  });
  after(() => t.dispose());

  const invoke = async (name: string) => {
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name, LogType: 'Tail', Payload: Buffer.from('{}') }));
    return { body: JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8')) as { events: string[]; initType: string; logGroupVariable: string | null; pid: number; hooksModule: string }, log: Buffer.from(r.LogResult ?? '', 'base64').toString('utf8'), error: r.FunctionError };
  };
  const config = (name: string) => t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const snapshotTaken = (name: string) => waitFor(() => lines.some((l) => l.startsWith(`/aws/lambda/${name} INIT_REPORT`)), 30_000, `the snapshot of ${name}`);

  it('validates SnapStart like Lambda (runtime, enum) in the template and the API', async () => {
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'nodesnap' })), /nodejs20\.x is not supported for SnapStart enabled functions\./);
    const create = { FunctionName: 'api-node', Runtime: 'nodejs20.x' as const, Role: 'arn:aws:iam::123456789012:role/r', Handler: 'index.handler', Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) } };
    await assert.rejects(t.lambda.send(new CreateFunctionCommand({ ...create, SnapStart: { ApplyOn: 'PublishedVersions' } })), (e: Error) => e.name === 'InvalidParameterValueException' && e.message === 'nodejs20.x is not supported for SnapStart enabled functions.');
    await t.lambda.send(new CreateFunctionCommand({ ...create, FunctionName: 'api-py', Runtime: 'python3.12', Handler: 'app.handler', SnapStart: { ApplyOn: 'PublishedVersions' } }));
    assert.deepEqual((await config('api-py')).SnapStart, { ApplyOn: 'PublishedVersions', OptimizationStatus: 'Off' });
    await assert.rejects(t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'api-py', Runtime: 'nodejs22.x' })), (e: Error) => e.message === 'nodejs22.x is not supported for SnapStart enabled functions.');
    await assert.rejects(t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'api-py', SnapStart: { ApplyOn: 'Sometimes' as 'None' } })), (e: Error) => e.name === 'ValidationException' && /snapStart\.applyOn.*\[PublishedVersions, None\]/.test(e.message));
  });

  it('runs init and before-snapshot hooks at publish, after-restore hooks on each cold start of the version', async () => {
    const latest = await invoke('snap');
    // $LATEST never uses the snapshot: no hooks, an on-demand init.
    assert.deepEqual(latest.body.events, ['handler']);
    assert.equal(latest.body.initType, 'on-demand');
    assert.deepEqual((await config('snap')).SnapStart, { ApplyOn: 'PublishedVersions', OptimizationStatus: 'Off' });

    const published = await t.lambda.send(new PublishVersionCommand({ FunctionName: 'snap' }));
    assert.equal(published.State, 'Pending');
    await snapshotTaken('snap');
    const v1 = await config('snap:1');
    assert.equal(v1.State, 'Active');
    assert.deepEqual(v1.SnapStart, { ApplyOn: 'PublishedVersions', OptimizationStatus: 'On' });

    const cold = await invoke('snap:1');
    // Before-snapshot hooks in reverse order of registration, after-restore hooks in order.
    assert.deepEqual(cold.body.events, ['before:second-registered', 'before:first-registered', 'after:reconnect', 'handler']);
    assert.equal(cold.body.initType, 'snap-start');
    assert.equal(cold.body.logGroupVariable, null);
    // Absent from the function: the runtime's own copy (as Lambda's runtime includes the library).
    assert.match(cold.body.hooksModule, /runtime[\\/]python[\\/]snapshot_restore_py\.py$/);
    assert.match(cold.log, /RESTORE_START Runtime Version: python:3\.12\.v1/);
    assert.match(cold.log, /RESTORE_REPORT Restore Duration: \d+\.\d\d ms/);
    assert.match(cold.log, /after-restore hook/);
    assert.doesNotMatch(cold.log, /init ran|Init Duration/);
    assert.match(cold.log, /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tRestore Duration: [\d.]+ ms\tBilled Restore Duration: \d+ ms\t\n/);

    const warm = await invoke('snap:1');
    assert.deepEqual(warm.body.events.slice(-2), ['handler', 'handler']);
    assert.doesNotMatch(warm.log, /Restore Duration/);

    // The next cold start restores a copy of the same snapshot: a new process, hooks as at publish.
    t.forceColdStart('snap');
    const again = await invoke('snap:1');
    assert.notEqual(again.body.pid, cold.body.pid);
    assert.deepEqual(again.body.events, ['before:second-registered', 'before:first-registered', 'after:reconnect', 'handler']);
    assert.match(again.log, /Restore Duration/);
    // Init ran once for the version (at publish); the copies' init is not logged again.
    assert.equal(lines.filter((l) => l.startsWith('/aws/lambda/snap ') && l.includes('init ran with snap-start')).length, 1);
  });

  it('answers SnapStartNotReadyException while the snapshot is being taken', async () => {
    await t.lambda.send(new PublishVersionCommand({ FunctionName: 'slowrestore' }));
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'slowrestore:1' })), (e: Error & { $metadata: { httpStatusCode?: number } }) => e.name === 'SnapStartNotReadyException' && e.$metadata.httpStatusCode === 409);
    await snapshotTaken('slowrestore');
  });

  it('fails the version when a before-snapshot hook raises', async () => {
    await t.lambda.send(new PublishVersionCommand({ FunctionName: 'failbefore' }));
    await waitFor(() => lines.some((l) => l.startsWith('/aws/lambda/failbefore') && l.includes('Runtime.BeforeSnapshotError')), 30_000, 'the before-snapshot error');
    let v1 = await config('failbefore:1');
    for (let i = 0; v1.State === 'Pending' && i < 100; i++) v1 = await config('failbefore:1');
    assert.equal(v1.State, 'Failed');
    assert.match(v1.StateReason ?? '', /Runtime\.BeforeSnapshotError: before hook refused/);
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'failbefore:1' })), (e: Error) => e.name === 'ResourceConflictException');
  });

  it('answers SnapStartException when an after-restore hook raises, and tears the environment down', async () => {
    await t.lambda.send(new PublishVersionCommand({ FunctionName: 'failafter' }));
    await snapshotTaken('failafter');
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'failafter:1' })), (e: Error & { $metadata: { httpStatusCode?: number } }) => e.name === 'SnapStartException' && e.$metadata.httpStatusCode === 400);
    assert.ok(lines.some((l) => l.startsWith('/aws/lambda/failafter') && l.includes('Runtime.AfterRestoreError')));
    assert.ok(lines.some((l) => l.startsWith('/aws/lambda/failafter RESTORE_REPORT') && l.includes('Status: error')));
  });

  it('answers SnapStartTimeoutException when the restore overruns 10 seconds', async () => {
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'slowrestore:1' })), (e: Error & { $metadata: { httpStatusCode?: number } }) => e.name === 'SnapStartTimeoutException' && e.$metadata.httpStatusCode === 408);
    assert.ok(lines.some((l) => l.startsWith('/aws/lambda/slowrestore RESTORE_REPORT Restore Duration: 10000.00 ms\tStatus: timeout')));
  });

  it('runs the hooks through the PyPI snapshot-restore-py 1.0.0 a function ships', async () => {
    const code = path.join(t.dir, 'vendored');
    fs.cpSync(fixture('snapstart-python'), code, { recursive: true });
    execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--no-input', '--target', code, 'snapshot-restore-py==1.0.0'], { stdio: 'pipe' });
    assert.ok(fs.existsSync(path.join(code, 'snapshot_restore_py-1.0.0.dist-info')));
    t.defineFunction(functionConfig('vendored', code, { runtime: 'python3.12', handler: 'app.handler', timeout: 30, snapStart: 'PublishedVersions' }));
    await t.lambda.send(new PublishVersionCommand({ FunctionName: 'vendored' }));
    await snapshotTaken('vendored');
    const cold = await invoke('vendored:1');
    assert.deepEqual(cold.body.events, ['before:second-registered', 'before:first-registered', 'after:reconnect', 'handler']);
    assert.match(cold.log, /Restore Duration/);
    // The version's frozen copy of the function's code, which ships the PyPI module.
    assert.match(cold.body.hooksModule, /[\\/]code[\\/]snapshot_restore_py\.py$/);
    assert.doesNotMatch(cold.body.hooksModule, /runtime[\\/]python/);
  });

  it('runs Java org.crac Resources (io.github.crac:org-crac 0.1.3 from Maven Central) around the snapshot', async function () {
    this.timeout(180_000);
    const m2 = path.join(process.env.HOME ?? '', '.m2', 'repository', 'io', 'github', 'crac', 'org-crac', '0.1.3', 'org-crac-0.1.3.jar');
    if (!fs.existsSync(m2)) execFileSync('mvn', ['-q', 'dependency:get', '-Dartifact=io.github.crac:org-crac:0.1.3'], { stdio: 'pipe' });
    const code = path.join(t.dir, 'crac-code');
    fs.mkdirSync(path.join(code, 'lib'), { recursive: true });
    fs.copyFileSync(m2, path.join(code, 'lib', 'org-crac-0.1.3.jar'));
    execFileSync('javac', ['--release', '11', '-cp', m2, '-d', code, fixture('java', 'crac', 'src', 'crac', 'Hooks.java')]);
    t.defineFunction(functionConfig('crac', code, { runtime: 'java17', handler: 'crac.Hooks::handle', timeout: 30, memorySize: 512, snapStart: 'PublishedVersions' }));
    t.defineFunction(functionConfig('crac-fail', code, { runtime: 'java17', handler: 'crac.Hooks::handle', timeout: 30, memorySize: 512, snapStart: 'PublishedVersions', environment: { FAIL_HOOK: 'after' } }));
    await t.lambda.send(new PublishVersionCommand({ FunctionName: 'crac' }));
    await snapshotTaken('crac');
    const cold = await invoke('crac:1');
    // beforeCheckpoint in reverse order of registration, afterRestore in order (CRaC's global context).
    assert.deepEqual(cold.body.events, ['before:second', 'before:first', 'after:first', 'after:second', 'handler']);
    assert.equal(cold.body.initType, 'snap-start');
    assert.match(cold.log, /afterRestore first/);
    assert.match(cold.log, /Restore Duration: [\d.]+ ms\tBilled Restore Duration: \d+ ms/);
    await t.lambda.send(new PublishVersionCommand({ FunctionName: 'crac-fail' }));
    await snapshotTaken('crac-fail');
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'crac-fail:1' })), (e: Error) => e.name === 'SnapStartException');
  });
});
