// Process-tree helpers for execution environments: the owner marker, killing a whole process group,
// and resident memory read from /proc (Linux) so memory limits work without containers.
import * as fs from 'node:fs';

/**
 * Every process an engine spawns starts with `<ENGINE_MARKER>=<engine pid>` in its environment so leftovers
 * can be found; our Node.js and Python bootstraps take it out of the handler's view (Lambda has no such
 * variable), so it stays only in /proc/<pid>/environ, and the handler's own children are found through
 * the environment's session (environments are spawned detached: session id = the runtime's pid).
 */
export const ENGINE_MARKER = '_LAMBDA_WORKBENCH_ENGINE';

/** The private temp directory handed to our bootstraps, which make it os.tmpdir() / tempfile's default. */
export const HIDDEN_TMPDIR = '_LAMBDA_WORKBENCH_TMPDIR';

/** Sends `signal` to the process group led by `pid` (environments are spawned detached). */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function statusField(pid: number, field: string): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
    const at = text.indexOf(field);
    if (at < 0) return 0;
    return parseInt(text.slice(at + field.length + 1), 10) || 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim();
    return text ? text.split(' ').map(Number) : [];
  } catch {
    return [];
  }
}

/** Resident set size in kB of `pid` and its descendants; 0 where /proc is unavailable. */
export function treeRssKb(pid: number): number {
  let total = statusField(pid, 'VmRSS:');
  for (const child of childrenOf(pid)) total += treeRssKb(child);
  return total;
}

/** Peak resident set size (high-water mark) of `pid` itself, in kB. */
export function peakRssKb(pid: number): number {
  return statusField(pid, 'VmHWM:');
}
