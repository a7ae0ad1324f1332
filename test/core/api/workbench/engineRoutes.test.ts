// GET /workbench/v1/engine names the holder of the state directory; POST .../handover is accepted only
// when the engine's owner hands over (then it runs after the reply), else refused with a 409.
import * as assert from 'node:assert/strict';
import { startTestEngine } from '../../../support/engine';

describe('engine routes', () => {
  it('names the engine and hands it over to a caller when its owner agrees', async () => {
    let handedOver!: () => void;
    const asked = new Promise<void>((resolve) => (handedOver = resolve));
    const engine = await startTestEngine({ listen: true, onHandover: () => handedOver() });
    try {
      const who = (await (await fetch(`${engine.url}/workbench/v1/engine`)).json()) as { pid: number; stateDir: string; handover: boolean };
      assert.deepEqual(who, { pid: process.pid, stateDir: engine.stateDir, handover: true });
      const res = await fetch(`${engine.url}/workbench/v1/engine/handover`, { method: 'POST' });
      assert.equal(res.status, 202);
      await asked;
    } finally {
      await engine.dispose();
    }
  });

  it('refuses a handover its owner does not support', async () => {
    const engine = await startTestEngine({ listen: true });
    try {
      const res = await fetch(`${engine.url}/workbench/v1/engine/handover`, { method: 'POST' });
      assert.equal(res.status, 409);
      assert.match(((await res.json()) as { message?: string; Message?: string }).message ?? '', /does not hand/);
    } finally {
      await engine.dispose();
    }
  });
});
