// The Runtime API client of our Node.js bootstrap: long-polls /next and posts results over one
// keep-alive connection (the free socket is unref'd, so it never keeps the event loop alive).
import * as http from 'node:http';

export interface NextInvocation {
  readonly requestId: string;
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string | undefined;
  readonly clientContext: string | undefined;
  readonly cognitoIdentity: string | undefined;
  readonly tenantId: string | undefined;
  readonly body: string;
}

const api = process.env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001';
const colon = api.lastIndexOf(':');
const hostname = api.slice(0, colon);
const port = Number(api.slice(colon + 1));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const base = '/2018-06-01/runtime';

function request(method: string, path: string, body?: Buffer | string, headers?: http.OutgoingHttpHeaders): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const str = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Blocks until the platform hands over the next event. */
export async function nextInvocation(): Promise<NextInvocation> {
  const res = await request('GET', `${base}/invocation/next`);
  if (res.status !== 200) throw new Error(`Runtime API /next failed with ${res.status}: ${res.body}`);
  const h = res.headers;
  return {
    requestId: str(h['lambda-runtime-aws-request-id']) ?? '',
    deadlineMs: Number(str(h['lambda-runtime-deadline-ms'])),
    invokedFunctionArn: str(h['lambda-runtime-invoked-function-arn']) ?? '',
    traceId: str(h['lambda-runtime-trace-id']),
    clientContext: str(h['lambda-runtime-client-context']),
    cognitoIdentity: str(h['lambda-runtime-cognito-identity']),
    tenantId: str(h['lambda-runtime-aws-tenant-id']),
    body: res.body,
  };
}

export async function postResponse(requestId: string, body: string | Buffer, contentType = 'application/json'): Promise<void> {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  await request('POST', `${base}/invocation/${requestId}/response`, buf, { 'Content-Type': contentType, 'Content-Length': buf.length });
}

export async function postError(requestId: string, error: object, errorType: string): Promise<void> {
  const buf = Buffer.from(JSON.stringify(error));
  await request('POST', `${base}/invocation/${requestId}/error`, buf, {
    'Content-Type': 'application/json',
    'Content-Length': buf.length,
    'Lambda-Runtime-Function-Error-Type': errorType,
  });
}

export async function postInitError(error: object, errorType: string): Promise<void> {
  const buf = Buffer.from(JSON.stringify(error));
  await request('POST', `${base}/init/error`, buf, {
    'Content-Type': 'application/json',
    'Content-Length': buf.length,
    'Lambda-Runtime-Function-Error-Type': errorType,
  });
}
