// SNS-shaped topics: declared in the template (AWS::SNS::Topic, AWS::SNS::Subscription, function SNS
// events); a publish fans out to subscribed functions (Event invoke with the SNS record) and queues.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Partition } from '../../arn';
import type { Clock } from '../../clock';
import { ApiError } from '../../errors';
import type { MessageAttributes } from '../../invoke/destinations';
import type { FunctionSpec } from '../../project/functionSpec';
import type { LocalQueues } from '../queues/localQueues';
import { compileFilterPolicy, type FilterPolicy } from './filterPolicy';
import { snsLambdaEvent, snsQueueEnvelope, type SnsNotification } from './snsShapes';

/** One subscription of a topic. */
export interface TopicSubscription {
  readonly arn: string;
  readonly protocol: 'lambda' | 'sqs';
  readonly endpoint: string;
  readonly raw: boolean;
  /** FilterPolicy: messages it rejects are not delivered to this subscription. */
  readonly filter?: FilterPolicy;
}

/** A message published to a topic and where it went. */
export interface PublishedMessage {
  readonly notification: SnsNotification;
  /** `filtered`: the subscription's filter policy did not match, so nothing was sent. */
  readonly deliveries: { readonly endpoint: string; readonly ok: boolean; readonly error?: string; readonly filtered?: boolean }[];
}

/** What topics deliver through. */
export interface TopicDeps {
  readonly partition: Partition;
  readonly clock: Clock;
  readonly queues: LocalQueues;
  /** Event-invokes a function with a payload (the durable queue). */
  readonly invokeAsync: (functionArn: string, payload: string, traceHeader?: string) => Promise<void>;
}

/** The topic name of an SNS topic ARN, or undefined when `arn` is not one. */
export const topicNameOf = (arn: unknown): string | undefined => (typeof arn === 'string' ? /^arn:[^:]+:sns:[^:]*:[^:]*:([^:]+)$/.exec(arn)?.[1] : undefined);

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Topics by name; emits `published` and `warning`. */
export class LocalTopics extends EventEmitter {
  private readonly topics = new Map<string, { subscriptions: TopicSubscription[]; history: PublishedMessage[] }>();
  /** Topics and subscriptions made through the SNS API: kept when the template reloads. */
  private readonly apiTopics = new Set<string>();
  private readonly apiSubscriptions = new Map<string, { topic: string; sub: TopicSubscription }>();

  constructor(private readonly deps: TopicDeps) {
    super();
  }

  arnOf(name: string): string {
    return `arn:aws:sns:${this.deps.partition.region}:${this.deps.partition.accountId}:${name}`;
  }

  list(): string[] {
    return [...this.topics.keys()].sort();
  }

  subscriptions(name: string): readonly TopicSubscription[] {
    return this.topics.get(name)?.subscriptions ?? [];
  }

  /** Recent publishes of a topic, newest last (at most 100). */
  history(name: string): readonly PublishedMessage[] {
    return this.topics.get(name)?.history ?? [];
  }

  /** Creates a topic (idempotent); `fromApi` keeps it across template reloads. */
  create(name: string, fromApi = false): void {
    if (!this.topics.has(name)) this.topics.set(name, { subscriptions: [], history: [] });
    if (fromApi) this.apiTopics.add(name);
  }

