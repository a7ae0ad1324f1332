// One engine per state directory: an exclusive lock file naming the holder (pid, process start time,
// endpoint), taken over only when its holder is provably gone (a kill -9 leaves a stale lock behind).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';
import { writeFileAtomic } from './atomicFile';

export interface LockHolder {
  readonly pid: number;
  /** Process start time (Linux clock ticks), so a reused pid is not mistaken for the holder. */
  readonly startTime: string | undefined;
  readonly hostname: string;
  readonly since: string;
  /** The HTTP endpoint of the holder, once it listens (other tools can talk to it instead). */
  readonly endpoint?: string;
}

const heldHere = new Set<string>();

/** Reads who holds the lock of `stateDir`, if anyone does (stale or not). */
export function readLockHolder(stateDir: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(stateDir, 'engine.lock'), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** Whether the holder process is still running. */
export function isHolderAlive(h: LockHolder): boolean {
  if (h.hostname !== os.hostname()) return true;
  if (h.pid === process.pid) return true;
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (exited, not yet reaped: seen in containers whose init reaps slowly) still answers kill 0.
  if (processState(h.pid) === 'Z') return false;
  const start = processStartTime(h.pid);
  return h.startTime === undefined || start === undefined || start === h.startTime;
}

/** The exclusive lock of a state directory, held until `release`. */
export class StateLock {
  private holder: LockHolder;

  private constructor(readonly file: string, holder: LockHolder) {
    this.holder = holder;
  }

  /** Takes the lock or throws a WorkbenchError naming the engine that holds it. */
  static acquire(stateDir: string): StateLock {
    const file = path.join(stateDir, 'engine.lock');
    if (heldHere.has(file)) throw inUse(stateDir, parse(readRaw(file)) ?? { pid: process.pid, startTime: undefined, hostname: os.hostname(), since: '' });
    const me: LockHolder = { pid: process.pid, startTime: processStartTime(process.pid), hostname: os.hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
        heldHere.add(file);
        return new StateLock(file, me);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const raw = readRaw(file);
      const holder = parse(raw);
      if (holder && (holder.pid !== process.pid || holder.hostname !== os.hostname()) && isHolderAlive(holder)) throw inUse(stateDir, holder);
      // Stale (its engine was killed) or unreadable: remove it, unless someone replaced it meanwhile.
      if (readRaw(file) === raw) fs.rmSync(file, { force: true });
    }
    throw new WorkbenchError(`Could not take the lock ${file}; another engine keeps replacing it.`, 'StateLocked');
  }

  /** Records the endpoint this engine serves, for other tools to find. */
  setEndpoint(endpoint: string): void {
    this.holder = { ...this.holder, endpoint };
    if (heldHere.has(this.file)) writeFileAtomic(this.file, JSON.stringify(this.holder));
  }

  release(): void {
    if (!heldHere.delete(this.file)) return;
    if (parse(readRaw(this.file))?.pid === this.holder.pid) fs.rmSync(this.file, { force: true });
  }
}

function inUse(stateDir: string, h: LockHolder): WorkbenchError {
  const where = h.hostname === os.hostname() ? `pid ${h.pid}` : `pid ${h.pid} on ${h.hostname}`;
  const serving = h.endpoint ? `, serving ${h.endpoint}` : '';
  const hint = h.endpoint ? ` Use that engine (for example aws lambda ... --endpoint-url ${h.endpoint}), stop it,` : ' Stop it,';
  return new WorkbenchError(
    `The state directory ${stateDir} is in use by another Lambda Workbench engine (${where}${serving}).${hint} or give this engine another state directory.`,
    'StateLocked',
  );
}

function readRaw(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parse(raw: string | undefined): LockHolder | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as LockHolder;
    return typeof v.pid === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The one-letter state in /proc/<pid>/stat (R, S, D, Z, ...), when readable. */
function processState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
