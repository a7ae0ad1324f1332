// The Python runtime bootstrap through real execution environments: warm state, the context object,
// reserved variables, result marshalling (fidelity 2.1, 2.3, 3) on Debian's and pyenv's Python 3.11.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import type { InvocationInput } from '../../../src/core/runtime/invocation';
import { assertNoOrphans } from '../../support/processes';
import { invokePython, pythonConfig, pythonFixture, startPythonEngine, testInterpreters } from './pythonHarness';

const dir = pythonFixture('basic');
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

for (const python of testInterpreters()) {
  describe(`Python runtime on ${python}: invocations`, () => {
    let engine: Emulator;
    const define = (name: string, handler: string, extra = {}) => engine.defineFunction(pythonConfig(name, dir, { handler, ...extra }));

    before(async () => {
      engine = await startPythonEngine(python);
      define('counter', 'app.counter');
      define('ctx', 'app.context_info', { memorySize: 256 });
      define('env', 'app.environment', { environment: { CUSTOM: 'yes' } });
      define('decimals', 'app.decimals');
      define('bytes', 'app.returns_bytes');
      define('none', 'app.returns_none');
      define('unserializable', 'app.unserializable');
      define('echo', 'app.echo');
    });
    after(async () => {
      await engine.dispose();
      await assertNoOrphans();
    });

    it('keeps module state across warm invocations in one environment and log stream', async () => {
      const first = await invokePython(engine, 'counter');
      const second = await invokePython(engine, 'counter');
      assert.equal(first.body.invocations, 1);
      assert.equal(second.body.invocations, 2);
      assert.equal(second.body.pid, first.body.pid);
      assert.equal(first.response.outcome?.coldStart, true);
      assert.equal(second.response.outcome?.coldStart, false);
      assert.equal(second.response.outcome?.logStreamName, first.response.outcome?.logStreamName);
      assert.match(first.logs, /^INIT_START Runtime Version: python:3\.11\.v1\t/);
      assert.match(first.logs, /\tInit Duration: \d+\.\d\d ms\t\n$/);
      assert.doesNotMatch(second.logs, /Init Duration/);
    });

    it('fills every context field like PRIC', async () => {
      const { body, response } = await invokePython(engine, 'ctx');
      assert.equal(body.aws_request_id, response.requestId);
      assert.equal(body.invoked_function_arn, arn('ctx'));
      assert.equal(body.function_name, 'ctx');
      assert.equal(body.function_version, '$LATEST');
      assert.equal(body.memory_limit_in_mb, '256');
      assert.equal(body.log_group_name, '/aws/lambda/ctx');
      assert.equal(body.log_stream_name, response.outcome?.logStreamName);
      assert.match(body.log_stream_name, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
      assert.deepEqual(body.identity, ['CognitoIdentity', null, null]);
      assert.equal(body.client_context, null);
      assert.equal(body.tenant_id, null);
      assert.ok(body.remaining > 0 && body.remaining <= 3000, `remaining ${body.remaining}`);
      const qualified = await invokePython(engine, 'ctx', {}, { qualifier: '$LATEST' });
      assert.equal(qualified.body.invoked_function_arn, arn('ctx:$LATEST'));
    });

    it('builds client_context from the decoded X-Amz-Client-Context', async () => {
      const clientContext = {
        custom: { flag: 'on' },
        env: { platform: 'Android' },
        client: { installation_id: 'inst-1', app_title: 'Title', app_version_name: '1.0', app_version_code: '7', app_package_name: 'com.example' },
      };
      const { body } = await invokePython(engine, 'ctx', {}, { clientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64') });
      assert.deepEqual(body.client_context, clientContext);
    });

    it('sets the reserved environment variables, the task root first on sys.path', async () => {
      const names = [
        'TZ', 'LANG', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'AWS_EXECUTION_ENV', 'AWS_REGION', 'AWS_DEFAULT_REGION', '_HANDLER',
        'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME',
        'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_LAMBDA_RUNTIME_API', 'AWS_LAMBDA_INITIALIZATION_TYPE', '_X_AMZN_TRACE_ID', 'CUSTOM',
        '_LAMBDA_WORKBENCH_LOG_FD',
      ];
      const { body, response } = await invokePython(engine, 'env', { names });
      const env = body.env;
      assert.equal(env.TZ, ':UTC');
      assert.equal(env.LANG, 'en_US.UTF-8');
      assert.equal(env.LAMBDA_TASK_ROOT, dir);
      assert.match(env.LAMBDA_RUNTIME_DIR, /dist\/runtime$/);
      assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_python3.11');
      assert.equal(env.AWS_REGION, 'us-east-1');
      assert.equal(env.AWS_DEFAULT_REGION, 'us-east-1');
      assert.equal(env._HANDLER, 'app.environment');
      assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'env');
      assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
      assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
      assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/env');
      assert.equal(env.AWS_LAMBDA_LOG_STREAM_NAME, response.outcome?.logStreamName);
      assert.match(env.AWS_LAMBDA_RUNTIME_API, /^127\.0\.0\.1:\d+$/);
      assert.equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, 'on-demand');
      assert.match(env._X_AMZN_TRACE_ID, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=[0-9a-f]{8}:1$/);
      assert.equal(env.CUSTOM, 'yes');
      assert.equal(env._LAMBDA_WORKBENCH_LOG_FD, null, 'the log channel variable is removed, like _LAMBDA_TELEMETRY_LOG_FD');
      assert.equal(body.sys_path[0], dir);
      assert.equal(body.cwd, dir);
      assert.equal(fs.existsSync(path.join(dir, '__pycache__')), false, 'PYTHONDONTWRITEBYTECODE still applies to user code');
    });

    it('encodes results like simplejson: Decimal exact, NaN, ASCII escapes before python3.12', async () => {
      const { text, response } = await invokePython(engine, 'decimals');
      assert.equal(text, '{"price": 1.10, "big": 12345678901234567890.000001, "nan": NaN, "text": "\\u00e9"}');
      assert.equal(response.contentType, 'application/json');
      assert.equal((await invokePython(engine, 'none')).text, 'null');
      assert.equal((await invokePython(engine, 'echo', { a: [1, 'é', null] })).text, '{"a": [1, "\\u00e9", null]}');
    });

    it('writes raw UTF-8 for python3.12 and later runtimes', async () => {
      define('decimals312', 'app.decimals', { runtime: 'python3.12' });
      const { text } = await invokePython(engine, 'decimals312');
      assert.equal(text, '{"price": 1.10, "big": 12345678901234567890.000001, "nan": NaN, "text": "é"}');
    });

    it('returns bytes unchanged as application/unknown', async () => {
      const { response } = await invokePython(engine, 'bytes');
      assert.deepEqual(response.payload, Buffer.from('\x00\x01raw bytes', 'latin1'));
      assert.equal(response.contentType, 'application/unknown');
      assert.equal(response.functionError, undefined);
    });

    it('fails a result that cannot be serialized with Runtime.MarshalError', async () => {
      const { text, response, logs } = await invokePython(engine, 'unserializable');
      assert.equal(response.functionError, 'Unhandled');
      assert.equal(
        text,
        `{"errorMessage": "Unable to marshal response: Object of type set is not JSON serializable", "errorType": "Runtime.MarshalError", "requestId": "${response.requestId}", "stackTrace": []}`,
      );
      assert.ok(logs.includes('[ERROR] Runtime.MarshalError: Unable to marshal response: Object of type set is not JSON serializable\nTraceback (most recent call last):\n'));
    });
  });

  describe(`Python runtime on ${python}: Runtime API headers`, () => {
    let engine: Emulator;
    let clock: http.Server;
    let pausedBody = '0';
    const config = pythonConfig('direct', dir, { handler: 'app.context_info' });
    const input = (extra: Partial<InvocationInput> = {}): InvocationInput => ({
      requestId: `req-${Math.random().toString(16).slice(2)}`,
      payload: Buffer.from('{}'),
      invokedFunctionArn: arn('direct'),
      ...extra,
    });

    before(async () => {
      engine = await startPythonEngine(python);
      clock = http.createServer((req, res) => res.end(req.url === '/paused' ? pausedBody : 'unknown path'));
      await new Promise<void>((resolve) => clock.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      await engine.dispose();
      await new Promise((resolve) => clock.close(resolve));
      await assertNoOrphans();
    });

    const withEnvironment = async <T>(fn: (env: ReturnType<Emulator['startEnvironment']>) => Promise<T>, extraEnv = {}, cfg = config): Promise<T> => {
      const env = engine.startEnvironment(cfg, { extraEnv });
      try {
        return await fn(env);
      } finally {
        env.shutdown();
      }
    };
    const json = (o: { payload: Buffer }) => JSON.parse(o.payload.toString('utf8'));

    it('reads the Cognito identity header into context.identity', async () => {
      await withEnvironment(async (env) => {
        const cognito = JSON.stringify({ cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' });
        const body = json(await env.invoke(input({ cognitoIdentity: cognito })));
        assert.deepEqual(body.identity, ['CognitoIdentity', 'us-east-1:abc', 'us-east-1:pool']);
        const bad = await env.invoke(input({ cognitoIdentity: '{not json' }));
        assert.equal(bad.errorType, 'Runtime.LambdaContextUnmarshalError');
        assert.equal(json(bad).errorMessage, 'Unable to parse Cognito Identity JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)');
      });
    });

    it('fails an event that is not JSON with Runtime.UnmarshalError', async () => {
      await withEnvironment(async (env) => {
        const outcome = await env.invoke(input({ payload: Buffer.from('not json') }));
        assert.equal(outcome.errorType, 'Runtime.UnmarshalError');
        assert.deepEqual(json(outcome), {
          errorMessage: 'Unable to unmarshal input: Expecting value: line 1 column 1 (char 0)',
          errorType: 'Runtime.UnmarshalError',
          requestId: outcome.requestId,
          stackTrace: [],
        });
      });
    });

    it('sets _X_AMZN_TRACE_ID per invocation and deletes it when the header is absent', async () => {
      await withEnvironment(
        async (env) => {
          const traced = json(await env.invoke(input({ traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1' })));
          assert.equal(traced.trace, 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1');
          assert.equal(json(await env.invoke(input())).trace, null);
        },
        {},
        pythonConfig('trace', dir, { handler: 'app.trace_id' }),
      );
    });

    it('adds the paused time reported by the clock bridge to the remaining time, clamped at 0', async () => {
      const bridge = { _LAMBDA_WORKBENCH_CLOCK: `127.0.0.1:${(clock.address() as AddressInfo).port}` };
      await withEnvironment(async (env) => {
        pausedBody = '250000';
        const body = json(await env.invoke(input()));
        assert.ok(body.remaining > 250000 && body.remaining <= 253000, `remaining ${body.remaining}`);
        assert.equal(body.clock_variable, null, 'the bridge address stays out of the handler environment');
        pausedBody = '-9999999';
        assert.equal(json(await env.invoke(input())).remaining, 0);
      }, bridge);
    });
  });
}
