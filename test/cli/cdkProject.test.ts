// The CLI on a CDK app with no --template: list shows construct paths, invoke runs a function by its
// construct path (a nested stack's too), and an app not synthesized yet says to run cdk synth.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyCdkFixture } from '../core/project/cdk/cdkFixture';
import { copyCdkApp } from '../support/cdkApp';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

function run(cwd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd, timeout: 180_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    child.stdin?.end(input ?? '');
  });
}

describe('CLI on a CDK app', function () {
  this.timeout(60_000);
  let ws: string;
  before(() => (ws = copyCdkFixture()));
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('lists the functions of every stack with their construct paths', async () => {
    const r = await run(ws, ['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NestedFn2B60CC45\s+WorkbenchCdkFixture\/Inner\/NestedFn\s+python3\.12\s+128 MB\s+3 s\s+app\.handler$/m);
    assert.match(r.stdout, /^NodeFn9490805D\s+WorkbenchCdkFixture\/NodeFn\s+nodejs20\.x\s/m);
    assert.match(r.stdout, /^PyFnBEFD4AB6\s+WorkbenchCdkFixture\/PyFn\s+python3\.12\s/m);
    assert.match(r.stdout, /^TsFnAFE91102\s+WorkbenchCdkFixture\/TsFn\s+nodejs20\.x\s/m);
    assert.equal(r.stderr, '');
  });

  it('invokes by construct path, with the layer from its asset folder', async () => {
    let r = await run(ws, ['invoke', 'WorkbenchCdkFixture/NodeFn', '--event', '-'], '{"name":"cli"}');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { message: string }).message, 'hello cli from the layer');
    r = await run(ws, ['invoke', 'WorkbenchCdkFixture/Inner/NestedFn', '--event', '-'], '{}');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { message: 'hello python', function: 'NestedFn2B60CC45', stack: 'nested' });
  });

  it('says to run npm install when an app without a cloud assembly has no dependencies to synthesize with', async () => {
    fs.rmSync(path.join(ws, 'cdk.out'), { recursive: true });
    const r = await run(ws, ['list']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /has no installed dependencies \(aws-cdk-lib cannot be found\): run `npm install` there/);
  });
});

describe('CLI on a CDK app never synthesized', function () {
  this.timeout(240_000);
  let app: string;
  before(() => (app = copyCdkApp()));
  after(() => fs.rmSync(app, { recursive: true, force: true }));

  it('synthesizes it first, then lists and invokes its functions', async () => {
    let r = await run(app, ['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /NodejsFunction bundles with the engine's esbuild/);
    assert.match(r.stdout, /^Api\w+\s+ShopStack\/Api\s+nodejs20\.x\s/m);
    assert.match(r.stdout, /^Worker\w+\s+ShopStack\/Workers\/Worker\s+python3\.12\s/m);
    r = await run(app, ['invoke', 'ShopStack/Api', '--event', '-'], '{"queryStringParameters":{"name":"cli"}}');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse((JSON.parse(r.stdout) as { body: string }).body).message, 'hello, cli');
  });

  it('synth --json synthesizes again and says how', async () => {
    const r = await run(app, ['synth', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { appDir: string; assembly: string; durationMs: number; command: string; notes: string[] };
    assert.equal(doc.appDir, app);
    assert.equal(doc.assembly, path.join(app, 'cdk.out'));
    assert.ok(doc.durationMs > 0);
    assert.match(doc.command, /npx cdk synth/);
    assert.ok(doc.notes.some((n) => /esbuild/.test(n)));
  });
});
