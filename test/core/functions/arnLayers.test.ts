// Layers named by ARN (issue 12): a private layer is fetched once with GetLayerVersion (against a protocol-
// level stand-in for the Lambda API that checks each request as the API reference documents it) and works
// offline afterwards; without credentials a warning names the layer and the function still runs; AWS's
// Powertools layers come from npm and PyPI.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { fixture, invokeJson, startTestEngine } from '../../support/engine';
import { sharedSdkCache } from '../../support/sdkCache';

const LAYER = 'arn:aws:lambda:us-east-1:123456789012:layer:shared-utils';

/** A stand-in for the Lambda API's GetLayerVersion and the S3 URL its Content.Location points at. */
async function layerApi(zip: Buffer): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/content/layer.zip') {
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length });
      return void res.end(zip);
    }
    // GET /2018-10-31/layers/{LayerName}/versions/{VersionNumber}, SigV4-signed for service "lambda".
    const m = /^\/2018-10-31\/layers\/([^/]+)\/versions\/(\d+)$/.exec(url.pathname);
    const auth = String(req.headers.authorization ?? '');
    const problems: string[] = [];
    if (req.method !== 'GET' || !m) problems.push(`unexpected ${req.method} ${url.pathname}`);
    if (m && !/^(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+|[a-zA-Z0-9-_]+)$/.test(decodeURIComponent(m[1]!))) problems.push(`LayerName ${m[1]}`);
    if (!/^AWS4-HMAC-SHA256 Credential=AKIDLAYERS\/\d{8}\/us-east-1\/lambda\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/.test(auth)) problems.push(`Authorization ${auth}`);
    if (!/^\d{8}T\d{6}Z$/.test(String(req.headers['x-amz-date'] ?? ''))) problems.push('X-Amz-Date');
    if (problems.length) {
      res.writeHead(400, { 'Content-Type': 'application/json', 'x-amzn-errortype': 'InvalidParameterValueException' });
      return void res.end(JSON.stringify({ Type: 'User', message: problems.join('; ') }));
    }
    const name = decodeURIComponent(m![1]!);
    if (name !== LAYER || m![2] !== '3') {
      res.writeHead(404, { 'Content-Type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      return void res.end(JSON.stringify({ Type: 'User', message: 'The resource you requested does not exist.' }));
    }
    const port = (server.address() as AddressInfo).port;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({
      Content: { Location: `http://127.0.0.1:${port}/content/layer.zip`, CodeSha256: 'x', CodeSize: zip.length },
      LayerArn: LAYER, LayerVersionArn: `${LAYER}:3`, Description: '', CreatedDate: '2026-01-01T00:00:00.000+0000', Version: 3,
      CompatibleRuntimes: ['nodejs20.x'],
    }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

function layerZip(): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-layer-src-'));
  const pkg = path.join(dir, 'nodejs', 'node_modules', 'shared-utils');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"shared-utils","version":"1.0.0","main":"index.js"}');
  fs.writeFileSync(path.join(pkg, 'index.js'), 'exports.greet = (n) => `Hello ${n} from the layer`;\n');
  // Python's zipfile (always here; the `zip` program may not be) writes an ordinary deflated archive.
  execFileSync('python3', ['-m', 'zipfile', '-c', path.join(dir, 'layer.zip'), 'nodejs'], { cwd: dir });
  const zip = fs.readFileSync(path.join(dir, 'layer.zip'));
  fs.rmSync(dir, { recursive: true, force: true });
  return zip;
}

describe('layers referenced by ARN', function () {
  this.timeout(240_000);
  const saved = { ...process.env };
  let cache: string;
  let home: string;
  const restore = (): void => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  };
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-layer-cache-'));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-layer-home-'));
    // No developer configuration leaks in: credentials only as each test sets them.
    Object.assign(process.env, { LAMBDA_WORKBENCH_CACHE: cache, AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });
  afterEach(() => {
    restore();
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function engineWith(endpoint: string, warnings: string[]): Promise<Emulator> {
    const engine = await startTestEngine({ runtimeSdk: { cacheDir: sharedSdkCache() } });
    engine.on('warning', (m) => warnings.push(m));
    await engine.loadTemplate({ templatePath: fixture('arn-layers', 'template.yaml'), layerEndpoint: endpoint });
    return engine;
  }

  it('fetches a private layer once with GetLayerVersion, then runs offline from the cache', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDLAYERS', AWS_SECRET_ACCESS_KEY: 'secret' });
    const api = await layerApi(layerZip());
    const warnings: string[] = [];
    let engine = await engineWith(api.url, warnings);
    try {
      assert.deepEqual(api.requests.slice(0, 2), [`GET /2018-10-31/layers/${encodeURIComponent(LAYER)}/versions/3`, 'GET /content/layer.zip']);
      assert.ok(warnings.some((w) => w === `Fetching layer ${LAYER}:3 with your AWS credentials (GetLayerVersion, once) ...`), warnings.join('\n'));
      const { body, response } = await invokeJson(engine, 'uses-shared-layer', { name: 'Ada' });
      assert.equal(response.functionError, undefined, JSON.stringify(body));
      assert.deepEqual(body, { message: 'Hello Ada from the layer' });
    } finally {
      await engine.dispose();
      await api.close();
    }
    // The API is gone and there are no credentials: the cached copy is used.
    delete process.env.AWS_ACCESS_KEY_ID;
    const offline: string[] = [];
    engine = await engineWith('http://127.0.0.1:9', offline);
    try {
      assert.ok(!offline.some((w) => w.includes('shared-utils')), offline.join('\n'));
      assert.deepEqual((await invokeJson(engine, 'uses-shared-layer', { name: 'Bo' })).body, { message: 'Hello Bo from the layer' });
    } finally {
      await engine.dispose();
    }
  });

  it('without credentials, a warning names the layer and the function still runs', async () => {
    const warnings: string[] = [];
    const engine = await engineWith('http://127.0.0.1:9', warnings);
    try {
      assert.ok(warnings.some((w) => w.startsWith(`Layer ${LAYER}:3 is not available locally: no AWS credentials were found to call GetLayerVersion`) && w.endsWith('The function runs without it.')), warnings.join('\n'));
      const problems = engine.template!.project!.problems.filter((p) => p.code === 'layer-arn-pending');
      assert.equal(problems[0]?.severity, 'warning');
      const { body, response } = await invokeJson(engine, 'uses-shared-layer');
      assert.equal(response.functionError, 'Unhandled');
      assert.equal(body.errorType, 'Runtime.ImportModuleError');
      assert.match(body.errorMessage, /Cannot find module 'shared-utils'/);
    } finally {
      await engine.dispose();
    }
  });

  it('rebuilds AWS’s Powertools layers from npm (TypeScript) and PyPI (Python)', async () => {
    process.env.LAMBDA_WORKBENCH_CACHE = path.join(sharedSdkCache(), 'layers-cache');
    const warnings: string[] = [];
    const engine = await engineWith('http://127.0.0.1:9', warnings);
    try {
      const ts = await invokeJson(engine, 'powertools-ts');
      assert.equal(ts.response.functionError, undefined, JSON.stringify(ts.body) + ts.logs);
      assert.equal(ts.body.logger, 'function');
      assert.match(ts.body.resolvedFrom, /layers\/us-east-1\/094274105915\/AWSLambdaPowertoolsTypeScriptV2\/24\/nodejs\/node_modules\/@aws-lambda-powertools\/logger\//);
      assert.match(ts.logs, /"message":"handled"/);
      const py = await invokeJson(engine, 'powertools-py');
      assert.equal(py.response.functionError, undefined, JSON.stringify(py.body) + py.logs);
      assert.match(py.body.powertools, /layers\/us-east-1\/017000801446\/AWSLambdaPowertoolsPythonV3-python311-x86_64\/7\/python\/aws_lambda_powertools\/__init__\.py$/);
    } finally {
      await engine.dispose();
    }
  });
});
