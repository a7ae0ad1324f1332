// Content-addressed snapshots: each distinct file is stored once, snapshots are immutable copies that
// keep execute bits, unchanged trees reuse their snapshot, and garbage collection keeps what is live.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeSnapshots } from '../../../src/core/state/codeSnapshots';
import { CodeHasher } from '../../../src/core/project';
import { newWorkspace, removeWorkspaces } from '../management/managementFixtures';

describe('code snapshots', () => {
  afterEach(removeWorkspaces);

  function setup(): { src: string; store: CodeSnapshots } {
    const files: Record<string, string> = { 'index.js': 'exports.handler = 1;', 'bootstrap': '#!/bin/sh\necho hi\n' };
    for (let i = 0; i < 20; i++) files[`lib/f${i}.txt`] = `file ${i}\n`.repeat(100);
    files['lib/dup.txt'] = files['lib/f0.txt'] as string;
    const src = newWorkspace(files);
    fs.chmodSync(path.join(src, 'bootstrap'), 0o755);
    return { src, store: new CodeSnapshots(path.join(newWorkspace(), 'functions')) };
  }
  const objects = (s: CodeSnapshots): string[] => fs.readdirSync(s.objectsDir);

  it('stores each distinct content once and reuses an unchanged tree', async () => {
    const { src, store } = setup();
    const a = await store.snapshotDirs([src]);
    assert.equal(a.codeSha256, await new CodeHasher().hash([src]));
    assert.equal(objects(store).length, 22, '23 files, two with the same content');
    assert.equal(await new CodeHasher().hash([store.codeDir(a.key)]), a.codeSha256, 'the snapshot holds exactly the hashed files');
    const again = await store.snapshotDirs([src]);
    assert.equal(again.key, a.key);
    assert.equal(fs.readdirSync(store.snapshotsDir).length, 1);
    fs.writeFileSync(path.join(src, 'lib/f3.txt'), 'changed');
    const b = await store.snapshotDirs([src]);
    assert.notEqual(b.key, a.key);
    assert.equal(objects(store).length, 23, 'only the changed file was stored');
    assert.equal(fs.readFileSync(path.join(store.codeDir(a.key), 'lib/f3.txt'), 'utf8'), 'file 3\n'.repeat(100), 'the first snapshot did not change');
  });

  it('makes snapshot files read-only and keeps the execute bit', async () => {
    const { src, store } = setup();
    const s = await store.snapshotDirs([src]);
    assert.equal(fs.statSync(path.join(store.codeDir(s.key), 'index.js')).mode & 0o777, 0o444);
    assert.equal(fs.statSync(path.join(store.codeDir(s.key), 'bootstrap')).mode & 0o777, 0o555);
  });

  it('collects snapshots and objects nothing refers to', async () => {
    const { src, store } = setup();
    const a = await store.snapshotDirs([src]);
    fs.writeFileSync(path.join(src, 'index.js'), 'exports.handler = 2;');
    const b = await store.snapshotDirs([src]);
    store.collectGarbage(new Set([b.key]));
    assert.deepEqual(fs.readdirSync(store.snapshotsDir), [b.key]);
    assert.equal(objects(store).length, 22);
    assert.ok(!store.has(a.key));
    store.collectGarbage(new Set());
    assert.deepEqual([fs.readdirSync(store.snapshotsDir).length, objects(store).length], [0, 0]);
  });
});
