// pip builds with the runtime's interpreter against PyPI (the user's pip configuration applies), and the
// error when the index cannot be reached: it names the index and the requirement.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ApiError } from '../../../src/core/errors';
import { copyFixture, engineOn, invokeJson, listTree } from './buildWorkspace';

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('build/pip', function () {
  this.timeout(180_000);
  const saved = { index: process.env.PIP_INDEX_URL, retries: process.env.PIP_RETRIES };
  afterEach(() => {
    for (const [k, v] of [['PIP_INDEX_URL', saved.index], ['PIP_RETRIES', saved.retries]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('installs requirements.txt into the build directory and runs the function there', async () => {
    const ws = copyFixture('python-app');
    const original = listTree(ws);
    const { engine, phases } = await engineOn(ws);
    try {
      const out = await invokeJson(engine, 'py-deps');
      assert.equal(out.six, '1.16.0');
      assert.equal(out.from, path.join(ws, '.lambda-workbench', 'build', 'PyFunction', 'six.py'));
      assert.deepEqual(phases('built'), ['PyFunction']);
      // A layer with BuildMethod python3.11: code and requirements under python/ (Lambda's /opt/python).
      const layered = await invokeJson(engine, 'py-layer-user', { name: 'ada' });
      assert.equal(layered.greeting, 'hello ada');
      assert.equal(layered.toml, path.join(ws, '.lambda-workbench', 'build', 'PyLayer', 'python', 'toml', '__init__.py'));
    } finally {
      await engine.dispose();
    }
    assert.deepEqual(listTree(ws), original, 'the workspace is never written');
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('says no version matches when the index answers but has no such version', async () => {
    const ws = copyFixture('python-app');
    fs.writeFileSync(path.join(ws, 'src', 'requirements.txt'), 'six==0.0.999\n');
    const { engine } = await engineOn(ws);
    try {
      await assert.rejects(engine.invoke({ functionName: 'py-deps', payload: Buffer.from('{}') }), /Build of PyFunction failed: no version of six==0\.0\.999 on \S+ matches \(check the name and version in requirements\.txt/);
    } finally {
      await engine.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('names the unreachable index and the requirement when pip cannot connect', async () => {
    const ws = copyFixture('python-app');
    const index = `http://127.0.0.1:${await closedPort()}/simple`;
    process.env.PIP_INDEX_URL = index;
    process.env.PIP_RETRIES = '0';
    const { engine } = await engineOn(ws);
    try {
      await assert.rejects(engine.invoke({ functionName: 'py-deps', payload: Buffer.from('{}') }), (e: unknown) => {
        assert.ok(e instanceof ApiError && e.type === 'ResourceConflictException');
        assert.match(e.message, new RegExp(`pip could not reach the package index ${index.replace(/[.]/g, '\\.')} to install six==1\\.16\\.0\\.`));
        assert.match(e.message, /To reproduce it: cd .* -m pip install .*-r .*requirements\.txt -t /);
        return true;
      });
      assert.equal(fs.existsSync(path.join(ws, '.lambda-workbench', 'build', 'PyFunction')), false, 'no half-built output');
    } finally {
      await engine.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
