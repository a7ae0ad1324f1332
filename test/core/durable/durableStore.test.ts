// The durable journal: a reopened store has every acknowledged change once, also after a compaction
// whose snapshot already held changes that were appended again behind it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DurableStore } from '../../../src/core/durable/durableStore';
import type { ExecutionHeader } from '../../../src/core/durable/durableTypes';
import { ExecutionState } from '../../../src/core/durable/executionState';

const header = (arn: string): ExecutionHeader => ({
  arn, name: 'n', functionName: 'fn', version: '$LATEST', qualifier: '$LATEST', status: 'RUNNING', startTimestamp: 1000, inputPayload: '{}',
  executionTimeout: 60, retentionPeriodInDays: 1, executionOperationId: 'exec',
});

describe('durable store', () => {
  it('replays headers, operations and events once, across a compaction', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-durable-store-'));
    try {
      const store = new DurableStore(dir);
      const e = new ExecutionState(header('arn:1'));
      store.executions.set('arn:1', e);
      await store.saveHeader(e.header);
      await store.saveChange('arn:1', e.begin(1000));
      const step = e.checkpoint([{ Id: 's1', Type: 'STEP', Action: 'SUCCEED', Name: 'one', Payload: '1' }], 2000);
      await store.saveChange('arn:1', step);
      // The same change again behind a snapshot that holds it (what a rewrite racing an append leaves).
      (store as unknown as { journal: { rewrite(f: () => unknown[]): void } }).journal.rewrite(() => (store as unknown as { snapshot(): unknown[] }).snapshot());
      await store.saveChange('arn:1', step);
      await store.close();
      const reopened = new DurableStore(dir);
      const again = reopened.executions.get('arn:1');
      assert.ok(again);
      assert.deepEqual(again.events.map((ev) => ev.EventType), ['ExecutionStarted', 'StepSucceeded']);
      assert.equal(again.operations.get('s1')?.StepDetails?.Result, '1');
      assert.equal(again.dirty.size, 0);
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
