// Runs the builds of a workspace's functions and layers on demand: each at most once at a time, skipped
// when the hash of its inputs matches the last successful build, assembled in a staging folder and swapped
// into `<state dir>/build/<LogicalId>` only when it succeeded. Progress is an event; builds can be cancelled.
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildCancelledError } from './buildCommand';
import { buildRoot, type BuildKind, type BuildTarget } from './buildPlan';
import type { StepContext } from './buildStep';
import { cargoBuild } from './cargoBuild';
import { esbuildWithDependencies } from './esbuildDependencies';
import { goBuild } from './goBuild';
import { makefileBuild } from './makefileBuild';
import { npmBuild } from './npmBuild';
import { pipBuild } from './pipBuild';
import { sourceHash } from './sourceTree';

export interface BuildManagerOptions {
  readonly stateDir: string;
  /** The interpreter executable for a Python runtime (pip must match the runtime). */
  readonly python: (runtime: string) => Promise<string>;
  /** Extra variables for every build tool (the engine's process marker). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long a failure answers before the build is tried again (default FAILURE_MEMORY_MS). */
  readonly failureMemoryMs?: number;
}

/** One progress report; `output` phases carry a line of the tool's output. */
export interface BuildProgress {
  readonly logicalId: string;
  readonly kind: BuildKind;
  readonly phase: 'start' | 'step' | 'output' | 'built' | 'cached' | 'failed' | 'cancelled';
  readonly message: string;
  readonly durationMs?: number;
}

export interface BuildResult {
  readonly logicalId: string;
  readonly kind: BuildKind;
  readonly outDir: string;
  readonly status: 'built' | 'cached';
  readonly durationMs: number;
}

export interface EnsureOptions {
  /** Build even when the inputs did not change (and retry a failed build). */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

interface Registered {
  readonly target: BuildTarget;
  verified?: BuildResult;
  failure?: { readonly error: Error; readonly at: number };
}

const STEPS: Record<BuildKind, (ctx: StepContext) => Promise<void>> = {
  npm: npmBuild,
  pip: pipBuild,
  esbuild: esbuildWithDependencies,
  makefile: makefileBuild,
  go: goBuild,
  rust: cargoBuild,
};

/** How long a failed build answers for its target before it is tried again (its files changing resets it at once). */
export const FAILURE_MEMORY_MS = 30_000;

// Changes in these change what pip or npm would install, so they are part of the cache key.
const INDEX_VARIABLES = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'npm_config_registry', 'GOFLAGS'];

export declare interface BuildManager {
  on(event: 'progress', fn: (p: BuildProgress) => void): this;
}

/** The build targets of a workspace, by output directory. */
export class BuildManager extends EventEmitter {
  private readonly targets = new Map<string, Registered>();
  /** The first target registered for each build recipe: functions that share a CodeUri share its build, as in SAM. */
  private readonly byRecipe = new Map<string, BuildTarget>();
  private readonly running = new Map<string, { readonly promise: Promise<BuildResult>; readonly controller: AbortController }>();

  constructor(private readonly options: BuildManagerOptions) {
    super();
  }

  /**
   * Declares (or re-declares, after its inputs may have changed) a target; the next ensure checks its hash
   * again. Returns the target to use: an earlier one with the same source, builder and settings, if any.
   */
  register(target: BuildTarget): BuildTarget {
    const recipe = JSON.stringify([target.sourceDir, target.kind, target.runtime, target.layer, target.metadata]);
    // esbuild bundles per function (its entry points and the handler differ), so it is never shared.
    const shared = target.kind === 'esbuild' ? undefined : this.byRecipe.get(recipe);
    const chosen = shared && this.targets.has(shared.outDir) ? shared : target;
    if (chosen === target) this.byRecipe.set(recipe, target);
    this.targets.set(chosen.outDir, { target: chosen });
    return chosen;
  }

  /** The target building into `dir`, if any. */
  targetAt(dir: string): BuildTarget | undefined {
    return this.targets.get(dir)?.target;
  }

  /** Workspace folder <-> build folder pairs of these directories, for debuggers (debugpy's pathMappings). */
  sourceMappings(dirs: readonly string[]): { readonly localRoot: string; readonly remoteRoot: string }[] {
    return dirs.flatMap((dir) => {
      const t = this.targets.get(dir)?.target;
      if (!t || (t.kind !== 'pip' && t.kind !== 'npm')) return [];
      const sub = !t.layer ? '' : t.kind === 'pip' ? 'python' : 'nodejs';
      return [{ localRoot: t.sourceDir, remoteRoot: path.join(t.outDir, sub) }];
    });
  }

  /** Builds whatever the code directory and layers of a function configuration need; no-op for code that is not built. */
  async ensureDirs(dirs: readonly string[], options: EnsureOptions = {}): Promise<BuildResult[]> {
    const out: BuildResult[] = [];
    // Layers first, as sam build does; one at a time (npm and pip are heavy on a small machine).
    for (const dir of [...dirs.slice(1), dirs[0]]) {
      const reg = dir !== undefined ? this.targets.get(dir) : undefined;
      if (reg) out.push(await this.ensure(reg.target, options));
    }
    return out;
  }

