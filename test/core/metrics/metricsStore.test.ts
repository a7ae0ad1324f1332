import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MetricsStore } from '../../../src/core/metrics/metricsStore';
import { percentile, type MetricDatapoint } from '../../../src/core/metrics/metricBucket';
import { defineNodeFunction, startTestEngine, type TestEngine } from '../../support/engine';

// A test's invocations can straddle a minute boundary: add the per-minute points up.
const sum = (points: MetricDatapoint[], key: 'invocations' | 'errors' | 'throttles'): number => points.reduce((n, p) => n + p[key], 0);

describe('metrics/metricsStore', function () {
  this.timeout(60_000);
  let t: TestEngine;
  afterEach(async () => t && (await t.dispose()));

  it('counts Invocations, Errors, Throttles, Duration and ConcurrentExecutions from real invocations', async () => {
    t = await startTestEngine({ listen: true });
    defineNodeFunction(t, 'm', `exports.handler = async (e) => { if (e.fail) throw new Error('no'); if (e.wait) await new Promise((r) => setTimeout(r, e.wait)); return 1; };`);
    await Promise.all([1, 2, 3].map(() => t.invoke({ functionName: 'm', payload: Buffer.from('{"wait":100}') })));
    await t.invoke({ functionName: 'm', payload: Buffer.from('{"fail":true}') });
    const points = t.metrics.query({ functionName: 'm' });
    assert.strictEqual(sum(points, 'invocations'), 4);
    assert.strictEqual(sum(points, 'errors'), 1);
    assert.strictEqual(sum(points, 'throttles'), 0);
    assert.strictEqual(Math.max(...points.map((p) => p.concurrentExecutions)), 3);
    assert.ok(points.some((p) => p.duration && p.duration.max >= 100));
    for (const p of points) assert.ok(!p.duration || (p.duration.p50 <= p.duration.p99 && p.duration.p99 <= p.duration.max));
    assert.deepStrictEqual(t.metrics.query({ functionName: 'm', resource: 'm:prod' }), []);
  });

  it('counts a throttle (reserved concurrency 1) and not as an invocation', async () => {
    t = await startTestEngine({ listen: true });
    const config = defineNodeFunction(t, 'th', `exports.handler = async () => { await new Promise((r) => setTimeout(r, 200)); return 1; };`);
    t.defineFunction(config, 1);
    const results = await Promise.allSettled([t.invoke({ functionName: 'th', payload: Buffer.from('{}') }), t.invoke({ functionName: 'th', payload: Buffer.from('{}') })]);
    assert.strictEqual(results.filter((r) => r.status === 'rejected').length, 1);
    const points = t.metrics.query({ functionName: 'th' });
    assert.strictEqual(sum(points, 'invocations'), 1);
    assert.strictEqual(sum(points, 'throttles'), 1);
  });

  it('counts Event invocations the async queue received (AsyncEventsReceived, AsyncEventAge)', async () => {
    t = await startTestEngine({ listen: true });
    defineNodeFunction(t, 'ev', `exports.handler = async () => 1;`);
    const ran = new Promise<void>((resolve) => t.once('invocation', () => resolve()));
    const r = await t.invoke({ functionName: 'ev', payload: Buffer.from('{}'), invocationType: 'Event' });
    assert.strictEqual(r.statusCode, 202);
    await ran;
    const points = t.metrics.query({ functionName: 'ev' });
    assert.strictEqual(points.reduce((n, p) => n + p.asyncEventsReceived, 0), 1);
    assert.ok(points.some((p) => p.asyncEventAgeMax !== undefined && p.asyncEventAgeMax >= 0));
  });

  it('persists minutes and reloads them; async hooks add up; resources and versions are separate series', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-metrics-'));
    try {
      const now = Date.now();
      const a = new MetricsStore(dir, () => now);
      const latest = { functionName: 'f', resource: 'f', executedVersion: '$LATEST' };
      const alias = { functionName: 'f', resource: 'f:live', executedVersion: '2' };
      for (let i = 1; i <= 100; i++) a.recordInvocation(i % 2 ? latest : alias, now, i, i === 100);
      a.recordAsync(latest, 'asyncEventsReceived', 3);
      a.recordAsync(latest, 'asyncEventsDropped');
      a.recordAsyncEventAge(latest, 1234);
      a.dispose();
      const b = new MetricsStore(dir, () => now);
      const [all] = b.query({ functionName: 'f' });
      assert.strictEqual(all?.invocations, 100);
      assert.strictEqual(all?.errors, 1);
      assert.deepStrictEqual([all?.duration?.p50, all?.duration?.p99, all?.duration?.max, all?.duration?.average], [50, 99, 100, 50.5]);
      assert.strictEqual(all?.asyncEventsReceived, 3);
      assert.strictEqual(all?.asyncEventsDropped, 1);
      assert.strictEqual(all?.asyncEventAgeMax, 1234);
      assert.strictEqual(b.query({ functionName: 'f', resource: 'f:live' })[0]?.invocations, 50);
      assert.strictEqual(b.query({ functionName: 'f', executedVersion: '2' })[0]?.invocations, 50);
      b.dispose();
      assert.strictEqual(percentile([1, 2, 3, 4], 50), 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
