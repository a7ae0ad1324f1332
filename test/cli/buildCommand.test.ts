// `lambda-workbench build [fn]` run as a real process on a makefile project: builds, then finds the
// build current; --json; an unknown name lists the template's functions; invoke prints the build it ran.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture } from '../core/build/buildWorkspace';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('CLI build', function () {
  this.timeout(60_000);
  let ws: string;
  before(() => (ws = copyFixture('makefile-app')));
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('invoke builds first and says so on stderr', async () => {
    const r = await run(ws, ['invoke', 'made']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { greeting: 'made by make', info: { builtBy: 'make' } });
    assert.match(r.stderr, /^Building MakeFunction \(makefile\)$/m);
    assert.match(r.stderr, /^ {2}MakeFunction: make -f \S+ build-MakeFunction$/m);
    assert.match(r.stderr, /^Built MakeFunction in \d+\.\d s$/m);
  });

  it('build --json reports the build current, and --force builds again', async () => {
    let r = await run(ws, ['build', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = (JSON.parse(r.stdout) as { functions: { function: string; status: string; codeDir: string }[] }).functions;
    // `invoke made` built MakeFunction only; the other function's layer is built now.
    assert.deepEqual(rows.map((x) => [x.function, x.status, x.codeDir]), [
      ['made', 'cached', path.join(fs.realpathSync(ws), '.lambda-workbench', 'build', 'MakeFunction')],
      ['made-layer-user', 'built', path.join(fs.realpathSync(ws), 'user')],
    ]);
    assert.match(r.stderr, /MakeFunction is up to date/);
    r = await run(ws, ['build', 'MakeFunction', '--force']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^made\s+built\s+\S+MakeFunction$/m);
  });

  it('names the template functions when asked to build an unknown one', async () => {
    const r = await run(ws, ['build', 'Nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No function Nope in the template\. The template's functions: MakeFunction, LayerUserFunction\./);
  });
});
