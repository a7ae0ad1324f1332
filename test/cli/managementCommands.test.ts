// The management commands as real processes: publish (with AutoPublishAlias), versions, alias, and
// concurrency, on their own engine or through the engine already serving the workspace; clear errors.
import { execFile, spawn } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aws, tempFile } from '../support/awsCli';
import { assertNoOrphans } from '../support/processes';
import { handlerCode, newWorkspace, removeWorkspaces, templateFor } from '../core/management/managementFixtures';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string; pid: number }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd, timeout: 60_000, env: { ...process.env, XDG_CONFIG_HOME: path.join(cwd, '.config') } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, pid: child.pid as number }),
    );
  });
}

describe('CLI management commands', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = newWorkspace({ 'template.yaml': templateFor({ fn: '      AutoPublishAlias: live\n' }), 'fn/index.js': handlerCode('one') });
  });
  afterEach(removeWorkspaces);

  it('publishes like a deploy: a new version, the AutoPublishAlias pointed at it, nothing when unchanged', async () => {
    const first = await run(dir, ['publish', 'fn', '--description', 'first cut']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Published fn version 1 \(CodeSha256 [A-Za-z0-9+/=]{44}, "first cut"\)\.\nAlias live -> 1\n$/);
    const again = await run(dir, ['publish', 'fn']);
    assert.equal(again.stdout, 'fn: nothing changed since version 1; no new version was published.\nAlias live -> 1\n');
    fs.writeFileSync(path.join(dir, 'fn', 'index.js'), handlerCode('two'));
    assert.match((await run(dir, ['publish', 'fn'])).stdout, /Published fn version 2 .*\nAlias live -> 2\n/);
    const versions = await run(dir, ['versions', 'fn']);
    assert.equal(versions.code, 0, versions.stderr);
    assert.match(versions.stdout, /^\$LATEST\s/m);
    assert.match(versions.stdout, /^1\s+\S{12}\s+\S+\s+first cut$/m);
    assert.match(versions.stdout, /^2\s+.*<- live$/m);
    const json = JSON.parse((await run(dir, ['versions', 'fn', '--json'])).stdout) as { Versions: { Version: string }[] };
    assert.deepEqual(json.Versions.map((v) => v.Version), ['$LATEST', '1', '2']);
  });

  it('creates, updates, lists and deletes aliases with weighted routing', async () => {
    await run(dir, ['publish', 'fn', '--alias', 'blue']);
    fs.writeFileSync(path.join(dir, 'fn', 'index.js'), handlerCode('two'));
    await run(dir, ['publish', 'fn']);
    const created = await run(dir, ['alias', 'create', 'fn', 'canary', '1', '--routing', '2=0.1', '--description', 'try 2']);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'Created alias canary -> 1 (90%) / 2 (10%)\n');
    assert.equal((await run(dir, ['alias', 'update', 'fn', 'canary', '--version', '2', '--no-routing'])).stdout, 'Updated alias canary -> 2\n');
    const list = await run(dir, ['alias', 'list', 'fn']);
    assert.equal(list.stdout, 'blue -> 1\ncanary -> 2  "try 2"\nlive -> 2\n');
    assert.equal((await run(dir, ['alias', 'delete', 'fn', 'canary'])).stdout, 'Deleted alias canary of fn.\n');
    const bad = await run(dir, ['alias', 'create', 'fn', 'x', '1', '--routing', '1=0.5']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'InvalidParameterValueException: Invalid function version 1. Function version 1 is already included in routing configuration.\n');
    const usage = await run(dir, ['alias', 'rename', 'fn']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: lambda-workbench alias create <function> <name> <version>/);
  });

  it('sets, shows and removes reserved concurrency, and provisioned concurrency with --qualifier', async () => {
    assert.equal((await run(dir, ['concurrency', 'fn', '0'])).stdout, 'fn reserved concurrency 0: every invocation is throttled.\n');
    const throttled = await run(dir, ['invoke', 'fn']);
    assert.notEqual(throttled.code, 0);
    assert.equal((await run(dir, ['concurrency', 'fn'])).stdout, 'fn reserved concurrency 0: every invocation is throttled.\n');
    assert.equal((await run(dir, ['concurrency', 'fn', 'none'])).stdout, 'fn has no reserved concurrency now.\n');
    assert.equal((await run(dir, ['invoke', 'fn'])).code, 0);
    const notNumber = await run(dir, ['concurrency', 'fn', 'lots']);
    assert.deepEqual([notNumber.code, notNumber.stderr], [2, "lambda-workbench: Concurrency must be a whole number or 'none', got 'lots'.\n"]);
    const latest = await run(dir, ['concurrency', 'fn', '1', '--qualifier', '$LATEST']);
    assert.deepEqual([latest.code, latest.stderr], [1, 'InvalidParameterValueException: Provisioned Concurrency Configs cannot be applied to unpublished function versions.\n']);
    await run(dir, ['publish', 'fn']);
    const provisioned = await run(dir, ['concurrency', 'fn', '1', '--qualifier', 'live']);
    assert.equal(provisioned.code, 0, provisioned.stderr);
    assert.match(provisioned.stdout, /^fn:live provisioned concurrency 1 \(\d initialized, (IN_PROGRESS|READY)\)\.\n$/);
    await assertNoOrphans(5000, provisioned.pid);
  });

  it('hands a named AWS profile to handlers and explains a missing one', async () => {
    fs.writeFileSync(path.join(dir, 'fn', 'index.js'), 'exports.handler = async () => ({ id: process.env.AWS_ACCESS_KEY_ID });\n');
    fs.writeFileSync(path.join(dir, 'credentials'), '[local]\naws_access_key_id = AKIALOCAL\naws_secret_access_key = local-secret\n');
    const env = { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config') };
    const withEnv = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, ...env, XDG_CONFIG_HOME: path.join(dir, '.config') } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    const ok = await withEnv(['invoke', 'fn', '--aws-profile', 'local']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { id: 'AKIALOCAL' });
    const missing = await withEnv(['invoke', 'fn', '--aws-profile', 'nope']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /AWS profile 'nope' was not found in /);
  });

  it('talks to the engine that already serves the workspace instead of failing on its lock', async () => {
    const serve = spawn(process.execPath, [bin, 'serve', '--port', '0', '--no-watch'], { cwd: dir, env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, '.config') } });
    const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /--endpoint-url (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1] as string);
        });
        serve.once('exit', () => reject(new Error(`serve exited: ${out}`)));
      });
      const published = await run(dir, ['publish', 'fn']);
      assert.equal(published.code, 0, published.stderr);
      assert.match(published.stderr, new RegExp(`Using the running engine at ${url.replace(/\./g, '\\.')} \\(pid \\d+\\)`));
      const invoked = await aws(url, ['lambda', 'invoke', '--function-name', 'fn', '--qualifier', 'live', tempFile('out.json')]);
      assert.equal(invoked.code, 0, invoked.stderr);
      assert.equal(JSON.parse(invoked.stdout).ExecutedVersion, '1');
      const direct = await run(dir, ['invoke', 'fn', '--qualifier', 'live']);
      assert.equal(direct.code, 0, direct.stderr);
      assert.match(direct.stderr, new RegExp(`Using the running engine at ${url.replace(/\./g, '\\.')}`));
      const listed = await run(dir, ['list']);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /^fn\s+nodejs20\.x/m);
    } finally {
      serve.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
