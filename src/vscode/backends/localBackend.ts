// The local engine as a backend: reads the registry and the environment pool in memory and runs every
// change through the engine's management plane (the same code the HTTP API serves).
import { ApiError, WorkbenchError } from '../../core/errors';
import type { Emulator } from '../../core/emulator';
import type { FunctionEntry } from '../../core/functions/functionRegistry';
import { filterLogEvents } from '../../core/api/logs/logsApiEvents';
import { functionArn } from '../../core/arn';
import { byVersionNumber, routingConfig, toAliasSummary, toVersionSummary } from './awsShapes';
import type { ExecutionTimeline } from '../../core/durable/executionTimeline';
import { BackendError, type AliasSummary, type ChangeListener, type DurableExecutionSummary, type EnvironmentCounts, type FunctionSummary, type InvokeOptions, type InvokeResult, type LambdaBackend, type LogEventSummary, type StreamChunk, type VersionSummary } from './lambdaBackend';
import { chunkCollector } from './streamChunks';

/** Runs `op`, turning engine errors into BackendErrors with the AWS exception name. */
async function call<T>(op: () => T | Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof ApiError) throw new BackendError(e.message, e.type);
    if (e instanceof WorkbenchError) throw new BackendError(e.message, undefined);
    throw e;
  }
}

/** The workspace's engine. */
export class LocalBackend implements LambdaBackend {
  readonly id = 'local';
  readonly kind = 'local';
  private readonly listeners = new Set<ChangeListener>();
  private readonly onFunctions = (names: string[]): void => this.fire(names);
  private readonly onEnvironments = (name: string): void => this.fire([name]);
  private readonly onTemplateErrors = (): void => this.fire(undefined);
  private readonly offDurable: () => void;

  constructor(readonly engine: Emulator, readonly label = 'Local') {
    engine.on('functionsChanged', this.onFunctions);
    engine.on('environmentsChanged', this.onEnvironments);
    engine.on('templateErrors', this.onTemplateErrors);
    this.offDurable = engine.onDurableExecution((name) => this.fire([name]));
  }

  get templatePath(): string | undefined {
    return this.engine.project?.templatePath;
  }

  /** Why the template does not parse (`line N: message`); the last good functions stay meanwhile. */
  templateErrors(): string[] {
    return this.engine.templateErrors.map((p) => `line ${p.range.start.line + 1}: ${p.message}`);
  }

  onDidChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async listFunctions(): Promise<FunctionSummary[]> {
    return this.engine.listFunctions().map((e) => this.summary(e));
  }

  listVersions(name: string): Promise<VersionSummary[]> {
    return call(async () => {
      return (await this.engine.management.listVersions(name)).map(toVersionSummary).filter((v) => v.version !== '$LATEST').sort(byVersionNumber);
    });
  }

  async listDurableExecutions(name: string): Promise<DurableExecutionSummary[]> {
    return this.engine.durableExecutions(name).map(({ functionName: _f, ...e }) => e);
  }

  durableHistory(arn: string): Promise<string[]> {
    return call(() => this.engine.durableHistory(arn));
  }

  durableTimeline(arn: string): Promise<ExecutionTimeline> {
    return call(() => this.engine.durableTimeline(arn));
  }

  stopDurableExecution(arn: string): Promise<void> {
    return call(() => this.engine.stopDurableExecution(arn, 'Stopped from the Lambda explorer.'));
  }

  completeDurableCallback(callbackId: string, outcome: { readonly result: string } | { readonly error: string }): Promise<void> {
    return call(() => this.engine.completeDurableCallback(callbackId, outcome));
  }

  skipDurableWaits(arn: string): Promise<number> {
    return call(() => this.engine.skipDurableWaits(arn));
  }

  listAliases(name: string): Promise<AliasSummary[]> {
    return call(async () => (await this.engine.management.listAliases(name)).map(toAliasSummary));
  }

  publishVersion(name: string, description: string): Promise<VersionSummary> {
    return call(async () => toVersionSummary(await this.engine.management.publishVersion(name, description)));
  }

  createAlias(name: string, alias: string, version: string, description: string): Promise<AliasSummary> {
    return call(async () => toAliasSummary(await this.engine.management.createAlias(name, { Name: alias, FunctionVersion: version, Description: description })));
  }

  updateAlias(name: string, alias: string, change: { readonly functionVersion?: string; readonly routing?: { version: string; weight: number } | null }): Promise<AliasSummary> {
    return call(async () =>
      toAliasSummary(
        await this.engine.management.updateAlias(name, alias, {
          ...(change.functionVersion !== undefined ? { FunctionVersion: change.functionVersion } : {}),
          ...(change.routing !== undefined ? { RoutingConfig: routingConfig(change.routing) } : {}),
        }),
      ),
    );
  }

  deleteVersion(name: string, version: string): Promise<void> {
    return call(() => this.engine.management.deleteVersion(name, version));
  }

