// The Java runtime client through real JVMs (JDK 17 and Temurin 25), invoked through the real endpoint
// with @aws-sdk/client-lambda: handler forms, serialization, context, logs, error payloads, timeouts,
// code from a Maven project (real `mvn`), a jar with no dependencies and a zip with lib/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { assertNoOrphans } from '../../../support/processes';
import { startTestEngine, type TestEngine } from '../../../support/engine';

/** An engine with the API listening on a workspace holding `files` and `template`. */
function startWorkspaceEngine(template: string, files: Record<string, string>, options: Omit<Parameters<typeof startTestEngine>[0] & object, 'template' | 'files'> = {}, workspaceDir?: string): Promise<TestEngine> {
  return startTestEngine({ ...options, template, files, listen: true, ...(workspaceDir ? { workspaceDir } : {}) });
}
import { buildPlainJar, invoke, lambdaClient, mavenApp, testJdks, useTemporaryCache, zipOf } from './javaHarness';

const fn = (name: string, runtime: string, handler: string, codeUri: string, extra = ''): string =>
  `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: ${name}\n      Runtime: ${runtime}\n      Handler: ${handler}\n      CodeUri: ${codeUri}\n${extra}`;

describe('Java runtime', function () {
  this.timeout(240_000);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-java-'));
  let restoreCache: () => void = () => undefined;
  before(() => {
    restoreCache = useTemporaryCache();
  });
  after(() => {
    fs.rmSync(workspace, { recursive: true, force: true });
    restoreCache();
  });

  for (const jdk of testJdks()) {
    const major = /temurin-25/.test(jdk) ? 25 : 17;
    const runtime = `java${major}`;
    describe(`on ${jdk}`, () => {
      let t: TestEngine;
      let lambda: LambdaClient;

      before(async () => {
        const jar = buildPlainJar(jdk, workspace);
        const template = [
          'Transform: AWS::Serverless-2016-10-31',
          'Resources:',
          fn('hello', runtime, 'example.Hello', mavenApp, '      MemorySize: 512\n      Environment:\n        Variables:\n          JAVA_TOOL_OPTIONS: -Dlwb.probe=picked\n'),
          fn('order', runtime, 'example.Pojos::order', mavenApp),
          fn('upper', runtime, 'example.Pojos::upper', mavenApp),
          fn('twice', runtime, 'example.Pojos::twice', mavenApp),
          fn('nothing', runtime, 'example.Pojos::nothing', mavenApp),
          fn('sqs', runtime, 'example.Pojos::sqsBodies', mavenApp),
          fn('api', runtime, 'example.Pojos::api', mavenApp),
          fn('streams', runtime, 'example.Streams', mavenApp),
          fn('fail', runtime, 'example.Pojos::fail', mavenApp),
          fn('broken', runtime, 'example.BrokenInit', mavenApp),
          fn('missing', runtime, 'example.Missing::handle', mavenApp),
          fn('sleepy', runtime, 'example.Pojos::sleep', mavenApp, '      Timeout: 1\n'),
          fn('plain', runtime, 'plain.Echo::handle', jar),
          fn('jsonlogs', runtime, 'example.Hello', mavenApp, '      LoggingConfig:\n        LogFormat: JSON\n'),
        ].join('\n');
        t = await startWorkspaceEngine(template, {}, { interpreters: { javaHome: jdk } }, workspace);
        const problems = t.listFunctions().flatMap((e) => e.problems ?? []).filter((p) => p.severity === 'error');
        assert.deepEqual(problems, []);
        lambda = lambdaClient(t.url);
      });
      after(async () => {
        // Keep the Maven build's output for the zip test below (the state directory goes with the engine).
        const built = t?.getFunction('hello')?.latest.codeDir;
        if (built && !fs.existsSync(path.join(workspace, 'built-code'))) fs.cpSync(built, path.join(workspace, 'built-code'), { recursive: true });
        lambda?.destroy();
        await t?.dispose();
        await assertNoOrphans();
      });

      it('runs a RequestHandler<Map, Map> with the context, logger, JAVA_TOOL_OPTIONS and a heap from MemorySize', async () => {
        const r = await invoke(lambda, 'hello', { a: 1, nested: { b: [true, null, 2.5] } });
        assert.equal(r.functionError, undefined, r.text);
        assert.deepEqual(r.body.event, { a: 1, nested: { b: [true, null, 2.5] } });
        assert.equal(r.body.functionName, 'hello');
        assert.equal(r.body.functionVersion, '$LATEST');
        assert.equal(r.body.memoryLimitInMB, 512);
        assert.equal(r.body.arn, 'arn:aws:lambda:us-east-1:123456789012:function:hello');
        assert.equal(r.body.logGroup, '/aws/lambda/hello');
        assert.match(r.body.requestId, /^[0-9a-f-]{36}$/);
        assert.ok(r.body.remaining > 0 && r.body.remaining <= 3000, String(r.body.remaining));
        assert.equal(r.body.javaVersion, major);
        assert.equal(r.body.toolOptions, 'picked');
        assert.equal(r.body.executionEnv, `AWS_Lambda_${runtime}`);
        // 85% of 512 MB; the JVM reports a little less (one survivor space).
        assert.ok(r.body.maxHeapMb > 380 && r.body.maxHeapMb <= 436, String(r.body.maxHeapMb));
        assert.match(r.log, /START RequestId: .* Version: \$LATEST\nhello from hello\nstdout line\nEND RequestId/);
        assert.match(r.log, /REPORT RequestId: .*Memory Size: 512 MB/);
      });

      it('binds POJOs (public fields, setters, nested lists and maps) and serializes getters without nulls', async () => {
        const r = await invoke(lambda, 'order', { id: 'o-1', Quantity: '3', items: { sku: 'x', fragile: true }, prices: { a: 1 }, unknown: 1 });
        assert.equal(r.functionError, undefined, r.text);
        assert.equal(r.text, '{"orderId":"o-1","total":31}');
      });

      it('takes and returns String, primitives and void as Lambda does', async () => {
        assert.equal((await invoke(lambda, 'upper', 'abc')).text, '"ABC"');
        assert.equal((await invoke(lambda, 'twice', 21)).text, '42');
        assert.equal((await invoke(lambda, 'nothing', {})).text, 'null');
        const bad = await invoke(lambda, 'upper', { not: 'a string' });
        assert.equal(bad.functionError, 'Unhandled');
        assert.equal(bad.body.errorMessage, 'An error occurred during JSON parsing');
        assert.equal(bad.body.errorType, 'java.lang.RuntimeException');
      });

      it('fills aws-lambda-java-events types (SQS, API Gateway) from their JSON', async () => {
        const sqs = await invoke(lambda, 'sqs', { Records: [{ messageId: 'm1', body: 'one', attributes: { ApproximateReceiveCount: '1' } }, { messageId: 'm2', body: 'two' }] });
        assert.deepEqual(sqs.body, ['m1:one', 'm2:two']);
        const api = await invoke(lambda, 'api', { httpMethod: 'GET', path: '/items', queryStringParameters: { q: '1' }, headers: { Accept: '*/*' } });
        assert.equal(api.functionError, undefined, api.text);
        assert.deepEqual(api.body, { statusCode: 200, body: 'GET /items {q=1}' });
      });

      it('runs a RequestStreamHandler on the raw bytes', async () => {
        const r = await invoke(lambda, 'streams', { x: [1, 2] });
        assert.deepEqual(r.body.raw, { x: [1, 2] });
        assert.match(r.body.id, /^[0-9a-f-]{36}$/);
      });

      it('reports a thrown exception with errorMessage, errorType and a stackTrace of strings, and logs it', async () => {
        const r = await invoke(lambda, 'fail', { id: 'o-9' });
        assert.equal(r.functionError, 'Unhandled');
        assert.deepEqual(Object.keys(r.body), ['errorMessage', 'errorType', 'stackTrace']);
        assert.equal(r.body.errorMessage, 'bad order o-9');
        assert.equal(r.body.errorType, 'java.lang.IllegalStateException');
        assert.match(r.body.stackTrace[0], /^example\.Pojos\.fail\(Pojos\.java:\d+\)$/);
        assert.ok(!r.body.stackTrace.some((f: string) => f.includes('lambdaworkbench')), 'no frames of the runtime client');
        assert.match(r.log, /bad order o-9: java\.lang\.IllegalStateException\njava\.lang\.IllegalStateException: bad order o-9\n\tat example\.Pojos\.fail/);
      });

      it('reports a throwing constructor as an init error, and a missing class at invoke', async () => {
        const broken = await invoke(lambda, 'broken', {});
        assert.equal(broken.functionError, 'Unhandled');
        assert.deepEqual(broken.body, { errorMessage: 'missing TABLE_NAME', errorType: 'java.lang.IllegalArgumentException' });
        const missing = await invoke(lambda, 'missing', {});
        assert.deepEqual(missing.body, { errorMessage: 'Class not found: example.Missing', errorType: 'java.lang.ClassNotFoundException' });
      });

      it('times out a handler that runs past Timeout', async () => {
        const r = await invoke(lambda, 'sleepy', {});
        assert.equal(r.functionError, 'Unhandled');
        assert.equal(r.body.errorType, 'Sandbox.Timedout');
        assert.match(r.body.errorMessage, /Task timed out after 1\.00 seconds/);
      });

      it('writes LambdaLogger calls as Lambda\'s JSON records under LogFormat JSON', async () => {
        const r = await invoke(lambda, 'jsonlogs', {});
        const record = r.log.split('\n').map((l) => (l.startsWith('{') ? JSON.parse(l) : undefined)).find((j) => j?.message === 'hello from jsonlogs');
        assert.ok(record, r.log);
        assert.deepEqual(Object.keys(record), ['timestamp', 'level', 'message', 'AWSRequestId']);
        assert.equal(record.level, 'UNDEFINED');
        assert.match(record.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        assert.match(record.AWSRequestId, /^[0-9a-f-]{36}$/);
      });

      it('runs a jar with no dependencies at all (no aws-lambda-java-core)', async () => {
        const r = await invoke(lambda, 'plain', { name: 'ann' });
        assert.equal(r.functionError, undefined, r.text);
        assert.equal(r.text, '{"greeting":"hello ann","numbers":[1,2,3],"echoed":{"name":"ann"}}');
      });
    });
  }

  describe('deployment packages', () => {
    it('runs a zip with lib/ (the Maven build laid out as a deployment package)', async () => {
      const jdk = testJdks()[0] as string;
      const code = path.join(workspace, 'built-code');
      assert.ok(fs.existsSync(path.join(code, 'lib', 'aws-lambda-java-core-1.2.3.jar')), 'the Maven build of the earlier suites');
      const zipDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-zip-'));
      const zip = zipOf(jdk, code, zipDir);
      const t = await startWorkspaceEngine(['Transform: AWS::Serverless-2016-10-31', 'Resources:', fn('zipped', 'java17', 'example.Hello', zip)].join('\n'), {}, { interpreters: { javaHome: jdk } });
      const lambda = lambdaClient(t.url);
      try {
        const r = await invoke(lambda, 'zipped', { z: 1 });
        assert.equal(r.functionError, undefined, r.text);
        assert.deepEqual(r.body.event, { z: 1 });
      } finally {
        lambda.destroy();
        await t.dispose();
        fs.rmSync(zipDir, { recursive: true, force: true });
        await assertNoOrphans();
      }
    });
  });
});
