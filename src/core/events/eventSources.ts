// Everything event-driven the engine owns: the durable Event queue and its settings, local queues and
// topics, and (from the template) event source mappings, streams, schedules, bucket folders and the
// HTTP front. The Emulator creates one and forwards template loads to `applyProject`.
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import type { Partition } from '../arn';
import type { Clock } from '../clock';
import { messageOf } from '../errors';
import type { FunctionRegistry } from '../functions/functionRegistry';
import { AsyncInvocationQueue } from '../invoke/asyncQueue';
import { DestinationSender, type MessageTargets } from '../invoke/destinations';
import { EventInvokeConfigStore } from '../invoke/eventInvokeConfigs';
import type { Invoker } from '../invoke/invoker';
import type { Project } from '../project/functionSpec';
import { BucketFolders } from './buckets/bucketFolders';
import { FunctionUrlConfigs } from './http/functionUrlConfigs';
import { HttpFront } from './http/httpFront';
import { EventSourceMappings } from './mappings/eventSourceMappings';
import { defaultSettings } from './queues/localQueue';
import { LocalQueues } from './queues/localQueues';
import { ScheduleRunner } from './schedules/scheduleRunner';
import { LocalStreams } from './streams/localStreams';
import { templateEventInvokeConfigs } from './templateEventInvokeConfigs';
import { templateTargets } from './templateTarget';
import { LocalTopics } from './topics/localTopics';

/** Engine options for the event-driven subsystems (`EmulatorOptions.events`). */
export interface EventSourcesOptions {
  /** Scales async retry delays and backoffs (1 = Lambda's timing; 0.01 makes a minute 0.6 s). */
  readonly retryDelayScale?: number;
  /** Concurrent Event invocations per function (default 4). */
  readonly asyncConcurrencyPerFunction?: number;
  /** Folder per S3 bucket name (absolute or relative to the workspace); default <stateDir>/buckets/<name>. */
  readonly bucketFolders?: Readonly<Record<string, string>>;
}

/** What the subsystems run on (supplied by the engine). */
export interface EventSourcesDeps {
  readonly stateDir: string;
  readonly workspaceDir: string;
  readonly partition: Partition;
  readonly clock: Clock;
  readonly registry: FunctionRegistry;
  readonly invoker: Invoker;
  /** The engine's API base URL once listening (queue URLs use it). */
  readonly baseUrl: () => string | undefined;
  /** Whether a resource policy lets anyone call an API-created AuthType NONE function URL. */
  readonly publicUrlAllowed?: (functionName: string, qualifier: string | undefined) => boolean;
}

export declare interface EventSources {
  on(event: 'warning', fn: (message: string) => void): this;
}

