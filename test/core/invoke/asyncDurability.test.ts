// The Event queue survives `kill -9`: 1,000 events accepted by a `serve` process, the process killed
// with SIGKILL, a new one started on the same state: every accepted event runs, with its request id;
// a second run happens only for events whose attempt was cut short, and the history says so.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { findEngineProcesses } from '../../support/processes';
import { waitFor } from '../../support/wait';

const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Recorder:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: recorder
      CodeUri: src
      Handler: recorder.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          OUT: OUT_FILE
`;
const handler = `const fs = require('fs');
exports.handler = async (event, context) => {
  fs.appendFileSync(process.env.OUT, context.awsRequestId + ' ' + event.n + '\\n');
  return 'ok';
};
`;

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
}

function startServer(dir: string): Promise<Server> {
  const child = spawn(process.execPath, [cli, 'serve', '--template', path.join(dir, 'template.yaml'), '--port', '0', '--no-watch', '--state-dir', path.join(dir, 'state')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving \d+ function\(s\) at (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string, exited });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${err}`)));
  });
}

function post(agent: http.Agent, url: string, path_: string, body: string, headers: Record<string, string>): Promise<{ status: number; requestId: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path_}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, requestId: String(res.headers['x-amzn-requestid']) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function getJson(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject);
  });
}

describe('async invocation durability', function () {
  this.timeout(180_000);
  let dir: string;
  const servers: Server[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-durable-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'recorder.js'), handler);
    fs.writeFileSync(path.join(dir, 'template.yaml'), template.replace('OUT_FILE', path.join(dir, 'runs.txt')));
  });
  after(async () => {
    for (const s of servers) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
      await s.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs every accepted event after a SIGKILL and restart, at least once, with the same request id', async () => {
    const first = await startServer(dir);
    servers.push(first);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const accepted = new Map<string, number>();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < 1000) {
        const n = next++;
        const r = await post(agent, first.url, '/2015-03-31/functions/recorder/invocations', JSON.stringify({ n }), { 'X-Amz-Invocation-Type': 'Event' });
        assert.equal(r.status, 202);
        accepted.set(r.requestId, n);
      }
    }));
    agent.destroy();
    assert.equal(accepted.size, 1000);
    const pid = first.child.pid as number;
    first.child.kill('SIGKILL');
    await first.exited;
    await waitFor(() => findEngineProcesses(pid).length === 0, 10_000, 'the killed engine\'s runtimes to exit');
    const ranBeforeKill = fs.existsSync(path.join(dir, 'runs.txt')) ? fs.readFileSync(path.join(dir, 'runs.txt'), 'utf8').split('\n').filter(Boolean).length : 0;

    const second = await startServer(dir);
    servers.push(second);
    const counts = new Map<string, number>();
    const read = (): void => {
      counts.clear();
      for (const line of fs.readFileSync(path.join(dir, 'runs.txt'), 'utf8').split('\n')) {
        const [id, n] = line.split(' ');
        if (!id) continue;
        assert.equal(accepted.get(id), Number(n), `request id ${id} ran with its own event`);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    };
    await waitFor(() => {
      read();
      return counts.size === 1000;
    }, 120_000, 'every accepted event to run');
    const pending = await getJson(`${second.url}/workbench/v1/async-events?MaxItems=1`);
    const duplicates = [...counts].filter(([, c]) => c > 1).map(([id]) => id);
    for (const id of duplicates) {
      assert.equal(counts.get(id), 2, 'at most one extra run per kill');
      const h = await getJson(`${second.url}/workbench/v1/async-events/${id}`);
      assert.ok(h.attempts.some((a: { result: string }) => a.result === 'Interrupted'), `event ${id} ran twice, so its history shows the interrupted attempt`);
    }
    process.stdout.write(`      (${ranBeforeKill} ran before the kill, ${duplicates.length} ran twice, ${pending.Pending} pending at the end)\n`);
    const history = await getJson(`${second.url}/workbench/v1/async-events/${[...accepted.keys()][999]}`);
    assert.equal(history.functionName, 'recorder');
    assert.ok(['Succeeded', 'Running'].includes(history.status));
  });
});
