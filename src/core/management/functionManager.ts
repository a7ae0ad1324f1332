// The Lambda management plane of one engine: takes the state directory's lock, loads the durable state,
// connects versions and aliases to the registry, and groups the operations (versions, aliases,
// policies, concurrency, tags, function lifecycle and queries) the HTTP API, CLI and editor call.
import { RecursionConfigs } from './recursionConfigs';
import { CodeSigningConfigs } from './codeSigningConfigs';
import * as path from 'node:path';
import type { FunctionRef, Partition } from '../arn';
import type { Clock } from '../clock';
import { invalidParameter } from '../errors';
import { AliasManager } from './aliasManager';
import { RoutingRandom } from './aliasRouting';
import { AuditLog, LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { CodeSnapshots } from '../state/codeSnapshots';
import { ConcurrencyManager, applyProvisioned } from './concurrencyManager';
import { EnvCipher } from '../state/envCipher';
import type { FunctionConfig } from '../functionConfig';
import { FunctionLifecycle } from './functionLifecycle';
import { FunctionQueries } from './functionQueries';
import type { FunctionRegistry, ManagedLookup } from '../functions/functionRegistry';
import { StateFile } from '../state/stateFile';
import { requireFunction, type ManagementContext } from './managementContext';
import { PolicyManager } from './policyManager';
import { ProvisionedConcurrency, type ProvisionedSpawner } from './provisionedConcurrency';
import { StateLock } from '../state/stateLock';
import { TagManager } from './tagManager';
import { VersionManager } from './versionManager';

/** User settings of the management plane. */
export interface FunctionManagerSettings {
  /** Seed of the weighted-routing random source, for reproducible runs (random by default). */
  readonly routingSeed?: number;
  /** Key that encrypts environment variables at rest (default: in the user's config directory). */
  readonly keyFile?: string;
  /** Folder S3-style code locations map to (default `<stateDir>/buckets`). */
  readonly bucketsDir?: string;
}

export interface FunctionManagerOptions extends FunctionManagerSettings {
  readonly stateDir: string;
  readonly partition: Partition;
  readonly clock: Clock;
  readonly registry: FunctionRegistry;
  readonly accountConcurrency: number;
  /** Starts one provisioned environment of a version config. */
  readonly spawnProvisioned: ProvisionedSpawner;
  /** Builds a $LATEST config's code before it is snapshotted (the engine's build step). */
  readonly prepareCode?: ManagementContext['prepareCode'];
  readonly takeSnapshot?: ManagementContext['takeSnapshot'];
  readonly snapshotState?: ManagementContext['snapshotState'];
}

/** The management plane; throws a WorkbenchError when another engine holds the state directory. */
export class FunctionManager {
  readonly versions: VersionManager;
  readonly aliases: AliasManager;
  readonly policies: PolicyManager;
  readonly concurrency: ConcurrencyManager;
  readonly recursion: RecursionConfigs;
  readonly codeSigning: CodeSigningConfigs;
  readonly tags: TagManager;
  readonly functions: FunctionLifecycle;
  readonly queries: FunctionQueries;
  readonly audit: AuditLog;
  readonly provisioned: ProvisionedConcurrency;
  readonly random: RoutingRandom;
  private readonly ctx: ManagementContext;
  private readonly lock: StateLock;

  constructor(options: FunctionManagerOptions) {
    this.lock = StateLock.acquire(options.stateDir);
    try {
      const snapshots = new CodeSnapshots(path.join(options.stateDir, 'functions'));
      const store = new StateFile(path.join(options.stateDir, 'functions'), new EnvCipher(options.keyFile), snapshots);
      this.audit = new AuditLog(path.join(options.stateDir, 'audit.log'), () => options.clock.now());
      this.provisioned = new ProvisionedConcurrency(options.spawnProvisioned);
      this.random = new RoutingRandom(options.routingSeed);
      this.ctx = {
        partition: options.partition,
        registry: options.registry,
        store,
        snapshots,
        audit: this.audit,
        clock: options.clock,
        random: this.random,
        provisioned: this.provisioned,
        accountConcurrency: options.accountConcurrency,
        bucketsDir: options.bucketsDir ?? path.join(options.stateDir, 'buckets'),
        ...(options.prepareCode ? { prepareCode: options.prepareCode } : {}),
        ...(options.takeSnapshot ? { takeSnapshot: options.takeSnapshot } : {}),
        ...(options.snapshotState ? { snapshotState: options.snapshotState } : {}),
      };
      void store.exclusive(() => snapshots.collectGarbage(store.liveSnapshots()));
    } catch (e) {
      this.lock.release();
      throw e;
    }
    this.versions = new VersionManager(this.ctx);
    this.aliases = new AliasManager(this.ctx);
    this.policies = new PolicyManager(this.ctx);
    this.concurrency = new ConcurrencyManager(this.ctx);
    this.recursion = new RecursionConfigs(this.ctx);
    this.codeSigning = new CodeSigningConfigs(this.ctx);
    this.tags = new TagManager(this.ctx);
    this.functions = new FunctionLifecycle(this.ctx, this.versions, this.tags);
    this.queries = new FunctionQueries(this.ctx, this.tags);
    options.registry.attach(this.lookup());
    options.registry.on('change', (names: string[]) => {
      for (const name of names) for (const q of Object.keys(this.ctx.store.get(name)?.provisioned ?? {})) applyProvisioned(this.ctx, name, q);
    });
    this.functions.registerStored();
  }

  /** What a SAM deploy does for AutoPublishAlias: publish $LATEST and point the alias at that version. */
  async publishAndPointAlias(name: string, caller: CallerIdentity = LOCAL_CALLER): Promise<{ version: Record<string, unknown>; alias: Record<string, unknown> }> {
    const alias = requireFunction(this.ctx, name).spec?.autoPublishAlias;
    if (!alias) throw invalidParameter(`The function ${name} has no AutoPublishAlias in the template.`);
    const version = await this.versions.publish(name, {}, caller);
    return { version, alias: await this.aliases.point(name, alias, String(version.Version), caller) };
  }

  /** Strict-mode Invoke authorization against the resource policy of the invoked qualifier. */
  authorizeInvoke(ref: FunctionRef, caller: CallerIdentity): void {
    this.policies.authorizeInvoke(ref, caller);
  }

  /** Records the endpoint this engine serves in the lock file, for other tools to find. */
  setEndpoint(url: string): void {
    this.lock.setEndpoint(url);
  }

  /** Resolves once pending state writes and clean-ups are done. */
  settled(): Promise<void> {
    return this.ctx.store.exclusive(() => undefined);
  }

  /** Stops provisioned environments and releases the state directory. */
  async dispose(): Promise<void> {
    this.provisioned.dispose();
    await this.settled();
    this.lock.release();
  }

  private lookup(): ManagedLookup {
    const store = this.ctx.store;
    return {
      versionConfig: (name, version) => store.versionConfig(name, version),
      alias: (name, alias) => {
        const a = store.get(name)?.aliases[alias];
        if (!a) return undefined;
        const extra = Object.entries(a.routing ?? {})[0];
        return { functionVersion: a.functionVersion, routing: extra };
      },
      reservedConcurrency: (name, fromTemplate) => {
        const r = store.get(name)?.reserved;
        if (!r || r.template !== (fromTemplate ?? null)) return fromTemplate;
        return r.value ?? undefined;
      },
      isVersionConfig: (config: FunctionConfig) => store.isVersionConfig(config),
      random: () => this.random.next(),
    };
  }
}
