// Response streaming end to end (fidelity 1.1, 5.3): streamifyResponse handlers in the real Node
// runtime, InvokeWithResponseStream through the real SDK v3 and curl, plain Invoke buffering, errors,
// timeouts and the size limit.
import { InvokeCommand, InvokeWithResponseStreamCommand, type InvokeWithResponseStreamResponseEvent } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeEventMessages } from '../../../../src/core/api/http/eventStream';
import { fixture, functionConfig, startTestEngine, type TestEngine } from '../../../support/engine';

interface Collected {
  chunks: string[];
  complete: { ErrorCode?: string | undefined; ErrorDetails?: string | undefined; LogResult?: string | undefined } | undefined;
  contentType: string | undefined;
  executedVersion: string | undefined;
}

async function collect(events: AsyncIterable<InvokeWithResponseStreamResponseEvent> | undefined, onChunk?: (text: string) => void): Promise<Omit<Collected, 'contentType' | 'executedVersion'>> {
  const chunks: string[] = [];
  let complete: Collected['complete'];
  for await (const ev of events ?? []) {
    if (ev.PayloadChunk?.Payload) {
      const text = Buffer.from(ev.PayloadChunk.Payload).toString('utf8');
      chunks.push(text);
      onChunk?.(text);
    }
    if (ev.InvokeComplete) complete = ev.InvokeComplete;
  }
  return { chunks, complete };
}