/** The event-driven subsystems of one engine. */
export class EventSources extends EventEmitter {
  readonly eventInvokeConfigs: EventInvokeConfigStore;
  readonly asyncQueue: AsyncInvocationQueue;
  readonly queues: LocalQueues;
  readonly topics: LocalTopics;
  readonly streams: LocalStreams;
  readonly mappings: EventSourceMappings;
  readonly schedules: ScheduleRunner;
  readonly buckets: BucketFolders;
  /** Api / HttpApi events and function URLs; call `http.listen(port)` to serve them. */
  readonly http: HttpFront;
  /** Function URLs created through the API (the template's are listed too). */
  readonly functionUrls: FunctionUrlConfigs;
  private applying: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: EventSourcesDeps, options: EventSourcesOptions = {}) {
    super();
    const warn = (m: string): boolean => this.emit('warning', m);
    const { stateDir, partition, clock, registry, invoker } = deps;
    this.eventInvokeConfigs = new EventInvokeConfigStore(stateDir, partition, (name) => registry.get(name) !== undefined);
    this.queues = new LocalQueues(stateDir, partition, clock, deps.baseUrl);
    this.queues.on('warning', warn);
    this.topics = new LocalTopics({ partition, clock, queues: this.queues, invokeAsync: async (arn, payload, trace) => void (await this.invokeAsync(arn, payload, trace ? { traceHeader: trace, eventSource: 'sns' } : undefined)) });
    this.topics.on('warning', warn);
    const targets: MessageTargets = {
      sendToQueue: async (arn, body, attributes) => {
        await this.queues.sendToArn(arn, body, attributes ?? {}, partition.accountId);
      },
      publishToTopic: async (arn, message, attributes) => {
        await this.topics.publish(arn, message, undefined, attributes);
      },
    };
    this.asyncQueue = new AsyncInvocationQueue(
      { stateDir, partition, clock, registry, invoker, configs: this.eventInvokeConfigs, destinations: new DestinationSender(invoker, () => targets) },
      {
        ...(options.retryDelayScale !== undefined ? { retryDelayScale: options.retryDelayScale } : {}),
        ...(options.asyncConcurrencyPerFunction !== undefined ? { concurrencyPerFunction: options.asyncConcurrencyPerFunction } : {}),
      },
    );
    this.asyncQueue.on('warning', warn);
    this.streams = new LocalStreams(stateDir, partition, clock);
    this.mappings = new EventSourceMappings(stateDir, partition, registry, this.queues, this.streams, {
      partition,
      clock,
      invoker,
      destinations: new DestinationSender(invoker, () => targets),
      retryDelayScale: () => this.asyncQueue.retryDelayScale,
      warn,
    });
    this.schedules = new ScheduleRunner(partition, clock, (fn, payload) => this.invokeAsync(fn, payload));
    this.schedules.on('warning', warn);
    this.buckets = new BucketFolders(path.join(stateDir, 'buckets'), options.bucketFolders ?? {}, deps.workspaceDir, clock, partition.region, (fn, payload) => this.invokeAsync(fn, payload));
    this.buckets.on('warning', warn);
    this.functionUrls = new FunctionUrlConfigs(stateDir, partition, (id) => this.http.localUrlOf(id));
    this.http = new HttpFront(partition, clock, registry, invoker, this.functionUrls, deps.publicUrlAllowed);
    this.http.on('warning', warn);
    setImmediate(() => this.mappings.startAll());
  }

  /** Event-invokes a function by ARN or name (topics, schedules, bucket folders use this). */
  async invokeAsync(functionName: string, payload: string, lineage?: { readonly traceHeader: string; readonly eventSource: 'sns' }): Promise<string> {
    const r = await this.deps.invoker.invoke({ functionName, payload: Buffer.from(payload), invocationType: 'Event', ...lineage });
    return r.requestId;
  }

  /** Applies a (re)loaded template; calls are serialized, failures become warnings. */
  applyProject(project: Project): Promise<void> {
    this.applying = this.applying.then(() => this.apply(project)).catch((e: unknown) => {
      this.emit('warning', `Event sources could not be applied: ${messageOf(e)}`);
    });
    return this.applying;
  }

  /** Resolves once template changes handed over so far are applied. */
  settled(): Promise<void> {
    return this.applying;
  }

  private async apply(project: Project): Promise<void> {
    if (this.disposed) return;
    const warn = (m: string): void => void this.emit('warning', m);
    this.queues.applyTemplate(project.resources, warn);
    const targetOf = templateTargets(this.deps.registry);
    const { configs, implicit } = templateEventInvokeConfigs(project.functions, this.deps.partition, targetOf);
    for (const d of implicit) if (d.kind === 'sqs') this.queues.create(d.name, defaultSettings, 'template');
    this.topics.applyTemplate(project.resources, project.functions);
    for (const d of implicit) if (d.kind === 'sns') this.topics.create(d.name);
    this.eventInvokeConfigs.applyTemplate(configs);
    this.streams.applyTemplate(project.resources, warn);
    this.mappings.applyTemplate(project.functions, targetOf, warn);
    this.mappings.startAll();
    this.schedules.apply(project.functions, targetOf);
    await this.buckets.apply(project.functions, targetOf);
    this.http.apply(project, targetOf);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.applying;
    this.mappings.dispose();
    this.schedules.stop();
    await this.buckets.dispose();
    await this.http.close();
    await this.asyncQueue.dispose();
    await this.queues.dispose();
    await this.streams.dispose();
  }
}
