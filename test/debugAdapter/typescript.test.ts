// TypeScript through source maps: breakpoints in .ts sources bind in the engine's esbuild bundle,
// frames and log call sites show the .ts lines, and lines without code are reported unverified.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { build } from 'esbuild';
import { invocationResult, launch, lineOf, OutputLog, stopped, useAdapterSessions } from './support';

describe('debug adapter: TypeScript bundle', function () {
  this.timeout(60_000);
  let ws: string;
  let dc: DebugClient;
  let app: string;
  let shout: string;

  useAdapterSessions(
    (w) => {
      ws = w;
      app = path.join(ws, 'ts', 'src', 'app.ts');
      shout = path.join(ws, 'ts', 'src', 'shout.ts');
    },
    (c) => (dc = c),
  );

  it('binds .ts breakpoints in the bundle and reports .ts frames', async () => {
    const stop = dc.waitForEvent('stopped');
    const [appBps, shoutBps] = await launch(dc, { template: path.join(ws, 'ts', 'template.yaml'), function: 'Shout', event: { name: 'ada' } }, [
      { path: app, breakpoints: [{ line: lineOf(app, 'interface') }, { line: lineOf(app, 'handler') }] },
      { path: shout, breakpoints: [{ line: lineOf(shout, 'shout') }] },
    ]);
    assert.equal(appBps?.[0]?.verified, false, 'a line with only types has no code');
    assert.match(appBps?.[0]?.message ?? '', /No code was generated for line \d+ of app\.ts/);
    assert.equal(shoutBps?.length, 1);
    const first = await stopped(dc, stop);
    assert.equal(first.frames[0]?.source?.path, app);
    assert.equal(first.frames[0]?.line, lineOf(app, 'handler'));
    const next = dc.waitForEvent('stopped');
    await dc.continueRequest({ threadId: 1 });
    const second = await stopped(dc, next);
    assert.equal(second.frames[0]?.source?.path, shout);
    assert.equal(second.frames[0]?.line, lineOf(shout, 'shout'));
    assert.equal(second.frames[0]?.name, 'shout');
    assert.equal(second.frames[1]?.source?.path, app, 'the caller frame maps to app.ts too');
    assert.equal(second.frames[1]?.line, lineOf(app, 'handler'));
    const text = await dc.evaluateRequest({ expression: 'text', frameId: second.frames[0]?.id ?? 0, context: 'hover' });
    assert.equal(text.body.result, '"ada"');
    const output = new OutputLog(dc);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.deepEqual(JSON.parse((await invocationResult(dc, done)).payload), { loud: 'ADA!' });
    const logged = await output.waitFor(/INFO\tshouted ADA!/);
    assert.equal(logged.body.source?.path, app, 'the log line points at the .ts source');
    assert.equal(logged.body.line, lineOf(app, 'log'));
    const loaded = await dc.customRequest('loadedSources');
    const paths = (loaded.body as { sources: { path?: string }[] }).sources.map((s) => s.path);
    assert.ok(paths.includes(app) && paths.includes(shout), `loaded sources: ${paths.join(', ')}`);
  });

  it('binds through an inline source map (template-less, bundled by hand)', async () => {
    const out = path.join(ws, 'inline');
    await build({ entryPoints: [app], bundle: true, platform: 'node', format: 'cjs', sourcemap: 'inline', outfile: path.join(out, 'app.js'), logLevel: 'silent' });
    assert.ok(!fs.existsSync(path.join(out, 'app.js.map')), 'the map is inline');
    const stop = dc.waitForEvent('stopped');
    await launch(dc, { handler: 'app.handler', runtime: 'nodejs20.x', codeUri: out, event: { name: 'bo' } }, [{ path: shout, breakpoints: [{ line: lineOf(shout, 'shout') }] }]);
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.source?.path, shout);
    assert.equal(frames[0]?.line, lineOf(shout, 'shout'));
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    assert.deepEqual(JSON.parse((await invocationResult(dc, done)).payload), { loud: 'BO!' });
  });
});
