// The Runtime API client of our Node.js bootstrap: HTTP/1.1 over one persistent socket, written by hand
// because the http module costs a third of a warm invocation here. The socket is unref'd while idle so
// it never keeps the event loop alive (callbackWaitsForEmptyEventLoop depends on that).
import * as net from 'node:net';

export interface NextInvocation {
  readonly requestId: string;
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string | undefined;
  readonly clientContext: string | undefined;
  readonly cognitoIdentity: string | undefined;
  readonly tenantId: string | undefined;
  /** The engine asks for a hot reload of the handler module before this event. */
  readonly reload: boolean;
  readonly body: string;
}

interface Response {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

const api = process.env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001';
const colon = api.lastIndexOf(':');
const host = api.slice(0, colon);
const port = Number(api.slice(colon + 1));
const base = '/2018-06-01/runtime';

let socket: net.Socket | undefined;
let buffered: Buffer = Buffer.alloc(0);
let waiting: { resolve: (r: Response) => void; reject: (e: Error) => void } | undefined;

function connection(): net.Socket {
  if (socket && !socket.destroyed) return socket;
  const s = net.connect(port, host);
  s.setNoDelay(true);
  s.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    parse();
  });
  const fail = (e: Error): void => {
    socket = undefined;
    buffered = Buffer.alloc(0);
    const w = waiting;
    waiting = undefined;
    w?.reject(e);
  };
  s.on('error', fail);
  s.on('close', () => fail(new Error('Runtime API connection closed')));
  socket = s;
  return s;
}

/** Decodes a chunked body; undefined until the terminating chunk has arrived. */
function dechunk(data: Buffer): { body: Buffer; used: number } | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = parseInt(data.toString('latin1', at, eol), 16);
    if (size === 0) {
      const end = data.indexOf('\r\n\r\n', eol);
      return end < 0 ? undefined : { body: Buffer.concat(parts), used: end + 4 };
    }
    if (data.length < eol + 2 + size + 2) return undefined;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

function parse(): void {
  if (!waiting) return;
  const headEnd = buffered.indexOf('\r\n\r\n');
  if (headEnd < 0) return;
  const lines = buffered.toString('latin1', 0, headEnd).split('\r\n');
  const status = Number((lines[0] ?? '').split(' ')[1]);
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
  }
  const rest = buffered.subarray(headEnd + 4);
  let body: Buffer;
  let used: number;
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const decoded = dechunk(rest);
    if (!decoded) return;
    ({ body, used } = decoded);
  } else {
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < length) return;
    body = rest.subarray(0, length);
    used = length;
  }
  buffered = rest.subarray(used);
  const w = waiting;
  waiting = undefined;
  socket?.unref();
  w.resolve({ status, headers, body });
}

function request(method: string, path: string, body?: Buffer, headers = ''): Promise<Response> {
  return new Promise((resolve, reject) => {
    waiting = { resolve, reject };
    const s = connection();
    s.ref();
    const head = `${method} ${path} HTTP/1.1\r\nHost: ${api}\r\nContent-Length: ${body ? body.length : 0}\r\n${headers}\r\n`;
    if (body && body.length) {
      s.cork();
      s.write(head, 'latin1');
      s.write(body);
      s.uncork();
    } else s.write(head, 'latin1');
  });
}

/** Header values arrive as bytes (parsed as latin1 above); JSON-bearing ones are UTF-8. */
const utf8 = (v: string | undefined): string | undefined => (v === undefined ? undefined : Buffer.from(v, 'latin1').toString('utf8'));

/** Blocks until the platform hands over the next event. */
export async function nextInvocation(): Promise<NextInvocation> {
  const res = await request('GET', `${base}/invocation/next`);
  if (res.status !== 200) throw new Error(`Runtime API /next failed with ${res.status}: ${res.body.toString('utf8')}`);
  const h = res.headers;
  return {
    requestId: h['lambda-runtime-aws-request-id'] ?? '',
    deadlineMs: Number(h['lambda-runtime-deadline-ms']),
    invokedFunctionArn: h['lambda-runtime-invoked-function-arn'] ?? '',
    traceId: h['lambda-runtime-trace-id'],
    clientContext: utf8(h['lambda-runtime-client-context']),
    cognitoIdentity: utf8(h['lambda-runtime-cognito-identity']),
    tenantId: h['lambda-runtime-aws-tenant-id'],
    reload: h['lambda-workbench-reload'] === '1',
    body: res.body.toString('utf8'),
  };
}

export async function postResponse(requestId: string, body: string | Buffer, contentType = 'application/json'): Promise<void> {
  await request('POST', `${base}/invocation/${requestId}/response`, typeof body === 'string' ? Buffer.from(body) : body, `Content-Type: ${contentType}\r\n`);
}

export async function postError(requestId: string, error: object, errorType: string): Promise<void> {
  await request('POST', `${base}/invocation/${requestId}/error`, Buffer.from(JSON.stringify(error)), `Content-Type: application/json\r\nLambda-Runtime-Function-Error-Type: ${errorType.replace(/[\r\n]/g, "")}\r\n`);
}

export async function postInitError(error: object, errorType: string): Promise<void> {
  await request('POST', `${base}/init/error`, Buffer.from(JSON.stringify(error)), `Content-Type: application/json\r\nLambda-Runtime-Function-Error-Type: ${errorType.replace(/[\r\n]/g, "")}\r\n`);
}