  deleteAlias(name: string, alias: string): Promise<void> {
    return call(() => this.engine.management.deleteAlias(name, alias));
  }

  setReservedConcurrency(name: string, value: number | undefined): Promise<void> {
    return call(() => this.engine.management.setReservedConcurrency(name, value));
  }

  invoke(name: string, qualifier: string | undefined, payload: Buffer, onChunk?: (chunk: StreamChunk) => void, options: InvokeOptions = {}): Promise<InvokeResult> {
    return call(async () => {
      const stream = onChunk ? chunkCollector(onChunk, this.engine.invoker.streamBandwidth) : undefined;
      const r = await this.engine.invoke({ functionName: name, payload, ...(qualifier && qualifier !== '$LATEST' ? { qualifier } : {}), ...(stream ? { streamTo: () => stream.sink } : {}), ...(options.reload ? { reload: options.reload } : {}) });
      const o = r.outcome;
      const streamed = stream && o?.streamed ? stream : undefined;
      const config = this.engine.getFunction(name)?.latest;
      return {
        requestId: r.requestId,
        executedVersion: r.executedVersion ?? o?.executedVersion ?? '$LATEST',
        payload: streamed && !r.functionError ? streamed.body() : r.payload.toString('utf8'),
        errorType: o?.errorType ?? (r.functionError ? 'Unhandled' : undefined),
        durationMs: o?.durationMs,
        billedDurationMs: o?.billedDurationMs,
        memorySizeMb: config?.memorySize ?? 128,
        maxMemoryUsedMb: o?.maxMemoryUsedMb,
        coldStart: o?.coldStart,
        initDurationMs: o?.initDurationMs,
        logLines: (o?.logLines ?? []).map((l) => l.replace(/\n$/, '')),
        completeLog: true,
        ...(streamed ? { chunks: streamed.chunks } : {}),
        ...(o?.reload ? { reload: o.reload } : {}),
      };
    });
  }

  fetchLogEvents(logGroup: string, options: { readonly filterPattern?: string; readonly startTime?: number; readonly limit?: number } = {}): Promise<LogEventSummary[]> {
    return call(async () => {
      await this.engine.whenLogsFlushed();
      const out = (await filterLogEvents(
        { store: this.engine.logs, partition: this.engine.partition },
        { logGroupName: logGroup, limit: options.limit ?? 200, ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}), ...(options.startTime !== undefined ? { startTime: options.startTime } : {}) },
      )) as { events: { timestamp: number; message: string; logStreamName: string }[] };
      return out.events.map((e) => ({ timestamp: e.timestamp, message: e.message.replace(/\n$/, ''), logStreamName: e.logStreamName }));
    });
  }

  forceColdStart(name: string): void {
    this.engine.forceColdStart(name);
  }

  environmentCounts(name: string): EnvironmentCounts {
    const c = this.engine.environmentCounts(name);
    const tenants = this.engine.pool.countsByTenant(name);
    if (!tenants.size) return { warm: c.warm, busy: c.busy };
    return { warm: c.warm, busy: c.busy, byTenant: new Map([...tenants].map(([t, n]) => [t, n.warm + n.busy])) };
  }

  dispose(): void {
    this.engine.off('functionsChanged', this.onFunctions);
    this.engine.off('environmentsChanged', this.onEnvironments);
    this.engine.off('templateErrors', this.onTemplateErrors);
    this.offDurable();
    this.listeners.clear();
  }

  private summary(e: FunctionEntry): FunctionSummary {
    const c = e.latest;
    const spec = e.spec;
    const entryPoints = (spec?.metadata?.['BuildProperties'] as { EntryPoints?: unknown } | undefined)?.EntryPoints;
    return {
      name: e.name,
      arn: functionArn(this.engine.partition, e.name),
      runtime: c.runtime,
      handler: c.handler,
      memorySize: c.memorySize,
      timeout: c.timeout,
      description: c.description,
      architecture: c.architectures[0] ?? 'x86_64',
      codeSha256: c.codeSha256,
      reservedConcurrency: e.reservedConcurrency,
      logGroup: c.logging.logGroup,
      local: {
        codeDir: spec?.codeDir ?? c.codeDir,
        problems: (e.problems ?? []).map((p) => p.message),
        ...(spec ? { logicalId: spec.logicalId, templateFile: spec.file, range: spec.range } : {}),
        ...(spec?.handlerRange ? { handlerRange: spec.handlerRange } : {}),
        ...(spec?.constructPath ? { constructPath: spec.constructPath } : {}),
        ...(spec?.appSource ? { appSource: spec.appSource } : {}),
        ...(spec?.metadata?.['BuildMethod'] === 'esbuild' && Array.isArray(entryPoints) ? { entryPoints: entryPoints.filter((x): x is string => typeof x === 'string') } : {}),
      },
    };
  }

  private fire(names: readonly string[] | undefined): void {
    for (const l of this.listeners) l(names);
  }
}
