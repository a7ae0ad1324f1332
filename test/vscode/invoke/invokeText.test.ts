// The invoke experience's pure parts: cloud cost from GB-seconds and requests, Lambda's REPORT line,
// the result document, and saved events on disk (a folder per function, created on first save).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseReport } from '../../../src/vscode/backends/reportLine';
import { formatCost, invocationCost, plainAmount, type PriceTable } from '../../../src/vscode/invoke/invocationCost';
import { renderResult, resultSummary } from '../../../src/vscode/invoke/resultDocument';
import { invalidEventName, listSavedEvents, readEvent, saveEvent } from '../../../src/vscode/invoke/savedEvents';

const prices: PriceTable = { currency: 'USD', perRequest: 0.0000002, perGbSecondX86: 0.0000166667, perGbSecondArm: 0.0000133334 };

describe('invoke experience', () => {
  it('prices an invocation from memory, billed duration and architecture', () => {
    const c = invocationCost(1024, 1000, 'x86_64', prices);
    assert.equal(c.gbSeconds, 1);
    assert.equal(c.total, 0.0000166667 + 0.0000002);
    assert.equal(invocationCost(512, 100, 'arm64', prices).computeCost, 0.05 * 0.0000133334);
    assert.equal(plainAmount(0.000000263), '0.000000263');
    assert.equal(formatCost(invocationCost(256, 15, 'x86_64', prices), 'USD'), '$0.000000263 (0.00375 GB-s; $0.26 per million such requests)');
  });

  it('reads the figures of a REPORT line, with Init Duration only on cold starts', () => {
    const log = 'START RequestId: 1 Version: $LATEST\nREPORT RequestId: 8f3c2c9e-0000-4000-8000-000000000000\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB\tMax Memory Used: 41 MB\tInit Duration: 150.20 ms\t\n';
    assert.deepEqual(parseReport(log), { durationMs: 12.34, billedDurationMs: 13, memorySizeMb: 256, maxMemoryUsedMb: 41, initDurationMs: 150.2 });
    assert.equal(parseReport(log.replace(/\tInit Duration: [^\t]+/, ''))?.initDurationMs, undefined);
    assert.equal(parseReport('no report here'), undefined);
  });

  it('renders a result with figures, cost, payload and log', () => {
    const r = { requestId: 'r-1', executedVersion: '3', payload: '{"ok":true}', errorType: undefined, durationMs: 12.345, billedDurationMs: 13, memorySizeMb: 256, maxMemoryUsedMb: 41, coldStart: false, initDurationMs: undefined, logLines: ['START', 'REPORT RequestId: r-1'], completeLog: true };
    const text = renderResult(r, { functionName: 'orders', qualifier: 'prod', backendLabel: 'Local', eventLabel: 'order.json', architecture: 'x86_64', prices, at: new Date(0) });
    assert.equal(resultSummary(r), '✓ 12.3 ms warm');
    for (const line of ['Function:         orders:prod (Local)', 'Executed version: 3', 'Start:            warm', 'Billed duration:  13 ms', 'Memory:           41 MB used of 256 MB', '  "ok": true', 'REPORT RequestId: r-1']) assert.ok(text.includes(line), line);
    assert.equal(resultSummary({ ...r, errorType: 'Sandbox.Timedout' }), '✗ Sandbox.Timedout');
  });

  it('saves events in a folder per function and lists them before the shared ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-events-'));
    try {
      fs.writeFileSync(path.join(dir, 'shared.json'), '{}');
      assert.deepEqual(listSavedEvents(dir, 'orders').map((e) => [e.name, e.shared]), [['shared', true]]);
      const file = saveEvent(dir, 'orders', 'big-order', '{"items":3}');
      assert.equal(file, path.join(dir, 'orders', 'big-order.json'));
      assert.deepEqual(listSavedEvents(dir, 'orders').map((e) => [e.name, e.shared]), [['big-order', false], ['shared', true]]);
      assert.equal(readEvent(file).toString(), '{"items":3}\n');
      fs.writeFileSync(path.join(dir, 'orders', 'broken.json'), '{nope');
      assert.throws(() => readEvent(path.join(dir, 'orders', 'broken.json')), /broken\.json is not valid JSON/);
      assert.match(invalidEventName('../x') ?? '', /letters/);
      assert.equal(invalidEventName('order-1.v2'), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
