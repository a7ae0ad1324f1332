// The runtime process of an execution environment: spawned in its own process group (and killed with
// the engine through the parent-death signal where setpriv exists), its output turned into log lines,
// and its resident memory watched against MemorySize. A standby process (nodeStandby.ts) is spawned
// ahead of need and later handed its environment on stdin.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { LaunchSpec } from './launch';
import { unwatchMemory, watchMemory } from './memoryWatcher';
import { captureLines, captureRecords, type OutputLine } from './outputCapture';
import { killGroup, peakRssKb } from './processTree';

const useSetpriv = process.platform === 'linux' && fs.existsSync('/usr/bin/setpriv');

export interface RuntimeProcessEvents {
  /** Every output line (stdout, stderr and the structured log channel). */
  onLine(line: OutputLine): void;
  /** The process ended; `oom` when it was ended for exceeding MemorySize. */
  onExit(code: number | null, signal: string | null, oom: boolean, spawnError?: string): void;
}

export class RuntimeProcess {
  private readonly child: ChildProcess;
  private peakKb = 0;
  private lastPeakRead = -Infinity;
  private oom = false;
  private exited = false;

  /** `standby`: stdin is a pipe that will carry the environment (see `activate`). */
  constructor(spec: LaunchSpec, private readonly memorySizeMb: number, private events: RuntimeProcessEvents, standby = false) {
    const [command, args] = useSetpriv ? ['/usr/bin/setpriv', ['--pdeathsig', 'SIGKILL', '--', spec.command, ...spec.args]] : [spec.command, spec.args];
    this.child = spawn(command, args as string[], { cwd: spec.cwd, env: spec.env, detached: true, stdio: [standby ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe'] });
    // A standby that died before use must not take the engine down with EPIPE.
    this.child.stdin?.on('error', () => undefined);
    this.child.on('error', (err) => this.ended(127, null, err.message));
    this.child.on('exit', (code, signal) => this.ended(code, signal));
    const onLine = (l: OutputLine): void => {
      // V8 aborts at its heap limit (set from MemorySize) before the RSS watchdog sees it.
      if (l.message.includes('JavaScript heap out of memory')) this.oom = true;
      this.events.onLine(l);
    };
    captureLines(this.child.stdout as Readable, onLine);
    captureLines(this.child.stderr as Readable, onLine);
    captureRecords(this.child.stdio[3] as Readable, onLine);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** A standby becomes an environment's runtime: its events go to the environment, its stdin carries `message` and ends. */
  activate(message: object, events: RuntimeProcessEvents): void {
    this.events = events;
    const stdin = this.child.stdin as Writable;
    stdin.end(JSON.stringify(message) + '\n');
  }

  get hasExited(): boolean {
    return this.exited;
  }

  /** Samples memory while the runtime works (init or an invocation). */
  watchMemory(on: boolean): void {
    if (on) watchMemory(this);
    else unwatchMemory(this);
  }

  /** Max Memory Used in MB: the peak over the process's life (re-read unless a sample is recent). */
  maxMemoryUsedMb(fresh: boolean): number {
    const now = performance.now();
    if (this.child.pid && !this.exited && (fresh || now - this.lastPeakRead > 250)) {
      this.peakKb = Math.max(this.peakKb, peakRssKb(this.child.pid));
      this.lastPeakRead = now;
    }
    return Math.min(this.memorySizeMb, Math.max(1, Math.round(this.peakKb / 1024)));
  }

  /** Memory sample (see memoryWatcher.ts): tracks the peak and ends the process past MemorySize. */
  onMemorySample(rssKb: number, peakKb: number): void {
    if (this.exited) return;
    this.peakKb = Math.max(this.peakKb, rssKb, peakKb);
    this.lastPeakRead = performance.now();
    if (rssKb > this.memorySizeMb * 1024) {
      this.peakKb = this.memorySizeMb * 1024;
      this.oom = true;
      this.kill();
    }
  }

  /** SIGTERM to the runtime alone (graceful shutdown with extensions). */
  terminate(): void {
    try {
      if (this.child.pid) process.kill(this.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }

  /** SIGKILL to the whole process group, children of the handler included. */
  kill(): void {
    if (this.child.pid) killGroup(this.child.pid);
  }

  private ended(code: number | null, signal: string | null, spawnError?: string): void {
    if (this.exited) return;
    this.exited = true;
    unwatchMemory(this);
    this.kill();
    this.events.onExit(code, signal, this.oom, spawnError);
  }
}
