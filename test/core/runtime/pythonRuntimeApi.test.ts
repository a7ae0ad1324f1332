// The Python bootstrap as a Runtime API client (fidelity 1.1, 1.2, 1.4): run directly against a scripted
// Runtime API server to check connection reuse, posted headers, exit status and the stdout fallback.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { ENGINE_MARKER } from '../../../src/core/runtime/processTree';
import { assertNoOrphans } from '../../support/processes';
import { pythonFixture, testInterpreters } from './pythonHarness';

const bootstrap = path.join(__dirname, '..', '..', '..', 'dist', 'runtime', 'python', 'bootstrap.py');

interface Posted {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

interface ScriptedEvent {
  readonly id: string;
  readonly body: string;
  /** Send the /next body with chunked transfer encoding. */
  readonly chunked?: boolean;
  /** Close the connection after answering /next (Connection: close). */
  readonly close?: boolean;
}

/** A Runtime API that hands out queued events and records what the runtime posts. */
class ScriptedRuntimeApi {
  connections = 0;
  private readonly server = http.createServer((req, res) => this.route(req, res));
  private readonly queue: ScriptedEvent[] = [];
  private readonly posts: Posted[] = [];
  private parked: http.ServerResponse | undefined;
  private waiting: ((p: Posted) => void) | undefined;
  /** Destroy the socket right after the next POST was answered (a server dropping an idle keep-alive). */
  dropAfterPost = false;

  async start(): Promise<string> {
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  push(event: ScriptedEvent): void {
    this.queue.push(event);
    if (this.parked) this.deliver(this.parked);
  }

  nextPost(): Promise<Posted> {
    const p = this.posts.shift();
    return p ? Promise.resolve(p) : new Promise((resolve) => (this.waiting = resolve));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private deliver(res: http.ServerResponse): void {
    const e = this.queue.shift();
    if (!e) return void (this.parked = res);
    this.parked = undefined;
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': e.id,
      'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000),
      'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:f',
      ...(e.close ? { Connection: 'close' } : {}),
    };
    if (e.chunked) {
      res.writeHead(200, headers);
      res.write(e.body.slice(0, 1));
      res.end(e.body.slice(1));
    } else {
      res.writeHead(200, { ...headers, 'Content-Length': Buffer.byteLength(e.body) });
      res.end(e.body);
    }
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method === 'GET' && req.url === '/2018-06-01/runtime/invocation/next') return this.deliver(res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end('{"status":"OK"}');
      if (this.dropAfterPost) {
        this.dropAfterPost = false;
        res.on('finish', () => req.socket.destroy());
      }
      const posted = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const w = this.waiting;
      this.waiting = undefined;
      if (w) w(posted);
      else this.posts.push(posted);
    });
  }
}

for (const python of testInterpreters()) {
  describe(`Python bootstrap on ${python}: Runtime API client`, () => {
    let api: ScriptedRuntimeApi;
    let child: ChildProcess | undefined;
    let output = '';

    async function run(handler: string, env: Record<string, string> = {}): Promise<ChildProcess> {
      api = new ScriptedRuntimeApi();
      const address = await api.start();
      const dir = pythonFixture(handler.startsWith('app.') ? 'basic' : 'load-errors');
      output = '';
      child = spawn(python, [bootstrap], {
        cwd: dir,
        env: {
          AWS_LAMBDA_RUNTIME_API: address,
          _HANDLER: handler,
          LAMBDA_TASK_ROOT: dir,
          PYTHONPATH: path.dirname(bootstrap),
          PYTHONDONTWRITEBYTECODE: '1',
          [ENGINE_MARKER]: String(process.pid),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
      return child;
    }

    afterEach(async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
      child = undefined;
      await api.close();
    });
    after(() => assertNoOrphans());

    it('keeps one connection for init and every invocation, and reads chunked events', async () => {
      await run('app.echo');
      for (let i = 0; i < 5; i++) {
        api.push({ id: `r${i}`, body: JSON.stringify({ i }), chunked: i % 2 === 1 });
        const posted = await api.nextPost();
        assert.equal(posted.url, `/2018-06-01/runtime/invocation/r${i}/response`);
        assert.equal(posted.headers['content-type'], 'application/json');
        assert.equal(posted.body, `{"i": ${i}}`);
      }
      assert.equal(api.connections, 1);
    });

    it('reconnects when the server closes the connection, before or after answering', async () => {
      await run('app.echo');
      api.push({ id: 'a', body: '{"n": 1}', close: true });
      assert.equal((await api.nextPost()).body, '{"n": 1}');
      api.dropAfterPost = true;
      api.push({ id: 'b', body: '{"n": 2}' });
      assert.equal((await api.nextPost()).body, '{"n": 2}');
      api.push({ id: 'c', body: '{"n": 3}' });
      assert.equal((await api.nextPost()).url, '/2018-06-01/runtime/invocation/c/response');
      assert.equal(api.connections, 3);
    });

    it('posts handler errors with the error type and X-Ray cause headers', async () => {
      await run('app.raises');
      api.push({ id: 'e1', body: '{}' });
      const posted = await api.nextPost();
      assert.equal(posted.url, '/2018-06-01/runtime/invocation/e1/error');
      assert.equal(posted.headers['lambda-runtime-function-error-type'], 'CustomError');
      assert.equal(JSON.parse(posted.body).errorType, 'CustomError');
      const cause = JSON.parse(posted.headers['lambda-runtime-function-xray-error-cause'] as string);
      assert.equal(cause.working_directory, pythonFixture('basic'));
      assert.deepEqual(cause.exceptions[0].stack.map((f: { label: string }) => f.label), ['raises', 'helper']);
      assert.deepEqual(cause.paths, [path.join(pythonFixture('basic'), 'app.py')]);
    });

    it('posts an init error and exits with status 1', async () => {
      const proc = await run('missing_module.handler');
      const posted = await api.nextPost();
      assert.equal(posted.url, '/2018-06-01/runtime/init/error');
      assert.equal(posted.headers['lambda-runtime-function-error-type'], 'Runtime.ImportModuleError');
      const [code] = await once(proc, 'exit');
      assert.equal(code, 1);
    });

    it('writes to stdout without a log channel, newlines inside an event turned into \\r', async () => {
      const proc = await run('app.prints');
      api.push({ id: 'p1', body: '{}' });
      await api.nextPost();
      proc.kill('SIGTERM');
      await once(proc, 'exit');
      const lines = output.split('\n');
      assert.ok(lines.includes('two') && lines.includes('lines'), 'print output stays raw');
      assert.ok(lines.some((l) => /^\[ERROR\]\t\S+\tp1\tfirst\rsecond$/.test(l)), output);
      assert.ok(lines.some((l) => /^\[WARNING\]\t\S+\t\tloaded during init$/.test(l)), output);
    });
  });
}
