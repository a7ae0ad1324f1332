// Side by side: results of the same event locally and in the cloud (a second engine through the SDK),
// compared field by field, and two documents whose lines line up for the diff editor.
import * as assert from 'node:assert/strict';
import { AwsBackend } from '../../../src/vscode/backends/awsBackend';
import { LocalBackend } from '../../../src/vscode/backends/localBackend';
import type { FunctionSummary, InvokeResult } from '../../../src/vscode/backends/lambdaBackend';
import { counterpartCandidates, matchScore } from '../../../src/vscode/invoke/cloudCounterpart';
import { compareResults, comparisonSide, normalizedLog, normalizedPayload } from '../../../src/vscode/invoke/compareResults';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { deployedHandler, deployedTemplate, startCloud } from '../../core/remote/cloudFixture';

const result = (over: Partial<InvokeResult>): InvokeResult => ({
  requestId: 'r',
  executedVersion: '$LATEST',
  payload: '{}',
  errorType: undefined,
  durationMs: 10,
  billedDurationMs: 10,
  memorySizeMb: 128,
  maxMemoryUsedMb: 60,
  coldStart: false,
  initDurationMs: undefined,
  logLines: [],
  completeLog: true,
  ...over,
});

describe('compare local and cloud', function () {
  this.timeout(60_000);

  it('compares payloads as JSON (key order and spacing do not count) and figures with a tolerance', () => {
    const c = compareResults(result({ payload: '{"a":1,"b":[1,{"y":2,"x":1}]}', durationMs: 10 }), result({ payload: '{ "b": [1, {"x":1,"y":2}], "a": 1 }', durationMs: 10.5, maxMemoryUsedMb: 70 }));
    assert.deepEqual(c.fields.map((f) => [f.field, f.same]), [['Payload', true], ['Error', true], ['Duration', true], ['Billed duration', true], ['Max memory used', false], ['Memory size', true], ['Start', true]]);
    assert.equal(c.summary, 'payload same · error none on both · duration 10.00 ms / 10.50 ms · max memory used 60 MB / 70 MB · start warm / warm');
    const d = compareResults(result({ errorType: 'Error', payload: '{"errorType":"Error"}' }), result({ durationMs: 200, coldStart: true, initDurationMs: 150 }));
    assert.deepEqual(d.fields.filter((f) => !f.same).map((f) => f.field), ['Payload', 'Error', 'Duration', 'Start']);
    assert.equal(normalizedPayload('not json'), 'not json');
  });

  it('masks what always differs in logs, so only real differences are highlighted', () => {
    assert.deepEqual(normalizedLog(['START RequestId: 0f0e0d0c-1111-2222-3333-444455556666 Version: $LATEST', '2024-01-01T00:00:00.123Z\t0f0e0d0c-1111-2222-3333-444455556666\tINFO\thi', 'REPORT RequestId: 0f0e0d0c-1111-2222-3333-444455556666\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB']), [
      'START RequestId: <request-id> Version: $LATEST',
      '<time>\t<request-id>\tINFO\thi',
      'REPORT RequestId: <request-id>\tDuration: …\tBilled Duration: …\tMemory Size: 128 MB\tMax Memory Used: …',
    ]);
  });

  it('runs one event on a local function and its deployed counterpart and lines the two sides up', async () => {
    const { cloud, dispose } = await startCloud();
    let local: TestEngine | undefined;
    const aws = new AwsBackend({ profile: 'cloudtest', region: 'us-east-1', endpointUrl: cloud.url, credentials: { accessKeyId: 'AKIDCLOUDTEST', secretAccessKey: 'cloud-test-secret' } });
    try {
      // Locally the function changed since the deploy: it answers differently.
      local = await startTestEngine({ template: deployedTemplate, files: { 'fn/index.js': deployedHandler.replace('echo: event', 'echo: event, local: true') } });
      const here = new LocalBackend(local);
      const fn = (await here.listFunctions()).find((f) => f.name === 'orders-api')!;
      const [best] = await counterpartCandidates(fn, [aws], true);
      assert.equal(best?.fn.name, 'orders-api');
      assert.equal(best?.score, 2);
      const event = Buffer.from('{"order":7}');
      const [l, c] = await Promise.all([here.invoke('orders-api', undefined, event), aws.invoke('orders-api', undefined, event)]);
      const comparison = compareResults(l, c);
      assert.equal(comparison.fields[0]?.same, false);
      assert.equal(comparison.fields[1]?.same, true);
      const left = comparisonSide('local', 'Local', 'orders-api', 'order 7', l, comparison).split('\n');
      const right = comparisonSide('cloud', aws.label, 'orders-api', 'order 7', c, comparison).split('\n');
      const differing = left.map((line, i) => [line, right[i]]).filter(([a, b]) => a !== b);
      assert.ok(differing.some(([a]) => a?.includes('"local": true')), 'the payload line that differs is a differing line');
      assert.ok(left.some((line) => line.includes('handling {"order":7}')) && right.some((line) => line.includes('handling {"order":7}')), 'both logs are shown');
      here.dispose();
    } finally {
      aws.dispose();
      await local?.dispose();
      await dispose();
    }
  });

  it('recognises SAM physical names of a logical id', () => {
    const local = { name: 'orders', local: { logicalId: 'OrdersFunction' } } as FunctionSummary;
    assert.equal(matchScore(local, { name: 'shop-OrdersFunction-Ab12Cd34' } as FunctionSummary), 1);
    assert.equal(matchScore(local, { name: 'orders' } as FunctionSummary), 2);
    assert.equal(matchScore(local, { name: 'shop-OtherFunction-Ab12' } as FunctionSummary), 0);
  });
});
