// Another process holds the workspace's state directory (issue 13): who it is, whether its engine
// answers, asking it to hand the directory over, and stopping it when it no longer answers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { isHolderAlive, readLockHolder, type LockHolder } from '../core/state/stateLock';

/** The engine this window works through when another process owns the state directory. */
export interface Attachment {
  readonly holder: LockHolder;
  readonly endpoint: string;
  /** Who the holder is, in words ("lambda-workbench serve (CLI)", "another VS Code window"...). */
  readonly process: string;
  readonly stateDir: string;
}

/** Names the holder process from its command line. */
export function describeProcess(holder: LockHolder): string {
  if (holder.hostname !== os.hostname()) return `pid ${holder.pid} on ${holder.hostname}`;
  let cmd = '';
  try {
    cmd = fs.readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return `pid ${holder.pid}`;
  }
  const cli = /lambda-workbench(?:\.js)?\s+(\w[\w-]*)/.exec(cmd);
  if (cli) return `lambda-workbench ${cli[1]} (CLI), pid ${holder.pid}`;
  if (/extensionHost|bootstrap-fork|--type=extensionHost/.test(cmd)) return `the extension host of another VS Code window, pid ${holder.pid}`;
  return `pid ${holder.pid} (${cmd.slice(0, 80).trim() || 'unknown command'})`;
}

/** Whether the engine at `endpoint` answers HTTP within `timeoutMs` (any status counts: strict auth answers 403). */
export async function engineAnswers(endpoint: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(new URL('/workbench/v1/engine', endpoint), { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Asks the holder to stop its engine and free the state directory; true when it agreed. */
export async function requestHandover(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/workbench/v1/engine/handover', endpoint), { method: 'POST', signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status === 202;
  } catch {
    return false;
  }
}

/** Resolves true once the lock of `stateDir` is free (no holder, or a dead one), false after `timeoutMs`. */
export async function waitForRelease(stateDir: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = readLockHolder(stateDir);
    if (!h || !isHolderAlive(h)) return true;
    if (Date.now() > deadline) return false;
    // The holder is another process: nothing here fires when it exits, so look again shortly.
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops an unresponsive holder: SIGTERM (waking it if stopped), then SIGKILL; true once its lock is free. */
export async function stopHolder(stateDir: string, holder: LockHolder): Promise<boolean> {
  if (holder.hostname !== os.hostname()) return false;
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(holder.pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  signal('SIGCONT');
  if (await waitForRelease(stateDir, 5000)) return true;
  signal('SIGKILL');
  return waitForRelease(stateDir, 5000);
}
