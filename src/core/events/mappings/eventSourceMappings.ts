// Event source mappings (fidelity 9.1): Create / Get / List / Update / Delete with Lambda's checks,
// the template's SQS / Kinesis / DynamoDB events as mappings with stable UUIDs, persisted under
// <stateDir>/, each enabled mapping running its poller.
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFunctionRef, type Partition } from '../../arn';
import { invalidParameter, messageOf, resourceConflict } from '../../errors';
import type { FunctionRegistry } from '../../functions/functionRegistry';
import type { FunctionSpec } from '../../project/functionSpec';
import type { LocalQueues } from '../queues/localQueues';
import type { LocalStreams } from '../streams/localStreams';
import type { TargetOf } from '../templateTarget';
import { checkSource, mappingFromInput, mappingNotFound, toApi, type MappingConfig, type MappingState } from './mappingConfig';
import type { BatchReport, PollerDeps } from './pollerDeps';
import { SqsPoller } from './sqsPoller';
import { StreamPoller } from './streamPoller';

export declare interface EventSourceMappings {
  on(event: 'batch', fn: (report: BatchReport) => void): this;
  on(event: 'change', fn: () => void): this;
}

const TEMPLATE_TYPES: Readonly<Record<string, string>> = { SQS: 'Queue', Kinesis: 'Stream', DynamoDB: 'Stream' };

/** All mappings of the engine and their pollers. */
export class EventSourceMappings extends EventEmitter {
  private readonly mappings = new Map<string, MappingConfig>();
  private readonly states = new Map<string, MappingState>();
  private readonly pollers = new Map<string, SqsPoller | StreamPoller>();
  private readonly file: string;
  private disposed = false;

  constructor(
    stateDir: string,
    private readonly partition: Partition,
    private readonly registry: FunctionRegistry,
    private readonly queues: LocalQueues,
    private readonly streams: LocalStreams,
    private readonly pollerDeps: Omit<PollerDeps, 'report'>,
  ) {
    super();
    this.file = path.join(stateDir, 'event-source-mappings.json');
    try {
      for (const m of JSON.parse(fs.readFileSync(this.file, 'utf8')) as MappingConfig[]) this.mappings.set(m.uuid, m);
    } catch {
      // None yet.
    }
    queues.on('change', (names: string[]) => this.restartWhere((m) => m.kind === 'sqs' && names.some((n) => m.eventSourceArn.endsWith(`:${n}`))));
  }

  /** Starts the pollers of saved mappings (after the template's functions are loaded). */
  startAll(): void {
    for (const m of this.mappings.values()) this.activate(m, m.enabled ? 'Enabled' : 'Disabled');
  }

  /** CreateEventSourceMapping; resolves to the API shape with State "Creating". */
  create(input: Readonly<Record<string, unknown>>, source: 'template' | 'api' = 'api', uuid: string = randomUUID()): Record<string, unknown> {
    checkSource(input);
    const fn = this.functionOf(input['FunctionName']);
    const tags = input['Tags'] && typeof input['Tags'] === 'object' ? (input['Tags'] as Record<string, string>) : undefined;
    const config = { ...mappingFromInput(input, undefined, { uuid, ...fn, now: Date.now(), source }), ...(tags && Object.keys(tags).length ? { tags } : {}) };
    this.checkSource(config);
    for (const other of this.mappings.values()) {
      if (other.uuid === uuid || other.eventSourceArn !== config.eventSourceArn || other.functionName !== config.functionName || other.qualifier !== config.qualifier) continue;
      throw resourceConflict(config.kind === 'sqs'
        ? `An event source mapping with SQS arn (" ${other.eventSourceArn} ") and function (" ${config.functionName} ") already exists. Please update or delete the existing mapping with UUID ${other.uuid}`
        : `The event source arn (" ${other.eventSourceArn} ") and function (" ${config.functionName} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${other.uuid}`);
    }
    this.mappings.set(uuid, config);
    this.save();
    const response = toApi(config, this.partition, 'Creating', 'No records processed');
    this.states.set(uuid, 'Creating');
    setImmediate(() => this.activate(config, config.enabled ? 'Enabled' : 'Disabled'));
    return response;
  }

