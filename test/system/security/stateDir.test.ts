// The state directory (logs, event payloads, journals, encrypted variables) is for its user only:
// created 0700, tightened when found looser, and what the engine writes inside is not readable by others.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../../../src/core/emulator';
import { defaultSettings } from '../../../src/core/events/queues/localQueue';
import { fixture, functionConfig } from '../../support/engine';
import { waitFor } from '../../support/wait';

/** Paths under `root` (relative) that group or others may read, write or enter. */
function openToOthers(root: string, skip: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const rel = path.relative(root, p);
      if (skip(rel) || e.isSymbolicLink()) continue;
      const mode = fs.statSync(p).mode & 0o777;
      if (mode & 0o077) out.push(`${rel} ${mode.toString(8)}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

describe('state directory permissions', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-perms-'));
  });
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('is created 0700 and tightened to 0700 when it already exists with wider permissions', async () => {
    const fresh = new Emulator({ workspaceDir: workspace, api: false, functions: { keyFile: path.join(workspace, 'key') } });
    assert.equal(fs.statSync(fresh.stateDir).mode & 0o777, 0o700);
    await fresh.dispose();
    const shared = path.join(workspace, 'shared-state');
    fs.mkdirSync(shared, { mode: 0o755 });
    fs.chmodSync(shared, 0o755);
    const engine = new Emulator({ workspaceDir: workspace, stateDir: shared, api: false, functions: { keyFile: path.join(workspace, 'key') } });
    assert.equal(fs.statSync(shared).mode & 0o777, 0o700);
    await engine.dispose();
  });

  it('keeps logs, metrics, invocations, journals and function state private after real use', async function () {
    this.timeout(30_000);
    const engine = new Emulator({ workspaceDir: workspace, api: false, functions: { keyFile: path.join(workspace, 'key') } });
    try {
      engine.defineFunction(functionConfig('echo', fixture('node-handlers'), { handler: 'handlers.echo', environment: { DB_PASSWORD: 'secret' } }));
      for (let i = 0; i < 3; i++) await engine.invoke({ functionName: 'echo', payload: Buffer.from(`{"i":${i}}`) });
      const accepted = await engine.invoke({ functionName: 'echo', payload: Buffer.from('{"async":true}'), invocationType: 'Event' });
      await waitFor(() => engine.events.asyncQueue.get(accepted.requestId)?.status === 'Succeeded', 10_000, 'the event to run');
      await engine.functions.versions.publish('echo');
      await engine.functions.aliases.create('echo', { Name: 'live', FunctionVersion: '1' });
      engine.events.queues.create('private-q', defaultSettings, 'api');
    } catch (e) {
      await engine.dispose();
      throw e;
    }
    await engine.dispose();
    const written = fs.readdirSync(engine.stateDir);
    for (const d of ['logs', 'metrics', 'invocations', 'async', 'functions']) assert.ok(written.includes(d), `${d} was written (${written.join(', ')})`);
    // Code snapshots mirror the workspace's own files (read-only copies with the code's modes); all else is private.
    const isCode = (rel: string): boolean => /^functions\/(objects|snapshots)\//.test(rel);
    assert.deepEqual(openToOthers(engine.stateDir, isCode), []);
  });
});
