// The composition root: one Emulator per workspace builds the function registry, environment pool,
// invoker, log store, builds, event sources, durable executions and the HTTP API, and mounts every
// route; the operations consumers call on it are in engineSurface.ts.
import { nameForConstructPath } from './functions/constructPaths';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventRoutes, eventTargets } from './api/eventRoutes';
import { ApiServer, type AuthSettings } from './api/http/apiServer';
import { lambdaRoutes } from './api/lambda/lambdaRoutes';
import { logsApi } from './api/logs/logsApi';
import { recursionRoutes } from './api/lambda/recursionRoutes';
import { codeSigningRoutes } from './api/lambda/codeSigningRoutes';
import { concurrencyRoutes } from './api/lambda/concurrencyRoutes';
import { functionRoutes } from './api/lambda/functionRoutes';
import { CodeLocations } from './api/lambda/codeLocations';
import { policyRoutes } from './api/lambda/policyRoutes';
import { versionRoutes } from './api/lambda/versionRoutes';
import { inspectionRoutes } from './api/workbench/inspectionRoutes';
import { engineRoutes } from './api/workbench/engineRoutes';
import { durableRoutes } from './api/lambda/durableRoutes';
import { durableWorkbenchRoutes } from './api/workbench/durableWorkbenchRoutes';
import { DurableEngine } from './durable/durableEngine';
import { durableStarter } from './durable/durableInvoke';
import { defaultPartition, type Partition } from './arn';
import { BuildManager, type BuildResult, type EnsureOptions } from './build';
import { systemClock, type Clock } from './clock';
import { EventSources, type EventSourcesOptions } from './events/eventSources';
import { loadProfileCredentials } from './runtime/awsProfile';
import type { FunctionConfig } from './functionConfig';
import { FunctionManager, type FunctionManagerSettings } from './management/functionManager';
import { FunctionRegistry, type FunctionEntry } from './functions/functionRegistry';
import type { SynthProgress } from './build/cdk';
import { TemplateSync, type TemplateSyncOptions } from './functions/templateSync';
import { recycleOnChange } from './functions/changeRecycler';
import type { Problem } from './project/functionSpec';
import { Invoker, type InvocationRecord, type InvokeRequest, type InvokeResponse } from './invoke/invoker';
import { InvocationArchive } from './logs/invocationArchive';
import { LogStore } from './logs/logStore';
import { observeAsyncMetrics } from './metrics/asyncObserver';
import { observeInvocations } from './metrics/invocationObserver';
import { observeRecursion } from './metrics/recursionObserver';
import { runsFromSnapshot } from './snapStart';
import { snapStartHooks } from './invoke/snapStartHooks';
import { MetricsStore } from './metrics/metricsStore';
import { getRuntimeAssets } from './runtime/assets';
import { EnvironmentPool } from './runtime/environmentPool';
import { ExecutionEnvironment } from './runtime/executionEnvironment';
import { ENGINE_MARKER } from './runtime/processTree';
import { buildLaunch, type LaunchContext } from './runtime/launch';
import { RuntimeCatalog, type Interpreter, type InterpreterOptions } from './runtime/runtimeCatalog';
import { RuntimeSdk, type RuntimeSdkOptions } from './runtime/sdk/runtimeSdk';
import { installMissingSdk, missingSdkPackage } from './runtime/sdk/sdkMissingImport';
import { securePrivateDir } from './security/stateDir';
import { ApiError, messageOf } from './errors';
import { EngineSurface } from './engineSurface';
import type { ReloadMode } from './runtime/hotReload';
import { NodeStandbyPool, type StandbyOptions } from './runtime/nodeStandby';

