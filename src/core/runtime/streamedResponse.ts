// The platform side of a streamed function response (fidelity 1.1): reads the runtime's chunked POST
// as it arrives, forwards each chunk to the caller's sink (or buffers it for a plain Invoke), applies
// Lambda's size and bandwidth limits, and reads the error trailers at the end.
import type * as http from 'node:http';
import { MAX_RESPONSE_BYTES } from './runtimeApi';

/** Lambda's maximum streamed response: 200 MB (the 2025 limit; 20 MB before). */
export const STREAM_RESPONSE_LIMIT = 200 * 1024 * 1024;

/** Lambda's streaming bandwidth: the first 6 MB uncapped, then about 2 MB/s (RIE interop defaults). */
export interface StreamBandwidth {
  readonly burstBytes: number;
  readonly bytesPerSecond: number;
}

export const LAMBDA_STREAM_BANDWIDTH: StreamBandwidth = { burstBytes: 6 * 1024 * 1024, bytesPerSecond: 2 * 1024 * 1024 };

/** Where a streamed response goes as it is written (InvokeWithResponseStream, a RESPONSE_STREAM URL). */
export interface ResponseSink {
  /** The runtime began its streamed response with this content type. */
  start(contentType: string): void;
  /** Returns false when the caller's connection is backed up (then `whenDrained` resumes the runtime). */
  write(chunk: Buffer): boolean;
  whenDrained?(resume: () => void): void;
  /** The bandwidth cap to model; undefined streams as fast as the machine can. */
  readonly bandwidth?: StreamBandwidth | undefined;
}

/** How a streamed response ended. */
export interface StreamEnd {
  /** The buffered body (no sink) or the decoded error body; empty when everything went to the sink. */
  readonly payload: Buffer;
  readonly contentType: string;
  /** From the `Lambda-Runtime-Function-Error-Type` trailer. */
  readonly errorType: string | undefined;
  readonly bytes: number;
}

const tooLarge = (limit: number): Buffer =>
  Buffer.from(JSON.stringify({ errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${limit} bytes).` }));

/**
 * Reads one streamed response. `onOversize` fires once when the body passes the limit (the invocation
 * fails then; the rest is drained and dropped), `onEnd` when the runtime finished the request.
 */
export function receiveStream(
  req: http.IncomingMessage,
  contentType: string,
  sink: ResponseSink | undefined,
  handlers: { onOversize(error: StreamEnd): void; onEnd(end: StreamEnd, oversize: boolean): void },
): void {
  const limit = sink ? STREAM_RESPONSE_LIMIT : MAX_RESPONSE_BYTES;
  const chunks: Buffer[] = [];
  let bytes = 0;
  let oversize = false;
  let burstEndedAt: number | undefined;
  const bandwidth = sink?.bandwidth;
  // The runtime's request is held back while the caller's connection is backed up or the bandwidth
  // cap applies; it flows again only when neither holds it.
  let holds = 0;
  const hold = (): (() => void) => {
    if (holds++ === 0) req.pause();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--holds === 0) req.resume();
    };
  };
  sink?.start(contentType);
  req.on('data', (chunk: Buffer) => {
    if (oversize) return;
    bytes += chunk.length;
    if (bytes > limit) {
      oversize = true;
      chunks.length = 0;
      return handlers.onOversize({ payload: tooLarge(limit), contentType: 'application/json', errorType: 'Function.ResponseSizeTooLarge', bytes });
    }
    if (!sink) chunks.push(chunk);
    else if (!sink.write(chunk) && sink.whenDrained) sink.whenDrained(hold());
    if (bandwidth && bytes > bandwidth.burstBytes) throttle(bandwidth);
  });
  // Past the burst, hold the runtime's request back (TCP backpressure reaches its writes) until the
  // average rate since the burst ended is back under the cap.
  const throttle = (bw: StreamBandwidth): void => {
    const now = performance.now();
    burstEndedAt ??= now;
    const allowed = bw.burstBytes + ((now - burstEndedAt) / 1000) * bw.bytesPerSecond;
    if (bytes <= allowed) return;
    setTimeout(hold(), ((bytes - allowed) / bw.bytesPerSecond) * 1000).unref();
  };
  req.on('end', () => {
    const errorType = trailer(req, 'lambda-runtime-function-error-type');
    const errorBody = trailer(req, 'lambda-runtime-function-error-body');
    if (oversize) return handlers.onEnd({ payload: tooLarge(limit), contentType: 'application/json', errorType: 'Function.ResponseSizeTooLarge', bytes }, true);
    if (errorType !== undefined) {
      const payload = errorBody !== undefined ? Buffer.from(errorBody, 'base64') : Buffer.from(JSON.stringify({ errorType, errorMessage: '' }));
      return handlers.onEnd({ payload, contentType: 'application/json', errorType, bytes }, false);
    }
    const payload = sink ? Buffer.alloc(0) : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    handlers.onEnd({ payload, contentType, errorType: undefined, bytes }, false);
  });
}

function trailer(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.trailers[name];
  return v === undefined || v === '' ? undefined : v;
}
