// Under the debugger the runtime's AWS SDK is there too (issue 12): the adapter starts environments through
// the engine's own launch path, so boto3 imports under debugpy's /usr/bin/python3 and an ES module imports
// @aws-sdk/* through the resolve hook under --inspect-brk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { fixture } from '../support/engine';
import { sharedSdkCache } from '../support/sdkCache';
import { finish, invocationResult, launch, OutputLog, startClient } from './support';

describe('debug adapter: the runtime-included AWS SDK', function () {
  this.timeout(240_000);
  let dc: DebugClient;
  let ws: string;
  const saved = process.env.LAMBDA_WORKBENCH_CACHE;

  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-dbg-sdk-'));
    fs.cpSync(fixture('runtime-sdk'), ws, { recursive: true });
    // The adapter process inherits this: it uses the tests' shared SDK cache.
    process.env.LAMBDA_WORKBENCH_CACHE = sharedSdkCache();
  });
  after(() => {
    if (saved === undefined) delete process.env.LAMBDA_WORKBENCH_CACHE;
    else process.env.LAMBDA_WORKBENCH_CACHE = saved;
    fs.rmSync(ws, { recursive: true, force: true });
  });
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await finish(dc);
  });

  it('Python: boto3 imports under debugpy’s interpreter', async () => {
    const done = dc.waitForEvent('lambdaInvocation');
    await launch(dc, { handler: 'reports.handler', runtime: 'python3.11', codeUri: path.join(ws, 'python'), event: {} });
    const result = await invocationResult(dc, done);
    const body = JSON.parse(result.payload) as { boto3: string; boto3File: string; python: string };
    assert.equal(result.errorType, undefined, result.payload);
    assert.equal(body.boto3, '1.43.11');
    assert.ok(body.boto3File.startsWith(path.join(sharedSdkCache(), 'runtime-sdk', 'python')), body.boto3File);
    // debugpy comes from apt here, importable only by Debian's interpreter, which has no boto3 of its own worth trusting.
    assert.match(body.python, /^\/usr\/bin\/python3/);
  });

  it('Node: an ES module imports @aws-sdk/client-dynamodb under the inspector', async () => {
    const done = dc.waitForEvent('lambdaInvocation');
    await launch(dc, { handler: 'app.handler', runtime: 'nodejs22.x', codeUri: path.join(ws, 'node-esm'), event: {} });
    const result = await invocationResult(dc, done);
    assert.equal(result.errorType, undefined, result.payload);
    const body = JSON.parse(result.payload) as { clientIsClass: boolean; resolvedFrom: string };
    assert.equal(body.clientIsClass, true);
    assert.ok(body.resolvedFrom.includes('/runtime-sdk/nodejs/3.1000.0/node_modules/@aws-sdk/client-dynamodb/'), body.resolvedFrom);
  });
});

describe('debug adapter: a first-time SDK install before the debuggee starts', function () {
  this.timeout(120_000);
  let dc: DebugClient;
  let cache: string;
  let code: string;
  const saved = process.env.LAMBDA_WORKBENCH_CACHE;

  before(async () => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-dbg-fresh-cache-'));
    code = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-dbg-fresh-code-'));
    fs.writeFileSync(path.join(code, 'index.js'), "const { toBase64 } = require('@smithy/util-base64');\nexports.handler = async () => toBase64(Buffer.from('dbg'));\n");
    process.env.LAMBDA_WORKBENCH_CACHE = cache;
    dc = await startClient();
  });
  after(async () => {
    await finish(dc);
    if (saved === undefined) delete process.env.LAMBDA_WORKBENCH_CACHE;
    else process.env.LAMBDA_WORKBENCH_CACHE = saved;
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(code, { recursive: true, force: true });
  });

  it('says so in the Debug Console, outside the attach timeout, then runs', async () => {
    const output = new OutputLog(dc);
    const done = dc.waitForEvent('lambdaInvocation');
    await launch(dc, { handler: 'index.handler', runtime: 'nodejs20.x', codeUri: code, event: {} });
    const result = await invocationResult(dc, done);
    assert.equal(result.payload, '"ZGJn"');
    const note = await output.waitFor(/Lambda Workbench: installing @smithy\/util-base64 for nodejs20.x functions \(once/);
    assert.equal(note.body.category, 'console');
  });
});
