// The operations consumers (CLI, VS Code, debug adapter, language server) call on the engine, so none
// of them needs to know which subsystem answers; Emulator (emulator.ts) builds the subsystems.
import { EventEmitter } from 'node:events';
import type { ApiServer } from './api/http/apiServer';
import type { FunctionRef } from './arn';
import type { BuildManager, BuildProgress } from './build';
import type { DeployableFunction } from './deploy';
import type { SynthProgress, SynthResult } from './build/cdk';
import type { DurableEngine } from './durable/durableEngine';
import { summarize, type DurableExecutionInfo } from './durable/executionSummary';
import { timelineLines } from './durable/historyTimeline';
import { historyEvent } from './durable/durableDocuments';
import { executionTimeline, type ExecutionTimeline } from './durable/executionTimeline';
import type { EventSources } from './events/eventSources';
import type { HttpFront } from './events/http/httpFront';
import type { FunctionConfig } from './functionConfig';
import { nameForConstructPath } from './functions/constructPaths';
import type { FunctionEntry, FunctionRegistry, ResolvedFunction } from './functions/functionRegistry';
import type { TemplateSync } from './functions/templateSync';
import type { AsyncEventHistory } from './invoke/asyncEventStore';
import type { AppendListener, LogStore } from './logs/logStore';
import type { FunctionManager } from './management/functionManager';
import { managementOperations, type ManagementOperations } from './management/managementOperations';
import type { Problem, Project } from './project/functionSpec';
import type { EnvironmentCounts, EnvironmentPool } from './runtime/environmentPool';
import type { Interpreter, RuntimeCatalog } from './runtime/runtimeCatalog';
import type { RuntimeSdk, SdkInstallJob } from './runtime/sdk/runtimeSdk';

/** The engine's operations over the subsystems its subclass (Emulator) builds. */
export abstract class EngineSurface extends EventEmitter {
  abstract readonly registry: FunctionRegistry;
  abstract readonly pool: EnvironmentPool;
  abstract readonly logs: LogStore;
  abstract readonly catalog: RuntimeCatalog;
  abstract readonly runtimeSdk: RuntimeSdk;
  abstract readonly api: ApiServer | undefined;
  abstract readonly events: EventSources;
  abstract readonly functions: FunctionManager;
  abstract readonly builds: BuildManager;
  abstract readonly durable: DurableEngine;
  abstract template: TemplateSync | undefined;


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

  /** Why the template on disk does not parse (empty when it does); the last good project stays loaded meanwhile. */
  get templateErrors(): readonly Problem[] {
    return this.template?.templateErrors ?? [];
  }

  listFunctions(): FunctionEntry[] {
    return this.registry.list();
  }