  subscribe(topicName: string, protocol: 'lambda' | 'sqs', endpoint: string, raw = false, filter?: FilterPolicy): TopicSubscription {
    this.create(topicName);
    const t = this.topics.get(topicName)!;
    const existing = t.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing) return existing;
    const sub: TopicSubscription = { arn: `${this.arnOf(topicName)}:${randomUUID()}`, protocol, endpoint, raw, ...(filter ? { filter } : {}) };
    t.subscriptions.push(sub);
    return sub;
  }

  /** Subscribes through the SNS API (kept across template reloads); returns the subscription. */
  subscribeFromApi(topicName: string, protocol: 'lambda' | 'sqs', endpoint: string, raw: boolean, filter?: FilterPolicy): TopicSubscription {
    const sub = this.subscribe(topicName, protocol, endpoint, raw, filter);
    this.apiSubscriptions.set(sub.arn, { topic: topicName, sub });
    return sub;
  }

  /** Removes a subscription by ARN; false when there is none. */
  unsubscribe(subscriptionArn: string): boolean {
    this.apiSubscriptions.delete(subscriptionArn);
    for (const t of this.topics.values()) {
      const i = t.subscriptions.findIndex((s) => s.arn === subscriptionArn);
      if (i >= 0) {
        t.subscriptions.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** Rebuilds topics and subscriptions from the template. */
  applyTemplate(resources: Readonly<Record<string, { readonly type: string; readonly properties: Readonly<Record<string, unknown>> }>>, functions: readonly FunctionSpec[]): void {
    this.topics.clear();
    for (const name of this.apiTopics) this.create(name);
    for (const { topic, sub } of this.apiSubscriptions.values()) {
      this.create(topic);
      this.topics.get(topic)!.subscriptions.push(sub);
    }
    for (const [id, r] of Object.entries(resources)) {
      if (r.type !== 'AWS::SNS::Topic') continue;
      const name = typeof r.properties['TopicName'] === 'string' ? r.properties['TopicName'] : id;
      this.create(name);
      for (const s of Array.isArray(r.properties['Subscription']) ? r.properties['Subscription'] : []) this.subscribeRaw(name, asRecord(s));
    }
    for (const [id, r] of Object.entries(resources)) {
      if (r.type !== 'AWS::SNS::Subscription') continue;
      const topic = topicNameOf(r.properties['TopicArn']);
      if (topic) this.subscribeRaw(topic, r.properties, id);
    }
    for (const fn of functions) {
      for (const ev of fn.events) {
        if (ev.type !== 'SNS') continue;
        const topic = topicNameOf(ev.properties['Topic']);
        const where = `${fn.logicalId} event ${ev.name}`;
        if (!topic) {
          this.emit('warning', `${where}: Topic must be the ARN of a topic in this template.`);
          continue;
        }
        const filter = this.filterOf(ev.properties, where);
        if (filter !== null) this.subscribe(topic, 'lambda', `arn:aws:lambda:${this.deps.partition.region}:${this.deps.partition.accountId}:function:${fn.functionName}`, false, filter);
      }
    }
  }

  /**
   * Publishes a message by topic ARN; resolves after every subscriber has it (queued or sent).
   * `perProtocol` (MessageStructure json) holds a `default` text and optional `lambda` / `sqs` ones.
   */
  async publish(topicArn: string, message: string, subject?: string, attributes: MessageAttributes = {}, perProtocol?: Readonly<Record<string, string>>, traceHeader?: string): Promise<string> {
    const name = topicNameOf(topicArn);
    const topic = name === undefined ? undefined : this.topics.get(name);
    if (!topic || name === undefined) throw new ApiError('NotFound', 404, `The topic ${topicArn} does not exist locally. Declare it in the template (AWS::SNS::Topic).`);
    const notification: SnsNotification = {
      messageId: randomUUID(),
      topicArn: this.arnOf(name),
      subject,
      message,
      timestamp: this.deps.clock.now(),
      attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue }])),
    };
    const deliveries = await Promise.all(
      topic.subscriptions.map(async (s) => {
        const text = perProtocol ? (perProtocol[s.protocol] ?? perProtocol['default'] ?? message) : message;
        const sent = text === message ? notification : { ...notification, message: text };
        if (s.filter && !s.filter.matches({ attributes: notification.attributes, message: text })) return { endpoint: s.endpoint, ok: true, filtered: true };
        try {
          if (s.protocol === 'lambda') await this.deps.invokeAsync(s.endpoint, JSON.stringify(snsLambdaEvent(sent, s.arn, this.deps.partition.region)), traceHeader);
          else if (s.raw) await this.deps.queues.sendToArn(s.endpoint, text, attributes, this.deps.partition.accountId, traceHeader);
          else await this.deps.queues.sendToArn(s.endpoint, JSON.stringify(snsQueueEnvelope(sent, s.arn, this.deps.partition.region)), {}, this.deps.partition.accountId, traceHeader);
          return { endpoint: s.endpoint, ok: true };
        } catch (e) {
          this.emit('warning', `Topic ${name}: delivery to ${s.endpoint} failed: ${(e as Error).message}`);
          return { endpoint: s.endpoint, ok: false, error: (e as Error).message };
        }
      }),
    );
    topic.history.push({ notification, deliveries });
    if (topic.history.length > 100) topic.history.shift();
    this.emit('published', name, notification);
    return notification.messageId;
  }

  /**
   * The compiled FilterPolicy / FilterPolicyScope of a subscription, undefined without one, or null
   * when it is invalid (CloudFormation would reject it, so the subscription is left out, with a warning).
   */
  private filterOf(props: Readonly<Record<string, unknown>>, where: string): FilterPolicy | undefined | null {
    if (props['FilterPolicy'] === undefined) return undefined;
    try {
      return compileFilterPolicy(props['FilterPolicy'], props['FilterPolicyScope']);
    } catch (e) {
      this.emit('warning', `${where}: ${(e as Error).message} The subscription is left out.`);
      return null;
    }
  }

  private subscribeRaw(topic: string, s: Readonly<Record<string, unknown>>, logicalId?: string): void {
    const protocol = String(s['Protocol'] ?? '').toLowerCase();
    const endpoint = s['Endpoint'];
    if ((protocol === 'lambda' || protocol === 'sqs') && typeof endpoint === 'string') {
      const filter = this.filterOf(s, logicalId ?? `Topic ${topic} subscription`);
      if (filter !== null) this.subscribe(topic, protocol, endpoint, s['RawMessageDelivery'] === true || s['RawMessageDelivery'] === 'true', filter);
    } else {
      this.emit('warning', `Topic ${topic}: only lambda and sqs subscriptions are emulated locally (got ${protocol || 'none'}).`);
    }
  }
}
