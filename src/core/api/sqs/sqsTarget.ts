// The SQS JSON protocol (X-Amz-Target: AmazonSQS.*, application/x-amz-json-1.0) over the local queues,
// so `aws sqs ...` and @aws-sdk/client-sqs work against the engine's endpoint.
import { ApiError, messageOf } from '../../errors';
import type { LocalQueue } from '../../events/queues/localQueue';
import { queueDoesNotExist, type LocalQueues } from '../../events/queues/localQueues';
import { attributesOf, settingsFromAttributes } from '../../events/queues/queueAttributes';
import { checkAttributes, checkBody, md5OfAttributes, systemAttributes, type MessageAttributeMap, type SqsMessage } from '../../events/queues/sqsMessage';
import type { ApiReply, ApiRequest, TargetService } from '../http/router';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
type Body = Record<string, unknown>;

// awsQueryCompatible: the AWS CLI reports these codes (x-amzn-query-error), the SDKs the shape names.
const queryCodes: Readonly<Record<string, string>> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

const bad = (type: string, message: string): ApiError => new ApiError(type, 400, message);
const invalid = (name: string, value: unknown, reason: string): ApiError => bad('InvalidParameterValue', `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);

function intIn(body: Body, name: string, min: number, max: number, reason: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid(name, v, reason);
  return v;
}

/** The AmazonSQS target service for `ApiServer.addTarget`. */
export function sqsTarget(queues: LocalQueues): TargetService {
  const ops: Record<string, (b: Body, req: ApiRequest) => unknown> = {
    CreateQueue: (b) => {
      const name = b['QueueName'];
      if (typeof name !== 'string') throw bad('MissingParameter', 'The request must contain the parameter QueueName.');
      const attrs = (b['Attributes'] ?? {}) as Record<string, unknown>;
      const settings = settingsFromAttributes(attrs);
      if (name.endsWith('.fifo') !== settings.fifo) throw bad('InvalidParameterValue', 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.');
      queues.create(name, settings, 'api');
      return { QueueUrl: queues.urlOf(name) };
    },
    DeleteQueue: async (b) => {
      await queues.delete(queues.byUrl(b['QueueUrl']).name);
      return {};
    },
    GetQueueUrl: (b) => {
      const name = b['QueueName'];
      if (typeof name !== 'string' || !queues.get(name)) throw queueDoesNotExist();
      return { QueueUrl: queues.urlOf(name) };
    },
    ListQueues: (b) => {
      const max = intIn(b, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.') ?? 1000;
      const names = queues.list(typeof b['QueueNamePrefix'] === 'string' ? b['QueueNamePrefix'] : '');
      const start = typeof b['NextToken'] === 'string' ? Math.max(0, names.indexOf(Buffer.from(b['NextToken'], 'base64').toString('utf8'))) : 0;
      const page = names.slice(start, start + max);
      const next = names[start + max];
      return { ...(page.length ? { QueueUrls: page.map((n) => queues.urlOf(n)) } : {}), ...(next && b['MaxResults'] !== undefined ? { NextToken: Buffer.from(next).toString('base64') } : {}) };
    },
    GetQueueAttributes: (b) => {
      const q = queues.byUrl(b['QueueUrl']);
      const wanted = Array.isArray(b['AttributeNames']) ? (b['AttributeNames'] as string[]) : [];
      const all = queueAttributes(queues, q);
      if (wanted.includes('All')) return { Attributes: all };
      const out: Record<string, string> = {};
      for (const n of wanted) {
        if (!(n in all) && !knownAttributes.has(n)) throw bad('InvalidAttributeName', `Unknown Attribute ${n}.`);
        if (all[n] !== undefined) out[n] = all[n];
      }
      return Object.keys(out).length ? { Attributes: out } : {};
    },
    SetQueueAttributes: (b) => {
      const q = queues.byUrl(b['QueueUrl']);
      queues.update(q.name, settingsFromAttributes((b['Attributes'] ?? {}) as Record<string, unknown>, q.settings), 'api');
      return {};
    },
    PurgeQueue: (b) => {
      queues.byUrl(b['QueueUrl']).purge();
      return {};
    },
    SendMessage: async (b, req) => sendResult(await send(queues.byUrl(b['QueueUrl']), b, req)),
    SendMessageBatch: async (b, req) => {
      const q = queues.byUrl(b['QueueUrl']);
      const entries = checkBatch(b['Entries']);
      const total = entries.reduce((n, e) => n + Buffer.byteLength(String(e['MessageBody'] ?? '')), 0);
      if (total > q.settings.maximumMessageSize) throw bad('BatchRequestTooLong', `Batch requests cannot be longer than ${q.settings.maximumMessageSize} bytes. You have sent ${total} bytes.`);
      return batch(entries, async (e) => ({ Id: e['Id'], ...sendResult(await send(q, e, req)) }));
    },
    ReceiveMessage: async (b) => {
      const q = queues.byUrl(b['QueueUrl']);
      const max = intIn(b, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
      const visibility = intIn(b, 'VisibilityTimeout', 0, 43200, 'Must be between 0 and 43200, if provided.');
      const wait = intIn(b, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.') ?? q.settings.receiveMessageWaitTimeSeconds;
      const deadline = Date.now() + wait * 1000;
      let got = q.receive(max, visibility);
      while (got.length === 0 && Date.now() < deadline) {
        if (!(await q.waitForMessages(deadline - Date.now()))) break;
        got = q.receive(max, visibility);
      }
      const sys = [...asList(b['AttributeNames']), ...asList(b['MessageSystemAttributeNames'])];
      const names = asList(b['MessageAttributeNames']);
      return got.length ? { Messages: got.map((m) => receivedMessage(m, sys, names)) } : {};
    },
    DeleteMessage: (b) => {
      queues.byUrl(b['QueueUrl']).delete(receiptOf(b));
      return {};
    },
    DeleteMessageBatch: (b) => {
      const q = queues.byUrl(b['QueueUrl']);
      return batch(checkBatch(b['Entries']), async (e) => {
        q.delete(receiptOf(e));
        return { Id: e['Id'] };
      });
    },
    ChangeMessageVisibility: (b) => {
      queues.byUrl(b['QueueUrl']).changeVisibility(receiptOf(b), visibilityOf(b));
      return {};
    },
    ChangeMessageVisibilityBatch: (b) => {
      const q = queues.byUrl(b['QueueUrl']);
      return batch(checkBatch(b['Entries']), async (e) => {
        q.changeVisibility(receiptOf(e), visibilityOf(e));
        return { Id: e['Id'] };
      });
    },
  };
  return {
    prefix: 'AmazonSQS',
    contentType: CONTENT_TYPE,
    handle: async (operation, req): Promise<ApiReply> => {
      try {
        const op = ops[operation];
        if (!op) throw bad('InvalidAction', `The action ${operation} is not valid for this endpoint.`);
        let body: Body;
        try {
          body = req.body.length ? (JSON.parse(req.body.toString('utf8')) as Body) : {};
        } catch (e) {
          throw bad('SerializationException', `Could not parse the request body: ${messageOf(e)}`);
        }
        const result = await op(body ?? {}, req);
        return { status: 200, headers: { 'Content-Type': CONTENT_TYPE }, body: result };
      } catch (e) {
        throw sqsError(e);
      }
    },
  };
}

const knownAttributes = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit', 'SqsManagedSseEnabled']);

function queueAttributes(queues: LocalQueues, q: LocalQueue): Record<string, string> {
  const meta = queues.info(q.name);
  const c = q.counts();
  return attributesOf(q.settings, {
    QueueArn: q.arn,
    ApproximateNumberOfMessages: String(c.visible),
    ApproximateNumberOfMessagesNotVisible: String(c.inFlight),
    ApproximateNumberOfMessagesDelayed: String(c.delayed),
    CreatedTimestamp: String(Math.floor((meta?.createdAt ?? 0) / 1000)),
    LastModifiedTimestamp: String(Math.floor((meta?.lastModified ?? 0) / 1000)),
  });
}

async function send(q: LocalQueue, b: Body, req: ApiRequest): Promise<SqsMessage> {
  const body = checkBody(b['MessageBody'], q.settings.maximumMessageSize);
  const attributes = checkAttributes(b['MessageAttributes']);
  const delay = intIn(b, 'DelaySeconds', 0, 900, 'DelaySeconds must be >= 0 and <= 900.');
  const groupId = b['MessageGroupId'];
  const dedupId = b['MessageDeduplicationId'];
  if (q.settings.fifo) {
    if (delay !== undefined && delay !== 0) throw invalid('DelaySeconds', delay, 'The request include parameter that is not valid for this queue type.');
    if (typeof groupId !== 'string' || groupId === '') throw bad('MissingParameter', 'The request must contain the parameter MessageGroupId.');
    if (dedupId === undefined && !q.settings.contentBasedDeduplication) {
      throw bad('InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  } else if (dedupId !== undefined) {
    throw invalid('MessageDeduplicationId', dedupId, 'The request include parameter that is not valid for this queue type');
  }
  const traceHeader = traceHeaderOf(b, req);
  return q.send({
    body,
    attributes,
    senderId: req.caller.accessKeyId,
    ...(traceHeader !== undefined ? { traceHeader } : {}),
    ...(delay !== undefined ? { delaySeconds: delay } : {}),
    ...(typeof groupId === 'string' ? { groupId } : {}),
    ...(typeof dedupId === 'string' ? { dedupId } : {}),
  });
}

/** MessageSystemAttributes.AWSTraceHeader, else the request's X-Amzn-Trace-Id (what the SDKs send from a function). */
function traceHeaderOf(b: Body, req: ApiRequest): string | undefined {
  const sys = b['MessageSystemAttributes'] as Record<string, { StringValue?: unknown }> | undefined;
  const fromAttr = sys?.['AWSTraceHeader']?.StringValue;
  if (typeof fromAttr === 'string' && fromAttr) return fromAttr;
  const h = req.headers['x-amzn-trace-id'];
  return typeof h === 'string' && h ? h : undefined;
}

function sendResult(m: SqsMessage): Record<string, unknown> {
  return {
    MD5OfMessageBody: m.md5OfBody,
    ...(m.md5OfMessageAttributes !== undefined ? { MD5OfMessageAttributes: m.md5OfMessageAttributes } : {}),
    MessageId: m.messageId,
    ...(m.sequenceNumber !== undefined ? { SequenceNumber: m.sequenceNumber } : {}),
  };
}

function receivedMessage(m: SqsMessage, sysNames: readonly string[], attrNames: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { MessageId: m.messageId, ReceiptHandle: m.receipt, MD5OfBody: m.md5OfBody, Body: m.body };
  const sys = systemAttributes(m);
  const all = sysNames.includes('All');
  const attrs = Object.fromEntries(Object.entries(sys).filter(([k]) => all || sysNames.includes(k)));
  if (Object.keys(attrs).length) out['Attributes'] = attrs;
  const picked: Record<string, MessageAttributeMap[string]> = {};
  for (const [name, v] of Object.entries(m.attributes)) {
    if (attrNames.some((p) => p === 'All' || p === '.*' || p === name || (p.endsWith('.*') && name.startsWith(p.slice(0, -1))))) picked[name] = v;
  }
  const digest = md5OfAttributes(picked);
  if (digest !== undefined) {
    out['MD5OfMessageAttributes'] = digest;
    out['MessageAttributes'] = picked;
  }
  return out;
}

function checkBatch(raw: unknown): Body[] {
  if (!Array.isArray(raw) || raw.length === 0) throw bad('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
  if (raw.length > 10) throw bad('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${raw.length}.`);
  const ids = new Set<string>();
  for (const e of raw as Body[]) {
    const id = e['Id'];
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(id)) throw bad('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    if (ids.has(id)) throw bad('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    ids.add(id);
  }
  return raw as Body[];
}

