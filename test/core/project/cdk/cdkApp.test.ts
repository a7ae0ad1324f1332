// cdk.json as `cdk watch` reads it: the app's sources by its watch include/exclude globs, never the
// assembly, node_modules or dot folders; and the app found from its assembly's manifest.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cdkAppForAssembly, cdkAppOf, globMatch, isAppSource } from '../../../../src/core/project/cdk';

describe('CDK app (cdk.json)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-cdkjson-'));
    fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node bin/app.ts', output: 'out', watch: { include: ['**'], exclude: ['README.md', 'cdk*.json', '**/*.d.ts', '**/*.js', 'test'] } }));
    fs.mkdirSync(path.join(dir, 'out', 'assembly-Prod'), { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the app command, the output folder and the watch globs', async () => {
    const app = await cdkAppOf(dir);
    assert.ok(app);
    assert.equal(app.appCommand, 'npx ts-node bin/app.ts');
    assert.equal(app.outputDir, path.join(dir, 'out'));
    assert.equal(await cdkAppOf(path.join(dir, 'out')), undefined);
  });

  it('takes sources by the watch globs and never the assembly, node_modules or dot folders', async () => {
    const app = (await cdkAppOf(dir))!;
    const yes = ['lib/stack.ts', 'bin/app.ts', 'lambda/handler.py', 'src/deep/x/y.ts'];
    const no = ['README.md', 'cdk.context.json', 'lib/stack.d.ts', 'lib/stack.js', 'test/stack.test.ts', 'out/manifest.json', 'out/asset.1/index.js', 'node_modules/x/index.ts', 'lambda/node_modules/y.ts', '.git/HEAD', 'src/.cache/z.ts'];
    for (const f of yes) assert.ok(isAppSource(app, path.join(dir, f)), f);
    for (const f of no) assert.ok(!isAppSource(app, path.join(dir, f)), f);
    assert.ok(!isAppSource(app, path.join(os.tmpdir(), 'elsewhere.ts')));
  });

  it('matches globs as cdk watch does', () => {
    assert.ok(globMatch('**/*.ts', 'a/b/c.ts'));
    assert.ok(globMatch('*.ts', 'c.ts'));
    assert.ok(globMatch('*.ts', 'a/c.ts'), 'a pattern without a slash matches at any depth');
    assert.ok(!globMatch('lib/*.ts', 'lib/a/b.ts'));
    assert.ok(globMatch('lib/**', 'lib/a/b.ts'));
    assert.ok(globMatch('test', 'test/a.ts'), 'a folder covers what is inside it');
    assert.ok(!globMatch('file?.js', 'file10.js'));
  });

  it('finds the app of an assembly, a stage\'s nested assembly too', async () => {
    assert.equal((await cdkAppForAssembly(path.join(dir, 'out', 'manifest.json')))?.dir, dir);
    assert.equal((await cdkAppForAssembly(path.join(dir, 'out', 'assembly-Prod', 'manifest.json')))?.dir, dir);
    assert.equal(await cdkAppForAssembly(path.join(os.tmpdir(), 'cdk.out', 'manifest.json')), undefined);
  });
});
