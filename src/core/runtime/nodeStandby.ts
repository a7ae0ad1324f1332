// Node.js standby runtimes: after a function's runtime starts, one more process with the same interpreter
// and flags is started and parked (nodeStandby.js, blocked on stdin); the function's next cold start
// hands it the environment instead of spawning, so Node's own boot is off the critical path. A standby
// not used for `idleMs` is ended: an idle function costs nothing.
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { getRuntimeAssets } from './assets';
import type { LaunchSpec } from './launch';
import { ENGINE_MARKER, treeRssKb } from './processTree';
import { RuntimeProcess, type RuntimeProcessEvents } from './runtimeProcess';

export interface StandbyOptions {
  /** A parked standby is ended after this long unused; default 5 minutes. */
  readonly idleMs?: number;
  /** Longest wait before a used standby is replaced; sooner once the cold start it served completed (`replenish`). Default 1 s. */
  readonly replaceAfterMs?: number;
}

interface Parked {
  readonly proc: RuntimeProcess;
  readonly timer: NodeJS.Timeout;
  /** It said it is parked (runtime loaded, blocked on stdin). */
  ready: boolean;
}

/** The line a standby writes once it is parked (standby.ts). */
export const STANDBY_READY = 'lambda-workbench standby ready';

// Variables the interpreter or the C library read only at process start: a standby must be started with
// the function's values, so they are part of its key (everything else is set when it is activated).
// The handler's name, task root and the SDK copy let a standby of an ES module function prepare its loader.
const STARTUP_ONLY = /^(LD_[A-Z_]+|NODE_(?!PATH$|ENV$)[A-Z_]+|UV_[A-Z_]+|OPENSSL_[A-Z_]+|SSL_CERT_(FILE|DIR)|LANG|LANGUAGE|LC_[A-Z]+|_HANDLER|LAMBDA_TASK_ROOT|_LAMBDA_WORKBENCH_SDK_NODE_MODULES)$/;

/** Parked standby runtimes, keyed by interpreter, flags, memory size and start-only variables. */
export class NodeStandbyPool extends EventEmitter {
  enabled = true;
  private readonly parked = new Map<string, Parked>();
  private readonly pendingReplacements = new Map<string, { readonly timer: NodeJS.Timeout; readonly run: () => void }>();
  private readonly idleMs: number;
  private readonly replaceAfterMs: number;
  private disposed = false;

  constructor(options: StandbyOptions = {}) {
    super();
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.replaceAfterMs = options.replaceAfterMs ?? 1000;
  }

  /**
   * The runtime process for `spec`: a parked standby activated with the spec's variables and folder
   * (and a replacement scheduled), or undefined when none fits (the caller spawns one). Either way the
   * next cold start of the same shape finds a standby.
   */
  take(spec: LaunchSpec, memorySizeMb: number, events: RuntimeProcessEvents): RuntimeProcess | undefined {
    const bootstrap = getRuntimeAssets().nodeBootstrap;
    if (!this.enabled || this.disposed || spec.args[spec.args.length - 1] !== bootstrap || spec.args.some((a) => a.startsWith('--inspect'))) return undefined;
    const key = keyOf(spec, memorySizeMb);
    const parked = this.parked.get(key);
    this.parked.delete(key);
    if (parked) clearTimeout(parked.timer);
    this.scheduleReplacement(key, spec, memorySizeMb);
    if (!parked || parked.proc.hasExited) return undefined;
    parked.proc.activate({ env: spec.env, cwd: spec.cwd, bootstrap }, events);
    return parked.proc;
  }

  /** Resolves once no replacement is pending and every parked standby is ready (benches, tests). */
  async settled(): Promise<void> {
    while (this.pendingReplacements.size > 0 || [...this.parked.values()].some((p) => !p.ready && !p.proc.hasExited)) {
      await new Promise<void>((resolve) => this.once('change', () => resolve()));
    }
  }

  /** Parked standbys and their resident memory (kB), for the bench and the status view. */
  idle(): { readonly pid: number; readonly rssKb: number }[] {
    return [...this.parked.values()].flatMap((p) => (p.proc.pid && !p.proc.hasExited ? [{ pid: p.proc.pid, rssKb: treeRssKb(p.proc.pid) }] : []));
  }

  /** Ends every parked standby (e.g. when standbys are turned off). */
  clear(): void {
    for (const t of this.pendingReplacements.values()) clearTimeout(t.timer);
    this.pendingReplacements.clear();
    for (const p of this.parked.values()) {
      clearTimeout(p.timer);
      p.proc.kill();
    }
    this.parked.clear();
    this.emit('change');
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  /** A cold start finished (or failed): start the replacements it left pending now, off its critical path. */
  replenish(): void {
    for (const p of [...this.pendingReplacements.values()]) p.run();
  }

  private scheduleReplacement(key: string, spec: LaunchSpec, memorySizeMb: number): void {
    if (this.pendingReplacements.has(key)) return;
    const run = (): void => {
      const pending = this.pendingReplacements.get(key);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pendingReplacements.delete(key);
      if (!this.disposed && this.enabled && !this.parked.has(key)) this.park(key, spec, memorySizeMb);
      this.emit('change');
    };
    // The replacement must not compete for the CPU with the cold start that took the standby.
    const timer = setTimeout(run, this.replaceAfterMs);
    timer.unref();
    this.pendingReplacements.set(key, { timer, run });
  }

  private park(key: string, spec: LaunchSpec, memorySizeMb: number): void {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.env)) if (STARTUP_ONLY.test(k) || k === ENGINE_MARKER || k === 'PATH') env[k] = v;
    const standbySpec: LaunchSpec = { command: spec.command, args: [...spec.args.slice(0, -1), path.join(path.dirname(getRuntimeAssets().nodeBootstrap), 'nodeStandby.js')], env, cwd: spec.cwd };
    const onLine = (l: { message: string }): void => {
      const p = this.parked.get(key);
      if (p?.proc !== proc || !l.message.startsWith(STANDBY_READY)) return;
      p.ready = true;
      this.emit('change');
    };
    const proc = new RuntimeProcess(standbySpec, memorySizeMb, { onLine, onExit: () => this.forget(key, proc) }, true);
    const timer = setTimeout(() => {
      this.forget(key, proc);
      proc.kill();
    }, this.idleMs);
    timer.unref();
    this.parked.set(key, { proc, timer, ready: false });
  }

  private forget(key: string, proc: RuntimeProcess): void {
    const p = this.parked.get(key);
    if (p?.proc !== proc) return;
    clearTimeout(p.timer);
    this.parked.delete(key);
    this.emit('change');
  }
}

function keyOf(spec: LaunchSpec, memorySizeMb: number): string {
  const startup = Object.entries(spec.env).filter(([k]) => STARTUP_ONLY.test(k)).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([spec.command, spec.args, spec.cwd, memorySizeMb, startup]);
}
