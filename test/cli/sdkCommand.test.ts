// `lambda-workbench sdk install|versions`, run as a real process against the shared test SDK cache.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { fixture } from '../support/engine';
import { sharedSdkCache } from '../support/sdkCache';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 240_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('CLI sdk', function () {
  this.timeout(300_000);
  const cache = sharedSdkCache();

  it('installs what the template’s functions import (Node and Python)', async () => {
    const r = await run(['sdk', 'install', '--cache-dir', cache], fixture('runtime-sdk'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^nodejs20\.x: @aws-sdk\/client-dynamodb ready in /m);
    assert.match(r.stdout, /^python3\.11: boto3 ready in /m);
  });

  it('installs named packages for a runtime, and refuses packages the runtime does not include', async () => {
    const ok = await run(['sdk', 'install', '--runtime', 'nodejs20.x', '@aws-sdk/client-dynamodb', '--cache-dir', cache], fixture('runtime-sdk'));
    assert.equal(ok.code, 0, ok.stderr);
    const bad = await run(['sdk', 'install', '--runtime', 'nodejs20.x', 'left-pad', '--cache-dir', cache], fixture('runtime-sdk'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Only @aws-sdk\/\* and @smithy\/\* packages come with the nodejs runtimes, not left-pad\./);
  });

  it('prints the pinned versions', async () => {
    const r = await run(['sdk', 'versions'], fixture('runtime-sdk'));
    assert.match(r.stdout, /^nodejs20\.x\tAWS SDK for JavaScript 3\.1000\.0$/m);
    assert.match(r.stdout, /^python3\.12\tboto3 1\.43\.11$/m);
  });
});