  /** Builds one target unless its last build is current; concurrent callers share one build. */
  ensure(target: BuildTarget, options: EnsureOptions = {}): Promise<BuildResult> {
    let reg = this.targets.get(target.outDir);
    if (!reg || reg.target !== target) this.targets.set(target.outDir, (reg = { target }));
    const run = this.running.get(target.outDir);
    if (run) return run.promise;
    if (!options.force && reg.verified) return Promise.resolve(reg.verified);
    // A failed build is not re-run for every invocation (event sources may invoke every second), but a
    // fix outside its files (network, registry, toolchain) is picked up a little later.
    if (!options.force && reg.failure && Date.now() - reg.failure.at < (this.options.failureMemoryMs ?? FAILURE_MEMORY_MS)) return Promise.reject(reg.failure.error);
    const controller = new AbortController();
    options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const r = reg;
    const promise = this.build(target, Boolean(options.force), controller.signal).then(
      (result) => {
        r.verified = result;
        r.failure = undefined;
        return result;
      },
      (e: unknown) => {
        // A cancelled build is not a failure to remember: the next invoke tries again.
        if (!(e instanceof BuildCancelledError)) r.failure = { error: e instanceof Error ? e : new Error(String(e)), at: Date.now() };
        throw e;
      },
    );
    const entry = { promise, controller };
    this.running.set(target.outDir, entry);
    const forget = (): void => {
      if (this.running.get(target.outDir) === entry) this.running.delete(target.outDir);
    };
    void promise.then(forget, forget);
    return promise;
  }

  /** Cancels running builds (of one logical id, or all): their tools are killed. */
  cancel(logicalId?: string): void {
    for (const [dir, run] of this.running) if (logicalId === undefined || this.targets.get(dir)?.target.logicalId === logicalId) run.controller.abort();
  }

  /** Cancels every build and waits until their processes are gone. */
  async dispose(): Promise<void> {
    const runs = [...this.running.values()];
    for (const r of runs) r.controller.abort();
    await Promise.allSettled(runs.map((r) => r.promise));
  }

  private async build(target: BuildTarget, force: boolean, signal: AbortSignal): Promise<BuildResult> {
    const started = Date.now();
    const report = (phase: BuildProgress['phase'], message: string, durationMs?: number): void => {
      this.emit('progress', { logicalId: target.logicalId, kind: target.kind, phase, message, ...(durationMs !== undefined ? { durationMs } : {}) } satisfies BuildProgress);
    };
    const done = (status: BuildResult['status']): BuildResult => ({ logicalId: target.logicalId, kind: target.kind, outDir: target.outDir, status, durationMs: Date.now() - started });
    const stampFile = path.join(buildRoot(this.options.stateDir), '.stamps', `${target.logicalId}.json`);
    // esbuild keeps its own dependency stamp and bundles incrementally every time; others are cached whole.
    const hash = target.kind === 'esbuild' ? undefined : await sourceHash(target.sourceDir, this.salt(target), target.kind === 'rust' ? new Set(['target']) : undefined);
    if (hash && !force && readStamp(stampFile) === hash && fs.existsSync(target.outDir)) {
      const result = done('cached');
      report('cached', `${target.logicalId} is up to date`, result.durationMs);
      return result;
    }
    report('start', `Building ${target.logicalId} (${target.kind}${target.layer ? ' layer' : ''})`);
    const stage = target.kind === 'esbuild' ? target.outDir : path.join(target.workDir, 'stage');
    if (target.kind !== 'esbuild') await fs.promises.rm(stage, { recursive: true, force: true });
    await fs.promises.mkdir(stage, { recursive: true });
    const ctx: StepContext = {
      target,
      stage,
      signal,
      env: this.options.env ?? {},
      step: (m) => report('step', m),
      output: (line) => report('output', line),
      python: this.options.python,
    };
    try {
      await STEPS[target.kind](ctx);
      if (signal.aborted) throw new BuildCancelledError(target.logicalId);
      if (stage !== target.outDir) await swapIn(stage, target.outDir, target.workDir);
      if (hash) await writeStamp(stampFile, hash);
    } catch (e) {
      if (signal.aborted || e instanceof BuildCancelledError) {
        report('cancelled', `The build of ${target.logicalId} was cancelled`, Date.now() - started);
        throw new BuildCancelledError(target.logicalId);
      }
      report('failed', e instanceof Error ? e.message : String(e), Date.now() - started);
      throw e;
    }
    const result = done('built');
    report('built', `Built ${target.logicalId} in ${(result.durationMs / 1000).toFixed(1)} s`, result.durationMs);
    return result;
  }

  private salt(target: BuildTarget): string {
    const env = Object.fromEntries(INDEX_VARIABLES.map((k) => [k, process.env[k] ?? '']));
    return JSON.stringify({ v: 1, kind: target.kind, runtime: target.runtime, layer: target.layer, metadata: target.metadata, env });
  }
}

// The old output is moved aside first, so the build directory is never half old, half new.
async function swapIn(stage: string, outDir: string, workDir: string): Promise<void> {
  const old = path.join(workDir, 'previous');
  await fs.promises.rm(old, { recursive: true, force: true });
  if (fs.existsSync(outDir)) await fs.promises.rename(outDir, old);
  await fs.promises.mkdir(path.dirname(outDir), { recursive: true });
  await fs.promises.rename(stage, outDir);
  await fs.promises.rm(old, { recursive: true, force: true });
}

function readStamp(file: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { hash?: string }).hash;
  } catch {
    return undefined;
  }
}

async function writeStamp(file: string, hash: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, JSON.stringify({ hash, builtAt: new Date().toISOString() }));
}
