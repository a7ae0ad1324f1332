// Child processes of the end-to-end run: started in their own process group, stopped with the whole
// group, and a /proc scan that proves nothing of the run (code-server, Chromium, engines) survived.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { ENGINE_MARKER } from '../../src/core/runtime/processTree';

/** Starts `cmd` as the leader of a new process group. */
export function spawnGroup(cmd: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return spawn(cmd, args, { ...options, detached: true });
}

/** SIGTERM to the group, then SIGKILL if it has not exited within `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined) return;
  const pgid = child.pid;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(pgid, 'SIGTERM');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'late') signal(pgid, 'SIGKILL');
  await exited;
  // Members of the group that outlived the leader (renderers, engines) go too.
  signal(pgid, 'SIGKILL');
}

function signal(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    // The group is already gone.
  }
}

/** Live (non-zombie) processes whose environment contains any of `needles` (`KEY=value\0`). */
export function processesWithEnv(needles: readonly string[]): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (!needles.some((n) => env.includes(n))) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      out.push({ pid: Number(entry), cmd: fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').replace(/\0/g, ' ').trim() });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return out;
}

/** Needles matching the processes of a run tagged `RUN_TAG=<runId>` and the engines they owned. */
export function runNeedles(tag: string, runId: string, ownerPids: readonly number[]): string[] {
  return [`${tag}=${runId}\0`, ...ownerPids.map((p) => `${ENGINE_MARKER}=${p}\0`)];
}
