// One SQS message as the local queues keep it, the MD5 digests SQS clients verify, message-attribute
// validation, and the Lambda event record (fidelity 9.2) a message becomes.
import { createHash } from 'node:crypto';
import { ApiError } from '../../errors';

/** A message attribute in the SQS JSON protocol (BinaryValue is base64). */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** Message attributes by name. */
export type MessageAttributeMap = Readonly<Record<string, MessageAttributeValue>>;

/** A stored message; the mutable fields change on receive. */
export interface SqsMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: MessageAttributeMap;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes: string | undefined;
  readonly sentTimestamp: number;
  readonly senderId: string;
  readonly groupId?: string;
  readonly dedupId?: string;
  readonly sequenceNumber?: string;
  /** The queue a redriven message came from. */
  readonly sourceArn?: string;
  /** AWSTraceHeader system attribute. */
  readonly traceHeader?: string;
  receiveCount: number;
  firstReceiveTimestamp: number | undefined;
  /** Epoch ms from which the message can be received again. */
  visibleAt: number;
  receipt: string | undefined;
}

/** Hex MD5, the digest SQS reports for bodies. */
export const md5 = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

/** MD5OfMessageAttributes as SQS computes it (names sorted, length-prefixed fields). */
export function md5OfAttributes(attrs: MessageAttributeMap): string | undefined {
  const names = Object.keys(attrs).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  const field = (b: Buffer): void => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    parts.push(len, b);
  };
  for (const name of names) {
    const a = attrs[name] as MessageAttributeValue;
    field(Buffer.from(name, 'utf8'));
    field(Buffer.from(a.DataType, 'utf8'));
    if (a.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      field(Buffer.from(a.BinaryValue, 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      field(Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return md5(Buffer.concat(parts));
}

const sqsError = (type: string, message: string): ApiError => new ApiError(type, 400, message);

/** Validates SendMessage attributes like SQS and returns them normalized. */
export function checkAttributes(raw: unknown): Record<string, MessageAttributeValue> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw sqsError('InvalidParameterValue', 'MessageAttributes must be a map of name to value.');
  const out: Record<string, MessageAttributeValue> = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > 10) throw sqsError('InvalidParameterValue', `Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`);
  for (const [name, v] of entries) {
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || /^(aws|amazon)\./i.test(name)) {
      throw sqsError('InvalidParameterValue', `Message (user) attribute '${name}' has an invalid name.`);
    }
    const a = (v ?? {}) as Record<string, unknown>;
    const type = a['DataType'];
    if (typeof type !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(type)) {
      throw sqsError('InvalidParameterValue', `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    }
    if (type.startsWith('Binary')) {
      if (typeof a['BinaryValue'] !== 'string' || a['BinaryValue'] === '') throw sqsError('InvalidParameterValue', `Message (user) attribute '${name}' must contain a non-empty value of type '${type}'.`);
      out[name] = { DataType: type, BinaryValue: a['BinaryValue'] };
    } else {
      const value = a['StringValue'];
      if (typeof value !== 'string' || value === '') throw sqsError('InvalidParameterValue', `Message (user) attribute '${name}' must contain a non-empty value of type '${type}'.`);
      if (type.startsWith('Number') && !Number.isFinite(Number(value))) throw sqsError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number.`);
      out[name] = { DataType: type, StringValue: value };
    }
  }
  return out;
}

/** SQS accepts only these characters in a body (XML 1.0 characters). */
export function checkBody(body: unknown, maximumMessageSize: number): string {
  if (typeof body !== 'string' || body.length === 0) throw sqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
  // eslint-disable-next-line no-control-regex -- matches the control characters SQS message bodies may not contain
  if (/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(body)) {
    throw sqsError('InvalidMessageContents', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  }
  const size = Buffer.byteLength(body);
  if (size > maximumMessageSize) throw sqsError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${maximumMessageSize} bytes.`);
  return body;
}

/** The system attributes of a received message (all of them; callers filter by AttributeNames). */
export function systemAttributes(m: SqsMessage): Record<string, string> {
  return {
    ApproximateReceiveCount: String(m.receiveCount),
    SentTimestamp: String(m.sentTimestamp),
    SenderId: m.senderId,
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
    ...(m.sequenceNumber !== undefined ? { SequenceNumber: m.sequenceNumber } : {}),
    ...(m.dedupId !== undefined ? { MessageDeduplicationId: m.dedupId } : {}),
    ...(m.groupId !== undefined ? { MessageGroupId: m.groupId } : {}),
    ...(m.sourceArn !== undefined ? { DeadLetterQueueSourceArn: m.sourceArn } : {}),
    ...(m.traceHeader !== undefined ? { AWSTraceHeader: m.traceHeader } : {}),
  };
}

/** One record of the SQS event Lambda receives (fidelity 9.2), in Lambda's field order. */
export function lambdaRecord(m: SqsMessage, queueArn: string, region: string): Record<string, unknown> {
  const attrs = systemAttributes(m);
  delete attrs['DeadLetterQueueSourceArn'];
  const messageAttributes: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(m.attributes)) {
    messageAttributes[name] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: a.DataType,
    };
  }
  return {
    messageId: m.messageId,
    receiptHandle: m.receipt ?? '',
    body: m.body,
    attributes: attrs,
    messageAttributes,
    md5OfBody: m.md5OfBody,
    ...(m.md5OfMessageAttributes !== undefined ? { md5OfMessageAttributes: m.md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