  getFunction(name: string): FunctionEntry | undefined {
    return this.registry.get(nameForConstructPath(this.registry.list(), name));
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

  /** Installs (announced through `note`) the runtime-included AWS SDK a function imports, before a debuggee starts. */
  prepareRuntimeSdk(config: FunctionConfig, interpreter: Interpreter, note: (message: string) => void): Promise<unknown> {
    return this.runtimeSdk.prepare(config, interpreter, note);
  }

  /** Cancels running downloads of Node.js majors (the functions that waited fall back to the local node). */
  cancelRuntimeDownloads(): void {
    this.catalog.cancelDownloads();
  }

  /** Calls `fn` when an install of the runtime-included SDK starts; returns the unsubscribe function. */
  onSdkInstall(fn: (job: SdkInstallJob) => void): () => void {
    this.runtimeSdk.on('install', fn);
    return () => this.runtimeSdk.off('install', fn);
  }

  /** Calls `fn` for each build step's progress; returns the unsubscribe function. */
  onBuildProgress(fn: (p: BuildProgress) => void): () => void {
    this.builds.on('progress', fn);
    return () => this.builds.off('progress', fn);
  }

  /** The template's functions built (as a deploy or sync packages them), with the configuration they run with. */
  async deployableFunctions(signal?: AbortSignal): Promise<DeployableFunction[]> {
    const out: DeployableFunction[] = [];
    for (const entry of this.registry.list()) {
      if (entry.source !== 'template' || !entry.spec) continue;
      await this.builds.ensureDirs([entry.latest.codeDir, ...entry.latest.layers.map((l) => l.contentDir)], signal ? { signal } : {});
      out.push({ spec: entry.spec, config: entry.latest });
    }
    return out;
  }

  /** Calls `fn` for each step of a CDK app's `cdk synth` (synth on change, or synthNow); returns the unsubscribe function. */
  onSynthProgress(fn: (p: SynthProgress) => void): () => void {
    this.on('synth', fn);
    return () => this.off('synth', fn);
  }

  /** True when the loaded project is a CDK app's assembly that the engine synthesizes on change. */
  get synthesizes(): boolean {
    return this.template?.cdk !== undefined;
  }

  /** Runs `cdk synth` now (the reload follows); undefined for a project that is not a watched CDK app, or when the synth failed. */
  async synthNow(): Promise<SynthResult | undefined> {
    return this.template?.cdk?.synthNow();
  }

  /** Stops a running `cdk synth`. */
  cancelSynth(): void {
    this.template?.cdk?.cancel();
  }

  /** Stops a running build (of one function or layer, or all of them). */
  cancelBuild(logicalId?: string): void {
    this.builds.cancel(logicalId);
  }

  /** Build-copy -> workspace folder pairs, so a debugger maps breakpoints set in the user's files. */
  buildSourceMappings(dirs: readonly string[]): { readonly localRoot: string; readonly remoteRoot: string }[] {
    return this.builds.sourceMappings(dirs);
  }

  /** A log group of this engine, if it has one. */
  getLogGroup(name: string): ReturnType<LogStore['getGroup']> {
    return this.logs.getGroup(name);
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

  /** Durable executions (of one function), newest first. */
  durableExecutions(functionName?: string): DurableExecutionInfo[] {
    return this.durable
      .list()
      .filter((e) => !functionName || e.header.functionName === functionName)
      .reverse()
      .map(summarize);
  }

  /** The history of a durable execution as timeline lines (ResourceNotFoundException when unknown). */
  durableHistory(arn: string): string[] {
    return timelineLines(this.durable.get(arn).events);
  }

  /** The history of a durable execution as a timeline model (the VS Code history view). */
  durableTimeline(arn: string): ExecutionTimeline {
    return executionTimeline(this.durable.get(arn).events.map((e) => historyEvent(e, true)));
  }

  /** Fires pending waits and retry delays now (of one execution, or all); resolves how many fired. */
  skipDurableWaits(arn?: string): Promise<number> {
    return this.durable.skipWaits(arn);
  }

  /** Stops a running durable execution. */
  async stopDurableExecution(arn: string, message?: string): Promise<void> {
    await this.durable.stop(arn, message ? { ErrorMessage: message } : undefined);
  }

  /** Completes a durable callback with a JSON result, or fails it with a message. */
  completeDurableCallback(callbackId: string, outcome: { readonly result: string } | { readonly error: string }): Promise<void> {
    return 'result' in outcome
      ? this.durable.completeCallback(callbackId, 'SUCCEEDED', outcome.result)
      : this.durable.completeCallback(callbackId, 'FAILED', undefined, { ErrorType: 'CallbackFailure', ErrorMessage: outcome.error });
  }

  /** Calls `fn` with the function name whenever one of its durable executions changes; returns the unsubscribe function. */
  onDurableExecution(fn: (functionName: string) => void): () => void {
    const listener = (h: { functionName: string }): void => fn(h.functionName);
    this.durable.on('change', listener);
    return () => void this.durable.off('change', listener);
  }

  /** ARNs of the local SNS topics. */
  topicArns(): string[] {
    return this.events.topics.list().map((t) => this.events.topics.arnOf(t));
  }

  /** Queue URLs of the local SQS queues. */
  queueUrls(): string[] {
    return this.events.queues.list().map((q) => this.events.queues.urlOf(q));
  }
}
