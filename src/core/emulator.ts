// The engine facade every consumer (CLI, debug adapter, VS Code UI, tests) uses: one Emulator per
// workspace wires the function registry, environment pool, invoker, log store and HTTP API.
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventRoutes, eventTargets } from './api/eventRoutes';
import { ApiServer, type AuthSettings } from './api/http/apiServer';
import { lambdaRoutes } from './api/lambda/lambdaRoutes';
import { logsApi } from './api/logs/logsApi';
import { recursionRoutes } from './api/lambda/recursionRoutes';
import { concurrencyRoutes } from './api/lambda/concurrencyRoutes';
import { functionRoutes } from './api/lambda/functionRoutes';
import { policyRoutes } from './api/lambda/policyRoutes';
import { versionRoutes } from './api/lambda/versionRoutes';
import { defaultPartition, type Partition } from './arn';
import { systemClock, type Clock } from './clock';
import { EventSources, type EventSourcesOptions } from './events/eventSources';
import { loadProfileCredentials } from './runtime/awsProfile';
import type { FunctionConfig } from './functionConfig';
import { FunctionManager, type FunctionManagerSettings } from './management/functionManager';
import { managementOperations, type ManagementOperations } from './management/managementOperations';
import type { HttpFront } from './events/http/httpFront';
import type { AsyncEventHistory } from './invoke/asyncEventStore';
import type { AppendListener } from './logs/logStore';
import type { EnvironmentCounts } from './runtime/environmentPool';
import type { FunctionRef } from './arn';
import type { ResolvedFunction } from './functions/functionRegistry';
import type { Project } from './project/functionSpec';
import { FunctionRegistry, type FunctionEntry } from './functions/functionRegistry';
import { TemplateSync, type TemplateSyncOptions } from './functions/templateSync';
import { Invoker, type InvocationRecord, type InvokeRequest, type InvokeResponse } from './invoke/invoker';
import { InvocationArchive } from './logs/invocationArchive';
import { LogStore } from './logs/logStore';
import { observeAsyncMetrics } from './metrics/asyncObserver';
import { observeInvocations } from './metrics/invocationObserver';
import { observeRecursion } from './metrics/recursionObserver';
import { MetricsStore } from './metrics/metricsStore';
import { getRuntimeAssets } from './runtime/assets';
import { EnvironmentPool } from './runtime/environmentPool';
import { ExecutionEnvironment } from './runtime/executionEnvironment';
import { buildLaunch, type LaunchContext } from './runtime/launch';
import { RuntimeCatalog, type Interpreter } from './runtime/runtimeCatalog';
import { securePrivateDir } from './security/stateDir';

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
  readonly interpreters?: { readonly node?: string; readonly python?: string };
  /** Credentials handed to handlers as AWS_ACCESS_KEY_ID etc. (none by default). */
  readonly credentials?: LaunchContext['credentials'];
  /** Named local AWS profile (~/.aws/credentials, ~/.aws/config) whose static keys handlers get instead. */
  readonly awsProfile?: string;
  /** Versions, aliases, policies, concurrency: routing seed, env-var key file, S3-style bucket folder. */
  readonly functions?: FunctionManagerSettings;
  /** Async queue timing, bucket folders, HTTP front (issue 4). */
  readonly events?: EventSourcesOptions;
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
}

export declare interface Emulator {
  on(event: 'invocation', fn: (record: InvocationRecord) => void): this;
  on(event: 'functionsChanged', fn: (names: string[]) => void): this;
  on(event: 'environmentsChanged', fn: (functionName: string) => void): this;
  on(event: 'warning', fn: (message: string) => void): this;
}

