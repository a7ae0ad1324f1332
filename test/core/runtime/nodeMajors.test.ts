// Node.js at the named major: nodejs18.x-24.x run on that major's official binary, fetched once from the
// npm registry's node-<platform>-<arch> package into the per-user cache (this suite downloads a major
// only when the cache lacks it), and nodejs24.x follows Node 24's programming model.
import * as assert from 'node:assert/strict';
import { installedNode } from '../../../src/core/runtime/nodeDistribution';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

const dir = fixture('node-majors');

describe('Node.js majors', function () {
  // A cold cache downloads about 50 MB per major.
  this.timeout(300_000);

  it('runs nodejs18.x, 20.x, 22.x and 24.x on that major, the same binary for every environment', async () => {
    const engine = await startTestEngine();
    const warnings: string[] = [];
    const progress: string[] = [];
    engine.on('warning', (m) => warnings.push(m));
    engine.on('runtimeDownload', (p) => progress.push(p.runtime));
    try {
      for (const major of ['18', '20', '22', '24']) {
        const runtime = `nodejs${major}.x`;
        const hadCache = !!installedNode(major) || process.versions.node.split('.')[0] === major;
        engine.defineFunction(functionConfig(`v${major}`, dir, { runtime, handler: 'index.version' }));
        const { body } = await invokeJson(engine, `v${major}`);
        assert.match(body.version, new RegExp(`^v${major}\\.`), `${runtime} ran on ${body.version}`);
        assert.equal(body.executionEnv, `AWS_Lambda_${runtime}`);
        engine.forceColdStart(`v${major}`);
        const again = await invokeJson(engine, `v${major}`);
        assert.equal(again.body.execPath, body.execPath, 'a cold start reuses the resolved binary');
        if (!hadCache) {
          // A download is announced before it starts and reports its progress.
          assert.ok(warnings.some((w) => w.startsWith(`${runtime}: downloading Node.js ${major}`)), warnings.join('\n'));
          assert.ok(progress.includes(runtime));
        } else {
          assert.ok(!warnings.some((w) => w.startsWith(`${runtime}:`)), `no download or mismatch warning for a cached major: ${warnings.join('\n')}`);
        }
        if (major !== process.versions.node.split('.')[0]) assert.equal(body.execPath, installedNode(major)?.executable);
      }
      assert.ok(!warnings.some((w) => /may differ/.test(w)), warnings.join('\n'));
    } finally {
      await engine.dispose();
    }
  });
});

describe('Node 24 rules (nodejs24.x) against nodejs22.x', function () {
  this.timeout(300_000);
  // The message, error type and rule (three or more declared parameters, streaming handlers excepted)
  // are those of aws/aws-lambda-nodejs-runtime-interface-client v4: src/context/constants.ts
  // CALLBACK_ERROR_NODEJS24_ABOVE, src/function/callback-deprecation.ts, src/utils/errors.ts; seen in
  // CloudWatch as `ERROR Init Error {"errorType":"Runtime.CallbackHandlerDeprecated",...}` (e.g.
  // CodeGenieApp/serverless-express#707). Lambda developer guide: nodejs-handler.html.
  const MESSAGE =
    'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  before(async () => {
    engine = await startTestEngine();
    for (const runtime of ['nodejs22.x', 'nodejs24.x']) {
      const tag = runtime.slice(6, 8);
      for (const h of ['version', 'callbackStyle', 'asyncWithCallbackParam', 'syncWithTimer', 'asyncWithTimer']) {
        engine.defineFunction(functionConfig(`${h}${tag}`, dir, { runtime, handler: `index.${h}` }));
      }
    }
  });
  after(() => engine.dispose());

  for (const h of ['callbackStyle', 'asyncWithCallbackParam']) {
    it(`refuses the ${h} handler at init with Runtime.CallbackHandlerDeprecated on nodejs24.x`, async () => {
      const { body, response, logs } = await invokeJson(engine, `${h}24`);
      assert.equal(response.functionError, 'Unhandled');
      assert.equal(body.errorType, 'Runtime.CallbackHandlerDeprecated');
      assert.equal(body.errorMessage, MESSAGE);
      assert.match(logs, /\tERROR\tInit Error \t\{"errorType":"Runtime.CallbackHandlerDeprecated","errorMessage":"ERROR: AWS Lambda has removed support/);
    });
  }

  it('keeps callback handlers on nodejs22.x', async () => {
    assert.equal((await invokeJson(engine, 'callbackStyle22')).body, 'from callback');
    assert.equal((await invokeJson(engine, 'asyncWithCallbackParam22')).body, 'async with three params');
  });

  it('gives nodejs24.x a context without done/succeed/fail/callbackWaitsForEmptyEventLoop; nodejs22.x keeps them', async () => {
    const v24 = (await invokeJson(engine, 'version24')).body.context;
    assert.deepEqual(v24, { done: 'undefined', succeed: 'undefined', fail: 'undefined', callbackWaitsForEmptyEventLoop: 'undefined', getRemainingTimeInMillis: 'function' });
    const v22 = (await invokeJson(engine, 'version22')).body.context;
    assert.deepEqual(v22, { done: 'function', succeed: 'function', fail: 'function', callbackWaitsForEmptyEventLoop: 'boolean', getRemainingTimeInMillis: 'function' });
  });

  it('completes a nodejs24.x invocation with the returned value without waiting for the event loop; nodejs22.x waits and answers null', async () => {
    assert.equal((await invokeJson(engine, 'syncWithTimer24')).body, 'sync result');
    assert.equal((await invokeJson(engine, 'syncWithTimer22')).body, null);
    assert.equal((await invokeJson(engine, 'asyncWithTimer24')).body, 'async result');
    assert.equal((await invokeJson(engine, 'asyncWithTimer22')).body, 'async result');
  });
});
