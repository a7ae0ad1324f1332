// Copying a function's source into its build folder when CodeUri is the project folder itself, so the
// build folder (the state directory) lies inside the source (a common SAM layout: CodeUri: .).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copySource } from '../../../src/core/build/sourceTree';

function tree(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? tree(dir, r) : [r];
  }).sort();
}

describe('build/sourceTree copySource', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-source-'));
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"app","dependencies":{"ms":"2.1.3"}}');
    fs.writeFileSync(path.join(root, 'template.yaml'), 'Resources: {}\n');
    fs.mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'app.js'), 'exports.handler = async () => 1;\n');
    fs.writeFileSync(path.join(root, 'src', 'lib', 'util.js'), 'module.exports = 1;\n');
    fs.mkdirSync(path.join(root, 'node_modules', 'ms'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'ms', 'index.js'), '');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('CodeUri "." with the build folder in the project’s .lambda-workbench: copies the sources, not the state nor node_modules', async () => {
    const dest = path.join(root, '.lambda-workbench', 'build', '.work', 'Fn', 'stage');
    fs.mkdirSync(path.join(root, '.lambda-workbench', 'logs'), { recursive: true });
    fs.writeFileSync(path.join(root, '.lambda-workbench', 'logs', 'x.log'), 'old');
    await copySource(root, dest);
    assert.deepEqual(tree(dest), ['package.json', 'src/app.js', 'src/lib/util.js', 'template.yaml']);
  });

  it('a build folder inside an ordinary subfolder: that folder is copied around the build folder', async () => {
    const dest = path.join(root, 'src', 'out', 'stage');
    await copySource(root, dest);
    assert.deepEqual(tree(dest), ['package.json', 'src/app.js', 'src/lib/util.js', 'template.yaml']);
  });
});
