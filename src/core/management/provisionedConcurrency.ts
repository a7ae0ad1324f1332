// Keeps N environments initialized per provisioned-concurrency config (a version, or an alias split by
// its routing weights), replaces those that die, and reports allocation like the Lambda API does.
import { EventEmitter } from 'node:events';
import type { ExecutionEnvironment } from '../runtime/executionEnvironment';
import type { FunctionConfig } from '../functionConfig';

/** Starts one provisioned environment of `config` (pinned in the pool). */
export type ProvisionedSpawner = (config: FunctionConfig) => ExecutionEnvironment;

/** Allocation status as GetProvisionedConcurrencyConfig reports it. */
export interface ProvisionedStatus {
  readonly requested: number;
  readonly allocated: number;
  readonly status: 'IN_PROGRESS' | 'READY' | 'FAILED';
  readonly reason?: string;
}

interface Target {
  requested: number;
  /** How many environments each config should keep. */
  shares: Map<FunctionConfig, number>;
  readonly envs: Map<FunctionConfig, Set<ExecutionEnvironment>>;
  failure: string | undefined;
}

/** The provisioned environments of the engine, per `function\0qualifier`. */
export class ProvisionedConcurrency extends EventEmitter {
  private readonly targets = new Map<string, Target>();
  private disposed = false;

  constructor(private readonly spawn: ProvisionedSpawner) {
    super();
  }

  /**
   * Sets (or re-targets) a config: `shares` maps each version config to its number of environments.
   * A config whose init failed is retried only when `retry` is set or its shares changed.
   */
  set(name: string, qualifier: string, shares: ReadonlyMap<FunctionConfig, number>, retry = true): void {
    const key = `${name}\0${qualifier}`;
    let t = this.targets.get(key);
    if (!t) this.targets.set(key, (t = { requested: 0, shares: new Map(), envs: new Map(), failure: undefined }));
    const same = t.shares.size === shares.size && [...shares].every(([c, n]) => t?.shares.get(c) === n);
    if (same && t.failure && !retry) return;
    t.shares = new Map(shares);
    t.requested = [...shares.values()].reduce((a, b) => a + b, 0);
    t.failure = undefined;
    for (const [config, set] of t.envs) {
      const keep = t.shares.get(config) ?? 0;
      for (const env of [...set].slice(keep)) this.stop(t, config, env);
    }
    this.fill(t);
  }

  remove(name: string, qualifier: string): void {
    const key = `${name}\0${qualifier}`;
    const t = this.targets.get(key);
    if (!t) return;
    this.targets.delete(key);
    for (const [config, set] of t.envs) for (const env of [...set]) this.stop(t, config, env);
    this.emit('change');
  }

  removeFunction(name: string): void {
    for (const key of [...this.targets.keys()]) if (key.startsWith(`${name}\0`)) this.remove(name, key.slice(name.length + 1));
  }

  status(name: string, qualifier: string): ProvisionedStatus | undefined {
    const t = this.targets.get(`${name}\0${qualifier}`);
    if (!t) return undefined;
    let allocated = 0;
    for (const set of t.envs.values()) for (const env of set) if (env.state === 'idle' || env.state === 'busy') allocated++;
    allocated = Math.min(allocated, t.requested);
    if (t.failure) return { requested: t.requested, allocated, status: 'FAILED', reason: t.failure };
    return { requested: t.requested, allocated, status: allocated >= t.requested ? 'READY' : 'IN_PROGRESS' };
  }

  /** Resolves once every environment of the config is initialized (or the config failed or went away). */
  whenReady(name: string, qualifier: string): Promise<ProvisionedStatus | undefined> {
    return new Promise((resolve) => {
      const check = (): void => {
        const s = this.status(name, qualifier);
        if (s?.status === 'IN_PROGRESS') return;
        this.off('change', check);
        resolve(s);
      };
      this.on('change', check);
      check();
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const key of [...this.targets.keys()]) {
      const [name, qualifier] = key.split('\0') as [string, string];
      this.remove(name, qualifier);
    }
  }

  private fill(t: Target): void {
    for (const [config, want] of t.shares) {
      let set = t.envs.get(config);
      if (!set) t.envs.set(config, (set = new Set()));
      while (set.size < want) this.start(t, config, set);
    }
  }

  private start(t: Target, config: FunctionConfig, set: Set<ExecutionEnvironment>): void {
    const env = this.spawn(config);
    set.add(env);
    let initialized = false;
    env.once('ready', () => {
      initialized = true;
      this.emit('change');
    });
    env.once('dead', () => {
      if (set.delete(env) && !this.disposed) {
        // An environment that never finished init would fail again: report it instead of respawning.
        if (!initialized) t.failure = 'FUNCTION_ERROR_INIT_FAILURE';
        else if ([...this.targets.values()].includes(t)) this.fill(t);
      }
      this.emit('change');
    });
  }

  private stop(t: Target, config: FunctionConfig, env: ExecutionEnvironment): void {
    t.envs.get(config)?.delete(env);
    if (env.state === 'busy' || env.inUse) env.once('completed', () => env.shutdown());
    else env.shutdown();
  }
}
