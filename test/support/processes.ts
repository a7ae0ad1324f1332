// Finds processes the engine started on behalf of this test process, through the marker in their initial
// environment and the environments' sessions (grandchildren too), so tests can prove nothing was left behind.
import * as fs from 'node:fs';
import { ENGINE_MARKER } from '../../src/core/runtime/processTree';

const leadersSeen = new Map<number, Set<number>>();

/** State and session id of a process, from /proc/<pid>/stat. */
function statOf(pid: string): { state: string; session: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', session: Number(fields[3]) };
  } catch {
    return undefined;
  }
}

/**
 * Pids of live processes the engine `owner` started: those whose initial environment carries its marker
 * (the handler does not see it: our bootstraps take it out of the live environment) and the processes a
 * handler started, found by the environment's session (environments run detached: session id = the
 * runtime's pid), including sessions whose runtime already ended, once seen.
 */
export function findEngineProcesses(owner = process.pid): number[] {
  const needle = `${ENGINE_MARKER}=${owner}\0`;
  const leaders = leadersSeen.get(owner) ?? new Set<number>();
  leadersSeen.set(owner, leaders);
  const candidates: { pid: number; session: number }[] = [];
  const found = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(entry);
    if (!stat || stat.state === 'Z') continue;
    try {
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (env.includes(needle)) {
        found.add(Number(entry));
        if (stat.session === Number(entry)) leaders.add(stat.session);
        continue;
      }
    } catch {
      // Not ours to read, or ended while we looked.
    }
    candidates.push({ pid: Number(entry), session: stat.session });
  }
  for (const c of candidates) if (leaders.has(c.session) && c.session !== 0) found.add(c.pid);
  return [...found];
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

