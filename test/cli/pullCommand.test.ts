// `lambda-workbench pull` as a real process against a second engine playing the cloud (credentials from
// the environment, as the SDK's default chain reads them), then `invoke` on the pulled template.
import { execFile } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestEngine } from '../support/engine';
import { startCloud } from '../core/remote/cloudFixture';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 60_000, env: { ...process.env, XDG_CONFIG_HOME: path.join(cwd, '.config') } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('CLI pull', function () {
  this.timeout(90_000);
  let cloud: TestEngine;
  let stop: () => Promise<void>;
  let cwd: string;
  before(async () => ({ cloud, dispose: stop } = await startCloud()));
  after(async () => stop());
  beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-pull-cli-'))));
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('pulls into ./<function> and the pulled template invokes locally', async () => {
    const r = await run(cwd, ['pull', 'orders-api', '--region', 'us-east-1', '--endpoint-url', cloud.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /GetFunction orders-api in us-east-1 \.\.\.\nDownloading the code: \d+ KB of \d+ KB\n/);
    assert.match(r.stdout, /^Pulled orders-api \(nodejs20\.x, index\.handler\): 2 files into orders-api\/src, configuration in orders-api\/template\.yaml\.\n/);
    assert.match(r.stdout, /Run it locally: lambda-workbench invoke orders-api --template orders-api\/template\.yaml\n$/);
    assert.doesNotMatch(r.stdout + r.stderr, /cloud-test-secret|AKIDCLOUDTEST|workbench\/v1\/code/, 'no credentials and no presigned URL in the output');
    const inv = await run(cwd, ['invoke', 'orders-api', '--template', 'orders-api/template.yaml', '--json']);
    assert.equal(inv.code, 0, inv.stderr);
    assert.equal((JSON.parse(inv.stdout) as { payload: { greeting: string } }).payload.greeting, 'hello from the cloud');
  });

  it('answers --json with the pull document and errors with a code', async () => {
    const r = await run(cwd, ['pull', 'orders-api', '--region', 'us-east-1', '--endpoint-url', cloud.url, '--dir', 'home', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(doc.functionName, 'orders-api');
    assert.equal(doc.templatePath, path.join(fs.realpathSync(cwd), 'home', 'template.yaml'));
    assert.equal(doc.files, 2);
    const again = await run(cwd, ['pull', 'orders-api', '--region', 'us-east-1', '--endpoint-url', cloud.url, '--dir', 'home', '--json']);
    assert.equal(again.code, 2);
    assert.equal((JSON.parse(again.stdout) as { error: { code: string } }).error.code, 'TargetExists');
    const missing = await run(cwd, ['pull', 'nope', '--region', 'us-east-1', '--endpoint-url', cloud.url, '--json']);
    assert.equal((JSON.parse(missing.stdout) as { error: { code: string } }).error.code, 'FunctionNotFound');
  });
});