export interface EmulatorOptions {
  /** Workspace root; the state directory defaults to `<workspaceDir>/.lambda-workbench`. */
  readonly workspaceDir: string;
  readonly stateDir?: string;
  readonly partition?: Partition;
  readonly clock?: Clock;
  /** Account-wide concurrent executions (Lambda's default is 1,000; locally 50 processes is plenty). */
  readonly accountConcurrency?: number;
  /** Idle environments are shut down after this long (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  /** The HTTP API; `false` to run without one. */
  readonly api?: false | { readonly host?: string; readonly port?: number; readonly auth?: AuthSettings; readonly allowedHosts?: readonly string[] };
  readonly interpreters?: InterpreterOptions;
  /** Credentials handed to handlers as AWS_ACCESS_KEY_ID etc. (none by default). */
  readonly credentials?: LaunchContext['credentials'];
  /** Named local AWS profile (~/.aws/credentials, ~/.aws/config) whose static keys handlers get instead. */
  readonly awsProfile?: string;
  /** Versions, aliases, policies, concurrency: routing seed, env-var key file, S3-style bucket folder. */
  readonly functions?: FunctionManagerSettings;
  /** Async queue timing, bucket folders, HTTP front (issue 4). */
  readonly events?: EventSourcesOptions;
  /** The runtime-included AWS SDK copies: cache folder, whether to install (runtime/sdk/runtimeSdk.ts). */
  readonly runtimeSdk?: RuntimeSdkOptions;
  /** After a code-only change: `recycle` (a cold start, default) or `module` (reload the handler in the warm environment). */
  readonly reloadMode?: ReloadMode;
  /** Parked Node.js runtimes for fast cold starts (runtime/nodeStandby.ts); `false` turns them off. */
  readonly standby?: false | StandbyOptions;
  /** Called when another window asks this engine to give its state directory up (issue 13); the owner stops it. */
  readonly onHandover?: () => void;
}

/** Options for one environment start, used by the debugger and provisioned concurrency. */
export interface EnvironmentStartOptions {
  readonly initializationType?: 'on-demand' | 'provisioned-concurrency';
  readonly interpreterArgs?: readonly string[];
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Runs this interpreter instead of the catalog's (the debugger needs one that can import debugpy). */
  readonly interpreter?: Interpreter;
  /** Sees each output line first; true keeps it out of the function's log (debugger chatter). */
  readonly interceptLine?: (message: string) => boolean;
  /** A spare copy of a SnapStart snapshot (its init is not logged again). */
  readonly quietInit?: boolean;
}

export declare interface Emulator {
  on(event: 'invocation', fn: (record: InvocationRecord) => void): this;
  on(event: 'functionsChanged', fn: (names: string[]) => void): this;
  on(event: 'environmentsChanged', fn: (functionName: string) => void): this;
  on(event: 'warning', fn: (message: string) => void): this;
  /** The template stopped parsing (the last good project stays loaded) or parses again (empty list). */
  on(event: 'templateErrors', fn: (errors: readonly Problem[]) => void): this;
  on(event: 'synth', fn: (p: SynthProgress) => void): this;
  on(event: 'runtimeDownload', fn: (p: { runtime: string; version: string; received: number; total: number | undefined; finished?: boolean }) => void): this;
}

export class Emulator extends EngineSurface {
  readonly partition: Partition;
  readonly clock: Clock;
  readonly stateDir: string;
  readonly registry: FunctionRegistry;
  readonly pool: EnvironmentPool;
  readonly invoker: Invoker;
  readonly logs: LogStore;
  /** AWS/Lambda-style metrics per minute (Invocations, Errors, Throttles, Duration, ConcurrentExecutions, async). */
  readonly metrics: MetricsStore;
  /** Event payloads and responses by request id, for the log panel. */
  readonly invocations: InvocationArchive;
  readonly catalog: RuntimeCatalog;
  /** The AWS SDK each runtime includes (nodejs18.x+: v3, python: boto3), installed on demand. */
  readonly runtimeSdk: RuntimeSdk;
  readonly api: ApiServer | undefined;
  /** Event queue, destinations, local queues/topics/streams, mappings, schedules, buckets, HTTP front. */
  readonly events: EventSources;
  /** The management plane: durable versions, aliases, policies, concurrency, tags, API functions. */
  readonly functions: FunctionManager;
  /** `sam build`-like builds of template functions and layers, run before their first environment starts. */
  readonly builds: BuildManager;
  /** Durable executions: checkpoints, replays, waits on the engine's clock, callbacks. */
  readonly durable: DurableEngine;
  private readonly credentials: LaunchContext['credentials'];
  /** Parked Node.js runtimes that cold starts activate instead of spawning. */
  readonly standby: NodeStandbyPool;
  /** The workspace template, once `loadTemplate` ran. */
  template: TemplateSync | undefined;
  private readonly warned = new Set<string>();
  private readonly tmpRoot: string;
  private disposed = false;

