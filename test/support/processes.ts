// Finds processes the engine started on behalf of this test process, through the marker variable every
// execution environment inherits (grandchildren too), so tests can prove nothing was left behind.
import * as fs from 'node:fs';
import { ENGINE_MARKER } from '../../src/core/runtime/processTree';

/** Pids of live processes whose environment carries this process's engine marker. */
export function findEngineProcesses(owner = process.pid): number[] {
  const needle = `${ENGINE_MARKER}=${owner}\0`;
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (!env.includes(needle)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z') found.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found;
}

/** Resolves once no engine process of ours is alive; rejects with their command lines after `ms`. */
export async function assertNoOrphans(ms = 5000, owner = process.pid): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const pids = findEngineProcesses(owner);
    if (pids.length === 0) return;
    if (Date.now() > deadline) {
      const cmds = pids.map((p) => {
        try {
          return `${p}: ${fs.readFileSync(`/proc/${p}/cmdline`, 'latin1').replace(/\0/g, ' ')}`;
        } catch {
          return `${p}`;
        }
      });
      throw new Error(`processes left behind:\n${cmds.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Command line of a live process, or undefined. */
export function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ').trim();
  } catch {
    return undefined;
  }
}

