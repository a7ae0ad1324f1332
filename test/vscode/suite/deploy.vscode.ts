// Deploy to AWS in a real VS Code, against the test cloud (s3rver, our CloudFormation test server, a
// second engine as Lambda) started as its own process: the command builds, uploads, creates and executes
// the change set of the examples template, and the deployed function answers in the cloud engine.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import { getApi } from '../support/extensionApi';

interface CloudInfo {
  region: string;
  endpoints: { s3: string; cloudformation: string; lambda: string };
  credentials: { accessKeyId: string; secretAccessKey: string };
}

describe('Deploy to AWS', function () {
  this.timeout(180_000);
  let cloud: ChildProcess | undefined;
  let info: CloudInfo;
  const saved = { ...process.env };

  before(async () => {
    await getApi();
    const repo = path.resolve(__dirname, '..', '..', '..', '..');
    cloud = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'test', 'support', 'testCloudMain.ts')], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: cloud!.stdout! }).once('line', resolve);
      cloud!.once('exit', (code) => reject(new Error(`the test cloud exited (${code})`)));
    });
    info = JSON.parse(first) as CloudInfo;
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: info.endpoints.s3,
      AWS_ENDPOINT_URL_CLOUDFORMATION: info.endpoints.cloudformation,
      AWS_ENDPOINT_URL_LAMBDA: info.endpoints.lambda,
      AWS_ACCESS_KEY_ID: info.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: info.credentials.secretAccessKey,
    });
  });
  after(async () => {
    for (const k of ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_CLOUDFORMATION', 'AWS_ENDPOINT_URL_LAMBDA', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    if (cloud && cloud.exitCode === null) {
      const exited = new Promise((resolve) => cloud!.once('exit', resolve));
      cloud.kill('SIGTERM');
      await exited;
    }
  });

  it('deploys the workspace template and the deployed function runs in the cloud engine', async () => {
    const status = await vscode.commands.executeCommand<string | undefined>('lambdaWorkbench.deploy', { stackName: 'e2e-dev', region: info.region, yes: true });
    assert.equal(status, 'CREATE_COMPLETE');
    const list = (await (await fetch(`${info.endpoints.lambda}/2015-03-31/functions/`)).json()) as { Functions: { FunctionName: string }[] };
    const names = list.Functions.map((f) => f.FunctionName);
    // FunctionName in the template names the physical function, as in CloudFormation.
    const hello = names.find((n) => n === 'hello-node');
    assert.ok(hello, `a deployed hello-node function among ${names.join(', ')}`);
    const res = await fetch(`${info.endpoints.lambda}/2015-03-31/functions/${hello}/invocations`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-amz-function-error'), null, await res.clone().text());
    // Nothing changed: a second deploy reports no changes.
    assert.equal(await vscode.commands.executeCommand<string | undefined>('lambdaWorkbench.deploy', { stackName: 'e2e-dev', region: info.region, yes: true }), 'NO_CHANGES');
  });
});