describe('response streaming', function () {
  this.timeout(30_000);
  let engine: TestEngine;
  const define = (name: string, handler: string, extra = {}) =>
    engine.defineFunction(functionConfig(name, fixture('streaming'), { handler: `index.${handler}`, timeout: 5, ...extra }));

  before(async () => {
    engine = await startTestEngine({ listen: true });
    define('chunks', 'chunks');
    define('http', 'http');
    define('fails', 'failsMidStream');
    define('never-ends', 'neverEnds');
    define('hangs', 'hangs', { timeout: 1 });
    define('big', 'big');
    define('returns', 'returnsValue');
    define('buffered', 'buffered');
    define('throws-buffered', 'throwsBuffered');
    define('gated', 'gated');
    define('late-type', 'lateContentType');
    define('node24', 'withContext', { runtime: 'nodejs24.x' });
    engine.defineFunction(functionConfig('no-global', fixture('streaming'), { handler: 'noglobal.handler', environment: { AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA: '1' } }));
  });
  after(() => engine.dispose());

  const stream = (name: string, payload: unknown, extra: Record<string, unknown> = {}) =>
    engine.lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)), ...extra }));

  it('runs a three-parameter streamified handler on nodejs24.x (not refused as a callback handler)', async () => {
    const r = await stream('node24', {});
    const { chunks, complete } = await collect(r.EventStream);
    assert.equal(complete?.ErrorCode, undefined, complete?.ErrorDetails);
    assert.equal(chunks.join(''), 'node24:v24');
  });

  it('delivers each chunk before the handler writes the next (SDK v3 InvokeWithResponseStreamCommand)', async () => {
    const gate = path.join(engine.dir, 'gate-1');
    const r = await stream('gated', { gate });
    assert.equal(r.StatusCode, 200);
    assert.equal(r.ExecutedVersion, '$LATEST');
    assert.equal(r.ResponseStreamContentType, 'application/octet-stream');
    // The handler only writes 'second' once the gate exists, and the gate is made when 'first' arrived:
    // a buffered implementation never gets here.
    const { chunks, complete } = await collect(r.EventStream, (text) => {
      if (text === 'first') fs.writeFileSync(gate, '');
    });
    assert.deepEqual(chunks, ['first', 'second']);
    assert.deepEqual(complete, {});
  });

  it('returns the log tail in InvokeComplete with LogType Tail', async () => {
    const r = await stream('chunks', { parts: ['x', 'y'] }, { LogType: 'Tail' });
    const { chunks, complete } = await collect(r.EventStream);
    assert.equal(chunks.join(''), 'xy');
    const log = Buffer.from(complete?.LogResult ?? '', 'base64').toString('utf8');
    assert.match(log, /START RequestId: .* Version: \$LATEST/);
    assert.match(log, /REPORT RequestId: /);
  });

  it('reports a mid-stream error in InvokeComplete after the bytes already sent', async () => {
    const r = await stream('fails', {});
    const { chunks, complete } = await collect(r.EventStream);
    assert.equal(chunks.join(''), 'partial');
    assert.equal(complete?.ErrorCode, 'TypeError');
    assert.equal(complete?.ErrorDetails, 'broke mid-stream');
  });

  it('fails a handler that resolves without ending the stream', async () => {
    const r = await stream('never-ends', {});
    const { chunks, complete } = await collect(r.EventStream);
    assert.equal(chunks.join(''), 'started');
    assert.equal(complete?.ErrorCode, 'Error');
    assert.equal(complete?.ErrorDetails, 'Response stream is not finished.');
  });

  it('refuses setContentType after the first write, and leaves out the global when asked', async () => {
    const r = await stream('late-type', {});
    const { chunks, complete } = await collect(r.EventStream);
    assert.equal(chunks.join(''), 'a');
    assert.equal(complete?.ErrorCode, 'Runtime.InvalidStreamingOperation');
    assert.equal(complete?.ErrorDetails, 'Cannot set content-type, too late.');
    const plain = await engine.lambda.send(new InvokeCommand({ FunctionName: 'no-global', Payload: Buffer.from('{}') }));
    assert.deepEqual(JSON.parse(Buffer.from(plain.Payload ?? []).toString()), { awslambda: 'undefined' });
  });

  it('times out mid-stream with Sandbox.Timedout', async () => {
    const r = await stream('hangs', {});
    const { chunks, complete } = await collect(r.EventStream);
    assert.equal(chunks.join(''), 'before timeout');
    assert.equal(complete?.ErrorCode, 'Sandbox.Timedout');
    assert.match(complete?.ErrorDetails ?? '', /Task timed out after 1\.00 seconds/);
  });

  it('buffers a streaming function on a plain Invoke, and warns about an ignored return value', async () => {
    const r = await engine.lambda.send(new InvokeCommand({ FunctionName: 'chunks', Payload: Buffer.from('{"parts":["1","2","3"]}') }));
    assert.equal(Buffer.from(r.Payload ?? []).toString(), '123');
    assert.equal(r.FunctionError, undefined);
    const ret = await engine.lambda.send(new InvokeCommand({ FunctionName: 'returns', Payload: Buffer.from('{}'), LogType: 'Tail' }));
    assert.equal(Buffer.from(ret.Payload ?? []).toString(), 'x');
    assert.match(Buffer.from(ret.LogResult ?? '', 'base64').toString(), /WARN\tStreaming handlers ignore return values\./);
    const failed = await engine.lambda.send(new InvokeCommand({ FunctionName: 'fails', Payload: Buffer.from('{}') }));
    assert.equal(failed.FunctionError, 'Unhandled');
    const err = JSON.parse(Buffer.from(failed.Payload ?? []).toString()) as { errorType: string; errorMessage: string; trace: string[] };
    assert.equal(err.errorType, 'TypeError');
    assert.equal(err.errorMessage, 'broke mid-stream');
  });

  it('fails a plain Invoke whose streamed body passes the 6 MB buffered limit, and the environment stays usable', async () => {
    const r = await engine.lambda.send(new InvokeCommand({ FunctionName: 'big', Payload: Buffer.from(JSON.stringify({ bytes: 7 * 1024 * 1024 })) }));
    assert.equal(r.FunctionError, 'Unhandled');
    assert.deepEqual(JSON.parse(Buffer.from(r.Payload ?? []).toString()), {
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
    const again = await engine.lambda.send(new InvokeCommand({ FunctionName: 'big', Payload: Buffer.from('{"bytes":10}') }));
    assert.equal(Buffer.from(again.Payload ?? []).toString(), 'x'.repeat(10));
  });

  it('keeps the HTTP-integration prelude and its 8 NUL bytes in the stream', async () => {
    const r = await stream('http', {});
    assert.equal(r.ResponseStreamContentType, 'application/vnd.awslambda.http-integration-response');
    const { chunks } = await collect(r.EventStream);
    const all = Buffer.from(chunks.join(''), 'latin1');
    const text = chunks.join('');
    const nul = text.indexOf('\0'.repeat(8));
    assert.ok(nul > 0, 'prelude delimiter present');
    assert.deepEqual(JSON.parse(text.slice(0, nul)), { statusCode: 201, headers: { 'content-type': 'text/plain', 'x-custom': 'yes' }, cookies: ['a=1; Path=/', 'b=2'] });
    assert.equal(text.slice(nul + 8), 'hello world');
    assert.ok(all.length > 0);
  });

  it('sends a buffered handler whole as one PayloadChunk, and its error in InvokeComplete', async () => {
    const r = await stream('buffered', { n: 1 });
    assert.equal(r.ResponseStreamContentType, 'application/json');
    const { chunks, complete } = await collect(r.EventStream);
    assert.deepEqual(chunks.map((c) => JSON.parse(c) as unknown), [{ plain: true, got: { n: 1 } }]);
    assert.equal(complete?.ErrorCode, undefined);
    const failed = await collect((await stream('throws-buffered', {})).EventStream);
    assert.deepEqual(failed.chunks, []);
    assert.equal(failed.complete?.ErrorCode, 'Error');
    assert.equal(failed.complete?.ErrorDetails, 'plain failure');
  });

  it('answers request errors as REST-JSON errors before any stream opens', async () => {
    await assert.rejects(stream('no-such-fn', {}), (e: Error) => e.name === 'ResourceNotFoundException');
    await assert.rejects(stream('chunks', {}, { InvocationType: 'Event' }), (e: Error) => e.name === 'ValidationException');
  });

  it('streams 20 MB past the 6 MB burst through curl, framed as AWS event-stream messages', async () => {
    const bytes = 20 * 1024 * 1024;
    engine.invoker.streamBandwidth = undefined;
    try {
      const out = await new Promise<Buffer>((resolve, reject) =>
        execFile(
          'curl',
          ['-sS', '--fail', '-X', 'POST', '-H', 'Content-Type: application/json', '--data', JSON.stringify({ bytes }), `${engine.url}/2021-11-15/functions/big/response-streaming-invocations`],
          { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
          (err, stdout) => (err ? reject(new Error(err.message)) : resolve(stdout)),
        ),
      );
      const messages = decodeEventMessages(out);
      const last = messages[messages.length - 1];
      assert.equal(last?.headers[':event-type'], 'InvokeComplete');
      assert.deepEqual(JSON.parse(last?.payload.toString() ?? ''), {});
      const chunks = messages.slice(0, -1);
      assert.ok(chunks.every((m) => m.headers[':event-type'] === 'PayloadChunk' && m.headers[':message-type'] === 'event'));
      assert.equal(chunks.reduce((n, m) => n + m.payload.length, 0), bytes);
    } finally {
      engine.invoker.streamBandwidth = { burstBytes: 6 * 1024 * 1024, bytesPerSecond: 2 * 1024 * 1024 };
    }
  });
});

describe('response streaming from a custom runtime (provided)', function () {
  this.timeout(30_000);
  let engine: TestEngine;
  before(async () => {
    engine = await startTestEngine({ listen: true });
    engine.defineFunction(functionConfig('custom', fixture('provided-stream'), { runtime: 'provided.al2023', handler: 'x', timeout: 5 }));
  });
  after(() => engine.dispose());

  it('streams chunks and reports trailer errors through the same Runtime API', async () => {
    const ok = await engine.lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'custom', Payload: Buffer.from('{"parts":["one ","two"]}'), LogType: 'Tail' }));
    assert.equal(ok.ResponseStreamContentType, 'text/plain');
    const okAll = await collect(ok.EventStream);
    assert.equal(okAll.chunks.join(''), 'one two');
    assert.equal(okAll.complete?.ErrorCode, undefined);
    const failed = await engine.lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'custom', Payload: Buffer.from('{"parts":["half"],"fail":true}') }));
    const failedAll = await collect(failed.EventStream);
    assert.equal(failedAll.chunks.join(''), 'half');
    assert.equal(failedAll.complete?.ErrorCode, 'Custom.StreamFailed');
    assert.equal(failedAll.complete?.ErrorDetails, 'custom runtime failed mid-stream');
    const plain = await engine.lambda.send(new InvokeCommand({ FunctionName: 'custom', Payload: Buffer.from('{"parts":["a","b"]}') }));
    assert.equal(Buffer.from(plain.Payload ?? []).toString(), 'ab');
    assert.equal(plain.FunctionError, undefined);
  });
});
