// The state-directory lock is taken over when its holder is gone, including when the holder is a
// zombie (exited but not yet reaped by its parent, as in containers whose init reaps slowly).
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { StateLock } from '../../../src/core/state/stateLock';

// A parent that forks a child which exits at once, waits for that exit without reaping it (WNOWAIT),
// prints the zombie's pid, then stays alive so nobody reaps it.
const zombieMaker = `
import os, sys, time
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
print(pid, flush=True)
sys.stdin.read()
`;

function startTime(pid: number): string | undefined {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function writeLock(dir: string, pid: number): void {
  fs.writeFileSync(path.join(dir, 'engine.lock'), JSON.stringify({ pid, startTime: startTime(pid), hostname: os.hostname(), since: new Date().toISOString() }));
}

describe('state lock holders', () => {
  let maker: ChildProcess;
  let zombie: number;
  let dir: string;
  before(async () => {
    maker = spawn('python3', ['-c', zombieMaker], { stdio: ['pipe', 'pipe', 'inherit'] });
    zombie = Number(await new Promise<string>((resolve) => readline.createInterface({ input: maker.stdout! }).once('line', resolve)));
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  after(async () => {
    const exited = new Promise((resolve) => maker.once('exit', resolve));
    maker.stdin?.end();
    await exited;
  });

  it('a zombie holder counts as gone: the lock is taken over', () => {
    const state = fs.readFileSync(`/proc/${zombie}/stat`, 'latin1');
    assert.equal(state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3), 'Z', 'the holder really is a zombie');
    writeLock(dir, zombie);
    const lock = StateLock.acquire(dir);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'engine.lock'), 'utf8')).pid, process.pid);
    lock.release();
  });

  it('a running holder keeps the lock', () => {
    writeLock(dir, maker.pid!);
    assert.throws(() => StateLock.acquire(dir), new RegExp(`in use by another Lambda Workbench engine \\(pid ${maker.pid}`));
  });
});
