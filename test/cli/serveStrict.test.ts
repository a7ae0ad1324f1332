// `serve --strict` takes its keys from environment variables or a private keys file (never argv),
// and the real AWS CLI and boto3 then need to sign with one of them.
import * as assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { aws } from '../support/awsCli';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');
const template = path.join(__dirname, '..', '..', 'examples', 'template.yaml');
const KEY = { id: 'AKIASERVESTRICT', secret: 'serve-strict-secret' };

/** Starts `serve` and resolves with its endpoint URL once it printed it. */
function serve(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--http-port', '0', '--no-watch', '--template', template, ...args], { env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (e, _o, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stderr })),
  );
}

describe('serve --strict', function () {
  this.timeout(60_000);

  it('reads the key from LAMBDA_WORKBENCH_* variables; the AWS CLI must sign with it', async () => {
    const { child, url } = await serve(['--strict'], { LAMBDA_WORKBENCH_ACCESS_KEY_ID: KEY.id, LAMBDA_WORKBENCH_SECRET_ACCESS_KEY: KEY.secret });
    try {
      const ok = await aws(url, ['lambda', 'list-functions'], KEY);
      assert.equal(ok.code, 0, ok.stderr);
      const wrong = await aws(url, ['lambda', 'list-functions'], { id: KEY.id, secret: 'guess' });
      assert.match(wrong.stderr, /InvalidSignatureException/);
    } finally {
      await stop(child);
    }
  });

  it('reads keys from a private file and refuses one other users can read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-keys-'));
    const file = path.join(dir, 'keys.json');
    fs.writeFileSync(file, JSON.stringify([{ accessKeyId: KEY.id, secretAccessKey: KEY.secret }]), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const open = await run(['serve', '--strict', '--keys-file', file, '--port', '0', '--no-watch', '--template', template], {});
    assert.notEqual(open.code, 0);
    assert.match(open.stderr, /readable by other users \(mode 644\)\. Run: chmod 600/);
    fs.chmodSync(file, 0o600);
    const { child, url } = await serve(['--strict', '--keys-file', file], {});
    try {
      assert.equal((await aws(url, ['lambda', 'list-functions'], KEY)).code, 0);
      const unknown = await aws(url, ['lambda', 'list-functions'], { id: 'AKIAOTHER', secret: 'x' });
      assert.match(unknown.stderr, /UnrecognizedClientException/);
    } finally {
      await stop(child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without keys, --strict says where to put them', async () => {
    const r = await run(['serve', '--strict', '--port', '0', '--no-watch', '--template', template], { LAMBDA_WORKBENCH_ACCESS_KEY_ID: '', LAMBDA_WORKBENCH_SECRET_ACCESS_KEY: '' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--strict needs the keys clients will sign with: set LAMBDA_WORKBENCH_ACCESS_KEY_ID and LAMBDA_WORKBENCH_SECRET_ACCESS_KEY, or pass --keys-file FILE/);
  });
});
