// The two backends behave the same: the local one over the engine's management plane, the AWS one over
// the SDK against the same engine's HTTP endpoint (which speaks the Lambda and CloudWatch Logs APIs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsBackend } from '../../../src/vscode/backends/awsBackend';
import { BackendError, type LambdaBackend } from '../../../src/vscode/backends/lambdaBackend';
import { LocalBackend } from '../../../src/vscode/backends/localBackend';
import { startTestEngine } from '../../support/engine';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: greeter
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      MemorySize: 256
      Timeout: 7
`;
const HANDLER = `let calls = 0;
exports.handler = async (event) => { calls++; console.log('greeting', event.name); if (event.fail) throw new Error('boom'); return { hello: event.name, calls, version: process.env.AWS_LAMBDA_FUNCTION_VERSION }; };
`;

describe('vscode backends', function () {
  this.timeout(60_000);
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let endpoint: string;

  before(async () => {
    engine = await startTestEngine({ api: {} });
    fs.mkdirSync(path.join(engine.workspace, 'src'));
    fs.writeFileSync(path.join(engine.workspace, 'src', 'index.js'), HANDLER);
    fs.writeFileSync(path.join(engine.workspace, 'template.yaml'), TEMPLATE);
    await engine.loadTemplate({ templatePath: path.join(engine.workspace, 'template.yaml'), watch: false });
    endpoint = (await engine.listen()) as string;
  });
  after(async () => engine?.dispose());

  const backends: Record<string, () => LambdaBackend> = {
    local: () => new LocalBackend(engine),
    aws: () => new AwsBackend({ profile: 'test', region: 'us-east-1', endpointUrl: endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } }),
  };

  for (const [kind, make] of Object.entries(backends)) {
    describe(kind, () => {
      let backend: LambdaBackend;
      before(() => (backend = make()));
      after(async () => {
        backend.dispose();
        // Leave the engine as found for the other backend.
        for (const a of await engine.functions.aliases.list('greeter').then((r) => (r as { Aliases: { Name: string }[] }).Aliases)) await engine.functions.aliases.delete('greeter', a.Name);
        const versions = (await engine.functions.versions.list('greeter')) as { Versions: { Version: string }[] };
        for (const v of versions.Versions) if (v.Version !== '$LATEST') await engine.functions.versions.delete('greeter', v.Version);
        await engine.functions.concurrency.deleteReserved('greeter');
      });

      it('lists the template function with its configuration', async () => {
        const [fn] = await backend.listFunctions();
        assert.equal(fn?.name, 'greeter');
        assert.equal(fn?.runtime, 'nodejs20.x');
        assert.equal(fn?.memorySize, 256);
        assert.equal(fn?.timeout, 7);
        assert.equal(fn?.logGroup, '/aws/lambda/greeter');
        assert.match(fn?.arn ?? '', /:function:greeter$/);
        assert.equal(fn?.reservedConcurrency, undefined);
        assert.equal(fn?.local !== undefined, kind === 'local');
      });

      it('publishes versions, creates an alias, splits its traffic and reports it', async () => {
        const changed: (readonly string[] | undefined)[] = [];
        const off = backend.onDidChange((names) => changed.push(names));
        const v1 = await backend.publishVersion('greeter', 'first');
        fs.appendFileSync(path.join(engine.workspace, 'src', 'index.js'), `// ${kind} v2\n`);
        await engine.loadTemplate({ templatePath: path.join(engine.workspace, 'template.yaml'), watch: false });
        const v2 = await backend.publishVersion('greeter', 'second');
        assert.notEqual(v1.version, v2.version);
        assert.equal(v1.description, 'first');
        assert.ok(v1.codeSha256 && v1.lastModified);
        const alias = await backend.createAlias('greeter', 'prod', v1.version, 'production');
        assert.deepEqual([alias.name, alias.functionVersion, alias.routing], ['prod', v1.version, undefined]);
        const routed = await backend.updateAlias('greeter', 'prod', { routing: { version: v2.version, weight: 0.1 } });
        assert.deepEqual(routed.routing, { version: v2.version, weight: 0.1 });
        assert.deepEqual((await backend.listVersions('greeter')).map((v) => v.version), [v1.version, v2.version]);
        assert.deepEqual((await backend.listAliases('greeter')).map((a) => [a.name, a.functionVersion, a.routing?.weight]), [['prod', v1.version, 0.1]]);
        const cleared = await backend.updateAlias('greeter', 'prod', { functionVersion: v2.version, routing: null });
        assert.deepEqual([cleared.functionVersion, cleared.routing], [v2.version, undefined]);
        off();
        assert.ok(changed.some((n) => n?.includes('greeter')), 'a change event names the function');
      });

      it('refuses to delete a version an alias points at, with the alias named', async () => {
        const [alias] = await backend.listAliases('greeter');
        await assert.rejects(backend.deleteVersion('greeter', alias!.functionVersion), (e: unknown) => e instanceof BackendError && e.code === 'ResourceConflictException' && /prod/.test(e.message));
        await backend.deleteAlias('greeter', 'prod');
        await backend.deleteVersion('greeter', alias!.functionVersion);
        assert.equal((await backend.listVersions('greeter')).some((v) => v.version === alias!.functionVersion), false);
      });

      it('invokes with payload, report figures, executed version and logs', async () => {
        const r = await backend.invoke('greeter', undefined, Buffer.from('{"name":"ada"}'));
        assert.equal(JSON.parse(r.payload).hello, 'ada');
        assert.equal(r.executedVersion, '$LATEST');
        assert.equal(r.errorType, undefined);
        assert.equal(r.memorySizeMb, 256);
        assert.ok((r.billedDurationMs ?? 0) >= 1);
        assert.equal(typeof r.coldStart, 'boolean');
        assert.ok(r.logLines.some((l) => l.includes('greeting') && l.includes('ada')));
        assert.ok(r.logLines.some((l) => l.startsWith('REPORT RequestId: ' + r.requestId)));
        const failed = await backend.invoke('greeter', undefined, Buffer.from('{"fail":true}'));
        assert.equal(failed.errorType, 'Error');
        assert.match(failed.payload, /boom/);
      });

      it('throttles with reserved concurrency 0 and unthrottles', async () => {
        await backend.setReservedConcurrency('greeter', 0);
        assert.equal((await backend.listFunctions())[0]?.reservedConcurrency, 0);
        await assert.rejects(backend.invoke('greeter', undefined, Buffer.from('{}')), (e: unknown) => e instanceof BackendError && e.code === 'TooManyRequestsException');
        await backend.setReservedConcurrency('greeter', undefined);
        assert.equal((await backend.listFunctions())[0]?.reservedConcurrency, undefined);
      });

      it('reads the function log group', async () => {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- only checked for presence
        assert.ok(backend.fetchLogEvents, 'both backends read log groups');
        await engine.logs.whenFlushed();
        const events = await backend.fetchLogEvents('/aws/lambda/greeter', { filterPattern: 'greeting' });
        assert.ok(events.some((e) => e.message.includes('greeting')));
      });
    });
  }
});
