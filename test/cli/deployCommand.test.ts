// `lambda-workbench deploy` and `sync` run as real processes against the test cloud (s3rver, our
// CloudFormation test server, a second engine as Lambda), redirected with AWS_ENDPOINT_URL_* and keys in
// the environment, as a user would point the AWS SDK elsewhere.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { awsClients } from '../../src/core/deploy';
import { CLOUD_CREDENTIALS, startTestCloud, type TestCloud } from '../support/testCloud';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: index.handler
      Runtime: nodejs20.x
    Metadata:
      BuildMethod: makefile
`;
// SAM's makefile build: what is deployed is the build's output (index.js and a file only the build writes).
const MAKEFILE = 'build-HelloFunction:\n\tcp index.js "$(ARTIFACTS_DIR)/"\n\techo make > "$(ARTIFACTS_DIR)/built.txt"\n';
const handler = (word: string): string => `exports.handler = async () => ({ word: '${word}', built: require('fs').readFileSync(__dirname + '/built.txt', 'utf8').trim() });\n`;

describe('CLI deploy and sync', function () {
  this.timeout(90_000);
  let cloud: TestCloud;
  let ws: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    cloud = await startTestCloud();
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-deploy-cli-'));
    fs.mkdirSync(path.join(ws, 'hello'));
    fs.writeFileSync(path.join(ws, 'template.yaml'), TEMPLATE);
    fs.writeFileSync(path.join(ws, 'hello', 'index.js'), handler('one'));
    fs.writeFileSync(path.join(ws, 'hello', 'Makefile'), MAKEFILE);
    const { AWS_PROFILE: _p, AWS_DEFAULT_PROFILE: _d, ...rest } = process.env;
    env = {
      ...rest,
      AWS_ACCESS_KEY_ID: CLOUD_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CLOUD_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: cloud.target.endpoints?.s3,
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloud.target.endpoints?.cloudformation,
      AWS_ENDPOINT_URL_LAMBDA: cloud.target.endpoints?.lambda,
    };
  });
  after(async () => {
    await cloud?.dispose();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { cwd: ws, env, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
  const invoke = async (): Promise<unknown> => {
    const clients = awsClients(cloud.target);
    const out = await clients.cloudFormation.send(new ListStackResourcesCommand({ StackName: 'cli-dev' })).finally(() => clients.destroy());
    const name = out.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'HelloFunction')?.PhysicalResourceId;
    const r = await cloud.lambda.send(new InvokeCommand({ FunctionName: name }));
    return JSON.parse(Buffer.from(r.Payload ?? []).toString());
  };

  it('deploy --yes --json builds, deploys and remembers the stack; the function runs in the cloud', async () => {
    const r = await run(['deploy', '--stack-name', 'cli-dev', '--region', 'us-east-1', '--yes', '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const doc = JSON.parse(r.stdout) as { status: string; succeeded: boolean; bucket: string; changeSet: { type: string; changes: { action: string; logicalId: string }[] }; events: { status: string }[] };
    assert.equal(doc.status, 'CREATE_COMPLETE');
    assert.equal(doc.changeSet.type, 'CREATE');
    assert.deepEqual(doc.changeSet.changes.map((c) => `${c.action} ${c.logicalId}`).sort(), ['Add HelloFunction', 'Add HelloFunctionRole']);
    assert.equal(doc.events.at(-1)?.status, 'CREATE_COMPLETE');
    const remembered = fs.readFileSync(path.join(ws, '.lambda-workbench', 'deploy.json'), 'utf8');
    assert.deepEqual(JSON.parse(remembered), { region: 'us-east-1', stackName: 'cli-dev', bucket: doc.bucket });
    assert.ok(!remembered.includes(CLOUD_CREDENTIALS.secretAccessKey));
    // The build ran (make, into .lambda-workbench/build) and its output is what was deployed.
    assert.ok(fs.existsSync(path.join(ws, '.lambda-workbench', 'build', 'HelloFunction', 'built.txt')));
    assert.deepEqual(await invoke(), { word: 'one', built: 'make' });
  });

  it('deploy without --yes and without a terminal shows the change set and does not execute it', async () => {
    fs.writeFileSync(path.join(ws, 'hello', 'index.js'), handler('unconfirmed'));
    const r = await run(['deploy']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Change set for cli-dev \(UPDATE\):\n {2}~ Modify +HelloFunction +AWS::Lambda::Function/);
    assert.match(r.stderr, /Not deployed: pass --yes/);
    assert.deepEqual(await invoke(), { word: 'one', built: 'make' });
  });

  it('sync refuses a stack not opted in, then updates the code once and on every save with --watch', async () => {
    let r = await run(['sync', '--json']);
    assert.equal(r.code, 2);
    assert.equal((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'SyncNotEnabled');
    r = await run(['sync', '--enable']);
    assert.equal(r.code, 0, r.stderr);
    fs.writeFileSync(path.join(ws, 'hello', 'index.js'), handler('two'));
    r = await run(['sync', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout.trim()) as { logicalId: string; status: string; functionName: string };
    assert.deepEqual([report.logicalId, report.status], ['HelloFunction', 'synced']);
    assert.deepEqual(await invoke(), { word: 'two', built: 'make' });

    const child = spawn(process.execPath, [bin, 'sync', '--watch'], { cwd: ws, env });
    let stdout = '';
    let stderr = '';
    const seen = (re: RegExp, where: () => string): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (re.test(where())) resolve();
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.once('exit', () => reject(new Error(`sync --watch exited: ${stderr}`)));
        check();
      });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await seen(/Watching/, () => stderr);
      fs.writeFileSync(path.join(ws, 'hello', 'index.js'), handler('three'));
      await seen(/Synced HelloFunction -> cli-dev-HelloFunction-\w+ in/, () => stdout);
      assert.deepEqual(await invoke(), { word: 'three', built: 'make' });
    } finally {
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
    }
  });
});
