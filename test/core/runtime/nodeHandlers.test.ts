// The Node.js runtime's calling conventions, context and environment (fidelity 2.1, 2.2, 3), through
// real execution environments.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../../src/core/emulator';
import { assertNoOrphans } from '../../support/processes';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

const dir = fixture('node-handlers');

describe('Node.js runtime: handler styles', () => {
  let engine: Emulator;
  const define = (name: string, handler: string, extra = {}) =>
    engine.defineFunction(functionConfig(name, dir, { handler, ...extra }));

  before(async () => {
    engine = await startTestEngine();
    define('echo', 'handlers.echo', { environment: { CUSTOM: 'yes' }, memorySize: 256 });
    for (const h of ['returnsUndefined', 'callback', 'callbackNoWait', 'callbackError', 'succeed', 'fail', 'failUndefined', 'done', 'syncNoCallback', 'neverSettles', 'throwsString', 'throwsSync', 'logs']) {
      define(h, `handlers.${h}`);
    }
    define('nested', 'handlers.nested.deeper.handler');
    define('esm', 'esm.handler');
    define('cjs', 'cjs.handler');
    define('typemodule', 'typemodule/index.handler');
  });
  after(async () => {
    await engine.dispose();
    await assertNoOrphans();
  });

  it('runs an async handler and keeps module state across warm invocations', async () => {
    const first = await invokeJson(engine, 'echo', { a: 1 });
    const second = await invokeJson(engine, 'echo', { a: 2 });
    assert.equal(first.response.statusCode, 200);
    assert.deepEqual(first.body.event, { a: 1 });
    assert.equal(second.body.calls, first.body.calls + 1);
    assert.equal(second.body.initialisedAt, first.body.initialisedAt);
    assert.equal(first.response.outcome?.coldStart, true);
    assert.equal(second.response.outcome?.coldStart, false);
    assert.equal(first.response.outcome?.logStreamName, second.response.outcome?.logStreamName);
    assert.match(first.logs, /\tInit Duration: \d+\.\d\d ms\t\n$/);
    assert.doesNotMatch(second.logs, /Init Duration/);
  });

  it('fills the context object like Lambda', async () => {
    const { body, response } = await invokeJson(engine, 'echo', {});
    const c = body.context;
    assert.equal(c.awsRequestId, response.requestId);
    assert.equal(c.invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:echo');
    assert.equal(c.functionName, 'echo');
    assert.equal(c.functionVersion, '$LATEST');
    assert.equal(c.memoryLimitInMB, '256');
    assert.equal(c.logGroupName, '/aws/lambda/echo');
    assert.match(c.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(c.callbackWaitsForEmptyEventLoop, true);
    assert.ok(c.remaining > 2500 && c.remaining <= 3000, `remaining ${c.remaining}`);
    assert.equal(c.identity, undefined);
    assert.equal(c.clientContext, undefined);
  });

  it('sets the reserved environment variables and nothing of the host', async () => {
    const { body } = await invokeJson(engine, 'echo', {});
    const env = body.env;
    assert.equal(env.AWS_REGION, 'us-east-1');
    assert.equal(env.AWS_DEFAULT_REGION, 'us-east-1');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'echo');
    assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '256');
    assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/echo');
    assert.equal(env.AWS_LAMBDA_LOG_STREAM_NAME, body.context.logStreamName);
    assert.match(env.AWS_LAMBDA_RUNTIME_API, /^127\.0\.0\.1:\d+$/);
    assert.equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, 'on-demand');
    assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs20.x');
    assert.equal(env._HANDLER, 'handlers.echo');
    assert.equal(env.LAMBDA_TASK_ROOT, dir);
    assert.equal(env.TZ, ':UTC');
    assert.equal(env.LANG, 'en_US.UTF-8');
    assert.match(env._X_AMZN_TRACE_ID, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=[0-9a-f]{8}:1$/);
    assert.equal(env.CUSTOM, 'yes');
    assert.equal(env.HOME, undefined, 'the host HOME (and its ~/.aws) must not leak into the function');
    assert.equal(body.cwd, dir);
    // Lambda shows no TMPDIR and no engine variable; /tmp stays private through os.tmpdir().
    assert.equal(env.TMPDIR, undefined);
    assert.equal(env._LAMBDA_WORKBENCH_ENGINE, undefined);
    assert.equal(env._LAMBDA_WORKBENCH_TMPDIR, undefined);
    assert.match(body.tmpdir, /lambda-tmp-/);
  });

  it('serializes undefined as null', async () => {
    const { text } = await invokeJson(engine, 'returnsUndefined');
    assert.equal(text, 'null');
  });

  it('posts a callback result only after the event loop drains (callbackWaitsForEmptyEventLoop)', async () => {
    const { body, logs } = await invokeJson(engine, 'callback');
    assert.deepEqual(body, { style: 'callback' });
    assert.match(logs, /timer fired after callback[\s\S]*END RequestId/);
  });

  it('posts at once when callbackWaitsForEmptyEventLoop is false', async () => {
    const { body, logs } = await invokeJson(engine, 'callbackNoWait');
    assert.deepEqual(body, { style: 'no-wait' });
    assert.doesNotMatch(logs, /late timer/);
  });

  it('reports callback(err), context.fail and thrown non-errors as function errors', async () => {
    const cb = await invokeJson(engine, 'callbackError');
    assert.equal(cb.response.functionError, 'Unhandled');
    assert.equal(cb.body.errorType, 'Error');
    assert.equal(cb.body.errorMessage, 'callback failed');
    assert.ok(Array.isArray(cb.body.trace) && cb.body.trace[0] === 'Error: callback failed');
    assert.match(cb.logs, /\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"callback failed","stack":\["Error: callback failed"/);
    const fail = await invokeJson(engine, 'fail');
    assert.equal(fail.body.errorMessage, 'context.fail');
    const failUndefined = await invokeJson(engine, 'failUndefined');
    assert.deepEqual(failUndefined.body, { errorType: 'string', errorMessage: 'handled', trace: [] });
    const str = await invokeJson(engine, 'throwsString');
    assert.deepEqual(str.body, { errorType: 'string', errorMessage: 'just a string', trace: [] });
    const sync = await invokeJson(engine, 'throwsSync');
    assert.equal(sync.body.errorType, 'TypeError');
  });

  it('supports context.succeed and context.done', async () => {
    assert.deepEqual((await invokeJson(engine, 'succeed')).body, { style: 'succeed' });
    assert.deepEqual((await invokeJson(engine, 'done')).body, { style: 'done' });
  });

  it('posts null for a non-async handler that never calls back', async () => {
    const { text, response } = await invokeJson(engine, 'syncNoCallback');
    assert.equal(text, 'null');
    assert.equal(response.functionError, undefined);
  });

  it('fails an async handler whose promise never settles with Runtime.NodeJsExit', async () => {
    const { body } = await invokeJson(engine, 'neverSettles');
    assert.equal(body.errorType, 'Runtime.NodeJsExit');
    assert.match(body.errorMessage, /Promise that was never settled/);
  });

  it('resolves dotted export paths', async () => {
    assert.equal((await invokeJson(engine, 'nested')).body, 'nested ok');
  });

  it('loads ESM (.mjs, "type": "module") and .cjs modules', async () => {
    assert.deepEqual((await invokeJson(engine, 'esm', { x: 1 })).body, { module: 'esm', event: { x: 1 } });
    assert.deepEqual((await invokeJson(engine, 'cjs')).body, { module: 'cjs' });
    assert.deepEqual((await invokeJson(engine, 'typemodule')).body, { module: 'type-module', url: true });
  });

  it('writes console output in the Lambda text format with levels', async () => {
    const { logs, response } = await invokeJson(engine, 'logs');
    const id = response.requestId;
    const ts = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    for (const [level, text] of [['INFO', 'plain log'], ['INFO', 'info line'], ['WARN', 'warn line'], ['ERROR', 'error line'], ['DEBUG', 'debug line']]) {
      assert.match(logs, new RegExp(`${ts}\\t${id}\\t${level}\\t${text}\\n`));
    }
    assert.match(logs, new RegExp(`\\tINFO\\tmulti\\nline\\n`), 'a multi-line message stays one event');
    assert.match(logs, /\nraw stdout\n/);
    assert.ok(logs.includes(`START RequestId: ${id} Version: $LATEST\n`));
    assert.match(logs, new RegExp(`END RequestId: ${id}\\nREPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\t(Init Duration: \\d+\\.\\d\\d ms\\t)?\\n$`));
  });

  it('records the call site of console calls for inline logs', async () => {
    const sites: { message: string; file?: string; line?: number }[] = [];
    const off = engine.logs.onDidAppend((_g, _s, e) => sites.push({ message: e.message, file: e.callSite?.file, line: e.callSite?.line }));
    await invokeJson(engine, 'logs');
    off();
    const plain = sites.find((s) => s.message.endsWith('\tplain log\n'));
    assert.equal(plain?.file, `${dir}/handlers.js`);
    assert.equal(plain?.line, 118);
  });
});