export class Emulator extends EventEmitter {
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
  readonly api: ApiServer | undefined;
  /** Event queue, destinations, local queues/topics/streams, mappings, schedules, buckets, HTTP front. */
  readonly events: EventSources;
  /** The management plane: durable versions, aliases, policies, concurrency, tags, API functions. */
  readonly functions: FunctionManager;
  private readonly credentials: LaunchContext['credentials'];
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
    this.catalog = new RuntimeCatalog(options.interpreters);
    this.logs = new LogStore(path.join(this.stateDir, 'logs'), { onWarning: (m) => this.emit('warning', m) });
    this.pool = new EnvironmentPool({
      accountConcurrency: options.accountConcurrency ?? 50,
      idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
      create: (config) => this.createEnvironment(config),
    });
    this.pool.on('change', (name: string) => this.emit('environmentsChanged', name));
    this.invoker = new Invoker(this.partition, this.registry, this.pool);
    this.invoker.on('invocation', (r: InvocationRecord) => this.emit('invocation', r));
    this.metrics = new MetricsStore(path.join(this.stateDir, 'metrics'));
    this.invocations = new InvocationArchive(path.join(this.stateDir, 'invocations'));
    observeInvocations(this.invoker, this.metrics, this.invocations, (fn) => this.registry.get(fn)?.latest.logging.logGroup);
    observeRecursion(this.invoker, { metrics: this.metrics, logs: this.logs, functionNames: () => this.registry.list().map((e) => e.name), logGroupOf: (fn) => this.registry.get(fn)?.latest.logging.logGroup, warn: (m) => this.emit('warning', m), now: () => this.clock.now() });
    this.registry.on('change', (names: string[]) => {
      for (const name of names) {
        const entry = this.registry.get(name);
        this.pool.retire(name, (c) => c === entry?.latest || this.registry.isLive(c));
      }
      this.emit('functionsChanged', names);
    });
    if (options.api !== false) {
      this.api = new ApiServer({
        ...(options.api ?? {}),
        onDenied: (reason, req) =>
          this.functions?.audit.append({ caller: { accessKeyId: 'unauthenticated' }, operation: `${req.method} ${req.url ?? ''}`, target: '-', outcome: 'AccessDeniedException', message: reason }),
      });
      this.api.addRoutes(lambdaRoutes(this.invoker));
      this.api.addTarget(logsApi(this.logs, this.partition));
    }
    // Last: it takes the state directory's lock, which nothing after it could leave held.
    this.functions = new FunctionManager({
      ...options.functions,
      stateDir: this.stateDir,
      partition: this.partition,
      clock: this.clock,
      registry: this.registry,
      accountConcurrency: options.accountConcurrency ?? 50,
      spawnProvisioned: (config) => this.pool.spawn(config, { pinned: true, create: (c) => this.createEnvironment(c, { initializationType: 'provisioned-concurrency' }) }),
    });
    if (options.api && options.api.auth?.strict) this.invoker.authorize = (ref, caller) => this.functions.authorizeInvoke(ref, caller);
    if (this.api) this.api.addRoutes([...functionRoutes(this.functions), ...versionRoutes(this.functions), ...policyRoutes(this.functions), ...concurrencyRoutes(this.functions), ...recursionRoutes(this.functions)]);
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
    observeAsyncMetrics(this.events.asyncQueue, this.metrics);
    this.invoker.dispatchEvent = (request, requestId, target) => this.events.asyncQueue.enqueue(request, requestId, target);
    if (this.api) {
      this.api.addRoutes(eventRoutes(this.events, this.registry));
      for (const target of eventTargets(this.events, this.partition)) this.api.addTarget(target);
    }
  }

  // The surface for consumers (CLI, VS Code, debug adapter, language server): operations, so none of
  // them needs to know which subsystem answers.

  /** Versions, aliases and reserved concurrency of local functions. */
  get management(): ManagementOperations {
    return managementOperations(this.functions);
  }

  /** The HTTP front that serves the template's Api / HttpApi events and function URLs. */
  get httpFront(): HttpFront {
    return this.events.http;
  }

  /** The Lambda-compatible endpoint's base URL, once listening. */
  get apiUrl(): string | undefined {
    return this.api?.baseUrl;
  }

  /** The loaded template's project (functions, resources, problems), if a template is loaded. */
  get project(): Project | undefined {
    return this.template?.project;
  }

  listFunctions(): FunctionEntry[] {
    return this.registry.list();
  }

  getFunction(name: string): FunctionEntry | undefined {
    return this.registry.get(name);
  }

  /** The configuration a function reference (name, version or alias) runs with. */
  resolveFunction(ref: FunctionRef): ResolvedFunction {
    return this.registry.resolve(ref);
  }

  /** Warm and busy environments of a function. */
  environmentCounts(functionName: string): EnvironmentCounts {
    return this.pool.counts(functionName);
  }

  /** The interpreter a runtime runs with here (the debugger starts it itself). */
  resolveInterpreter(runtime: string): Promise<Interpreter> {
    return this.catalog.resolve(runtime);
  }

  /** Calls `fn` for every appended log event; returns the unsubscribe function. */
  onDidAppendLog(fn: AppendListener): () => void {
    return this.logs.onDidAppend(fn);
  }

  /** Resolves once every log event appended so far is on disk. */
  whenLogsFlushed(): Promise<void> {
    return this.logs.whenFlushed();
  }

  /** Fires a template schedule now; resolves with the Event invocation's request id. */
  fireSchedule(functionName: string, eventName?: string): Promise<string> {
    return this.events.schedules.fire(functionName, eventName);
  }

  /** The Event queue's recent history (newest last). */
  asyncEventHistory(filter: { functionName?: string; limit?: number } = {}): AsyncEventHistory[] {
    return this.events.asyncQueue.history(filter);
  }

  /** Calls `fn` whenever an Event invocation changes state; returns the unsubscribe function. */
  onAsyncEvent(fn: (h: AsyncEventHistory) => void): () => void {
    this.events.asyncQueue.on('event', fn);
    return () => void this.events.asyncQueue.off('event', fn);
  }

  /** ARNs of the local SNS topics. */
  topicArns(): string[] {
    return this.events.topics.list().map((t) => this.events.topics.arnOf(t));
  }

  /** Queue URLs of the local SQS queues. */
  queueUrls(): string[] {
    return this.events.queues.list().map((q) => this.events.queues.urlOf(q));
  }

  /** Starts the HTTP API (if configured); resolves with its base URL. */
  async listen(): Promise<string | undefined> {
    const url = await this.api?.listen();
    if (url) this.functions.setEndpoint(url);
    return url;
  }

  /** Loads a SAM template into the registry (and keeps it current when `watch` is set). */
  async loadTemplate(options: Omit<TemplateSyncOptions, 'stateDir' | 'partition'>): Promise<TemplateSync> {
    await this.template?.dispose();
    const sync = new TemplateSync(this.registry, { ...options, stateDir: this.stateDir, partition: this.partition });
    sync.on('error', (e) => this.emit('warning', `Template reload failed: ${e.message}`));
    sync.on('loaded', (project) => void this.events.applyProject(project));
    this.template = sync;
    await sync.start();
    await this.events.settled();
    return sync;
  }

  invoke(request: InvokeRequest): Promise<InvokeResponse> {
    return this.invoker.invoke(request);
  }

  /** Adds or replaces a function that does not come from a template (template-less debugging, tests). */
  defineFunction(config: FunctionConfig, reservedConcurrency?: number): FunctionEntry {
    const entry: FunctionEntry = { name: config.functionName, source: 'api', spec: undefined, latest: config, reservedConcurrency };
    this.registry.upsert(entry);
    return entry;
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
      launch: async (ctx) => {
        const interp = options.interpreter ?? (await this.catalog.resolve(config.runtime));
        if (interp.mismatch) this.warnOnce(interp.mismatch);
        return buildLaunch(config, interp, getRuntimeAssets(), {
          ...ctx,
          initializationType: options.initializationType ?? 'on-demand',
          partition: this.partition,
          ...(this.credentials ? { credentials: this.credentials } : {}),
          ...(options.interpreterArgs ? { interpreterArgs: options.interpreterArgs } : {}),
          ...(options.extraEnv ? { extraEnv: options.extraEnv } : {}),
        });
      },
    });
    void env.start();
    return env;
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
    await this.events.dispose();
    this.functions.provisioned.dispose();
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
