// Session lifecycle of the bundled adapter: server mode, restart (cold), terminate, clear errors for
// bad configurations, and no process left behind.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { findEngineProcesses } from '../support/processes';
import { adapterPath, finish, invocationResult, launch, lineOf, makeWorkspace, scope, startClient, stopped, variablesOf } from './support';
import { waitFor } from '../support/wait';

describe('debug adapter: lifecycle', function () {
  this.timeout(60_000);
  let ws: string;
  let index: string;
  const nodeArgs = (extra: object = {}): object => ({ handler: 'index.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'node'), ...extra });

  before(() => {
    ws = makeWorkspace();
    index = path.join(ws, 'node', 'index.js');
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  describe('over stdio', () => {
    let dc: DebugClient;
    beforeEach(async () => {
      dc = await startClient();
    });
    afterEach(async () => {
      await finish(dc);
    });

    it('restarts into a new, cold environment with the same breakpoints', async () => {
      let stop = dc.waitForEvent('stopped');
      await launch(dc, nodeArgs(), [{ path: index, breakpoints: [{ line: lineOf(index, 'return') }] }]);
      const first = await stopped(dc, stop);
      const pidOf = async (frameId: number): Promise<string> => (await dc.evaluateRequest({ expression: 'process.pid', frameId, context: 'repl' })).body.result;
      const firstPid = await pidOf(first.frames[0]?.id ?? 0);
      stop = dc.waitForEvent('stopped');
      await dc.restartRequest({});
      const second = await stopped(dc, stop);
      assert.equal(second.frames[0]?.line, lineOf(index, 'return'));
      assert.notEqual(await pidOf(second.frames[0]?.id ?? 0), firstPid, 'restart runs a new process');
      const closure = await variablesOf(dc, (await scope(dc, second.frames[0]?.id ?? 0, 'Closure')).variablesReference);
      assert.equal(closure.get('invocations')?.value, '1', 'module state starts over');
      const done = dc.waitForEvent('lambdaInvocation');
      await dc.continueRequest({ threadId: 1 });
      await invocationResult(dc, done);
    });

    it('reuses the warm environment, or starts a new one for every invoke with coldStart', async () => {
      const coldStarts = async (extra: object): Promise<(boolean | undefined)[]> => {
        const first = dc.waitForEvent('lambdaInvocation');
        await launch(dc, nodeArgs(extra));
        const a = (await first).body as { coldStart?: boolean; payload: string };
        const second = dc.waitForEvent('lambdaInvocation');
        await dc.customRequest('invoke', {});
        const b = (await second).body as { coldStart?: boolean; payload: string };
        return [a.coldStart, b.coldStart, (JSON.parse(b.payload) as { invocations: number }).invocations === 1];
      };
      assert.deepEqual(await coldStarts({ coldStart: true }), [true, true, true]);
    });

    it('lets worker threads and forked processes of the handler run (they inherit no debugger wait)', async () => {
      const done = dc.waitForEvent('lambdaInvocation');
      await launch(dc, nodeArgs({ handler: 'children.handler', timeout: 20 }));
      assert.deepEqual(JSON.parse(((await done).body as { payload: string }).payload), { worker: 'worker ok', child: 'child ok' });
    });

    it('terminate ends the environment and says so', async () => {
      const stop = dc.waitForEvent('stopped');
      await launch(dc, nodeArgs(), [{ path: index, breakpoints: [{ line: lineOf(index, 'handler') }] }]);
      const { frames } = await stopped(dc, stop);
      const pid = Number((await dc.evaluateRequest({ expression: 'process.pid', frameId: frames[0]?.id ?? 0, context: 'repl' })).body.result);
      const terminated = dc.waitForEvent('terminated');
      await dc.terminateRequest({});
      await terminated;
      await waitFor(() => !fs.existsSync(`/proc/${pid}`) || /\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'latin1')), 5000, () => `environment ${pid} still runs`);
    });

    it('explains configurations it cannot run', async () => {
      await dc.initializeRequest();
      await assert.rejects(dc.launchRequest(nodeArgs({ codeUri: path.join(ws, 'missing') })), /"codeUri" .*missing is not a directory/);
      await assert.rejects(dc.launchRequest({ function: 'Nope', template: path.join(ws, 'ts', 'template.yaml') } as never), /The template has no function "Nope"\. Functions: Shout\./);
      await assert.rejects(dc.launchRequest({ handler: 'x.handler' } as never), /needs all of "handler", "runtime" and "codeUri"/);
      await assert.rejects(dc.launchRequest(nodeArgs({ runtime: 'provided.al2023' })), /cannot be debugged here/);
      await assert.rejects(dc.launchRequest(nodeArgs({ event: 'no-such-event.json' })), /Cannot use the event file .*no-such-event\.json: no such file/);
    });
  });

  describe('over TCP (--server)', () => {
    let adapter: ChildProcess;
    let port: number;
    before(async () => {
      adapter = spawn(process.execPath, [adapterPath, '--server=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
      port = await new Promise<number>((resolve, reject) => {
        let text = '';
        adapter.stderr?.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /listening on 127\.0\.0\.1:(\d+)/.exec(text);
          if (m) resolve(Number(m[1]));
        });
        adapter.once('exit', (code) => reject(new Error(`the adapter exited (${code}): ${text}`)));
      });
    });
    after(async () => {
      const exited = new Promise((resolve) => adapter.once('exit', resolve));
      adapter.kill();
      await exited;
    });

    it('serves a session per connection and leaves no process behind after disconnect', async () => {
      const dc = new DebugClient(process.execPath, adapterPath, 'lambda');
      await dc.start(port);
      try {
        const stop = dc.waitForEvent('stopped', 20_000);
        await launch(dc, nodeArgs(), [{ path: index, breakpoints: [{ line: lineOf(index, 'handler') }] }]);
        await stopped(dc, stop);
        assert.ok(findEngineProcesses(adapter.pid).length > 0, 'the environment runs under the adapter');
        await dc.disconnectRequest({ terminateDebuggee: true });
        await waitFor(() => findEngineProcesses(adapter.pid).length === 0, 5000, () => `left behind: ${findEngineProcesses(adapter.pid).join(', ')}`);
        assert.equal(adapter.exitCode, null, 'the server keeps running for the next session');
      } finally {
        (dc as unknown as { stopAdapter(): void }).stopAdapter();
      }
    });
  });
});
