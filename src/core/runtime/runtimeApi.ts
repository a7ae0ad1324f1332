// The Lambda Runtime API (/2018-06-01) and Extensions API (/2020-01-01) routes of one execution
// environment's HTTP server: parsing, status codes and error bodies of fidelity 1.1 and 1.3.
import * as http from 'node:http';
import type { InvocationInput } from './invocation';
import { refuseOtherUsers } from '../security/peerUser';

/** Largest body a runtime may post as a response: 6 MiB + 100 bytes (interop.MaxPayloadSize). */
export const MAX_RESPONSE_BYTES = 6291556;

/** What the environment does for each Runtime API call; the router only parses and answers. */
export interface RuntimeApiHost {
  next(res: http.ServerResponse): void;
  response(requestId: string, body: Buffer, contentType: string | undefined, res: http.ServerResponse): void;
  responseTooLarge(requestId: string, res: http.ServerResponse): void;
  /** A `Lambda-Runtime-Function-Response-Mode: streaming` response: the host reads `req` as it arrives. */
  streamResponse(requestId: string, req: http.IncomingMessage, contentType: string | undefined, res: http.ServerResponse): void;
  error(requestId: string, body: Buffer, errorType: string | undefined, res: http.ServerResponse): void;
  initError(body: Buffer, errorType: string | undefined, res: http.ServerResponse): void;
  /** SnapStart: the snapshot is taken while this waits; answered when the environment is restored. */
  restoreNext(res: http.ServerResponse): void;
  /** SnapStart: an after-restore hook failed. */
  restoreError(body: Buffer, errorType: string | undefined, res: http.ServerResponse): void;
  extensionRegister(name: string, body: Buffer, res: http.ServerResponse): void;
  extensionNext(id: string | undefined, res: http.ServerResponse): void;
  extensionError(id: string | undefined, phase: 'init' | 'exit', errorType: string | undefined, res: http.ServerResponse): void;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export const accepted = (res: http.ServerResponse): void => sendJson(res, 202, { status: 'OK' });

/** HTTP header values are bytes: send UTF-8 (runtimes decode it), never characters Node would reject. */
const utf8Header = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** The headers of a /next response (fidelity 1.2): optional ones only when set. */
export function nextHeaders(input: InvocationInput, deadlineMs: number): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': 'application/json',
    'Content-Length': input.payload.length,
    'Lambda-Runtime-Aws-Request-Id': input.requestId,
    'Lambda-Runtime-Deadline-Ms': String(deadlineMs),
    'Lambda-Runtime-Invoked-Function-Arn': input.invokedFunctionArn,
  };
  if (input.traceId) headers['Lambda-Runtime-Trace-Id'] = input.traceId;
  if (input.clientContext) headers['Lambda-Runtime-Client-Context'] = utf8Header(input.clientContext);
  if (input.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = utf8Header(input.cognitoIdentity);
  if (input.tenantId) headers['Lambda-Runtime-Aws-Tenant-Id'] = input.tenantId;
  return headers;
}

const invocationPath = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;

/** Reads a request body, keeping at most `limit` bytes; `undefined` when the body was larger. */
function readBody(req: http.IncomingMessage, limit: number, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= limit) chunks.push(c);
  });
  req.on('end', () => done(size > limit ? undefined : chunks.length === 1 ? (chunks[0]) : Buffer.concat(chunks)));
  req.on('error', () => done(Buffer.alloc(0)));
}

const header = (req: http.IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Routes one request to the host; unknown paths get 404 like the RIE. */
export function routeRuntimeApi(host: RuntimeApiHost, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '';
  const method = req.method ?? 'GET';
  if (method === 'GET' && url === '/2018-06-01/runtime/invocation/next') return host.next(res);
  const m = invocationPath.exec(url);
  if (m && method === 'POST') {
    const id = decodeURIComponent(m[1] as string);
    if (m[2] === 'response') {
      const mode = header(req, 'lambda-runtime-function-response-mode');
      if (mode !== undefined && mode !== 'streaming') {
        req.resume();
        return sendJson(res, 400, { errorMessage: 'Invalid function response mode', errorType: 'InvalidFunctionResponseMode' });
      }
      if (mode === 'streaming') return host.streamResponse(id, req, header(req, 'content-type'), res);
      return readBody(req, MAX_RESPONSE_BYTES, (body) =>
        body === undefined ? host.responseTooLarge(id, res) : host.response(id, body, header(req, 'content-type'), res),
      );
    }
    return readBody(req, MAX_RESPONSE_BYTES, (body) =>
      host.error(id, body ?? Buffer.alloc(0), header(req, 'lambda-runtime-function-error-type'), res),
    );
  }
  if (method === 'POST' && url === '/2018-06-01/runtime/init/error') {
    return readBody(req, MAX_RESPONSE_BYTES, (body) =>
      host.initError(body ?? Buffer.alloc(0), header(req, 'lambda-runtime-function-error-type'), res),
    );
  }
  if (method === 'GET' && url === '/2018-06-01/runtime/restore/next') return host.restoreNext(res);
  if (method === 'POST' && url === '/2018-06-01/runtime/restore/error') {
    return readBody(req, MAX_RESPONSE_BYTES, (body) =>
      host.restoreError(body ?? Buffer.alloc(0), header(req, 'lambda-runtime-function-error-type'), res),
    );
  }
  if (method === 'GET' && url === '/2018-06-01/ping') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    return void res.end('pong');
  }
  if (method === 'POST' && url === '/2020-01-01/extension/register') {
    return readBody(req, 65536, (body) =>
      host.extensionRegister(header(req, 'lambda-extension-name') ?? '', body ?? Buffer.alloc(0), res),
    );
  }
  if (method === 'GET' && url === '/2020-01-01/extension/event/next') {
    return host.extensionNext(header(req, 'lambda-extension-identifier'), res);
  }
  if (method === 'POST' && (url === '/2020-01-01/extension/init/error' || url === '/2020-01-01/extension/exit/error')) {
    req.resume();
    return host.extensionError(
      header(req, 'lambda-extension-identifier'),
      url.includes('/init/') ? 'init' : 'exit',
      header(req, 'lambda-extension-function-error-type'),
      res,
    );
  }
  if (url.startsWith('/2020-08-15/logs') || url.startsWith('/2022-07-01/telemetry')) {
    req.resume();
    return sendJson(res, 202, { status: 'OK' });
  }
  req.resume();
  sendJson(res, 404, { errorMessage: 'Not Found', errorType: 'NotFound' });
}

/**
 * An environment's Runtime API server. Runtimes may send large X-Ray cause headers (PRIC allows up to
 * 1 MiB); a bad request must never take the engine down, so routing errors become a 500 for that
 * runtime only.
 */
export function createRuntimeApiServer(host: () => RuntimeApiHost): http.Server {
  const server = http.createServer({ maxHeaderSize: 2 * 1024 * 1024 }, (req, res) => {
    try {
      routeRuntimeApi(host(), req, res);
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { errorType: 'ServiceException', errorMessage: e instanceof Error ? e.message : String(e) });
    }
  });
  // Only the runtime and extensions this engine started (same user) may poll invocations and answer them.
  refuseOtherUsers(server);
  return server;
}
