// Secret environment variables are masked in what our own tools print (CLI log output) unless the
// user reveals them, while the Lambda API returns them as AWS does.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSecretName, MASK, maskEnvironment, SecretMasker } from '../../../src/core/security/secrets';
import { aws } from '../../support/awsCli';
import { assertNoOrphans } from '../../support/processes';

const bin = path.join(__dirname, '..', '..', '..', 'bin', 'lambda-workbench.js');
const SECRET = 'hunter2-very-secret';
const TOKEN = 'tok-0123456789';
const PLAIN = 'plain-visible-value';

function workspace(): { dir: string; template: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-secrets-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'app.js'), "exports.handler = async () => { console.log('env', process.env.DB_PASSWORD, process.env.API_TOKEN, process.env.PLAIN); return 'done'; };\n");
  const template = path.join(dir, 'template.yaml');
  fs.writeFileSync(template, [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Leaky:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      FunctionName: leaky',
    '      CodeUri: src/',
    '      Handler: app.handler',
    '      Runtime: nodejs20.x',
    '      Environment:',
    '        Variables:',
    `          DB_PASSWORD: ${SECRET}`,
    `          API_TOKEN: ${TOKEN}`,
    `          PLAIN: ${PLAIN}`,
    '',
  ].join('\n'));
  return { dir, template };
}

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('secret masking', () => {
  it('recognises secret-looking names and masks their values', () => {
    for (const n of ['DB_PASSWORD', 'API_KEY', 'GITHUB_TOKEN', 'stripe_secret', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY_PEM', 'SESSION_COOKIE', 'DATABASE_DSN']) assert.ok(isSecretName(n), n);
    for (const n of ['TABLE_NAME', 'STAGE', 'LOG_LEVEL', 'REGION_NAME', 'QUEUE_URL']) assert.ok(!isSecretName(n), n);
    assert.deepEqual(maskEnvironment({ DB_PASSWORD: 'x1', STAGE: 'dev', EMPTY_TOKEN: '' }), { DB_PASSWORD: MASK, STAGE: 'dev', EMPTY_TOKEN: '' });
    assert.deepEqual(maskEnvironment({ DB_PASSWORD: 'x1' }, true), { DB_PASSWORD: 'x1' });
    const m = new SecretMasker([{ API_KEY: 'abcd', LONG_SECRET: 'abcdefgh', STAGE: 'dev', PIN_PASSWORD: '12' }]);
    assert.equal(m.mask('k=abcdefgh a=abcd stage=dev pin=12 re.+gex'), `k=${MASK} a=${MASK} stage=dev pin=12 re.+gex`);
    assert.equal(new SecretMasker([{ API_KEY: 'abcd' }], true).mask('abcd'), 'abcd');
  });

  describe('in the CLI', () => {
    let ws: { dir: string; template: string };
    before(() => {
      ws = workspace();
    });
    after(() => fs.rmSync(ws.dir, { recursive: true, force: true }));

    it('invoke --tail masks the values of secret variables in the log, --reveal-secrets shows them', async () => {
      const masked = await run(['invoke', 'leaky', '--template', ws.template, '--tail'], ws.dir);
      assert.equal(masked.code, 0, masked.stderr);
      assert.match(masked.stderr, new RegExp(`INFO\\tenv \\*{8} \\*{8} ${PLAIN}`));
      assert.ok(!masked.stderr.includes(SECRET) && !masked.stderr.includes(TOKEN), masked.stderr);
      const revealed = await run(['invoke', 'leaky', '--template', ws.template, '--tail', '--reveal-secrets'], ws.dir);
      assert.ok(revealed.stderr.includes(`env ${SECRET} ${TOKEN} ${PLAIN}`), revealed.stderr);
    });

    it('logs masks them in the local store and through a running engine; the Lambda API returns them like AWS', async function () {
      this.timeout(60_000);
      const local = await run(['logs', 'leaky', '--template', ws.template], ws.dir);
      assert.equal(local.code, 0, local.stderr);
      assert.match(local.stdout, /env \*{8} \*{8} plain-visible-value/);
      assert.ok(!local.stdout.includes(SECRET), local.stdout);
      assert.ok((await run(['logs', 'leaky', '--template', ws.template, '--reveal-secrets'], ws.dir)).stdout.includes(SECRET));
      const serve = spawn(process.execPath, [bin, 'serve', '--port', '0', '--no-watch', '--template', ws.template, '--state-dir', path.join(ws.dir, 'served-state')], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          serve.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (m) resolve(m[1] as string);
          });
          serve.once('exit', () => reject(new Error(`serve exited: ${out}`)));
        });
        assert.equal((await aws(url, ['lambda', 'invoke', '--function-name', 'leaky', path.join(ws.dir, 'out.json')])).code, 0);
        const config = await aws(url, ['lambda', 'get-function-configuration', '--function-name', 'leaky']);
        assert.equal(JSON.parse(config.stdout).Environment.Variables.DB_PASSWORD, SECRET, 'GetFunctionConfiguration is AWS-shaped');
        const viaEngine = await run(['logs', 'leaky', '--endpoint-url', url], ws.dir);
        assert.equal(viaEngine.code, 0, viaEngine.stderr);
        assert.match(viaEngine.stdout, /env \*{8} \*{8} plain-visible-value/);
        assert.ok(!viaEngine.stdout.includes(SECRET) && !viaEngine.stdout.includes(TOKEN), viaEngine.stdout);
      } finally {
        const exited = new Promise((r) => serve.once('exit', r));
        serve.kill('SIGTERM');
        await exited;
        await assertNoOrphans(5000, serve.pid);
      }
    });
  });
});
