// The deploy's zips: readable by Python's zipfile (CRCs checked), modes kept, ignored folders left out,
// same files -> same bytes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipDirectory } from '../../../src/core/deploy';

describe('deploy zipArchive', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-zip-'));
    fs.mkdirSync(path.join(dir, 'lib', 'deep'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.lambda-workbench'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => "hi";\n'.repeat(50));
    fs.writeFileSync(path.join(dir, 'lib', 'deep', 'data.bin'), Buffer.from([0, 1, 2, 3]));
    fs.writeFileSync(path.join(dir, 'bootstrap'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, '.lambda-workbench', 'state.json'), '{}');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is a valid zip with every file, modes kept and ignored folders left out', () => {
    const zip = path.join(dir, '..', `${path.basename(dir)}.zip`);
    fs.writeFileSync(zip, zipDirectory(dir));
    try {
      const script = 'import sys, zipfile, json\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: [oct(i.external_attr >> 16), z.read(i).hex()[:8]] for i in z.infolist()}))';
      const listing = JSON.parse(execFileSync('python3', ['-c', script, zip], { encoding: 'utf8' })) as Record<string, [string, string]>;
      assert.deepEqual(Object.keys(listing), ['bootstrap', 'index.js', 'lib/deep/data.bin']);
      assert.equal(listing['bootstrap']?.[0], '0o100755');
      assert.equal(listing['lib/deep/data.bin']?.[1], '00010203');
    } finally {
      fs.rmSync(zip, { force: true });
    }
  });

  it('gives the same bytes for the same files', () => {
    const a = zipDirectory(dir);
    fs.utimesSync(path.join(dir, 'index.js'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    assert.ok(a.equals(zipDirectory(dir)));
    fs.appendFileSync(path.join(dir, 'index.js'), '// changed\n');
    assert.ok(!a.equals(zipDirectory(dir)));
  });
});
