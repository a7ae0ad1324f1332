// Lambda's own load-error behaviour at invoke (fidelity 2.2, 2.3, 10): a function whose handler cannot
// load is listed with a warning, and its invoke runs the init phase and answers 200 + Unhandled.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { aws, tempFile } from '../../support/awsCli';
import { fixture, startTestEngine } from '../../support/engine';

describe('load errors at invoke (like Lambda, not a 400)', () => {
  let engine: Emulator;
  let url: string;
  let sdk: LambdaClient;

  before(async () => {
    engine = await startTestEngine({ api: { port: 0 } });
    await engine.loadTemplate({ templatePath: fixture('load-errors', 'template.yaml') });
    url = (await engine.listen()) as string;
    sdk = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  });
  after(async () => {
    sdk.destroy();
    await engine.dispose();
  });

  async function cli(name: string): Promise<{ meta: any; payload: any; log: string }> {
    const out = tempFile('out.json');
    const r = await aws(url, ['lambda', 'invoke', '--function-name', name, '--log-type', 'Tail', out]);
    assert.equal(r.code, 0, r.stderr);
    const meta = JSON.parse(r.stdout);
    return { meta, payload: JSON.parse(fs.readFileSync(out, 'utf8')), log: Buffer.from(meta.LogResult, 'base64').toString('utf8') };
  }

  it('keeps the template diagnostics as warnings', () => {
    const codes = engine.template!.project!.problems.map((p) => [p.resource, p.code, p.severity]);
    for (const id of ['NodeMissingModule', 'NodeMissingExport', 'NodeMalformed', 'PythonMissingModule', 'PythonMissingExport', 'ProvidedNoBootstrap', 'ProvidedNotExecutable']) {
      assert.ok(codes.some(([r, , s]) => r === id && s === 'warning'), `${id}: ${JSON.stringify(codes)}`);
    }
    assert.ok(!codes.some(([, , s]) => s === 'error'), JSON.stringify(codes));
  });

  it('Node: a missing module is Runtime.ImportModuleError, through the AWS CLI', async () => {
    const { meta, payload, log } = await cli('node-missing-module');
    assert.equal(meta.StatusCode, 200);
    assert.equal(meta.FunctionError, 'Unhandled');
    assert.equal(payload.errorType, 'Runtime.ImportModuleError');
    assert.match(payload.errorMessage, /^Error: Cannot find module 'nothere'\nRequire stack:\n/);
    assert.ok(Array.isArray(payload.trace) && payload.trace[0].startsWith('Runtime.ImportModuleError: Error: Cannot find module'), JSON.stringify(payload.trace));
    assert.match(log, /\tERROR\tUncaught Exception \t\{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'nothere'/);
    assert.match(log, /REPORT RequestId: .*Init Duration: [\d.]+ ms\tStatus: error\tError Type: Runtime.ImportModuleError\t\n/);
  });

  it('Node: a missing export is Runtime.HandlerNotFound, through @aws-sdk/client-lambda', async () => {
    const r = await sdk.send(new InvokeCommand({ FunctionName: 'node-missing-export', Payload: Buffer.from('{}') }));
    assert.equal(r.StatusCode, 200);
    assert.equal(r.FunctionError, 'Unhandled');
    const payload = JSON.parse(Buffer.from(r.Payload ?? []).toString());
    assert.equal(payload.errorType, 'Runtime.HandlerNotFound');
    assert.equal(payload.errorMessage, 'app.missing is undefined or not exported');
  });

  it('Node: a syntax error is Runtime.UserCodeSyntaxError; a handler without a dot is Runtime.MalformedHandlerName', async () => {
    const syntax = await cli('node-syntax-error');
    assert.equal(syntax.payload.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(syntax.payload.errorMessage, /^SyntaxError: /);
    const malformed = await cli('node-malformed');
    assert.equal(malformed.meta.FunctionError, 'Unhandled');
    assert.deepEqual([malformed.payload.errorType, malformed.payload.errorMessage], ['Runtime.MalformedHandlerName', 'Bad handler']);
  });

  it('Python: ImportModuleError and HandlerNotFound with the runtime’s words and log lines', async () => {
    const missing = await cli('python-missing-module');
    assert.equal(missing.meta.FunctionError, 'Unhandled');
    assert.deepEqual(missing.payload, { errorMessage: "Unable to import module 'nothere': No module named 'nothere'", errorType: 'Runtime.ImportModuleError', requestId: '', stackTrace: [] });
    assert.match(missing.log, /LAMBDA_WARNING: Unhandled exception/);
    assert.match(missing.log, /\[ERROR\] Runtime.ImportModuleError: Unable to import module 'nothere': No module named 'nothere'/);
    const r = await sdk.send(new InvokeCommand({ FunctionName: 'python-missing-export', Payload: Buffer.from('{}') }));
    assert.equal(r.FunctionError, 'Unhandled');
    assert.deepEqual(JSON.parse(Buffer.from(r.Payload ?? []).toString()), { errorMessage: "Handler 'missing' missing on module 'app'", errorType: 'Runtime.HandlerNotFound', requestId: '', stackTrace: [] });
  });

  it('provided: no bootstrap is Runtime.InvalidEntrypoint', async () => {
    const { meta, payload } = await cli('provided-no-bootstrap');
    assert.equal(meta.StatusCode, 200);
    assert.equal(meta.FunctionError, 'Unhandled');
    assert.equal(payload.errorType, 'Runtime.InvalidEntrypoint');
    assert.match(payload.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Couldn't find valid bootstrap\(s\): \[\/var\/task\/bootstrap \/opt\/bootstrap\]$/);
  });

  it('provided: a bootstrap without the execute bit is Runtime.InvalidEntrypoint (permission denied)', async () => {
    const { meta, payload } = await cli('provided-not-executable');
    assert.equal(meta.FunctionError, 'Unhandled');
    assert.equal(payload.errorType, 'Runtime.InvalidEntrypoint');
    assert.match(payload.errorMessage, /^RequestId: [0-9a-f-]{36} Error: fork\/exec \/var\/task\/bootstrap: permission denied$/);
  });

  it('a later invoke runs init again (the failed environment is not kept)', async () => {
    const first = await cli('node-missing-export');
    fs.accessSync(path.join(fixture('load-errors'), 'node', 'app.js'));
    const second = await cli('node-missing-export');
    assert.equal(first.payload.errorType, second.payload.errorType);
    assert.match(second.log, /INIT_START|Init Duration/);
  });
});
