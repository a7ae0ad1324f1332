// npm builds with real npm against the registry: npm ci with a lockfile, npm install without one, a layer
// with a BuildMethod, dev dependencies left out, the workspace never written, a failed build explained,
// and the cached path (a second engine builds nothing).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError } from '../../../src/core/errors';
import { copyFixture, engineOn, invokeJson, listTree } from './buildWorkspace';

describe('build/npm', function () {
  this.timeout(180_000);
  let ws: string;
  let original: string[];

  before(() => {
    ws = copyFixture('node-app');
    original = listTree(ws);
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('installs dependencies before the first invoke and runs the function from its build directory', async () => {
    const { engine, phases, progress } = await engineOn(ws);
    try {
      const withLock = await invokeJson(engine, 'with-lock', { duration: '1m' });
      assert.equal(withLock.timeout, 60_000);
      assert.equal(withLock.from, path.join(ws, '.lambda-workbench', 'build', 'WithLockFunction', 'node_modules', 'ms', 'index.js'));
      // The lockfile path is `npm ci`, and dev dependencies are left out.
      assert.ok(progress.some((p) => p.logicalId === 'WithLockFunction' && p.phase === 'step' && p.message.startsWith('npm ci --omit=dev')));
      assert.equal(fs.existsSync(path.join(ws, '.lambda-workbench', 'build', 'WithLockFunction', 'node_modules', 'is-odd')), false);
      // Without a lockfile: npm install; `ms` comes from the built layer (/opt/nodejs/node_modules).
      assert.deepEqual(await invokeJson(engine, 'no-lock', { value: 'x' }), { isNumber: false, ms: '2s' });
      assert.ok(progress.some((p) => p.logicalId === 'NoLockFunction' && p.phase === 'step' && p.message.startsWith('npm install --omit=dev')));
      assert.ok(fs.existsSync(path.join(ws, '.lambda-workbench', 'build', 'SharedLayer', 'nodejs', 'node_modules', 'ms', 'package.json')));
      assert.deepEqual(phases('built').sort(), ['NoLockFunction', 'SharedLayer', 'WithLockFunction']);
      // file:../shared-lib: a copy in the build (not a link into the workspace), with its own dependency.
      const local = await invokeJson(engine, 'local-dep', { value: 'x' });
      assert.deepEqual(local, { text: 'x is not a number', from: path.join(ws, '.lambda-workbench', 'build', 'LocalDepFunction', 'node_modules', 'shared-lib', 'index.js') });
      assert.equal(fs.lstatSync(path.join(ws, '.lambda-workbench', 'build', 'LocalDepFunction', 'node_modules', 'shared-lib')).isSymbolicLink(), false);
      // Invoking again builds nothing more; a function with the same CodeUri shares the build.
      await invokeJson(engine, 'with-lock');
      assert.equal((await invokeJson(engine, 'with-lock-twin')).from, withLock.from);
      assert.equal(phases('start').length, 4);
    } finally {
      await engine.dispose();
    }
    assert.deepEqual(listTree(ws), original, 'the workspace is never written');
  });

  it('answers the invoke of a function whose build fails with the npm output and the command to reproduce it', async () => {
    const { engine, phases } = await engineOn(ws);
    try {
      for (let i = 0; i < 2; i++) {
        await assert.rejects(engine.invoke({ functionName: 'broken', payload: Buffer.from('{}') }), (e: unknown) => {
          assert.ok(e instanceof ApiError);
          assert.equal(e.type, 'ResourceConflictException');
          assert.match(e.message, /Build of BrokenFunction failed: npm could not find lambda-workbench-no-such-package-xyz@1\.0\.0 in the registry/);
          assert.match(e.message, /\| npm error 404/);
          assert.match(e.message, /To reproduce it: cd \S+\/\.lambda-workbench\/build\/\.work\/BrokenFunction\/stage && npm install --omit=dev/);
          return true;
        });
      }
      // The second invoke reports the same failure without running npm again.
      assert.deepEqual(phases('failed'), ['BrokenFunction']);
    } finally {
      await engine.dispose();
    }
  });

  it('finds the builds current in a new engine (cached by the hash of their inputs) and rebuilds when a source changes', async () => {
    const { engine, phases } = await engineOn(ws, true);
    try {
      assert.equal((await invokeJson(engine, 'with-lock')).timeout, 172_800_000);
      assert.deepEqual(await invokeJson(engine, 'no-lock'), { isNumber: true, ms: '2s' });
      assert.deepEqual(phases('cached').sort(), ['NoLockFunction', 'SharedLayer', 'WithLockFunction']);
      assert.deepEqual(phases('start'), []);
      const changed = new Promise<void>((resolve) => engine.once('functionsChanged', () => resolve()));
      fs.writeFileSync(path.join(ws, 'lock', 'app.js'), `const ms = require('ms');\nexports.handler = async () => ({ timeout: ms('1s'), edited: true });\n`);
      await changed;
      assert.deepEqual(await invokeJson(engine, 'with-lock'), { timeout: 1000, edited: true });
      assert.deepEqual(phases('built'), ['WithLockFunction']);
    } finally {
      await engine.dispose();
    }
  });
});
