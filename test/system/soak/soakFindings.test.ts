// What the fault soak found, kept as plain regression cases.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { functionConfig, startTestEngine } from '../../support/engine';

describe('fault soak findings', () => {
  let engine: Emulator & { workspace: string };
  before(async () => {
    engine = await startTestEngine();
  });
  after(async () => engine.dispose());

  it('replaces every warm environment that ends before taking the event, however many there are', async function () {
    this.timeout(30_000);
    // Runtimes that end a while after answering, without asking for the next event (as after a refused
    // 6 MB response): one event can meet several of them in a row before a new environment starts.
    const dir = path.join(engine.workspace, 'code');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'index.js'),
      'exports.handler = async (e) => { if (e.exitAfterMs) setImmediate(() => { const end = Date.now() + e.exitAfterMs; while (Date.now() < end); process.exit(0); }); return "ok"; };\n',
    );
    engine.defineFunction(functionConfig('fading', dir));
    const first = await Promise.all([1, 2, 3, 4].map((k) => engine.invoke({ functionName: 'fading', payload: Buffer.from(JSON.stringify({ exitAfterMs: 400 * (5 - k) })) })));
    assert.deepEqual(first.map((r) => r.payload.toString()), ['"ok"', '"ok"', '"ok"', '"ok"']);
    const next = await engine.invoke({ functionName: 'fading', payload: Buffer.from('{}') });
    assert.equal(next.payload.toString(), '"ok"');
    assert.equal(next.outcome?.coldStart, true, 'it ran in a new environment');
  });
});
