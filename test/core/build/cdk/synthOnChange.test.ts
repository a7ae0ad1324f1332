// A real CDK app (aws-cdk-lib and aws-cdk from the registry) synthesized by the engine: the first synth of
// a never-synthesized app, NodejsFunction bundled by the engine's esbuild (no Docker, source map added),
// every function of the assembly invoked, then a saved change to a TypeScript source re-synthesized and
// running, and a broken app reported with the CLI's output while the last good code keeps running.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesizeIfMissing, type SynthProgress } from '../../../../src/core/build/cdk';
import { copyCdkApp } from '../../../support/cdkApp';
import { invokeJson, startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent } from '../../../support/wait';

describe('CDK synth on change', function () {
  this.timeout(240_000);
  let app: string;
  let engine: TestEngine | undefined;
  const progress: SynthProgress[] = [];
  before(async () => {
    app = copyCdkApp();
    const first = await synthesizeIfMissing(app);
    assert.ok(first, 'a never-synthesized app is synthesized');
    assert.equal(first.manifest, path.join(app, 'cdk.out', 'manifest.json'));
    assert.ok(first.result.notes.some((n) => /engine's esbuild/.test(n)), first.result.notes.join('\n'));
    engine = await startTestEngine({ workspaceDir: app });
    engine.on('synth', (p: SynthProgress) => progress.push(p));
    await engine.loadTemplate({ templatePath: first.manifest, watch: true, dotEnvFile: false });
  });
  after(async () => {
    await engine?.dispose();
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('loads every function of the synthesized app, nested stack included, and runs each', async () => {
    const paths = engine!.listFunctions().map((e) => e.spec?.constructPath).sort();
    assert.deepEqual(paths, ['ShopStack/Api', 'ShopStack/Hello', 'ShopStack/Report', 'ShopStack/Workers/Worker']);
    assert.ok(engine!.synthesizes);
    const api = await invokeJson(engine!, 'ShopStack/Api', { path: '/items', queryStringParameters: { name: 'Ada' } });
    assert.equal(api.response.functionError, undefined, api.text);
    assert.deepEqual(JSON.parse(api.body.body), { message: 'hello, Ada', path: '/items' });
    const hello = await invokeJson(engine!, 'ShopStack/Hello', { name: 'Grace' });
    assert.deepEqual(hello.body, { message: 'hello from the layer, Grace', version: 1 });
    // A DockerImageFunction runs from its image asset's Dockerfile, mapped without Docker.
    const report = await invokeJson(engine!, 'ShopStack/Report', {});
    assert.deepEqual(report.body, { title: 'Daily report', image: true }, report.text);
    const worker = await invokeJson(engine!, 'ShopStack/Workers/Worker', { Records: [{ body: '{"id":1}' }, { body: 'plain' }] });
    assert.equal(worker.body.processed, 2, worker.text);
    // Editor features find each handler in the app's own files, not in the cdk.out copies.
    const sources = Object.fromEntries(engine!.listFunctions().map((e) => [e.spec?.constructPath, e.spec?.appSource]));
    assert.deepEqual(sources, {
      'ShopStack/Api': { file: path.join(app, 'src', 'api.ts'), exportName: 'handler' },
      'ShopStack/Hello': { file: path.join(app, 'functions', 'hello', 'index.js'), exportName: 'handler' },
      'ShopStack/Report': undefined,
      'ShopStack/Workers/Worker': { file: path.join(app, 'functions', 'worker', 'app.py'), exportName: 'handler' },
    });
    // CDK's bundle of the TypeScript handler got a source map from the engine's esbuild, pointing at the app's source.
    const apiDir = engine!.listFunctions().find((e) => e.spec?.constructPath === 'ShopStack/Api')!.spec!.codeDir;
    const map = JSON.parse(fs.readFileSync(path.join(apiDir, 'index.js.map'), 'utf8')) as { sources: string[] };
    assert.ok(map.sources.map((s) => path.resolve(apiDir, s)).includes(path.join(app, 'src', 'api.ts')), map.sources.join(', '));
  });

  it('synthesizes again when a source is saved, and the next invoke runs the change', async () => {
    const done = nextEvent<[SynthProgress]>(engine!, 'synth', (p) => p.phase === 'done' || p.phase === 'failed', 120_000);
    const file = path.join(app, 'src', 'greeting.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('`${greeting}, ${name}`', '`${greeting}, ${name}!`'));
    const [p] = await done;
    assert.equal(p.phase, 'done', p.message);
    assert.ok(progress.some((x) => x.phase === 'start' && x.message.includes(path.join('src', 'greeting.ts'))), progress.map((x) => x.message).join('\n'));
    await engine!.template!.settled();
    // The project watcher reloads the rewritten manifest: wait for the function's new code to be in place.
    for (let i = 0; i < 50; i++) {
      const r = await invokeJson(engine!, 'ShopStack/Api', { queryStringParameters: { name: 'Ada' } });
      if (JSON.parse(r.body.body).message === 'hello, Ada!') return;
      await nextEvent(engine!.template!, 'loaded', () => true, 20_000);
    }
    assert.fail('the change never reached the function');
  });

  it('reports a failed synth with the CLI output and the command, and keeps the last good code running', async () => {
    const failed = nextEvent<[SynthProgress]>(engine!, 'synth', (p) => p.phase === 'failed' || p.phase === 'done', 120_000);
    fs.appendFileSync(path.join(app, 'app.js'), '\nthrow new Error("broken on purpose");\n');
    const [p] = await failed;
    assert.equal(p.phase, 'failed');
    assert.match(p.message, /cdk synth failed/);
    assert.match(p.message, /broken on purpose/);
    assert.match(p.message, /To reproduce it: cd .* && npx cdk synth/);
    const r = await invokeJson(engine!, 'ShopStack/Api', { queryStringParameters: { name: 'Ada' } });
    assert.equal(JSON.parse(r.body.body).message, 'hello, Ada!');
  });
});
