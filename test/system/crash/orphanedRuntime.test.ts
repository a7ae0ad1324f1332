// A Node.js runtime whose engine died (a SIGKILL can land before the runtime's parent-death signal is
// armed) must end by itself, not spin: its log channel and Runtime API are gone.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';

const bootstrap = path.join(__dirname, '..', '..', '..', 'dist', 'runtime', 'nodeBootstrap.js');

describe('orphaned runtime', () => {
  it('exits when its log channel is closed mid-invocation instead of looping on EPIPE', async function () {
    this.timeout(20_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-orphan-'));
    fs.writeFileSync(path.join(dir, 'index.js'), "exports.handler = async () => { for (let i = 0; i < 5; i++) console.log('line', i); return 'ok'; };\n");
    let served = false;
    const server = http.createServer((req, res) => {
      if (req.method === 'GET' && !served) {
        served = true;
        res.writeHead(200, { 'Lambda-Runtime-Aws-Request-Id': 'r1', 'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000), 'Content-Type': 'application/json' });
        return void res.end('{}');
      }
      if (req.method === 'GET') return; // parked: no second event
      req.resume();
      req.on('end', () => res.writeHead(202).end('{}'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const child = spawn(process.execPath, [bootstrap], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '', LAMBDA_TASK_ROOT: dir, _HANDLER: 'index.handler', _LAMBDA_WORKBENCH_LOG_FD: '3', AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${(server.address() as AddressInfo).port}` },
    });
    // The engine's end of the log channel is gone, as after a kill -9 of the engine.
    (child.stdio[3] as Readable).destroy();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const bound = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref());
    try {
      const result = await Promise.race([exited, bound]);
      assert.notEqual(result, 'still running', 'the runtime kept running (spinning on EPIPE) after losing its log channel');
    } finally {
      child.kill('SIGKILL');
      server.closeAllConnections();
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
