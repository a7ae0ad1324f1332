// The Invoke API over real HTTP (fidelity 5): the AWS CLI and the AWS SDK as clients, every invocation
// type, Tail, name forms and qualifiers, and every error shape.
import { InvokeCommand, LambdaClient, GetFunctionCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { Emulator } from '../../../../src/core/emulator';
import { aws, tempFile } from '../../../support/awsCli';
import { fixture, functionConfig, startTestEngine } from '../../../support/engine';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(url: string, method: string, path: string, body = '', headers: http.OutgoingHttpHeaders = {}): Promise<Raw> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Invoke API over HTTP', () => {
  let engine: Emulator;
  let url: string;
  let sdk: LambdaClient;
  const invokePath = (name: string, q = '') => `/2015-03-31/functions/${encodeURIComponent(name)}/invocations${q}`;

  before(async () => {
    engine = await startTestEngine({ api: { port: 0 } });
    const dir = fixture('node-handlers');
    engine.defineFunction(functionConfig('echo', dir, { handler: 'handlers.echo' }));
    engine.defineFunction(functionConfig('throws', dir, { handler: 'handlers.throws' }));
    engine.defineFunction(functionConfig('sleep', dir, { handler: 'handlers.sleep', timeout: 10 }));
    url = (await engine.listen()) as string;
    sdk = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  });
  after(async () => {
    sdk.destroy();
    await engine.dispose();
  });

  it('invokes through the real AWS CLI', async () => {
    const out = tempFile('out.json');
    const r = await aws(url, ['lambda', 'invoke', '--function-name', 'echo', '--payload', '{"from":"cli"}', '--log-type', 'Tail', out]);
    assert.equal(r.code, 0, r.stderr);
    const meta = JSON.parse(r.stdout);
    assert.equal(meta.StatusCode, 200);
    assert.equal(meta.ExecutedVersion, '$LATEST');
    assert.match(Buffer.from(meta.LogResult, 'base64').toString(), /REPORT RequestId: /);
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')).event, { from: 'cli' });
  });

  it('reports function errors to the AWS CLI with FunctionError', async () => {
    const out = tempFile('out.json');
    const r = await aws(url, ['lambda', 'invoke', '--function-name', 'throws', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).FunctionError, 'Unhandled');
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).errorMessage, 'boom');
  });

  it('shows the AWS CLI a ResourceNotFoundException for a missing function', async () => {
    const r = await aws(url, ['lambda', 'invoke', '--function-name', 'nope', tempFile('o.json')]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ResourceNotFoundException.*Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\$LATEST/);
  });

  it('invokes through @aws-sdk/client-lambda, with Tail and every name form', async () => {
    for (const name of ['echo', 'echo:$LATEST', '123456789012:function:echo', 'arn:aws:lambda:us-east-1:123456789012:function:echo']) {
      const r = await sdk.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"n":1}'), LogType: 'Tail' }));
      assert.equal(r.StatusCode, 200);
      assert.equal(r.ExecutedVersion, '$LATEST');
      const body = JSON.parse(Buffer.from(r.Payload ?? []).toString());
      assert.equal(body.context.invokedFunctionArn, name.startsWith('arn:') ? name : `arn:aws:lambda:us-east-1:123456789012:function:${name.replace('123456789012:function:', '')}`);
      assert.match(Buffer.from(r.LogResult ?? '', 'base64').toString(), /END RequestId/);
    }
  });

  it('returns 202 for Event and 204 for DryRun', async () => {
    const event = await sdk.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    assert.equal(event.StatusCode, 202);
    const dry = await sdk.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));
    assert.equal(dry.StatusCode, 204);
    const r = await raw(url, 'POST', invokePath('echo'), '{}', { 'X-Amz-Invocation-Type': 'DryRun' });
    assert.equal(r.status, 204);
    assert.equal(r.headers['x-amz-executed-version'], undefined);
  });

  it('sets x-amzn-RequestId to the invocation request id and treats an empty body as {}', async () => {
    const r = await raw(url, 'POST', invokePath('echo'));
    assert.equal(r.status, 200);
    const body = JSON.parse(r.body);
    assert.deepEqual(body.event, {});
    assert.equal(r.headers['x-amzn-requestid'], body.context.awsRequestId);
    assert.equal(r.headers['content-type'], 'application/json');
  });

  it('returns Lambda-shaped errors for bad requests', async () => {
    const cases: [string, string, http.OutgoingHttpHeaders, number, string, RegExp][] = [
      [invokePath('nope'), '{}', {}, 404, 'ResourceNotFoundException', /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\$LATEST$/],
      [invokePath('echo', '?Qualifier=7'), '{}', {}, 404, 'ResourceNotFoundException', /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:echo:7$/],
      [invokePath('echo:prod', '?Qualifier=dev'), '{}', {}, 400, 'InvalidParameterValueException', /^The derived qualifier from the function name does not match the specified qualifier\.$/],
      [invokePath('arn:aws:lambda:eu-west-1:123456789012:function:echo'), '{}', {}, 404, 'ResourceNotFoundException', /^Functions from 'eu-west-1' are not reachable in this region \('us-east-1'\)$/],
      [invokePath('arn:aws:lambda:us-east-1:999999999999:function:echo'), '{}', {}, 403, 'AccessDeniedException', /not authorized/],
      [invokePath('bad name!'), '{}', {}, 400, 'ValidationException', /^1 validation error detected: Value 'bad name!' at 'functionName' failed to satisfy constraint/],
      // AWS (recorded 2025-11, LocalStack snapshot): a 65-character name is simply not found.
      [invokePath('x'.repeat(65)), '{}', {}, 404, 'ResourceNotFoundException', /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:x{65}:\$LATEST$/],
      [invokePath('echo'), '{not json', {}, 400, 'InvalidRequestContentException', /^Could not parse request body into json: Could not parse payload into json: /],
      [invokePath('echo'), '{}', { 'X-Amz-Invocation-Type': 'Sometimes' }, 400, 'ValidationException', /invocationType/],
      [invokePath('echo'), '{}', { 'X-Amz-Log-Type': 'Verbose' }, 400, 'ValidationException', /logType/],
      [invokePath('echo'), '{}', { 'X-Amz-Client-Context': Buffer.from('not json').toString('base64') }, 400, 'InvalidRequestContentException', /Client context/],
    ];
    for (const [path, body, headers, status, type, message] of cases) {
      const r = await raw(url, 'POST', path, body, headers);
      assert.equal(r.status, status, `${path}: ${r.body}`);
      assert.equal(r.headers['x-amzn-errortype'], type, path);
      const parsed = JSON.parse(r.body);
      assert.match(parsed.message ?? parsed.Message, message, path);
    }
  });

  it('rejects payloads over 6 MB with 413 RequestEntityTooLargeException, and Event payloads over the async limit', async () => {
    const big = await raw(url, 'POST', invokePath('echo'), `"${'x'.repeat(6291456)}"`);
    assert.equal(big.status, 413);
    assert.equal(big.headers['x-amzn-errortype'], 'RequestEntityTooLargeException');
    assert.equal(JSON.parse(big.body).Message, 'Request must be smaller than 6291456 bytes for the InvokeFunction operation');
    const event = await raw(url, 'POST', invokePath('echo'), `"${'x'.repeat(1048577)}"`, { 'X-Amz-Invocation-Type': 'Event' });
    assert.equal(event.status, 413);
    assert.match(JSON.parse(event.body).Message, /^1048579 byte payload is too large for the Event invocation type \(limit 1048576 bytes\)$/);
  });

  it('throttles with 429 TooManyRequestsException and the right Reason', async () => {
    engine.defineFunction(functionConfig('limited', fixture('node-handlers'), { handler: 'handlers.sleep', timeout: 10 }), 1);
    const slow = raw(url, 'POST', invokePath('limited'), '{"ms":500}');
    await new Promise<void>((resolve) => {
      const check = (): void => (engine.pool.counts('limited').busy > 0 ? resolve() : void setImmediate(check));
      check();
    });
    const r = await raw(url, 'POST', invokePath('limited'), '{"ms":1}');
    assert.equal(r.status, 429);
    assert.equal(r.headers['x-amzn-errortype'], 'TooManyRequestsException');
    assert.deepEqual(JSON.parse(r.body), { Type: 'User', Message: 'Rate Exceeded.', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    assert.equal((await slow).status, 200);
  });

  it('answers GetFunction, GetFunctionConfiguration and ListFunctions', async () => {
    const fn = await sdk.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    assert.equal(fn.Configuration?.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:echo');
    assert.equal(fn.Configuration?.Runtime, 'nodejs20.x');
    assert.deepEqual(fn.Configuration?.LoggingConfig, { LogFormat: 'Text', LogGroup: '/aws/lambda/echo' });
    const list = await sdk.send(new ListFunctionsCommand({}));
    assert.ok(list.Functions?.some((f) => f.FunctionName === 'echo'));
    const cli = await aws(url, ['lambda', 'get-function-configuration', '--function-name', 'echo']);
    assert.equal(JSON.parse(cli.stdout).Handler, 'handlers.echo');
  });
});
