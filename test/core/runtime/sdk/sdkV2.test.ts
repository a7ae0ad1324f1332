// The AWS SDK for JavaScript v2 (`aws-sdk`): the retired nodejs16.x and older runtimes included it, so
// their functions get the pinned copy; nodejs18.x+ do not, so the function fails exactly as on Lambda and
// the log adds a line that says what to do.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../../../../src/core/emulator';
import { NODE_SDK_V2_VERSION } from '../../../../src/core/runtime/sdk/sdkVersions';
import { functionConfig, invokeJson, startTestEngine } from '../../../support/engine';
import { sharedSdkCache } from '../../../support/sdkCache';

describe('AWS SDK for JavaScript v2 (aws-sdk)', function () {
  // The first run on a machine fetches aws-sdk once into the shared test cache.
  this.timeout(300_000);
  let engine: Emulator;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-sdk-v2-'));
    fs.writeFileSync(path.join(dir, 'app.js'), [
      "const AWS = require('aws-sdk');",
      "const s3 = new AWS.S3({ region: 'us-east-1' });",
      'exports.handler = async () => ({ version: AWS.VERSION, service: s3.api.serviceId });',
      '',
    ].join('\n'));
    engine = await startTestEngine({ runtimeSdk: { cacheDir: sharedSdkCache() } });
    engine.defineFunction(functionConfig('legacy', dir, { runtime: 'nodejs16.x', handler: 'app.handler', timeout: 30 }));
    engine.defineFunction(functionConfig('modern', dir, { runtime: 'nodejs20.x', handler: 'app.handler', timeout: 10 }));
  });
  after(async () => {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('nodejs16.x: require("aws-sdk") gets the release that runtime included', async () => {
    const r = await invokeJson(engine, 'legacy');
    assert.equal(r.response.functionError, undefined, r.logs);
    assert.deepEqual(r.body, { version: NODE_SDK_V2_VERSION, service: 'S3' });
  });

  it('nodejs20.x: Lambda’s exact ImportModuleError payload, and a log line after it that says what to do', async () => {
    const r = await invokeJson(engine, 'modern');
    assert.equal(r.response.functionError, 'Unhandled');
    assert.equal(r.body.errorType, 'Runtime.ImportModuleError');
    assert.match(r.body.errorMessage, /^Error: Cannot find module 'aws-sdk'\nRequire stack:\n- /);
    assert.doesNotMatch(JSON.stringify(r.body), /Lambda Workbench/);
    assert.match(r.logs, /Uncaught Exception \t\{"errorType":"Runtime.ImportModuleError".*\n.*Lambda Workbench: nodejs20.x includes the AWS SDK for JavaScript v3 \(@aws-sdk\/\*\), not v2 \('aws-sdk'\).*npm install aws-sdk/);
  });
});
