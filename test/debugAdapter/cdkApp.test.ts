// A CDK NodejsFunction debugged from its TypeScript source: the app is synthesized (the engine's esbuild
// adds the source map to CDK's bundle), launched by construct path, and the breakpoint set in the app's
// src/api.ts binds in the cdk.out bundle and stops there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { synthesizeIfMissing } from '../../src/core/build/cdk';
import { copyCdkApp } from '../support/cdkApp';
import { finish, invocationResult, launch, lineOf, OutputLog, startClient, stopped } from './support';

describe('debug adapter: CDK NodejsFunction', function () {
  this.timeout(180_000);
  let app: string;
  let dc: DebugClient | undefined;
  before(async () => {
    app = copyCdkApp();
    assert.ok(await synthesizeIfMissing(app));
  });
  after(() => fs.rmSync(app, { recursive: true, force: true }));
  afterEach(async () => {
    if (dc) await finish(dc);
    dc = undefined;
  });

  it('stops at a breakpoint in the app\'s TypeScript source of a function launched by construct path', async () => {
    dc = await startClient();
    const source = path.join(app, 'src', 'api.ts');
    const stop = dc.waitForEvent('stopped');
    const [bps] = await launch(dc, { template: path.join(app, 'cdk.out'), function: 'ShopStack/Api', event: { queryStringParameters: { name: 'Lin' } } }, [{ path: source, breakpoints: [{ line: lineOf(source, 'api') }] }]);
    // Found through the map beside CDK's bundle: set on the bundle's URL, bound when it loads.
    assert.ok(bps?.[0]?.verified || /index\.js has not loaded yet/.test(bps?.[0]?.message ?? ''), JSON.stringify(bps));
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.source?.path, source);
    assert.equal(frames[0]?.line, lineOf(source, 'api'));
    const name = await dc.evaluateRequest({ expression: 'name', frameId: frames[0]?.id ?? 0, context: 'hover' });
    assert.equal(name.body.result, '"Lin"');
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.equal(JSON.parse(JSON.parse((await invocationResult(dc, done)).payload).body).message, 'hello, Lin');
  });

  it('debugs its own esbuild build of the entry when CDK\'s bundle has no source map', async () => {
    // As when the app bundles with its own esbuild and no `sourceMap: true`.
    const asset = fs.readdirSync(path.join(app, 'cdk.out')).map((d) => path.join(app, 'cdk.out', d)).find((d) => fs.existsSync(path.join(d, 'index.js.map')));
    assert.ok(asset, 'the synth left a mapped bundle');
    fs.rmSync(path.join(asset, 'index.js.map'));
    fs.writeFileSync(path.join(asset, 'index.js'), fs.readFileSync(path.join(asset, 'index.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
    dc = await startClient();
    const output = new OutputLog(dc);
    const source = path.join(app, 'src', 'api.ts');
    const stop = dc.waitForEvent('stopped');
    await launch(dc, { template: path.join(app, 'cdk.out'), function: 'ShopStack/Api', event: { queryStringParameters: { name: 'Kay' } } }, [{ path: source, breakpoints: [{ line: lineOf(source, 'api') }] }]);
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.source?.path, source);
    assert.equal(frames[0]?.line, lineOf(source, 'api'));
    await output.waitFor(/has no source map .*debugging the engine's esbuild build of .*api\.ts/);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.equal(JSON.parse(JSON.parse((await invocationResult(dc, done)).payload).body).message, 'hello, Kay');
  });
});
