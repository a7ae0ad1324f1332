// Queue attributes between their API form (string map), their template form (AWS::SQS::Queue
// properties) and QueueSettings, with SQS's validation messages.
import { ApiError } from '../../errors';
import { defaultSettings, type QueueSettings } from './localQueue';

const ranges: Readonly<Record<string, readonly [keyof QueueSettings, number, number]>> = {
  VisibilityTimeout: ['visibilityTimeout', 0, 43200],
  DelaySeconds: ['delaySeconds', 0, 900],
  MessageRetentionPeriod: ['messageRetentionPeriod', 60, 1209600],
  MaximumMessageSize: ['maximumMessageSize', 1024, 1048576],
  ReceiveMessageWaitTimeSeconds: ['receiveMessageWaitTimeSeconds', 0, 20],
};
const accepted = new Set([...Object.keys(ranges), 'RedrivePolicy', 'FifoQueue', 'ContentBasedDeduplication', 'Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled', 'DeduplicationScope', 'FifoThroughputLimit', 'RedriveAllowPolicy']);

const invalidValue = (name: string, reason?: string): ApiError =>
  new ApiError('InvalidAttributeValue', 400, reason ? `Value ${reason} for parameter ${name} is invalid.` : `Invalid value for the parameter ${name}.`);

/** Applies an API attribute map (string values) on top of `base`. */
export function settingsFromAttributes(attrs: Readonly<Record<string, unknown>>, base: QueueSettings = defaultSettings): QueueSettings {
  const out: { -readonly [K in keyof QueueSettings]: QueueSettings[K] } = { ...base };
  for (const [name, raw] of Object.entries(attrs)) {
    if (!accepted.has(name)) throw new ApiError('InvalidAttributeName', 400, `Unknown Attribute ${name}.`);
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
    const range = ranges[name];
    if (range) {
      const [key, min, max] = range;
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < min || n > max) throw invalidValue(name);
      (out as Record<string, unknown>)[key] = n;
    } else if (name === 'FifoQueue') out.fifo = value === 'true';
    else if (name === 'ContentBasedDeduplication') out.contentBasedDeduplication = value === 'true';
    else if (name === 'RedrivePolicy') out.redrivePolicy = redrivePolicyOf(typeof raw === 'string' ? raw : raw);
  }
  return out;
}

/** Settings from AWS::SQS::Queue properties (numbers, booleans and an object RedrivePolicy). */
export function settingsFromTemplate(props: Readonly<Record<string, unknown>>): QueueSettings {
  const attrs: Record<string, unknown> = {};
  for (const name of [...Object.keys(ranges), 'FifoQueue', 'ContentBasedDeduplication', 'RedrivePolicy']) {
    const v = props[name];
    if (v !== undefined) attrs[name] = typeof v === 'object' ? v : String(v);
  }
  return settingsFromAttributes(attrs);
}

function redrivePolicyOf(raw: unknown): QueueSettings['redrivePolicy'] {
  if (raw === '' || raw === undefined) return undefined;
  let v: unknown = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      throw invalidValue('RedrivePolicy', `${raw}`);
    }
  }
  const p = (v ?? {}) as Record<string, unknown>;
  const target = p['deadLetterTargetArn'];
  const count = Number(p['maxReceiveCount']);
  if (typeof target !== 'string' || !/^arn:[^:]+:sqs:[^:]*:[^:]*:.+$/.test(target)) {
    throw invalidValue('RedrivePolicy', `${JSON.stringify(v)}`);
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new ApiError('InvalidParameterValue', 400, 'Value for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.');
  }
  return { deadLetterTargetArn: target, maxReceiveCount: count };
}

/** The attribute map GetQueueAttributes returns, before filtering by the requested names. */
export function attributesOf(s: QueueSettings, extra: Readonly<Record<string, string>>): Record<string, string> {
  return {
    ...extra,
    VisibilityTimeout: String(s.visibilityTimeout),
    MaximumMessageSize: String(s.maximumMessageSize),
    MessageRetentionPeriod: String(s.messageRetentionPeriod),
    DelaySeconds: String(s.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(s.receiveMessageWaitTimeSeconds),
    ...(s.redrivePolicy ? { RedrivePolicy: JSON.stringify(s.redrivePolicy) } : {}),
    SqsManagedSseEnabled: 'true',
    ...(s.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: String(s.contentBasedDeduplication), DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' } : {}),
  };
}

/** The attribute names that differ between two settings (CreateQueue on an existing name). */
export function differingAttribute(a: QueueSettings, b: QueueSettings): string | undefined {
  const names: Record<keyof QueueSettings, string> = {
    visibilityTimeout: 'VisibilityTimeout',
    delaySeconds: 'DelaySeconds',
    messageRetentionPeriod: 'MessageRetentionPeriod',
    maximumMessageSize: 'MaximumMessageSize',
    receiveMessageWaitTimeSeconds: 'ReceiveMessageWaitTimeSeconds',
    redrivePolicy: 'RedrivePolicy',
    fifo: 'FifoQueue',
    contentBasedDeduplication: 'ContentBasedDeduplication',
  };
  for (const key of Object.keys(names) as (keyof QueueSettings)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return names[key];
  }
  return undefined;
}
