// The zip reader against archives written by Python's zipfile: stored and deflated entries, modes,
// symlinks inside the package, and everything that must be refused (traversal, corruption).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZipFormatError, extractZip, readZipEntries } from '../../../src/core/project/zipReader';
import { makeZip } from '../state/zipFixtures';

describe('zip reader', () => {
  const dirs: string[] = [];
  const target = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-zip-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  for (const method of ['stored', 'deflated'] as const) {
    it(`extracts ${method} entries with their directories and execute bits`, () => {
      const big = 'x'.repeat(200_000);
      const zip = makeZip([
        { name: 'index.js', content: 'exports.handler = 1;' },
        { name: 'lib/deep/big.txt', content: big },
        { name: 'bootstrap', content: '#!/bin/sh\n', mode: 0o755 },
      ], method);
      const dir = target();
      const entries = extractZip(zip, dir);
      assert.deepEqual(entries.map((e) => [e.name, e.kind, e.method]), [
        ['index.js', 'file', method === 'stored' ? 0 : 8],
        ['lib/deep/big.txt', 'file', method === 'stored' ? 0 : 8],
        ['bootstrap', 'file', method === 'stored' ? 0 : 8],
      ]);
      assert.equal(fs.readFileSync(path.join(dir, 'index.js'), 'utf8'), 'exports.handler = 1;');
      assert.equal(fs.readFileSync(path.join(dir, 'lib/deep/big.txt'), 'utf8'), big);
      assert.ok(fs.statSync(path.join(dir, 'bootstrap')).mode & 0o100, 'bootstrap stays executable');
      assert.equal(fs.statSync(path.join(dir, 'index.js')).mode & 0o111, 0);
    });
  }

  it('keeps symbolic links that stay inside the package', () => {
    const dir = target();
    extractZip(makeZip([{ name: 'real.js', content: 'ok' }, { name: 'alias.js', symlink: 'real.js' }]), dir);
    assert.equal(fs.readlinkSync(path.join(dir, 'alias.js')), 'real.js');
    assert.equal(fs.readFileSync(path.join(dir, 'alias.js'), 'utf8'), 'ok');
  });

  it('refuses path traversal, absolute names and escaping links', () => {
    const outside = target();
    for (const entries of [
      [{ name: '../evil.js', content: 'x' }],
      [{ name: 'a/../../evil.js', content: 'x' }],
      [{ name: '/etc/evil.js', content: 'x' }],
      [{ name: 'link', symlink: '../../' + path.basename(outside) }],
      [{ name: 'link', symlink: '/tmp' }],
    ]) {
      const dir = target();
      assert.throws(() => extractZip(makeZip(entries), dir), ZipFormatError, JSON.stringify(entries));
      assert.deepEqual(fs.readdirSync(outside), []);
    }
  });

  it('judges links and writes by where earlier links really lead', () => {
    const dir = target();
    // `inner/up` leads to the package root: writing through it stays inside and is allowed...
    extractZip(makeZip([{ name: 'inner/up', symlink: '..' }, { name: 'inner/up/ok.txt', content: 'fine' }]), dir);
    assert.equal(fs.readFileSync(path.join(dir, 'ok.txt'), 'utf8'), 'fine');
    // ...but a second `..` link placed through it would point above the root.
    const chain = makeZip([{ name: 'd/l', symlink: '..' }, { name: 'd/l/l2', symlink: '..' }]);
    assert.throws(() => extractZip(chain, target()), /points outside the package/);
  });

  it('detects corruption: truncated archives, flipped bytes, garbage', () => {
    const zip = makeZip([{ name: 'a.txt', content: 'hello world, hello world, hello world' }], 'stored');
    assert.throws(() => readZipEntries(Buffer.from('not a zip at all')), ZipFormatError);
    assert.throws(() => readZipEntries(zip.subarray(0, zip.length - 30)), ZipFormatError);
    const flipped = Buffer.from(zip);
    const at = flipped.indexOf('hello');
    flipped[at] = 'j'.charCodeAt(0);
    assert.throws(() => extractZip(flipped, target()), /CRC-32 mismatch/);
  });
});