  get(uuid: string): Record<string, unknown> {
    const m = this.mappings.get(uuid);
    if (!m) throw mappingNotFound();
    return toApi(m, this.partition, this.states.get(uuid) ?? (m.enabled ? 'Enabled' : 'Disabled'), this.pollers.get(uuid)?.lastResult ?? 'No records processed');
  }

  list(filter: { functionName?: string | undefined; eventSourceArn?: string | undefined }, marker: string | undefined, maxItems: number): Record<string, unknown> {
    const fn = filter.functionName === undefined ? undefined : parseFunctionRef(this.partition, filter.functionName);
    const all = [...this.mappings.values()]
      .filter((m) => !fn || (m.functionName === fn.name && (fn.qualifier === undefined || m.qualifier === fn.qualifier)))
      .filter((m) => filter.eventSourceArn === undefined || m.eventSourceArn === filter.eventSourceArn)
      .sort((a, b) => a.lastModified - b.lastModified || a.uuid.localeCompare(b.uuid));
    const start = marker ? Math.max(0, all.findIndex((m) => m.uuid === marker)) : 0;
    const next = all[start + maxItems];
    return { EventSourceMappings: all.slice(start, start + maxItems).map((m) => this.get(m.uuid)), ...(next ? { NextMarker: next.uuid } : {}) };
  }

  /** UpdateEventSourceMapping; returns the API shape with State "Updating". */
  update(uuid: string, input: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const old = this.mappings.get(uuid);
    if (!old) throw mappingNotFound();
    const fn = input['FunctionName'] === undefined ? { functionName: old.functionName, qualifier: old.qualifier } : this.functionOf(input['FunctionName']);
    const updated = mappingFromInput(input, old, { uuid, ...fn, now: Date.now(), source: old.source });
    const kept = { ...updated, ...(old.tags ? { tags: old.tags } : {}) };
    const config = old.templateInput === undefined ? kept : { ...kept, templateInput: old.templateInput };
    this.mappings.set(uuid, config);
    this.save();
    this.deactivate(uuid);
    this.states.set(uuid, 'Updating');
    const response = toApi(config, this.partition, 'Updating', 'No records processed');
    setImmediate(() => this.activate(config, config.enabled ? 'Enabled' : 'Disabled'));
    return response;
  }

  /** DeleteEventSourceMapping; returns the API shape with State "Deleting". */
  delete(uuid: string): Record<string, unknown> {
    const m = this.mappings.get(uuid);
    if (!m) throw mappingNotFound();
    const response = toApi(m, this.partition, 'Deleting', this.pollers.get(uuid)?.lastResult ?? 'No records processed');
    this.deactivate(uuid);
    this.mappings.delete(uuid);
    this.states.delete(uuid);
    this.streams.dropCheckpoints(uuid);
    this.save();
    return response;
  }

  /** Replaces the template's mappings with the SQS / Kinesis / DynamoDB events of `functions`. */
  applyTemplate(functions: readonly FunctionSpec[], targetOf: TargetOf, warn: (m: string) => void): void {
    const wanted = new Set<string>();
    for (const fn of functions) {
      for (const ev of fn.events) {
        const sourceKey = TEMPLATE_TYPES[ev.type];
        if (!sourceKey) continue;
        const p = ev.properties;
        const input: Record<string, unknown> = { ...p, EventSourceArn: p[sourceKey], FunctionName: targetOf(fn) };
        delete input[sourceKey];
        if (p['FilterCriteria'] !== undefined) input['FilterCriteria'] = p['FilterCriteria'];
        const uuid = stableUuid(`${fn.logicalId}/${ev.name}/${String(input['EventSourceArn'])}`);
        try {
          const old = this.mappings.get(uuid);
          const templateInput = JSON.stringify(input);
          const config = { ...mappingFromInput(input, undefined, { uuid, ...this.functionOf(input['FunctionName']), now: Date.now(), source: 'template' }), templateInput };
          this.checkSource(config);
          wanted.add(uuid);
          // Unchanged in the template: keep the mapping, with whatever the API changed since.
          if (old?.templateInput === templateInput) continue;
          this.deactivate(uuid);
          this.mappings.set(uuid, config);
          this.activate(config, config.enabled ? 'Enabled' : 'Disabled');
        } catch (e) {
          warn(`${fn.logicalId} event ${ev.name} (${ev.type}): ${messageOf(e)}`);
        }
      }
    }
    for (const m of [...this.mappings.values()]) {
      if (m.source !== 'template' || wanted.has(m.uuid)) continue;
      this.deactivate(m.uuid);
      this.mappings.delete(m.uuid);
      this.streams.dropCheckpoints(m.uuid);
    }
    this.save();
  }

