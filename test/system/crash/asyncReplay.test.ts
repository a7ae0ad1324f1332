// An accepted Event whose function was not loaded when its attempt came up (as right after a restart,
// before the template is read) must still run once the function is back, in this engine or the next.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../../../src/core/emulator';
import { fixture, functionConfig } from '../../support/engine';
import { waitFor } from '../../support/wait';

describe('Event queue across restarts', () => {
  it('runs an event that waited for its function, after the engine restarted', async function () {
    this.timeout(30_000);
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-replay-'));
    const echo = functionConfig('echo', fixture('node-handlers'), { handler: 'handlers.echo' });
    const first = new Emulator({ workspaceDir: workspace, api: false });
    let second: Emulator | undefined;
    try {
      first.defineFunction(echo);
      const accepted = await first.invoke({ functionName: 'echo', payload: Buffer.from('{"n":1}'), invocationType: 'Event' });
      assert.equal(accepted.statusCode, 202);
      // Gone before its first attempt: the event waits for the function to come back.
      first.registry.remove('echo');
      await waitFor(() => first.events.asyncQueue.get(accepted.requestId)?.status === 'WaitingRetry', 5000, 'the event to wait for its function');
      await first.dispose();
      second = new Emulator({ workspaceDir: workspace, api: false });
      second.defineFunction(echo);
      const queue = second.events.asyncQueue;
      await waitFor(() => queue.get(accepted.requestId)?.status === 'Succeeded', 15_000, `the event to run after the restart (it is ${queue.get(accepted.requestId)?.status})`);
    } finally {
      await first.dispose();
      await second?.dispose();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
