// Python at the named version: interpreter layouts built in a temp dir around a real interpreter
// (a PATH symlink named python3.X, pyenv/uv/asdf/conda trees, a shim script) and the machine's own
// installs; a file named python3.X that is another version is never taken.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultPython, findPython, probePython, type FoundPython } from '../../../src/core/runtime/pythonDiscovery';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

describe('Python discovery', function () {
  this.timeout(60_000);
  let real: FoundPython;
  let tmp: string;
  let home: string;

  before(async () => {
    const found = await defaultPython();
    assert.ok(found, 'a python3 on PATH');
    real = found;
  });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-pyfind-'));
    home = path.join(tmp, 'home');
    fs.mkdirSync(home);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const link = (file: string): string => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(real.executable, file);
    return file;
  };
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: path.join(tmp, 'empty-path'), ...extra });

  it('finds python3.X on PATH (a symlink is spawned directly, no extra process)', async () => {
    const file = link(path.join(tmp, 'bin', `python${real.version}`));
    const found = await findPython(real.version, { PATH: path.join(tmp, 'bin') }, home);
    assert.equal(found?.version, real.version);
    assert.equal(fs.realpathSync(found.executable), fs.realpathSync(real.executable));
    assert.equal(path.dirname(found.executable), path.dirname(file));
  });

  for (const [manager, rel] of [
    ['pyenv', (v: string) => `.pyenv/versions/${v}.99/bin/python${v}`],
    ['uv', (v: string) => `.local/share/uv/python/cpython-${v}.99-linux-x86_64-gnu/bin/python${v}`],
    ['asdf', (v: string) => `.asdf/installs/python/${v}.99/bin/python${v}`],
    ['conda env', (v: string) => `miniconda3/envs/work/bin/python${v}`],
  ] as const) {
    it(`finds a ${manager} install by its directory layout`, async () => {
      link(path.join(home, rel(real.version)));
      const found = await findPython(real.version, env(), home);
      assert.equal(found?.version, real.version);
      assert.equal(fs.realpathSync(found.executable), fs.realpathSync(real.executable));
    });
  }

  it('honours PYENV_ROOT', async () => {
    const root = path.join(tmp, 'custom-pyenv');
    link(path.join(root, 'versions', `${real.version}.1`, 'bin', `python${real.version}`));
    assert.equal((await findPython(real.version, env({ PYENV_ROOT: root }), home))?.version, real.version);
  });

  it('resolves a shim to the real interpreter once, so environments never spawn the shim', async () => {
    const shim = path.join(tmp, 'shims', `python${real.version}`);
    fs.mkdirSync(path.dirname(shim));
    fs.writeFileSync(shim, `#!/bin/sh\nexec "${real.executable}" "$@"\n`, { mode: 0o755 });
    const found = await findPython(real.version, { PATH: path.dirname(shim) }, home);
    assert.equal(found?.executable, real.executable);
    assert.notEqual(found?.executable, shim);
  });

  it('never takes a file named python3.X that runs another version', async () => {
    const other = real.version === '3.99' ? '3.98' : '3.99';
    link(path.join(tmp, 'bin', `python${other}`));
    link(path.join(home, '.pyenv', 'versions', `${other}.0`, 'bin', `python${other}`));
    assert.equal(await findPython(other, { PATH: path.join(tmp, 'bin') }, home), undefined);
  });

  it('finds this machine\'s real interpreters of each version (probing each resolves to that version)', async () => {
    const seen: string[] = [];
    for (let minor = 7; minor <= 14; minor++) {
      const found = await findPython(`3.${minor}`);
      if (!found) continue;
      seen.push(found.version);
      assert.equal(found.version, `3.${minor}`);
      assert.deepEqual(await probePython(found.executable), found, 'the resolved path is the interpreter itself');
    }
    assert.ok(seen.includes(real.version), `found ${seen.join(', ')}`);
  });

  it('takes a pin per version from LAMBDA_WORKBENCH_PYTHON_3_X (resolved to the real interpreter)', async () => {
    const shim = path.join(tmp, 'pinned-python');
    fs.writeFileSync(shim, `#!/bin/sh\nexec "${real.executable}" "$@"\n`, { mode: 0o755 });
    const name = `LAMBDA_WORKBENCH_PYTHON_${real.version.replace('.', '_')}`;
    process.env[name] = shim;
    const engine = await startTestEngine();
    try {
      assert.deepEqual(await engine.catalog.resolve(`python${real.version}`), { ...real, mismatch: undefined });
    } finally {
      delete process.env[name];
      await engine.dispose();
    }
  });

  it('runs a python3.X function on Python 3.X without a warning when one exists, with the warning only when none does', async () => {
    const engine = await startTestEngine();
    const warnings: string[] = [];
    engine.on('warning', (w) => warnings.push(w));
    try {
      const missing = ['3.14', '3.13', '3.12', '3.10', '3.9'];
      let absent: string | undefined;
      for (const v of missing) if (!(await findPython(v))) absent = absent ?? v;
      engine.defineFunction(functionConfig('here', fixture('python', 'basic'), { runtime: `python${real.version}`, handler: 'app.counter' }));
      const here = await invokeJson(engine, 'here', { probe: 'version' });
      assert.equal(here.response.functionError, undefined, here.text);
      assert.deepEqual(warnings, []);
      if (absent) {
        engine.defineFunction(functionConfig('absent', fixture('python', 'basic'), { runtime: `python${absent}`, handler: 'app.counter' }));
        await invokeJson(engine, 'absent');
        assert.equal(warnings.length, 1);
        assert.match(warnings[0]!, new RegExp(`^python${absent.replace('.', '\\.')} functions run on the local Python \\d+\\.\\d+; behaviour specific to Python ${absent.replace('.', '\\.')} may differ\\.$`));
      }
    } finally {
      await engine.dispose();
    }
  });
});
