// Templates SAM accepts run here too: duplicate keys, parameters without values, .zip / single-file /
// inline code, GetAtt to unmodelled resources and Dockerfile-built image functions, invoked through the
// real endpoint with the AWS CLI and through the lambda-workbench CLI.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../../src/core/emulator';
import { aws, tempFile } from '../support/awsCli';
import { fixture } from '../support/engine';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/** Python's zipfile (always here) rather than the zip command (not on every machine). */
function zip(archive: string, entry: string, cwd: string): void {
  fs.rmSync(archive, { force: true });
  execFileSync('python3', ['-m', 'zipfile', '-c', archive, entry], { cwd });
}

/** A copy of the fixture with the generated inputs a real project would have: the .zip and a wheel. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-lenient-'));
  fs.cpSync(fixture('lenient'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'build'));
  zip(path.join(dir, 'build', 'app.zip'), 'app.js', path.join(dir, 'zipped-src'));
  zip(path.join(dir, 'build', 'layer.zip'), 'nodejs', path.join(dir, 'zipped-layer'));
  fs.mkdirSync(path.join(dir, 'image-python', 'wheels'));
  execFileSync('python3', ['-c', WHEEL], { cwd: path.join(dir, 'image-python') });
  return dir;
}

// Writes greetlib-1.0-py3-none-any.whl (a valid wheel: METADATA, WHEEL, RECORD) from greetlib/.
const WHEEL = `
import zipfile, hashlib, base64
files = {'greetlib/__init__.py': open('greetlib/__init__.py').read(),
         'greetlib-1.0.dist-info/METADATA': 'Metadata-Version: 2.1\\nName: greetlib\\nVersion: 1.0\\n',
         'greetlib-1.0.dist-info/WHEEL': 'Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'}
record = []
with zipfile.ZipFile('wheels/greetlib-1.0-py3-none-any.whl', 'w') as z:
    for name, text in files.items():
        z.writestr(name, text)
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b'=').decode()
        record.append(f'{name},sha256={digest},{len(text.encode())}')
    record.append('greetlib-1.0.dist-info/RECORD,,')
    z.writestr('greetlib-1.0.dist-info/RECORD', '\\n'.join(record) + '\\n')
`;

describe('system/lenient templates', function () {
  this.timeout(180_000);
  let dir: string;
  let engine: Emulator | undefined;

  before(() => {
    dir = workspace();
  });
  after(async () => {
    await engine?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads with warnings, not errors, and runs every function through the endpoint', async () => {
    engine = new Emulator({ workspaceDir: dir, api: { port: 0 } });
    const sync = await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml'), parameterOverrides: { Stage: 'qa' } });
    const endpoint = (await engine.listen())!;
    const problems = sync.project!.problems;
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    const codes = problems.map((p) => p.code).sort();
    assert.deepEqual(codes, ['duplicate-key', 'getatt-placeholder', 'getatt-placeholder', 'getatt-placeholder', 'parameter-missing']);
    assert.deepEqual(sync.project!.missingParameters, ['SenderEmail']);
    assert.match(problems.find((p) => p.code === 'parameter-missing')!.message, /^Parameter SenderEmail has no Default and no override: it resolves to ""/);

    const invoke = async (name: string, event: unknown = {}): Promise<any> => {
      const out = tempFile('out.json');
      const r = await aws(endpoint, ['lambda', 'invoke', '--function-name', name, '--payload', JSON.stringify(event), out]);
      assert.equal(r.code, 0, r.stderr);
      const meta = JSON.parse(r.stdout);
      const payload = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(meta.FunctionError, undefined, JSON.stringify(payload));
      return payload;
    };

    const zip = await invoke('zip-fn');
    assert.deepEqual(zip.files, ['app.js']);
    assert.ok(zip.remainingMs > 5000, 'the later duplicate Timeout (7) wins');
    assert.equal(zip.fromLayer, 'hello from a zipped layer');
    assert.deepEqual(zip.env, {
      SENDER_EMAIL: '',
      STAGE: 'qa',
      POOL_ARN: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/UserPool',
      POOL_ID: zip.env.POOL_ID,
      CLIENT_ID: 'UserPoolClient',
      DB_HOST: zip.env.DB_HOST,
      DB_PORT: '443',
    });
    assert.match(zip.env.POOL_ID, /^us-east-1_[A-Za-z0-9]{9}$/);
    assert.match(zip.env.DB_HOST, /^[0-9a-f]{10}\.rds\.us-east-1\.amazonaws\.com$/);
    assert.ok(fs.existsSync(path.join(dir, '.lambda-workbench', 'code', 'ZipFunction', 'app.js')), 'unpacked into the state directory');

    assert.deepEqual(await invoke('single-fn'), { from: 'single-file', sender: '', remaining_ms_positive: true });
    assert.deepEqual(await invoke('inline-node', { a: 1 }), { inline: 'node', file: 'index.js', cfn: 'function', event: { a: 1 } });
    assert.deepEqual(await invoke('inline-python', { b: 2 }), { inline: 'python', file: 'index.py', cfn: 'SUCCESS', event: { b: 2 } });

    const node = await invoke('node-image', { name: 'Ada' });
    assert.deepEqual(node, { message: 'Hello from the image, Ada', stage: 'image', fromTemplate: 'template', taskRoot: ['app.mjs', 'node_modules', 'package-lock.json', 'package.json', 'vendor'] });
    const py = await invoke('python-image', { name: 'Grace' });
    assert.deepEqual(py, { via: 'ImageConfig Command', greeting: 'Hello, Grace', table: 'orders' });
    assert.deepEqual(await invoke('multistage-image'), { built: 'in the builder stage', files: ['index.js'] });
    const provided = await invoke('provided-image', { k: 1 });
    assert.deepEqual(provided, { arg: 'greeting-from-cmd', handler: 'greeting-from-cmd', cwd: path.join(dir, '.lambda-workbench', 'code', 'ProvidedImage'), event: { k: 1 } });
    assert.ok(!fs.existsSync(path.join(dir, '.lambda-workbench', 'code', 'MultiStageImage.stages')), 'builder stages are removed after the build');
    assert.deepEqual(await invoke('go-image', { g: 1 }), { from: 'go builder stage', event: { g: 1 } });
    const listed = JSON.parse((await aws(endpoint, ['lambda', 'get-function-configuration', '--function-name', 'python-image'])).stdout);
    assert.equal(listed.Runtime, 'python3.12');
    assert.equal(listed.Handler, 'app.overridden');
  });

  it('passes --parameter-overrides (SAM form too), exits 0 on warnings and non-zero when functions have errors', async () => {
    await engine?.dispose();
    engine = undefined;
    const ok = await run(['invoke', 'single-fn', '--parameter-overrides', 'ParameterKey=SenderEmail,ParameterValue=ops@example.com'], dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).sender, 'ops@example.com');
    assert.doesNotMatch(ok.stderr, /SenderEmail has no Default/);

    const list = await run(['list'], dir);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stderr, /warning: Duplicate key Timeout \(also on line 14\)/);
    for (const name of ['zip-fn', 'single-fn', 'inline-node', 'inline-python', 'node-image', 'python-image', 'multistage-image', 'provided-image', 'go-image']) assert.match(list.stdout, new RegExp(`^${name}\\s`, 'm'));

    const broken = await run(['list', '--template', 'broken.yaml'], dir);
    assert.equal(broken.code, 1, broken.stderr);
    for (const name of ['Works', 'FromS3', 'FromRegistry', 'YumImage']) assert.match(broken.stdout, new RegExp(`^${name}\\s`, 'm'));
    assert.match(broken.stdout, /^FromS3 .*error: CodeUri points at S3/m);
    assert.match(broken.stderr, /image-broken\/Dockerfile:2: RUN dnf install -y git cannot run without Docker/);
    assert.match(broken.stderr, /no Metadata DockerContext \/ Dockerfile/);
    const refused = await run(['invoke', 'FromS3', '--template', 'broken.yaml'], dir);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /cannot run until its template is fixed: CodeUri points at S3/);
  });

  it('unpacks the .zip again when it changes, and rebuilds an image only when its context changes', async () => {
    const stamp = path.join(dir, '.lambda-workbench', 'code', 'NodeImage.source.json');
    const before = fs.statSync(stamp).mtimeMs;
    const again = await run(['invoke', 'node-image'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(fs.statSync(stamp).mtimeMs, before, 'unchanged context: no rebuild');
    fs.writeFileSync(path.join(dir, 'zipped-src', 'app.js'), "exports.handler = async () => 'v2';\n");
    zip(path.join(dir, 'build', 'app.zip'), 'app.js', path.join(dir, 'zipped-src'));
    const v2 = await run(['invoke', 'zip-fn'], dir);
    assert.equal(v2.stdout.trim(), '"v2"');
  });
});
