// Java through the JDWP hand-off: the adapter starts the JVM with a JDWP agent and announces the attach
// configuration; the JDK's own `jdb` attaches there (as VS Code's Java debugger would), a breakpoint in
// the handler class is hit with the event in scope, and the invocation completes after `cont`.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { invocationResult, launch, useAdapterSessions } from './support';

const JDK = '/usr/lib/jvm/java-17-openjdk-amd64';
const echoSource = path.join(__dirname, '..', 'fixtures', 'java', 'plain', 'src', 'plain', 'Echo.java');

/** jdb's output as it arrives, with a wait for a pattern. */
class Jdb {
  private out = '';
  private waiters: (() => void)[] = [];
  readonly proc: ChildProcessWithoutNullStreams;

  constructor(port: number) {
    this.proc = spawn(path.join(JDK, 'bin', 'jdb'), ['-attach', `127.0.0.1:${port}`]);
    const take = (d: Buffer): void => {
      this.out += d.toString();
      for (const w of this.waiters.splice(0)) w();
    };
    this.proc.stdout.on('data', take);
    this.proc.stderr.on('data', take);
  }

  send(command: string): void {
    this.proc.stdin.write(`${command}\n`);
  }

  async waitFor(re: RegExp, ms = 30_000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!re.test(this.out)) {
      if (Date.now() > deadline) throw new Error(`jdb never printed ${re}:\n${this.out}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.out;
  }

  async quit(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.send('quit');
    await exited;
  }
}

describe('debug adapter: Java (JDWP hand-off, attached with jdb)', function () {
  this.timeout(120_000);
  let ws: string;
  let dc: DebugClient;
  let classes: string;
  const line = fs.readFileSync(echoSource, 'utf8').split('\n').findIndex((l) => l.includes('r.greeting =')) + 1;

  useAdapterSessions(
    (w) => {
      ws = w;
      classes = path.join(ws, 'java-classes');
      execFileSync(path.join(JDK, 'bin', 'javac'), ['-g', '--release', '11', '-d', classes, echoSource]);
    },
    (c) => (dc = c),
  );

  it('announces the JDWP address once the JVM listens; jdb hits a handler breakpoint and the invocation completes', async () => {
    const attach = dc.waitForEvent('lambdaWorkbench.attach');
    const done = dc.waitForEvent('lambdaInvocation');
    await launch(dc, { handler: 'plain.Echo::handle', runtime: 'java17', codeUri: classes, event: { name: 'Ada' } });
    const config = (await attach).body.configuration as { type: string; request: string; hostName: string; port: number };
    assert.equal(config.type, 'java');
    assert.equal(config.request, 'attach');
    assert.equal(config.hostName, '127.0.0.1');
    const jdb = new Jdb(config.port);
    try {
      await jdb.waitFor(/VM Started/);
      jdb.send(`stop at plain.Echo:${line}`);
      await jdb.waitFor(/Deferring breakpoint plain\.Echo/);
      jdb.send('run');
      const hit = await jdb.waitFor(/Breakpoint hit: .*plain\.Echo\.handle\(\), line=(\d+)/);
      assert.match(hit, new RegExp(`plain\\.Echo\\.handle\\(\\), line=${line} `));
      jdb.send('print event');
      await jdb.waitFor(/event = "\{name=Ada\}"/);
      jdb.send('cont');
      const result = await invocationResult(dc, done);
      assert.equal(result.errorType, undefined);
      assert.equal(JSON.parse(result.payload).greeting, 'hello Ada');
    } finally {
      await jdb.quit();
    }
  });
});
