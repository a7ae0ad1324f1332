// Response streaming in the Node.js runtime (fidelity 1.1, 2.2): the `awslambda` global
// (streamifyResponse, HttpResponseStream) and a streaming invocation, which posts the response as a
// chunked request with Lambda's error trailers, as the managed runtime's client does.
import * as http from 'node:http';
import { makeContext } from './context';
import { toLogJson, toRapidResponse } from './errors';
import { logRuntimeError } from './logPatch';
import type { NextInvocation } from './runtimeClient';

const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';
const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';
const ERROR_TYPE_TRAILER = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';

/** The writable a streaming handler receives: an http.ClientRequest plus Lambda's additions. */
export interface ResponseStream extends http.ClientRequest {
  setContentType(contentType: string): void;
  _onBeforeFirstWrite?: (write: (chunk: string | Uint8Array) => void) => void;
}

type StreamingHandler = (event: unknown, stream: ResponseStream, context: unknown) => unknown;

class InvalidStreamingOperation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Runtime.InvalidStreamingOperation';
  }
}

/** Whether the handler was wrapped by `awslambda.streamifyResponse`. */
export function isStreamingHandler(handler: unknown): boolean {
  return typeof handler === 'function' && (handler as unknown as Record<symbol, unknown>)[HANDLER_STREAMING] === STREAM_RESPONSE;
}

/** Installs `globalThis.awslambda` unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is set (as the managed runtime). */
export function installAwsLambdaGlobal(): void {
  if (process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA) return;
  const awslambda = {
    streamifyResponse(handler: StreamingHandler, options?: { highWaterMark?: number }): StreamingHandler {
      const marked = handler as unknown as Record<symbol, unknown>;
      marked[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') marked[HANDLER_HIGHWATERMARK] = options.highWaterMark;
      return handler;
    },
    HttpResponseStream: {
      /** Sets the HTTP-integration content type; the JSON prelude and 8 NUL bytes precede the first write. */
      from(stream: ResponseStream, prelude: Record<string, unknown>): ResponseStream {
        stream.setContentType(HTTP_INTEGRATION);
        const text = JSON.stringify(prelude);
        stream._onBeforeFirstWrite = (write) => {
          write(text);
          write(new Uint8Array(8));
        };
        return stream;
      },
    },
  };
  (globalThis as Record<string, unknown>).awslambda = awslambda;
}

const api = process.env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001';
// One agent without keep-alive: a streamed response is one request; the /next loop has its own socket.
const agent = new http.Agent({ keepAlive: false });

/** Opens the chunked POST .../response; `done` settles once the platform answered. */
function openStream(requestId: string, highWaterMark: number | undefined): { stream: ResponseStream; done: Promise<void> } {
  const colon = api.lastIndexOf(':');
  let started = false;
  let resolveDone!: () => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const req = http.request({
    agent,
    host: api.slice(0, colon),
    port: Number(api.slice(colon + 1)),
    method: 'POST',
    path: `/2018-06-01/runtime/invocation/${requestId}/response`,
    headers: {
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      'Transfer-Encoding': 'chunked',
      Trailer: `${ERROR_TYPE_TRAILER}, ${ERROR_BODY_TRAILER}`,
      'Content-Type': 'application/octet-stream',
    },
    ...(highWaterMark !== undefined ? { highWaterMark } : {}),
  }) as ResponseStream;
  req.setNoDelay(true);
  req.on('response', (res) => {
    res.resume();
    res.on('end', resolveDone);
  });
  req.on('error', (e) => rejectDone(e));
  req.setContentType = (contentType: string) => {
    if (started) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    req.setHeader('Content-Type', contentType);
  };
  const write = req.write.bind(req) as (chunk: unknown, encoding?: unknown, cb?: unknown) => boolean;
  req.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const data = typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
    if (!started && typeof req._onBeforeFirstWrite === 'function') req._onBeforeFirstWrite((c) => write(c));
    started = true;
    return write(data, encoding, cb);
  }) as typeof req.write;
  // end(data) as the first output must still be preceded by an HttpResponseStream prelude.
  const end = req.end.bind(req) as (...args: unknown[]) => ResponseStream;
  req.end = ((...args: unknown[]): ResponseStream => {
    const [chunk] = args;
    if (!started && chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      if (typeof args[1] === 'string') req.write(chunk, args[1] as BufferEncoding);
      else req.write(chunk);
      return end(...args.slice(typeof args[1] === 'string' ? 2 : 1));
    }
    return end(...args);
  }) as typeof req.end;
  return { stream: req, done };
}

/** Ends the stream with the error trailers (the caller sees the error after the bytes already sent). */
function failStream(stream: ResponseStream, error: unknown): Promise<void> {
  logRuntimeError('Invoke Error', toLogJson(error));
  const rapid = toRapidResponse(error);
  return new Promise((resolve) => {
    if (stream.writableEnded) return resolve();
    stream.addTrailers({
      [ERROR_TYPE_TRAILER]: rapid.errorType.replace(/[\r\n]/g, ''),
      [ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify(rapid)).toString('base64'),
    });
    stream.end(resolve);
  });
}

/** Runs one event through a streaming handler; resolves once the platform accepted the response. */
export async function runStreamingInvocation(handler: unknown, inv: NextInvocation): Promise<void> {
  const hwm = (handler as Record<symbol, unknown>)[HANDLER_HIGHWATERMARK];
  const { stream, done } = openStream(inv.requestId, typeof hwm === 'number' ? hwm : undefined);
  try {
    let event: unknown;
    try {
      event = JSON.parse(inv.body);
    } catch (e) {
      throw Object.assign(new Error(`Unable to parse event: ${(e as Error).message}`), { name: 'Runtime.UnmarshalError' });
    }
    // succeed/fail/done have no meaning for a stream: the response is what the handler writes.
    const context = makeContext(inv, () => undefined);
    const result = (handler as StreamingHandler)(event, stream, context) as { then?: unknown } | undefined;
    if (!result || typeof result.then !== 'function') throw new Error('Streaming does not support non-async handlers.');
    const value = await (result as Promise<unknown>);
    if (value !== undefined) console.warn('Streaming handlers ignore return values.');
    if (!stream.writableEnded) throw new Error('Response stream is not finished.');
  } catch (e) {
    await failStream(stream, e);
  }
  await done;
}
