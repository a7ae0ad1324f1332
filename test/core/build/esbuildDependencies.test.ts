// BuildMethod esbuild with an npm dependency: installed into the state directory first, then bundled from
// the workspace sources (the source map still points at them); the workspace gets no node_modules.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, engineOn, invokeJson, listTree } from './buildWorkspace';

describe('build/esbuild with dependencies', function () {
  this.timeout(120_000);

  it('installs the dependencies, bundles, and reinstalls only when package.json changes', async () => {
    const ws = copyFixture('ts-esbuild');
    const original = listTree(ws);
    const out = path.join(ws, '.lambda-workbench', 'build', 'TsFunction');
    let first = await engineOn(ws);
    try {
      assert.deepEqual(await invokeJson(first.engine, 'ts-deps', { duration: '2m' }), { millis: 120_000, file: path.join(out, 'app.js') });
      // A bundle keeps only what it imports, so dev dependencies are installed too (real projects import packages their dev tooling brings).
      assert.ok(first.progress.some((p) => p.phase === 'step' && p.message.startsWith('npm ci ') && !p.message.includes('--omit=dev')));
      const map = JSON.parse(fs.readFileSync(path.join(out, 'app.js.map'), 'utf8')) as { sources: string[] };
      assert.ok(map.sources.map((s) => path.resolve(out, s)).includes(path.join(ws, 'src', 'app.ts')), map.sources.join());
    } finally {
      await first.engine.dispose();
    }
    assert.deepEqual(listTree(ws), original, 'the workspace is never written');
    first = await engineOn(ws);
    try {
      assert.equal((await invokeJson(first.engine, 'ts-deps')).millis, 3_600_000);
      assert.ok(first.progress.some((p) => p.phase === 'step' && p.message === 'dependencies unchanged'));
      assert.ok(!first.progress.some((p) => p.phase === 'step' && p.message.startsWith('npm')));
    } finally {
      await first.engine.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
