// `lambda-workbench runtimes install|list`: installs a Node.js major into the per-user cache (a no-op
// once there), refuses what it does not download with a clear message, and lists the catalog with the
// interpreter each runtime runs on here.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { installedNode } from '../../src/core/runtime/nodeDistribution';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');
const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 280_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

describe('cli: runtimes', function () {
  this.timeout(300_000);

  it('installs nodejs24.x into the cache and prints the binary', async () => {
    const r = await run(['runtimes', 'install', 'nodejs24.x']);
    assert.equal(r.code, 0, r.stderr);
    const got = installedNode('24');
    assert.ok(got);
    assert.equal(r.stdout, `nodejs24.x: Node.js ${got.version} at ${got.executable}\n`);
  });

  it('refuses runtimes it does not download, saying where they come from', async () => {
    const r = await run(['runtimes', 'install', 'python3.12']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /python3\.12: only Node\.js runtimes are downloaded .* Python comes from your own installs \(pyenv install, uv python install\)/);
  });

  it('lists the catalog with lifecycle and the interpreter each runtime runs on', async () => {
    const r = await run(['runtimes', 'list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^nodejs24\\.x +deprecation scheduled for Apr 30, 2028 +${installedNode('24')!.executable.replace(/[.]/g, '\\.')} \\(24\\.`, 'm'));
    assert.match(r.stdout, /^nodejs16\.x +deprecated on Jun 12, 2024; Lambda no longer accepts it/m);
    assert.match(r.stdout, /^dotnet8 +\S.* not here: The runtime dotnet8 cannot run locally/m);
  });
});