  constructor(readonly options: EmulatorOptions) {
    super();
    this.partition = options.partition ?? defaultPartition;
    this.clock = options.clock ?? systemClock;
    this.stateDir = options.stateDir ?? path.join(options.workspaceDir, '.lambda-workbench');
    securePrivateDir(this.stateDir);
    this.credentials = options.credentials ?? (options.awsProfile ? loadProfileCredentials(options.awsProfile) : undefined);
    this.tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-workbench-'));
    this.registry = new FunctionRegistry(this.partition);
    // A download of a Node.js major is announced (warning) before it starts and reports progress.
    this.catalog = new RuntimeCatalog(options.interpreters, { warn: (m) => this.warnOnce(m), progress: (p) => this.emit('runtimeDownload', p) });
    this.runtimeSdk = new RuntimeSdk(options.runtimeSdk);
    this.logs = new LogStore(path.join(this.stateDir, 'logs'), { onWarning: (m) => this.emit('warning', m) });
    this.pool = new EnvironmentPool({
      accountConcurrency: options.accountConcurrency ?? 50,
      idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
      create: (config, o) => this.createEnvironment(config, o?.quietInit ? { quietInit: true } : {}),
    });
    this.pool.on('change', (name: string) => this.emit('environmentsChanged', name));
    this.invoker = new Invoker(this.partition, this.registry, this.pool);
    this.invoker.reloadMode = options.reloadMode ?? 'recycle';
    this.standby = new NodeStandbyPool(options.standby || {});
    this.standby.enabled = options.standby !== false;
    this.builds = new BuildManager({
      stateDir: this.stateDir,
      python: async (runtime) => (await this.catalog.resolve(runtime)).executable,
      env: { [ENGINE_MARKER]: String(process.pid) },
    });
    // Build before the invocation takes an environment, so a failed build is the Invoke's error, not a runtime crash.
    this.invoker.prepare = async (config) => {
      try {
        await this.ensureBuilt(config);
      } catch (e) {
        throw new ApiError('ResourceConflictException', 409, `The function ${config.functionName} is not ready: its local build failed. ${messageOf(e)}`);
      }
    };
    this.invoker.on('invocation', (r: InvocationRecord) => this.emit('invocation', r));
    this.invoker.on('invocation', (r: InvocationRecord) => void this.installMissingSdk(r));
    this.metrics = new MetricsStore(path.join(this.stateDir, 'metrics'));
    this.invocations = new InvocationArchive(path.join(this.stateDir, 'invocations'));
    observeInvocations(this.invoker, this.metrics, this.invocations, (fn) => this.registry.get(fn)?.latest.logging.logGroup);
    observeRecursion(this.invoker, { metrics: this.metrics, logs: this.logs, functionNames: () => this.registry.list().map((e) => e.name), logGroupOf: (fn) => this.registry.get(fn)?.latest.logging.logGroup, warn: (m) => this.emit('warning', m), now: () => this.clock.now() });
    this.registry.on('change', (names: string[]) => {
      for (const name of names) recycleOnChange(this.pool, this.registry, name, this.template?.isCodeOnlyChange(name) ?? false);
      this.emit('functionsChanged', names);
    });
    if (options.api !== false) {
      this.api = new ApiServer({
        ...(options.api ?? {}),
        ...(options.api?.auth ? { auth: { region: this.partition.region, ...options.api.auth } } : {}),
        onDenied: (reason, req) =>
          this.functions?.audit.append({ caller: { accessKeyId: 'unauthenticated' }, operation: `${req.method} ${req.url ?? ''}`, target: '-', outcome: 'AccessDeniedException', message: reason }),
      });
      this.api.addRoutes(lambdaRoutes(this.invoker));
      this.api.addTarget(logsApi(this.logs, this.partition));
      this.api.addRoutes(inspectionRoutes(this.invocations, this.logs, this.metrics));
      this.api.addRoutes(engineRoutes(this.stateDir, options.onHandover));
    }
    // Last: it takes the state directory's lock, which nothing after it could leave held.
    this.functions = new FunctionManager({
      ...options.functions,
      stateDir: this.stateDir,
      partition: this.partition,
      clock: this.clock,
      registry: this.registry,
      accountConcurrency: options.accountConcurrency ?? 50,
      prepareCode: async (config) => void (await this.ensureBuilt(config)),
      ...snapStartHooks(this.partition, this.registry, this.pool, this.invoker),
      spawnProvisioned: (config) => this.pool.spawn(config, { pinned: true, create: (c) => this.createEnvironment(c, { initializationType: 'provisioned-concurrency' }) }),
    });
    if (options.api && options.api.auth?.strict) this.invoker.authorize = (ref, caller) => this.functions.authorizeInvoke(ref, caller);
    if (this.api) {
      const codeLocations = new CodeLocations();
      this.api.addRoutes([...codeLocations.routes(), ...functionRoutes(this.functions, codeLocations), ...versionRoutes(this.functions), ...policyRoutes(this.functions), ...concurrencyRoutes(this.functions), ...recursionRoutes(this.functions), ...codeSigningRoutes(this.functions.codeSigning)]);
    }
    this.invoker.recursiveLoop = (name) => this.functions.recursion.effective(name);
    // After the lock: the event sources replay and compact journals under the state directory.
    try {
      this.events = new EventSources(
        {
          stateDir: this.stateDir,
          workspaceDir: options.workspaceDir,
          partition: this.partition,
          clock: this.clock,
          registry: this.registry,
          invoker: this.invoker,
          baseUrl: () => this.api?.baseUrl,
          publicUrlAllowed: (name, qualifier) => this.functions.policies.allowsPublicUrl(name, qualifier),
        },
        options.events,
      );
    } catch (e) {
      void this.functions.dispose();
      throw e;
    }
    this.events.on('warning', (m) => this.emit('warning', m));
    this.functions.tags.mappings = this.events.mappings;
    observeAsyncMetrics(this.events.asyncQueue, this.metrics);
    this.invoker.dispatchEvent = (request, requestId, target) => this.events.asyncQueue.enqueue(request, requestId, target);
    this.durable = new DurableEngine({ stateDir: this.stateDir, clock: this.clock, partition: this.partition, invoke: (r) => this.invoker.invoke(r) });
    this.invoker.startDurable = durableStarter(this.durable);
    if (this.api) {
      this.api.addRoutes([...durableRoutes(this.durable, this.partition, (name) => this.registry.get(name) !== undefined), ...durableWorkbenchRoutes(this.durable)]);
      this.api.addRoutes(eventRoutes(this.events, this.registry));
      for (const target of eventTargets(this.events, this.partition)) this.api.addTarget(target);
    }
  }

