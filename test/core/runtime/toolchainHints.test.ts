// .NET and PowerShell: detected on PATH; where absent the message names exactly what to install, and an
// invoke of a dotnet8 function fails with it. (No .NET or PowerShell on the build machine: the "found"
// branch is exercised with an executable named dotnet/pwsh in a temp PATH, which is all it looks at.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findOnPath, missingToolMessage, powershellHint } from '../../../src/core/runtime/toolchainHints';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

describe('.NET and PowerShell hints', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-hints-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('names the .NET SDK to install when dotnet is absent, and what runs today', () => {
    const m = missingToolMessage('dotnet10', { PATH: tmp });
    assert.match(m, /^The runtime dotnet10 cannot run locally: .* \.NET is not installed: install the \.NET 10 SDK \(https:\/\/learn\.microsoft\.com\/dotnet\/core\/install\/linux; Debian\/Ubuntu: apt-get install dotnet-sdk-10\.0 from packages\.microsoft\.com\)\./);
    assert.match(m, /Amazon\.Lambda\.RuntimeSupport .* Runtime: provided\.al2023\.$/);
    assert.match(missingToolMessage('dotnet6', { PATH: tmp }), /install the \.NET 8 SDK/);
  });

  it('says where dotnet and pwsh were found', () => {
    for (const tool of ['dotnet', 'pwsh']) fs.writeFileSync(path.join(tmp, tool), '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(findOnPath('dotnet', { PATH: tmp }), path.join(tmp, 'dotnet'));
    assert.match(missingToolMessage('dotnet8', { PATH: tmp }), new RegExp(`\\.NET was found at ${path.join(tmp, 'dotnet').replace(/[.]/g, '\\.')}, but class-library handlers`));
    assert.match(powershellHint({ PATH: tmp }), /^PowerShell was found at /);
    assert.match(powershellHint({ PATH: path.join(tmp, 'none') }), /^PowerShell \(pwsh\) is not installed: install PowerShell 7/);
  });

  it('fails a dotnet8 invoke with the message for this machine', async () => {
    const engine = await startTestEngine();
    try {
      engine.defineFunction(functionConfig('cs', fixture('node-handlers'), { runtime: 'dotnet8', handler: 'App::App.Function::Handler' }));
      const { body } = await invokeJson(engine, 'cs');
      assert.match(body.errorMessage, findOnPath('dotnet') ? /\.NET was found at / : /\.NET is not installed: install the \.NET 8 SDK/);
    } finally {
      await engine.dispose();
    }
  });
});
