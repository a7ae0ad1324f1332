// A floor with N runtime processes: a bare HTTP invoke endpoint and one bare Runtime API server that
// hands each event to whichever runtime waits on /next. No validation, logs, limits or isolation; it
// sends the standard Lambda headers, so AWS's own runtime client (aws-lambda-ric) runs against it too.
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MinimalPool {
  readonly url: string;
  /** Resolves when `count` runtimes wait on /next (init done). */
  readonly ready: Promise<void>;
  close(): void;
}

/** Starts `count` copies of `command args` as runtimes (with AWS_LAMBDA_RUNTIME_API, LAMBDA_TASK_ROOT, _HANDLER). */
export async function startMinimalPool(command: string, args: string[], taskRoot: string, count = 1, handler = 'index.handler'): Promise<MinimalPool> {
  const parked: http.ServerResponse[] = [];
  const waiting: { body: Buffer; res: http.ServerResponse }[] = [];
  const inflight = new Map<string, http.ServerResponse>();
  let seq = 0;
  let everParked = 0;
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  const deliver = (): void => {
    while (waiting.length > 0 && parked.length > 0) {
      const job = waiting.shift() as { body: Buffer; res: http.ServerResponse };
      const next = parked.pop() as http.ServerResponse;
      const id = `req-${++seq}`;
      inflight.set(id, job.res);
      next.writeHead(200, {
        'Lambda-Runtime-Aws-Request-Id': id,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000),
        'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:noop',
        'Lambda-Runtime-Trace-Id': 'Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0',
        'Content-Type': 'application/json',
        'Content-Length': job.body.length,
      });
      next.end(job.body);
    }
  };
  const runtimeApi = http.createServer((req, res) => {
    if (req.url?.endsWith('/invocation/next')) {
      parked.push(res);
      if (++everParked === count) onReady();
      return deliver();
    }
    const id = /invocation\/([^/]+)\/(?:response|error)/.exec(req.url ?? '')?.[1] ?? '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(202, { 'Content-Length': 2 });
      res.end('{}');
      const caller = inflight.get(id);
      inflight.delete(id);
      const body = Buffer.concat(chunks);
      caller?.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      caller?.end(body);
    });
  });
  const invokeApi = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      waiting.push({ body: Buffer.concat(chunks), res });
      deliver();
    });
  });
  await new Promise<void>((r) => runtimeApi.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => invokeApi.listen(0, '127.0.0.1', r));
  // Only what a runtime needs: inherited variables such as NODE_EXTRA_CA_CERTS cost a Node start tens of ms.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: taskRoot, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${(runtimeApi.address() as AddressInfo).port}`, LAMBDA_TASK_ROOT: taskRoot, _HANDLER: handler };
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) children.push(spawn(command, args, { env, cwd: taskRoot, stdio: 'ignore' }));
  return {
    url: `http://127.0.0.1:${(invokeApi.address() as AddressInfo).port}`,
    ready,
    close: () => {
      for (const c of children) c.kill('SIGKILL');
      runtimeApi.closeAllConnections();
      runtimeApi.close();
      invokeApi.closeAllConnections();
      invokeApi.close();
    },
  };
}
