// The AWS SDK Lambda's runtimes include (issue 12): Node functions on nodejs18.x+ resolve @aws-sdk/* from
// the engine's copy (CommonJS, ES modules, esbuild bundles), Python functions import boto3 whatever
// interpreter runs them; the function's own copy wins; installs are announced and failures explained.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../../../../src/core/emulator';
import { aws, tempFile } from '../../../support/awsCli';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../../support/engine';
import { sharedSdkCache } from '../../../support/sdkCache';

const cacheDir = sharedSdkCache();

describe('runtime-included AWS SDK', function () {
  // The first run on a machine fetches @aws-sdk/client-dynamodb and boto3 once; later runs hit the cache.
  this.timeout(300_000);
  let engine: Emulator;
  let url: string;
  let sdk: LambdaClient;
  const warnings: string[] = [];

  before(async () => {
    engine = await startTestEngine({ api: { port: 0 }, runtimeSdk: { cacheDir } });
    engine.on('warning', (m) => warnings.push(m));
    await engine.loadTemplate({ templatePath: fixture('runtime-sdk', 'template.yaml') });
    url = (await engine.listen()) as string;
    sdk = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  });
  after(async () => {
    sdk.destroy();
    await engine.dispose();
  });

  it('CommonJS: require("@aws-sdk/client-dynamodb") resolves to the pinned copy (AWS CLI)', async () => {
    const out = tempFile('out.json');
    const r = await aws(url, ['lambda', 'invoke', '--function-name', 'orders-cjs', '--payload', '{"id":"7"}', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).FunctionError, undefined, fs.readFileSync(out, 'utf8'));
    const body = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(body.sdkVersion, '3.1000.0');
    assert.ok(body.resolvedFrom.startsWith(path.join(cacheDir, 'runtime-sdk', 'nodejs', '3.1000.0', 'node_modules')), body.resolvedFrom);
    assert.deepEqual([body.region, body.table], ['us-east-1', 'orders']);
  });

  it('ES modules: import from "@aws-sdk/client-dynamodb" resolves through the resolve hook (@aws-sdk/client-lambda)', async () => {
    const r = await sdk.send(new InvokeCommand({ FunctionName: 'orders-esm', Payload: Buffer.from('{"id":"x"}') }));
    const body = JSON.parse(Buffer.from(r.Payload ?? []).toString());
    assert.equal(r.FunctionError, undefined, JSON.stringify(body));
    assert.equal(body.clientIsClass, true);
    assert.ok(body.resolvedFrom.includes('/runtime-sdk/nodejs/3.1000.0/node_modules/@aws-sdk/client-dynamodb/'), body.resolvedFrom);
  });

  it('esbuild functions keep @aws-sdk/* external on nodejs18.x+ and run against the copy', async () => {
    const { response, body } = await invokeJson(engine, 'orders-bundled');
    assert.equal(response.functionError, undefined, JSON.stringify(body));
    assert.deepEqual(body, { table: 'orders', region: 'us-east-1' });
    const bundle = fs.readFileSync(path.join(engine.stateDir, 'build', 'OrdersBundled', 'handler.js'), 'utf8');
    assert.match(bundle, /require\("@aws-sdk\/client-dynamodb"\)/);
  });

  it('the function’s own copy wins, for CommonJS and ES modules', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-own-sdk-'));
    const pkg = path.join(dir, 'node_modules', '@aws-sdk', 'client-dynamodb');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@aws-sdk/client-dynamodb', version: '0.0.0-own', main: 'index.js' }));
    fs.writeFileSync(path.join(pkg, 'index.js'), 'exports.own = true;\n');
    fs.writeFileSync(path.join(dir, 'cjs.js'), "exports.handler = async () => ({ own: require('@aws-sdk/client-dynamodb').own, v: require('@aws-sdk/client-dynamodb/package.json').version });\n");
    fs.writeFileSync(path.join(dir, 'esm.mjs'), "import sdk from '@aws-sdk/client-dynamodb';\nexport const handler = async () => ({ own: sdk.own });\n");
    try {
      engine.defineFunction(functionConfig('own-cjs', dir, { handler: 'cjs.handler', runtime: 'nodejs20.x' }));
      engine.defineFunction(functionConfig('own-esm', dir, { handler: 'esm.handler', runtime: 'nodejs20.x' }));
      assert.deepEqual((await invokeJson(engine, 'own-cjs')).body, { own: true, v: '0.0.0-own' });
      assert.deepEqual((await invokeJson(engine, 'own-esm')).body, { own: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Python: boto3 imports from the pinned copy under the default interpreter', async () => {
    const { response, body, logs } = await invokeJson(engine, 'reports-python');
    assert.equal(response.functionError, undefined, JSON.stringify(body) + logs);
    assert.equal(body.boto3, '1.43.11');
    assert.ok(body.boto3File.startsWith(path.join(cacheDir, 'runtime-sdk', 'python', 'boto3-1.43.11')), body.boto3File);
    assert.equal(body.service, 'dynamodb');
  });

  it('Python: the debugger’s /usr/bin/python3 imports the same boto3 (same engine path as the debug adapter)', async function () {
    if (!fs.existsSync('/usr/bin/python3')) this.skip();
    const config = engine.registry.get('reports-python')!.latest;
    const env = engine.startEnvironment(config, { interpreter: { executable: '/usr/bin/python3', version: '3.11', mismatch: undefined } });
    try {
      const r = await engine.invoke({ functionName: 'reports-python', payload: Buffer.from('{}'), environment: env });
      const body = JSON.parse(r.payload.toString());
      assert.equal(r.functionError, undefined, JSON.stringify(body));
      assert.equal(body.boto3, '1.43.11');
      assert.ok(body.boto3File.startsWith(path.join(cacheDir, 'runtime-sdk', 'python')), body.boto3File);
    } finally {
      env.shutdown();
    }
  });

  it('Python: the task root comes before the runtime’s boto3, as on Lambda', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-own-boto3-'));
    fs.mkdirSync(path.join(dir, 'boto3'));
    fs.writeFileSync(path.join(dir, 'boto3', '__init__.py'), '__version__ = "0.0.0-own"\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'import boto3\n\ndef handler(event, context):\n    return boto3.__version__\n');
    try {
      engine.defineFunction(functionConfig('own-boto3', dir, { handler: 'app.handler', runtime: 'python3.11' }));
      assert.equal((await invokeJson(engine, 'own-boto3')).body, '0.0.0-own');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runtime-included AWS SDK: installing on demand', function () {
  this.timeout(120_000);
  let engine: Emulator;
  let fresh: string;
  let dir: string;

  beforeEach(async () => {
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-sdk-cache-'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-sdk-fn-'));
    fs.writeFileSync(path.join(dir, 'index.js'), "const { toBase64 } = require('@smithy/util-base64');\nexports.handler = async () => toBase64(Buffer.from('hi'));\n");
    engine = await startTestEngine({ runtimeSdk: { cacheDir: fresh } });
    engine.defineFunction(functionConfig('b64', dir, { runtime: 'nodejs20.x', timeout: 10 }));
  });
  afterEach(async () => {
    await engine.dispose();
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says so in the function log and as a warning before installing, and only once', async () => {
    const warnings: string[] = [];
    engine.on('warning', (m) => warnings.push(m));
    const first = await invokeJson(engine, 'b64');
    assert.equal(first.body, 'aGk=', first.logs);
    assert.match(first.logs, /^Lambda Workbench: installing @smithy\/util-base64 for nodejs20.x functions \(once, into .*\) \.\.\.\nLambda Workbench: installed in [\d.]+ s\.\nINIT_START /);
    assert.ok(warnings.some((w) => w.startsWith('b64: Lambda Workbench: installing @smithy/util-base64')), warnings.join('\n'));
    engine.forceColdStart('b64');
    const second = await invokeJson(engine, 'b64');
    assert.equal(second.body, 'aGk=');
    assert.doesNotMatch(second.logs, /installing/);
  });

  it('an import the source scan cannot see fails like on Lambda once, is installed (announced), then works', async () => {
    fs.writeFileSync(path.join(dir, 'index.js'), "const name = ['@smithy', 'util-base64'].join('/');\nexports.handler = async () => require(name).toBase64(Buffer.from('hi'));\n");
    const installed = new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      engine.on('warning', (m) => {
        seen.push(m);
        if (/installed in/.test(m)) resolve(seen);
      });
    });
    const first = await invokeJson(engine, 'b64');
    assert.equal(first.response.functionError, 'Unhandled');
    assert.equal(first.body.errorType, 'Error');
    assert.match(first.body.errorMessage, /^Cannot find module '@smithy\/util-base64'/);
    const seen = await installed;
    assert.match(seen[0]!, /^b64: Lambda Workbench: installing @smithy\/util-base64 for nodejs20.x functions \(once/);
    // The same warm environment now finds it (NODE_PATH folders are checked at each resolution).
    const second = await invokeJson(engine, 'b64');
    assert.equal(second.response.outcome?.coldStart, false);
    assert.equal(second.body, 'aGk=', second.logs);
  });

  it('reports each install as a job that can be cancelled; a cancelled install leaves nothing behind', async () => {
    const jobs: { what: string; done: Promise<boolean>; cancel: () => void }[] = [];
    engine.runtimeSdk.on('install', (job) => {
      jobs.push(job);
      job.cancel();
    });
    const notes: string[] = [];
    const ok = await engine.runtimeSdk.ensureNode('nodejs20.x', ['@smithy/util-base64'], (m) => notes.push(m));
    assert.equal(ok, false);
    assert.equal(jobs.length, 1);
    assert.match(jobs[0]!.what, /^@smithy\/util-base64 for nodejs20.x functions \(once, into /);
    assert.equal(await jobs[0]!.done, false);
    assert.match(notes.at(-1)!, /was cancelled|cancelled:/);
    assert.ok(!fs.existsSync(path.join(fresh, 'runtime-sdk', 'nodejs', '3.1000.0', 'node_modules', '@smithy', 'util-base64')));
    // Cancelled, not failed: asking again installs it.
    engine.runtimeSdk.removeAllListeners('install');
    assert.equal(await engine.runtimeSdk.ensureNode('nodejs20.x', ['@smithy/util-base64'], () => undefined), true);
  });

  it('without a reachable registry, the function still runs and the log says what to install', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_offline: 'false', npm_config_prefer_online: 'true', npm_config_cache: fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-npm-empty-')) });
    try {
      const r = await invokeJson(engine, 'b64');
      assert.equal(r.response.functionError, 'Unhandled');
      assert.equal(r.body.errorType, 'Runtime.ImportModuleError');
      assert.match(r.logs, /Lambda Workbench: could not install \(npm install .*@smithy\/util-base64.*\): /);
      assert.match(r.logs, /Lambda's nodejs20.x runtime includes @smithy\/util-base64\. Add it to the function's package.json \(npm install @smithy\/util-base64\) or run `lambda-workbench sdk install --runtime nodejs20.x @smithy\/util-base64`/);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