  /** Starts the HTTP API (if configured); resolves with its base URL. */
  async listen(): Promise<string | undefined> {
    const url = await this.api?.listen();
    if (url) this.functions.setEndpoint(url);
    if (url) this.durable.resume();
    return url;
  }

  /** Loads a SAM template into the registry (and keeps it current when `watch` is set). */
  async loadTemplate(options: Omit<TemplateSyncOptions, 'stateDir' | 'partition'>): Promise<TemplateSync> {
    await this.template?.dispose();
    const sync = new TemplateSync(this.registry, { onSynth: (p) => this.emit('synth', p), ...options, stateDir: this.stateDir, partition: this.partition, builds: this.builds });
    sync.on('error', (e) => this.emit('warning', `Template reload failed: ${e.message}`));
    sync.on('warning', (m) => this.emit('warning', m));
    sync.on('templateErrors', (errors) => this.emit('templateErrors', errors));
    sync.on('loaded', (project) => void this.events.applyProject(project));
    this.template = sync;
    await sync.start();
    await this.events.settled();
    return sync;
  }

  invoke(request: InvokeRequest): Promise<InvokeResponse> {
    return this.invoker.invoke({ ...request, functionName: nameForConstructPath(this.registry.list(), request.functionName) });
  }

  /** Adds or replaces a function that does not come from a template (template-less debugging, tests). */
  defineFunction(config: FunctionConfig, reservedConcurrency?: number): FunctionEntry {
    const entry: FunctionEntry = { name: config.functionName, source: 'api', spec: undefined, latest: config, reservedConcurrency };
    this.registry.upsert(entry);
    return entry;
  }

