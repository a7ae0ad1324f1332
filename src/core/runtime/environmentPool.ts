// Keeps execution environments per function configuration: warm reuse, scale-out for overlapping
// invocations bounded by reserved and account concurrency (429 beyond), idle reaping, force-cold, and
// hot reload (a code-only change keeps warm environments until an invocation recycles or reloads them).
import { EventEmitter } from 'node:events';
import { tooManyRequests } from '../errors';
import type { FunctionConfig } from '../functionConfig';
import type { ExecutionEnvironment } from './executionEnvironment';
import { runsFromSnapshot } from '../snapStart';
import type { ReloadMode, ReloadNote } from './hotReload';

export interface PoolOptions {
  /** Account-wide concurrent executions. */
  readonly accountConcurrency: number;
  /** Idle environments older than this are shut down. */
  readonly idleTimeoutMs: number;
  /** `quietInit`: a spare copy of a SnapStart snapshot (its init is not logged again). */
  readonly create: (config: FunctionConfig, options?: { readonly quietInit?: boolean }) => ExecutionEnvironment;
}

/** Counts and summaries the UI shows per function. */
export interface EnvironmentCounts {
  readonly warm: number;
  readonly busy: number;
}

/** All environments of the engine, grouped by the immutable config object they run. */
export class EnvironmentPool extends EventEmitter {
  private readonly byConfig = new Map<FunctionConfig, Set<ExecutionEnvironment>>();
  private readonly inUseByFunction = new Map<string, number>();
  /** Provisioned-concurrency environments: preferred by `acquire`, never reaped or retired here. */
  private readonly pinned = new WeakSet<ExecutionEnvironment>();
  /** The tenant an environment of a PER_TENANT function belongs to; it never serves another. */
  private readonly tenantOf = new WeakMap<ExecutionEnvironment, string>();
  private inUseTotal = 0;
  /** Functions whose environments were recycled by a change: their next new environment says so. */
  private readonly recycled = new Map<string, ReloadNote['cause']>();
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly options: PoolOptions) {
    super();
    this.reaper = setInterval(() => this.reapIdle(), Math.min(30_000, Math.max(1000, options.idleTimeoutMs / 4)));
    this.reaper.unref();
  }

  /**
   * Reserves a concurrency slot and returns an idle environment of `config`, or a new one (cold).
   * Throws TooManyRequestsException when the function's reserved or the account's limit is reached.
   */
  acquire(config: FunctionConfig, reservedConcurrency: number | undefined, tenantId?: string, reload: ReloadMode = 'recycle'): ExecutionEnvironment {
    const fnInUse = this.inUseByFunction.get(config.functionName) ?? 0;
    if (reservedConcurrency !== undefined && fnInUse >= reservedConcurrency) {
      throw tooManyRequests('ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    if (this.inUseTotal >= this.options.accountConcurrency) throw tooManyRequests('ConcurrentInvocationLimitExceeded');
    let env: ExecutionEnvironment | undefined;
    const set = this.byConfig.get(config);
    let staleRecycled = false;
    if (set) {
      for (const candidate of set) {
        if (candidate.state !== 'idle' || candidate.inUse || this.tenantOf.get(candidate) !== tenantId) continue;
        if (candidate.staleCode && reload === 'recycle') {
          candidate.shutdown();
          staleRecycled = true;
          continue;
        }
        // A current environment beats one that would have to reload its module.
        if (env && !env.staleCode && candidate.staleCode) continue;
        env = candidate;
        if (this.pinned.has(candidate) && !candidate.staleCode) break;
      }
    }
    if (!env && set && runsFromSnapshot(config)) env = this.restoreFrom(set, tenantId);
    if (env?.staleCode) {
      env.announceReload({ action: 'reloaded', cause: 'code' });
    } else if (!env) {
      env = this.spawn(config);
      if (tenantId !== undefined) this.tenantOf.set(env, tenantId);
      const cause = staleRecycled ? 'code' : this.recycled.get(config.functionName);
      this.recycled.delete(config.functionName);
      if (cause) env.announceReload({ action: 'recycled', cause });
    }
    env.inUse = true;
    this.inUseTotal++;
    this.inUseByFunction.set(config.functionName, fnInUse + 1);
    return env;
  }

  /**
   * SnapStart: a cold start restores the version's snapshot (or waits for the one being taken), and a
   * spare copy is prepared in the background for the next cold start.
   */
  private restoreFrom(set: ReadonlySet<ExecutionEnvironment>, tenantId: string | undefined): ExecutionEnvironment | undefined {
    const spares = [...set].filter((e) => e.fromSnapshot && !e.inUse && (e.state === 'snapshot' || e.state === 'initializing') && this.tenantOf.get(e) === undefined);
    const env = spares.find((e) => e.state === 'snapshot') ?? spares[0];
    if (!env) return undefined;
    if (tenantId !== undefined) this.tenantOf.set(env, tenantId);
    if (spares.length === 1) this.spawn(env.config, { create: (c) => this.options.create(c, { quietInit: true }) });
    return env;
  }

  /** Returns the slot taken by `acquire`. */
  release(env: ExecutionEnvironment): void {
    env.inUse = false;
    this.inUseTotal--;
    const name = env.config.functionName;
    this.inUseByFunction.set(name, (this.inUseByFunction.get(name) ?? 1) - 1);
    this.emit('change', name);
  }

  /** Starts an environment and keeps it idle (provisioned concurrency, debugger prewarm). */
  spawn(config: FunctionConfig, options: { readonly create?: (config: FunctionConfig) => ExecutionEnvironment; readonly pinned?: boolean } = {}): ExecutionEnvironment {
    const env = (options.create ?? this.options.create)(config);
    if (options.pinned) this.pinned.add(env);
    let set = this.byConfig.get(config);
    if (!set) {
      set = new Set();
      this.byConfig.set(config, set);
    }
    set.add(env);
    env.once('dead', () => {
      // The environment may have moved to a newer config (keepForReload) since it was spawned.
      const current = this.byConfig.get(env.config);
      current?.delete(env);
      if (current?.size === 0) this.byConfig.delete(env.config);
      this.emit('change', config.functionName);
    });
    env.on('ready', () => this.emit('change', config.functionName));
    env.on('snapshot', () => this.emit('change', config.functionName));
    this.emit('change', config.functionName);
    return env;
  }

  counts(functionName: string): EnvironmentCounts {
    let warm = 0;
    let busy = 0;
    for (const [config, set] of this.byConfig) {
      if (config.functionName !== functionName) continue;
      for (const env of set) {
        if (env.state === 'idle') warm++;
        else if (env.state === 'busy' || env.state === 'initializing') busy++;
      }
    }
    return { warm, busy };
  }

  /** The tenant of an environment of a PER_TENANT function. */
  tenantOfEnvironment(env: ExecutionEnvironment): string | undefined {
    return this.tenantOf.get(env);
  }

  /** Warm and busy environments of a PER_TENANT function, per tenant (the explorer's view). */
  countsByTenant(functionName: string): Map<string, EnvironmentCounts> {
    const out = new Map<string, { warm: number; busy: number }>();
    for (const env of this.environments(functionName)) {
      const tenant = this.tenantOf.get(env);
      if (tenant === undefined) continue;
      const c = out.get(tenant) ?? { warm: 0, busy: 0 };
      if (env.state === 'idle') c.warm++;
      else if (env.state === 'busy' || env.state === 'initializing') c.busy++;
      out.set(tenant, c);
    }
    return out;
  }

  environments(functionName?: string): ExecutionEnvironment[] {
    const out: ExecutionEnvironment[] = [];
    for (const [config, set] of this.byConfig) {
      if (functionName === undefined || config.functionName === functionName) out.push(...set);
    }
    return out;
  }

  /**
   * A code-only change of `latest` (same configuration, new code): warm environments of the configs
   * `replaced` says it replaces move to `latest`, marked stale; the next invocation recycles them or
   * reloads their handler module, as its reload mode says. Other configs are retired.
   */
  keepForReload(functionName: string, latest: FunctionConfig, replaced: (config: FunctionConfig) => boolean): void {
    let target = this.byConfig.get(latest);
    for (const [config, set] of [...this.byConfig]) {
      if (config.functionName !== functionName || config === latest || !replaced(config)) continue;
      for (const env of [...set]) {
        if (this.pinned.has(env) || env.state === 'dead' || env.state === 'stopping') continue;
        set.delete(env);
        if (!target) this.byConfig.set(latest, (target = new Set()));
        target.add(env);
        env.keepForReload(latest);
      }
      if (set.size === 0) this.byConfig.delete(config);
    }
  }

  /** Shuts down idle environments of a function (all configs) so the next invocation is cold; `cause` is reported by it. */
  retire(functionName: string, keep?: (config: FunctionConfig) => boolean, cause?: ReloadNote['cause']): void {
    for (const [config, set] of this.byConfig) {
      if (config.functionName !== functionName || keep?.(config)) continue;
      for (const env of set) {
        if (this.pinned.has(env)) continue;
        // A SnapStart snapshot (or the spare being taken) is what the next cold start restores.
        if (env.fromSnapshot && !env.inUse && (env.state === 'snapshot' || env.state === 'initializing')) continue;
        if (cause && env.state !== 'dead' && env.state !== 'stopping') this.recycled.set(functionName, cause);
        if (env.state === 'idle' || env.state === 'initializing') env.shutdown();
        else env.once('completed', () => env.shutdown());
      }
    }
  }

  private reapIdle(): void {
    for (const set of this.byConfig.values()) {
      for (const env of set) {
        if (env.state === 'idle' && !env.inUse && !this.pinned.has(env) && env.idleFor() > this.options.idleTimeoutMs) env.shutdown();
      }
    }
  }

  /** Shuts every environment down; the pool stays usable. */
  shutdownAll(): void {
    for (const set of this.byConfig.values()) for (const env of set) env.shutdown();
  }

  /** Shuts everything down; resolves when every environment has ended (extensions get their SHUTDOWN). */
  async dispose(): Promise<void> {
    clearInterval(this.reaper);
    const all = this.environments();
    const ended = all.map((env) => (env.state === 'dead' ? Promise.resolve() : new Promise<void>((r) => env.once('dead', () => r()))));
    this.shutdownAll();
    await Promise.all(ended);
  }
}
