// F5 on Python uses the function's own interpreter when it can import debugpy; when it cannot, the
// debugger falls back to one that can and says how to make the function's own one debuggable. The own
// interpreter here is a venv of Debian's python3 (a venv does not see apt's python3-debugpy).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { probePython } from '../../src/core/runtime/pythonDiscovery';
import { debugpyInterpreter } from '../../src/debugAdapter/python/debugpy';
import { startTestEngine } from '../support/engine';

describe('debugpy interpreter choice', function () {
  this.timeout(60_000);
  let tmp: string;
  let system: { executable: string; version: string };
  let venvPython: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-debugpy-'));
    const found = await probePython('/usr/bin/python3');
    assert.ok(found, "Debian's /usr/bin/python3 (with python3-debugpy, see .ci/run)");
    system = found;
    execFileSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', path.join(tmp, 'venv')]);
    venvPython = path.join(tmp, 'venv', 'bin', 'python3');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('debugs on the function\'s own interpreter when it has debugpy', async () => {
    const engine = await startTestEngine({ interpreters: { pythonByVersion: { [system.version]: '/usr/bin/python3' } } });
    try {
      const got = await debugpyInterpreter(engine, `python${system.version}`);
      assert.equal(got.executable, system.executable);
      assert.equal(got.mismatch, undefined);
    } finally {
      await engine.dispose();
    }
  });

  it('names the command that installs debugpy into the function\'s interpreter when it lacks it', async () => {
    // A runtime id no other test resolves, so the adapter's per-runtime cache does not answer for us.
    const engine = await startTestEngine({ interpreters: { python: venvPython } });
    try {
      const runtime = system.version === '3.13' ? 'python3.14' : 'python3.13';
      const own = (await probePython(venvPython))!.executable;
      const got = await debugpyInterpreter(engine, runtime);
      assert.equal(got.executable, system.executable);
      assert.equal(
        got.mismatch,
        `${runtime} functions are debugged on ${system.executable} (Python ${system.version}, which has debugpy) because ${own} cannot import debugpy; behaviour specific to Python ${runtime.slice(6)} may differ. To debug on ${own}, install debugpy into it: \`${own} -m pip install debugpy\`.`,
      );
    } finally {
      await engine.dispose();
    }
  });
});