  dispose(): void {
    this.disposed = true;
    for (const uuid of [...this.pollers.keys()]) this.deactivate(uuid);
  }

  private functionOf(raw: unknown): { functionName: string; qualifier: string | undefined } {
    if (typeof raw !== 'string') throw invalidParameter('Function does not exist');
    const ref = parseFunctionRef(this.partition, raw);
    if (!this.registry.get(ref.name)) throw invalidParameter('Function does not exist');
    return { functionName: ref.name, qualifier: ref.qualifier };
  }

  private checkSource(m: MappingConfig): void {
    if (m.kind === 'sqs' && !this.queues.byArn(m.eventSourceArn)) {
      throw invalidParameter('Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.');
    }
    if (m.kind !== 'sqs' && !this.streams.byArn(m.eventSourceArn)) throw invalidParameter(`Stream not found: ${m.eventSourceArn}`);
  }

  private activate(m: MappingConfig, state: MappingState): void {
    if (this.disposed || this.mappings.get(m.uuid) !== m) return;
    this.states.set(m.uuid, state);
    if (state === 'Enabled' && !this.pollers.has(m.uuid)) {
      const deps: PollerDeps = { ...this.pollerDeps, report: (r) => this.emit('batch', r) };
      const queue = m.kind === 'sqs' ? this.queues.byArn(m.eventSourceArn) : undefined;
      const stream = m.kind !== 'sqs' ? this.streams.byArn(m.eventSourceArn) : undefined;
      const role = this.registry.get(m.functionName)?.latest.role ?? `arn:aws:iam::${this.partition.accountId}:role/lambda-workbench-local`;
      const poller = queue ? new SqsPoller(m, queue, deps) : stream ? new StreamPoller(m, stream, this.streams, deps, role) : undefined;
      if (!poller) return this.pollerDeps.warn(`Event source mapping ${m.uuid}: its source ${m.eventSourceArn} no longer exists locally.`);
      this.pollers.set(m.uuid, poller);
      poller.start();
    }
    this.emit('change');
  }

  private deactivate(uuid: string): void {
    this.pollers.get(uuid)?.stop();
    this.pollers.delete(uuid);
  }

  private restartWhere(pred: (m: MappingConfig) => boolean): void {
    for (const m of this.mappings.values()) {
      if (!pred(m) || !this.pollers.has(m.uuid)) continue;
      this.deactivate(m.uuid);
      this.activate(m, 'Enabled');
    }
  }

  /** The tags of mapping `uuid`, undefined when it does not exist (for TagResource/ListTags). */
  tagsOf(uuid: string): Record<string, string> | undefined {
    const m = this.mappings.get(uuid);
    return m ? { ...(m.tags ?? {}) } : undefined;
  }

  /** Replaces the tags of mapping `uuid` (which exists). */
  setTags(uuid: string, tags: Readonly<Record<string, string>>): void {
    const m = this.mappings.get(uuid);
    if (!m) return;
    this.mappings.set(uuid, { ...m, tags: { ...tags } });
    this.save();
  }

  private save(): void {
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify([...this.mappings.values()], null, 1), { mode: 0o600 });
    fs.renameSync(`${this.file}.tmp`, this.file);
  }
}

/** A UUID derived from a template location, so checkpoints survive restarts and reloads. */
function stableUuid(key: string): string {
  const h = createHash('sha1').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