async function batch(entries: Body[], run: (e: Body) => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const results = await Promise.all(entries.map((e) => run(e).then((ok) => ({ ok }), (err: unknown) => ({ err, id: e['Id'] }))));
  const successful = results.flatMap((r) => ('ok' in r ? [r.ok] : []));
  const failed = results.flatMap((r) => {
    if ('ok' in r) return [];
    const e = r.err instanceof ApiError ? r.err : undefined;
    return [{ Id: r.id, SenderFault: e ? e.statusCode < 500 : false, Code: e ? (queryCodes[e.type] ?? e.type) : 'InternalError', Message: messageOf(r.err) }];
  });
  return { Successful: successful, Failed: failed };
}

function receiptOf(b: Body): string {
  const r = b['ReceiptHandle'];
  if (typeof r !== 'string' || r === '') throw bad('MissingParameter', 'The request must contain the parameter ReceiptHandle.');
  return r;
}

function visibilityOf(b: Body): number {
  const v = intIn(b, 'VisibilityTimeout', 0, 43200, 'VisibilityTimeout must be an integer between 0 and 43200');
  if (v === undefined) throw bad('MissingParameter', 'The request must contain the parameter VisibilityTimeout.');
  return v;
}

function asList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function sqsError(e: unknown): ApiError {
  const err = e instanceof ApiError ? e : new ApiError('InternalError', 500, messageOf(e));
  const code = queryCodes[err.type] ?? err.type;
  return new ApiError(`com.amazonaws.sqs#${err.type}`, err.statusCode, err.message, {}, { 'x-amzn-query-error': `${code};${err.statusCode < 500 ? 'Sender' : 'Receiver'}` });
}
