// A dependency that expects the runtime's SDK (a required peer dependency, as amazon-qldb-driver-nodejs has
// on @aws-sdk/client-qldb) gets it installed before the first run, so a one-shot invoke succeeds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../../../../src/core/emulator';
import { dependencySdkNeeds } from '../../../../src/core/runtime/sdk/dependencyScan';
import { functionConfig, invokeJson, startTestEngine } from '../../../support/engine';

function writePackage(root: string, name: string, manifest: object, main?: string): void {
  const dir = path.join(root, 'node_modules', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
  if (main) fs.writeFileSync(path.join(dir, 'index.js'), main);
}

describe('runtime SDK needs of installed dependencies', function () {
  this.timeout(120_000);
  let dir: string;
  let fresh: string;
  let engine: Emulator | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-sdk-dep-'));
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-sdk-cache-'));
    // A driver whose code requires the SDK it lists as a peer: the function's own sources never name it.
    writePackage(dir, 'ledger-driver', { peerDependencies: { '@smithy/util-base64': '^4.0.0', 'left-pad': '*' } },
      "const { toBase64 } = require('@smithy/util-base64');\nexports.encode = (s) => toBase64(Buffer.from(s));\n");
    writePackage(dir, '@acme/metrics', { peerDependencies: { '@aws-sdk/client-cloudwatch': '^3' }, peerDependenciesMeta: { '@aws-sdk/client-cloudwatch': { optional: true } }, dependencies: { '@aws-sdk/client-sts': '^3' } });
    fs.writeFileSync(path.join(dir, 'index.js'), "const driver = require('ledger-driver');\nexports.handler = async () => driver.encode('hi');\n");
  });
  afterEach(async () => {
    await engine?.dispose();
    engine = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(fresh, { recursive: true, force: true });
  });

  it('reads required peers and @aws-sdk dependencies, skips optional peers and other packages', () => {
    assert.deepEqual(dependencySdkNeeds(dir, []), ['@aws-sdk/client-sts', '@smithy/util-base64']);
  });

  it('a layer’s nodejs/node_modules counts too', () => {
    const layer = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-sdk-layer-'));
    try {
      writePackage(path.join(layer, 'nodejs'), 'qldb-like', { peerDependencies: { '@aws-sdk/client-qldb-session': '^3' } });
      assert.deepEqual(dependencySdkNeeds(fs.mkdtempSync(path.join(layer, 'fn-')), [layer]), ['@aws-sdk/client-qldb-session']);
    } finally {
      fs.rmSync(layer, { recursive: true, force: true });
    }
  });

  it('installs a dependency’s peer SDK package before the first run, so the first invoke works', async () => {
    fs.rmSync(path.join(dir, 'node_modules', '@acme'), { recursive: true });
    engine = await startTestEngine({ runtimeSdk: { cacheDir: fresh } });
    engine.defineFunction(functionConfig('ledger', dir, { runtime: 'nodejs20.x', timeout: 10 }));
    const first = await invokeJson(engine, 'ledger');
    assert.equal(first.response.functionError, undefined, first.logs);
    assert.equal(first.body, 'aGk=', first.logs);
    assert.match(first.logs, /^Lambda Workbench: installing @smithy\/util-base64 for nodejs20.x functions \(once, into .*\) \.\.\.\nLambda Workbench: installed in [\d.]+ s\.\nINIT_START /);
  });
});
