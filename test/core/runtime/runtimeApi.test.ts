// The Runtime API as a custom runtime sees it (fidelity 1.1, 1.2): every endpoint, header, status code
// and error body, exercised by a real `provided` bootstrap (test/fixtures/probe/bootstrap).
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../../src/core/emulator';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';
import { waitFor } from '../../support/wait';

describe('Runtime API', () => {
  let engine: Emulator;
  let allLogs = '';
  /** The probe reports statuses on stderr after posting, so they may land after END: wait for them. */
  const logged = (pattern: RegExp) => waitFor(() => pattern.test(allLogs), 5000, `log line ${pattern}`);

  before(async () => {
    engine = await startTestEngine();
    engine.logs.onDidAppend((_g, _s, e) => (allLogs += e.message));
    engine.defineFunction(functionConfig('probe', fixture('probe'), { runtime: 'provided.al2023', handler: 'probe.handler', timeout: 5 }));
    engine.defineFunction(functionConfig('probe-init', fixture('probe'), { runtime: 'provided.al2023', handler: 'x', environment: { PROBE_INIT_ERROR: '1' } }));
  });
  after(async () => engine.dispose());

  it('hands the event over /next with the request id, deadline, ARN, trace and client context headers', async () => {
    const clientContext = Buffer.from(JSON.stringify({ custom: { k: 'v' } })).toString('base64');
    const before = Date.now();
    const { body, response } = await invokeJson(engine, 'probe', { action: 'headers', n: 1 }, { clientContext, qualifier: '$LATEST' });
    const h = body.headers;
    assert.equal(h['lambda-runtime-aws-request-id'], response.requestId);
    const deadline = Number(h['lambda-runtime-deadline-ms']);
    assert.ok(deadline >= before + 5000 && deadline <= Date.now() + 5000, `deadline ${deadline}`);
    assert.equal(h['lambda-runtime-invoked-function-arn'], 'arn:aws:lambda:us-east-1:123456789012:function:probe:$LATEST');
    assert.match(h['lambda-runtime-trace-id'], /^Root=1-/);
    assert.equal(h['lambda-runtime-client-context'], '{"custom":{"k":"v"}}');
    assert.equal(h['lambda-runtime-cognito-identity'], undefined);
    assert.equal(h['content-type'], 'application/json');
    assert.deepEqual(body.event, { action: 'headers', n: 1 });
    assert.equal(body.ping, 200);
  });

  it('answers 202 {"status":"OK"} to /response and 400 InvalidRequestID to a second one', async () => {
    await invokeJson(engine, 'probe', { action: 'headers' });
    await logged(/response status 202 \{"status":"OK"\}; duplicate 400 \{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"\}/);
  });

  it('rejects a second /next during an invocation with 403 InvalidStateTransition', async () => {
    const { body } = await invokeJson(engine, 'probe', { action: 'double-next' });
    assert.equal(body.second.status, 403);
    assert.equal(JSON.parse(body.second.body).errorType, 'InvalidStateTransition');
  });

  it('rejects an unknown request id with 400 InvalidRequestID', async () => {
    const { body } = await invokeJson(engine, 'probe', { action: 'bad-id' });
    assert.equal(body.badId.status, 400);
    assert.deepEqual(JSON.parse(body.badId.body), { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
  });

  it('rejects /init/error outside init with 403', async () => {
    const { body } = await invokeJson(engine, 'probe', { action: 'init-error-late' });
    assert.equal(body.lateInit.status, 403);
  });

  it('rejects an unknown response mode with 400 InvalidFunctionResponseMode', async () => {
    const { body } = await invokeJson(engine, 'probe', { action: 'bad-mode' });
    assert.equal(body.badMode.status, 400);
    assert.equal(JSON.parse(body.badMode.body).errorType, 'InvalidFunctionResponseMode');
  });

  it('answers unknown paths with 404', async () => {
    const { body } = await invokeJson(engine, 'probe', { action: 'unknown-path' });
    assert.equal(body.unknown.status, 404);
  });

  it('passes an /error body to the caller unchanged with X-Amz-Function-Error', async () => {
    const { body, response } = await invokeJson(engine, 'probe', { action: 'error' });
    assert.equal(response.functionError, 'Unhandled');
    assert.deepEqual(body, { errorType: 'Probe.Failed', errorMessage: 'probe says no', stackTrace: [] });
    await logged(/error status 202 \{"status":"OK"\}; response after error 400/);
  });

  it('passes the response Content-Type through', async () => {
    const { response, text } = await invokeJson(engine, 'probe', { action: 'text' });
    assert.equal(response.contentType, 'text/plain');
    assert.equal(text, 'plain text body');
  });

  it('answers 413 to a response over 6291556 bytes and fails the invoke with Function.ResponseSizeTooLarge', async () => {
    const { body } = await invokeJson(engine, 'probe', { action: 'big' });
    assert.equal(body.errorType, 'Function.ResponseSizeTooLarge');
    await logged(/big status 413 \{"errorMessage":"Exceeded maximum allowed payload size \(6291556 bytes\).","errorType":"RequestEntityTooLarge"\}/);
  });

  it('fails the first invocation with the body posted to /init/error', async () => {
    const { body, response, logs } = await invokeJson(engine, 'probe-init');
    assert.equal(response.functionError, 'Unhandled');
    assert.deepEqual(body, { errorType: 'Probe.InitFailed', errorMessage: 'probe init failed' });
    assert.match(logs, /init error status 202/);
  });

  it('reports a missing bootstrap as Runtime.InvalidEntrypoint, as Lambda does', async () => {
    engine.defineFunction(functionConfig('nobootstrap', fixture('node-handlers'), { runtime: 'provided.al2', handler: 'x' }));
    const { body, response } = await invokeJson(engine, 'nobootstrap');
    assert.equal(response.functionError, 'Unhandled');
    assert.equal(body.errorType, 'Runtime.InvalidEntrypoint');
    assert.match(body.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Couldn't find valid bootstrap\(s\): \[\/var\/task\/bootstrap \/opt\/bootstrap\]$/);
  });
});
