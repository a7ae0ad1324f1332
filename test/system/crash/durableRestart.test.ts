// A durable execution survives a kill -9 of `serve`: started and driven through the CLI, the engine is
// SIGKILLed while the execution waits a day; the next `serve` resumes it from its journal, the wait is
// skipped and the callback completed through the CLI, and the execution finishes with the full result.
import { GetDurableExecutionCommand, GetDurableExecutionHistoryCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertNoOrphans } from '../../support/processes';
import { workflowSource } from '../../core/durable/durableWorkflow';

const bin = path.join(__dirname, '..', '..', '..', 'bin', 'lambda-workbench.js');

function serve(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--http-port', '0', '--no-watch'], { cwd: dir });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /--endpoint-url (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => reject(new Error(`serve exited early: ${out}`)));
  });
}

function cli(url: string, args: string[]): Promise<any> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [bin, 'durable', ...args, '--endpoint-url', url, '--json'], (err, stdout, stderr) => (err ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(JSON.parse(stdout)))),
  );
}

/** Re-checks an async condition until it holds (the engine is another process: no event to wait on). */
async function poll(condition: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('durable execution across kill -9 of serve', () => {
  it('resumes from the journal and finishes', async function () {
    this.timeout(90_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-durable-crash-'));
    const marks = path.join(dir, 'marks');
    fs.mkdirSync(marks);
    fs.mkdirSync(path.join(dir, 'flow'));
    fs.writeFileSync(path.join(dir, 'flow', 'index.js'), workflowSource(marks));
    fs.writeFileSync(
      path.join(dir, 'template.yaml'),
      'Resources:\n  Flow:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: flow\n      Handler: index.handler\n      Runtime: nodejs20.x\n      CodeUri: flow\n      Timeout: 30\n      DurableConfig:\n        ExecutionTimeout: 86400\n        RetentionPeriodInDays: 1\n',
    );
    let first: ChildProcess | undefined;
    let second: ChildProcess | undefined;
    let client: LambdaClient | undefined;
    try {
      const a = await serve(dir);
      first = a.child;
      const { DurableExecutionArn: arn } = (await cli(a.url, ['start', 'flow', '--event', '{"x":1}', '--name', 'crash-1'])) as { DurableExecutionArn: string };
      const history = async (url: string): Promise<string[]> => {
        client?.destroy();
        client = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
        const h = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }));
        return (h.Events ?? []).map((e) => `${e.EventType}:${e.Name ?? ''}`);
      };
      await poll(async () => (await history(a.url)).includes('WaitStarted:nap'), 30_000, 'the day-long wait');
      first.kill('SIGKILL');
      await new Promise((r) => first?.once('exit', r));

      const b = await serve(dir);
      second = b.child;
      await history(b.url);
      const listed = (await cli(b.url, ['list', 'flow'])) as { DurableExecutions: { DurableExecutionArn: string; Status: string }[] };
      assert.deepEqual(listed.DurableExecutions.map((e) => [e.DurableExecutionArn, e.Status]), [[arn, 'RUNNING']]);
      assert.deepEqual(await cli(b.url, ['skip-wait']), { Fired: 1 });
      await poll(async () => fs.existsSync(path.join(marks, 'callback')), 30_000, 'the callback id');
      const callbackId = fs.readFileSync(path.join(marks, 'callback'), 'utf8');
      await cli(b.url, ['callback', callbackId, '--success', '{"approved":true}']);
      await poll(async () => (await client!.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }))).Status !== 'RUNNING', 30_000, 'the end of the execution').catch(async (e: Error) => {
        throw new Error(`${e.message}: ${(await history(b.url)).join(', ')}`);
      });
      const got = (await cli(b.url, ['get', arn])) as { Status: string; Result: string };
      assert.equal(got.Status, 'SUCCEEDED');
      assert.deepEqual(JSON.parse(got.Result), { first: 2, flaky: 2, approval: { approved: true }, par: [1, 2], child: 'in' });
      const events = ((await cli(b.url, ['history', arn])) as { Events: { EventType: string; Name?: string }[] }).Events.map((e) => `${e.EventType}:${e.Name ?? ''}`);
      // Each step ran once: the replay after the restart took their results from the journal.
      assert.equal(events.filter((e) => e === 'StepSucceeded:first').length, 1);
      assert.equal(events.filter((e) => e === 'WaitStarted:nap').length, 1);
      assert.equal(fs.readFileSync(path.join(marks, 'attempts'), 'utf8'), '2');
    } finally {
      client?.destroy();
      for (const c of [first, second]) {
        if (c && c.exitCode === null && c.signalCode === null) {
          const exited = new Promise((r) => c.once('exit', r));
          c.kill('SIGTERM');
          await exited;
        }
      }
      if (first?.pid) await assertNoOrphans(5000, first.pid);
      if (second?.pid) await assertNoOrphans(5000, second.pid);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