describe('Node.js runtime: JSON log format', () => {
  it('writes JSON application lines filtered by level and telemetry-style platform records', async () => {
    const engine = await startTestEngine();
    try {
      engine.defineFunction(
        functionConfig('jsonlogs', dir, { handler: 'handlers.logs', logging: { logFormat: 'JSON', logGroup: '/aws/lambda/jsonlogs', applicationLogLevel: 'WARN' } }),
      );
      const { logs, response } = await invokeJson(engine, 'jsonlogs');
      const lines = logs.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      const app = lines.filter((l) => l.level);
      assert.deepEqual(app.map((l) => [l.level, l.message]), [['WARN', 'warn line'], ['ERROR', 'error line']]);
      assert.ok(app.every((l) => l.requestId === response.requestId && /^\d{4}-.*Z$/.test(l.timestamp)));
      const platform = lines.filter((l) => l.type).map((l) => l.type);
      assert.deepEqual(platform, ['platform.initStart', 'platform.start', 'platform.report']);
      const report = lines.find((l) => l.type === 'platform.report');
      assert.equal(report.record.requestId, response.requestId);
      assert.equal(report.record.status, 'success');
      assert.equal(report.record.metrics.memorySizeMB, 128);
      assert.ok(report.record.metrics.initDurationMs > 0);
      assert.doesNotMatch(logs, /^END RequestId/m);
    } finally {
      await engine.dispose();
    }
  });
});

describe('Node.js runtime: client context encoding', () => {
  it('passes a client context with characters beyond Latin-1 intact', async () => {
    const engine = await startTestEngine();
    try {
      engine.defineFunction(functionConfig('echo', dir, { handler: 'handlers.echo' }));
      const context = { custom: { greeting: 'héllo 🌍 世界' } };
      const { body } = await invokeJson(engine, 'echo', {}, { clientContext: Buffer.from(JSON.stringify(context)).toString('base64') });
      assert.deepEqual(body.context.clientContext, context);
    } finally {
      await engine.dispose();
    }
  });
});