  /** Builds what the configuration's code and layers need (nothing when they are current or not built). */
  ensureBuilt(config: FunctionConfig, options: EnsureOptions = {}): Promise<BuildResult[]> {
    return this.builds.ensureDirs([config.codeDir, ...config.layers.map((l) => l.contentDir)], options);
  }

  /** Shuts down a function's environments so its next invocation is a cold start. */
  forceColdStart(functionName: string): void {
    this.pool.retire(functionName);
  }

  /** Starts one environment of `config` with extra options (debugger, provisioned concurrency). */
  startEnvironment(config: FunctionConfig, options: EnvironmentStartOptions = {}): ExecutionEnvironment {
    return this.createEnvironment(config, options);
  }

  private createEnvironment(config: FunctionConfig, options: EnvironmentStartOptions = {}): ExecutionEnvironment {
    const env = new ExecutionEnvironment({
      config,
      clock: this.clock,
      logSink: this.logs,
      tmpRoot: this.tmpRoot,
      ...(options.interceptLine ? { interceptLine: options.interceptLine } : {}),
      ...(options.initializationType === 'provisioned-concurrency' ? { provisioned: true } : {}),
      ...(options.quietInit ? { quietInit: true } : {}),
      // The debugger's environments start their own interpreter (other flags, another executable).
      ...(options.interpreterArgs || options.interpreter ? {} : { standby: this.standby }),
      launch: async (ctx) => {
        // The debugger and provisioned environments start here without an Invoke: build first.
        await this.ensureBuilt(config);
        const interp = options.interpreter ?? (await this.catalog.resolve(config.runtime));
        if (interp.mismatch) this.warnOnce(interp.mismatch);
        const runtimeSdk = await this.runtimeSdk.prepare(config, interp, (m) => {
          ctx.note(m);
          this.emit('warning', `${config.functionName}: ${m}`);
        });
        return buildLaunch(config, interp, getRuntimeAssets(), {
          ...ctx,
          runtimeSdk,
          initializationType: runsFromSnapshot(config) ? 'snap-start' : options.initializationType ?? 'on-demand',
          partition: this.partition,
          ...(this.credentials ? { credentials: this.credentials } : {}),
          ...(options.interpreterArgs ? { interpreterArgs: options.interpreterArgs } : {}),
          ...(options.extraEnv || config.durableConfig ? { extraEnv: { ...this.durableEnv(config), ...options.extraEnv } } : {}),
        });
      },
    });
    void env.start();
    return env;
  }

  /** An ImportModuleError naming an SDK package the scan missed: install it for the next start (announced). */
  private async installMissingSdk(r: InvocationRecord): Promise<void> {
    const config = this.registry.get(r.functionName)?.latest;
    if (!config || !missingSdkPackage(config.runtime, r.outcome)) return;
    const python = config.runtime.startsWith('python') ? await this.catalog.resolve(config.runtime).catch(() => undefined) : undefined;
    await installMissingSdk(this.runtimeSdk, config, r.outcome, python, (m) => this.emit('warning', `${config.functionName}: ${m}`)).catch((e: unknown) => this.emit('warning', messageOf(e)));
  }

  // The durable execution SDK inside the function checkpoints through Lambda's API: point its client at
  // ours, with placeholder keys when the handler has none (only durable functions get these).
  private durableEnv(config: FunctionConfig): Record<string, string> {
    if (!config.durableConfig || !this.api?.baseUrl) return {};
    return {
      AWS_ENDPOINT_URL_LAMBDA: this.api.baseUrl,
      ...(this.credentials ? {} : { AWS_ACCESS_KEY_ID: 'AKIDLOCALDURABLE', AWS_SECRET_ACCESS_KEY: 'lambda-workbench-local' }),
    };
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.emit('warning', message);
  }

  /** Stops every environment and the API; waits for logs to reach the disk. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.runtimeSdk.dispose();
    await this.durable.dispose();
    await this.events.dispose();
    this.functions.provisioned.dispose();
    await this.builds.dispose();
    this.standby.dispose();
    await this.pool.dispose();
    await this.template?.dispose();
    await this.api?.close();
    await this.logs.dispose();
    this.metrics.dispose();
    await this.invocations.close();
    await this.functions.dispose();
    fs.rmSync(this.tmpRoot, { recursive: true, force: true });
  }
}
