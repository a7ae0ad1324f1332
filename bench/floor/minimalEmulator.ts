// The floor our endpoint is measured against: a bare HTTP invoke endpoint and a bare Runtime API server
// in one process, one runtime process, no validation, logs, limits or concurrency.
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MinimalEmulator {
  readonly url: string;
  close(): void;
}

/** Starts the floor with `command args` as the runtime (it gets AWS_LAMBDA_RUNTIME_API and LAMBDA_TASK_ROOT). */
export async function startMinimalEmulator(command: string, args: string[], taskRoot: string): Promise<MinimalEmulator> {
  let parked: http.ServerResponse | undefined;
  const waiting: { body: Buffer; res: http.ServerResponse }[] = [];
  const inflight = new Map<string, http.ServerResponse>();
  let seq = 0;
  const deliver = (): void => {
    const job = waiting.shift();
    const next = parked;
    if (!job || !next) {
      if (job) waiting.unshift(job);
      return;
    }
    parked = undefined;
    const id = `req-${++seq}`;
    inflight.set(id, job.res);
    next.writeHead(200, { 'Lambda-Runtime-Aws-Request-Id': id, 'Content-Type': 'application/json', 'Content-Length': job.body.length });
    next.end(job.body);
  };
  const runtimeApi = http.createServer((req, res) => {
    if (req.url?.endsWith('/invocation/next')) {
      parked = res;
      return deliver();
    }
    const id = /invocation\/([^/]+)\/response/.exec(req.url ?? '')?.[1] ?? '';
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
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${(runtimeApi.address() as AddressInfo).port}`, LAMBDA_TASK_ROOT: taskRoot },
    stdio: 'ignore',
  });
  return {
    url: `http://127.0.0.1:${(invokeApi.address() as AddressInfo).port}`,
    close: () => {
      child.kill('SIGKILL');
      runtimeApi.closeAllConnections();
      runtimeApi.close();
      invokeApi.closeAllConnections();
      invokeApi.close();
    },
  };
}
