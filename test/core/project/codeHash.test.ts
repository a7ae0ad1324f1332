import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CodeHasher, codeSha256 } from '../../../src/core/project/codeHash';
import { makeWorkspace, removeWorkspaces, writeFile } from './workspace';

describe('project/codeHash', () => {
  after(removeWorkspaces);

  it('is a stable base64 SHA-256 that does not depend on where the tree lives', async () => {
    const files = { 'index.js': 'exports.handler = 1;', 'lib/a.js': 'a', 'lib/b/c.txt': 'c' };
    const a = await codeSha256([makeWorkspace(files)]);
    const b = await codeSha256([makeWorkspace(files)]);
    assert.match(a, /^[A-Za-z0-9+/]{43}=$/);
    assert.strictEqual(a, b);
  });

  it('changes with content, file names, the execute bit and layers', async () => {
    const dir = makeWorkspace({ 'index.js': 'one', 'bootstrap': 'x' });
    const layer = makeWorkspace({ 'nodejs/x.js': 'layer' });
    const hasher = new CodeHasher();
    const base = await hasher.hash([dir]);
    const withLayer = await hasher.hash([dir, layer]);
    assert.notStrictEqual(withLayer, base);
    writeFile(dir, 'index.js', 'two');
    const changed = await hasher.hash([dir]);
    assert.notStrictEqual(changed, base);
    fs.renameSync(path.join(dir, 'index.js'), path.join(dir, 'main.js'));
    const renamed = await hasher.hash([dir]);
    assert.notStrictEqual(renamed, changed);
    fs.chmodSync(path.join(dir, 'bootstrap'), 0o755);
    assert.notStrictEqual(await hasher.hash([dir]), renamed);
  });

  it('re-hashes an unchanged tree without reading any file, and reads only what changed', async () => {
    const dir = makeWorkspace({ 'a.js': 'a', 'b.js': 'b', 'sub/c.js': 'c' });
    const hasher = new CodeHasher();
    const first = await hasher.hash([dir]);
    assert.strictEqual(hasher.filesRead, 3);
    assert.strictEqual(await hasher.hash([dir]), first);
    assert.strictEqual(hasher.filesRead, 3);
    writeFile(dir, 'sub/c.js', 'changed');
    assert.notStrictEqual(await hasher.hash([dir]), first);
    assert.strictEqual(hasher.filesRead, 4);
  });

  it('ignores .git, .lambda-workbench and node_modules/.cache, and follows symlinks without looping', async () => {
    const dir = makeWorkspace({ 'index.js': 'x' });
    const hasher = new CodeHasher();
    const base = await hasher.hash([dir]);
    writeFile(dir, '.git/HEAD', 'ref');
    writeFile(dir, '.lambda-workbench/state.json', '{}');
    writeFile(dir, 'node_modules/.cache/x', 'cache');
    assert.strictEqual(await hasher.hash([dir]), base);
    fs.symlinkSync(dir, path.join(dir, 'loop'));
    writeFile(dir, 'node_modules/dep/index.js', 'dep');
    assert.notStrictEqual(await hasher.hash([dir]), base);
  });
});
