// A function URL in RESPONSE_STREAM mode (fidelity 12): the streamed response becomes the HTTP
// response as it is written. With the HTTP-integration content type, the JSON prelude before the 8 NUL
// bytes gives the status, headers and cookies; any other content type is a 200 with that type.
import type * as http from 'node:http';
import type { ResponseSink, StreamBandwidth } from '../../runtime/streamedResponse';
import { v2Response, type HttpReply } from './responseMapping';

const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

/** A sink writing to `res`, and `finish` for when the invocation ended. */
export interface UrlStream {
  readonly sink: ResponseSink;
  /** Ends the response; with nothing streamed yet, the buffered result is mapped like a BUFFERED URL. */
  finish(payload: Buffer, functionError: boolean): { status: number; problem?: string };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Status and headers from the prelude JSON (the v2 response fields: statusCode, headers, cookies). */
function preludeHead(text: string): { status: number; headers: http.OutgoingHttpHeaders } {
  let prelude: unknown;
  try {
    prelude = JSON.parse(text);
  } catch {
    prelude = {};
  }
  const p = isRecord(prelude) ? prelude : {};
  const code = Number(p['statusCode'] ?? 200);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(isRecord(p['headers']) ? p['headers'] : {})) headers[k] = String(v);
  const cookies = Array.isArray(p['cookies']) ? p['cookies'].map(String) : [];
  if (cookies.length) headers['Set-Cookie'] = cookies;
  return { status: Number.isInteger(code) && code >= 100 && code <= 599 ? code : 200, headers };
}

export function urlResponseStream(res: http.ServerResponse, extraHeaders: Readonly<Record<string, string>>, bandwidth: StreamBandwidth | undefined): UrlStream {
  let mode: 'waiting' | 'prelude' | 'body' = 'waiting';
  let pending: Buffer = Buffer.alloc(0);
  let status = 200;
  const head = (code: number, headers: http.OutgoingHttpHeaders): void => {
    status = code;
    res.writeHead(code, { ...headers, ...extraHeaders });
    res.socket?.setNoDelay(true);
    res.flushHeaders();
  };
  const sink: ResponseSink = {
    bandwidth,
    start: (contentType) => {
      if (contentType === HTTP_INTEGRATION) mode = 'prelude';
      else {
        mode = 'body';
        head(200, { 'Content-Type': contentType });
      }
    },
    write: (chunk) => {
      if (res.destroyed) return true;
      if (mode === 'body') return res.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const at = pending.indexOf(DELIMITER);
      if (at < 0) return true;
      const { status: code, headers } = preludeHead(pending.toString('utf8', 0, at));
      head(code, headers);
      mode = 'body';
      const rest = pending.subarray(at + DELIMITER.length);
      pending = Buffer.alloc(0);
      return rest.length ? res.write(rest) : true;
    },
    whenDrained: (resume) => {
      const go = (): void => {
        res.off('drain', go).off('close', go);
        resume();
      };
      res.on('drain', go).on('close', go);
    },
  };
  return {
    sink,
    finish: (payload, functionError) => {
      if (mode === 'body') {
        // An error or timeout after the head went out can only cut the body short, as on Lambda.
        res.end();
        return { status, ...(functionError ? { problem: 'The function failed while streaming; the response was cut short.' } : {}) };
      }
      // A prelude with no body after it (the handler ended the stream without writing more).
      const fromPrelude = mode === 'prelude' && !functionError ? preludeHead(pending.toString('utf8')) : undefined;
      const reply: HttpReply = fromPrelude ? { status: fromPrelude.status, headers: {}, body: Buffer.alloc(0) } : v2Response(payload, functionError, 'url');
      const headers: http.OutgoingHttpHeaders = { ...(fromPrelude?.headers ?? (reply.headers as http.OutgoingHttpHeaders)), ...extraHeaders, 'Content-Length': reply.body.length };
      res.writeHead(reply.status, headers);
      res.end(reply.body);
      return { status: reply.status, ...(reply.problem ? { problem: reply.problem } : {}) };
    },
  };
}
