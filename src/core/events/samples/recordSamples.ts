// Sample events of record-style sources (S3, SQS, SNS, EventBridge, DynamoDB, Kinesis, CloudWatch Logs),
// built by the same record builders the local event sources use.
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { nextSequencer, s3Event, type S3EventName } from '../buckets/s3Notification';
import { md5, md5OfAttributes, lambdaRecord, type SqsMessage } from '../queues/sqsMessage';
import { scheduledEvent } from '../schedules/scheduleRunner';
import type { StreamRecord } from '../streams/localStream';
import { dynamoDbEventRecord, kinesisEventRecord, type StreamViewType } from '../streams/streamRecords';
import { snsLambdaEvent } from '../topics/snsShapes';
import type { SampleContext, SampleType } from './sampleTypes';

const json = (text: string, option: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`--${option} must be JSON, got ${text}`);
  }
};

function s3(eventName: S3EventName): SampleType {
  return {
    help: eventName === 'ObjectCreated:Put' ? 'S3 object created (ObjectCreated:Put)' : 'S3 object deleted (ObjectRemoved:Delete)',
    options: { bucket: { default: 'example-bucket', help: 'bucket name' }, key: { default: 'test/key', help: 'object key (not encoded)' }, ...(eventName === 'ObjectCreated:Put' ? { size: { default: '1024', help: 'object size in bytes' } } : {}) },
    build: (o, ctx) => {
      const size = Number(o['size'] ?? 0);
      if (!Number.isInteger(size) || size < 0) throw new Error(`--size must be a whole number of bytes, got ${o['size']}`);
      return s3Event({ bucket: o['bucket'] as string, key: o['key'] as string, eventName, time: ctx.now, sequencer: nextSequencer(ctx.now), ...(eventName === 'ObjectCreated:Put' ? { size, eTag: md5(`${o['bucket']}/${o['key']}/${size}`) } : {}) }, ctx.partition.region, 'sample-notification');
    },
  };
}

function streamRecord(ctx: SampleContext, seq: string, extra: Partial<StreamRecord>): StreamRecord {
  return { shardId: 'shardId-000000000000', sequenceNumber: seq, partitionKey: 'partition-key', data: '', arrival: ctx.now, ...extra };
}

/** Record-style sample events by source and type. */
export const recordSamples: Readonly<Record<string, Readonly<Record<string, SampleType>>>> = {
  s3: { put: s3('ObjectCreated:Put'), delete: s3('ObjectRemoved:Delete') },
  sqs: {
    'receive-message': {
      help: 'SQS messages delivered by an event source mapping',
      options: { queue: { default: 'my-queue', help: 'queue name' }, body: { default: 'Hello from SQS!', help: 'message body' }, count: { default: '1', help: 'number of records' } },
      build: (o, ctx) => ({
        Records: Array.from({ length: Number(o['count']) || 1 }, () => {
          const body = o['body'] as string;
          const m: SqsMessage = { messageId: randomUUID(), body, attributes: {}, md5OfBody: md5(body), md5OfMessageAttributes: md5OfAttributes({}), sentTimestamp: ctx.now, senderId: 'AIDAIENQZJOLO23YVJ4VO', receiveCount: 1, firstReceiveTimestamp: ctx.now, visibleAt: ctx.now, receipt: Buffer.from(randomUUID()).toString('base64') };
          return lambdaRecord(m, `arn:aws:sqs:${ctx.partition.region}:${ctx.partition.accountId}:${o['queue']}`, ctx.partition.region);
        }),
      }),
    },
  },
  sns: {
    notification: {
      help: 'SNS notification to a subscribed function',
      options: { topic: { default: 'my-topic', help: 'topic name' }, message: { default: 'Hello from SNS!', help: 'message' }, subject: { default: 'TestInvoke', help: 'subject ("" for none)' } },
      build: (o, ctx) => {
        const topicArn = `arn:aws:sns:${ctx.partition.region}:${ctx.partition.accountId}:${o['topic']}`;
        return snsLambdaEvent({ messageId: randomUUID(), topicArn, subject: o['subject'] || undefined, message: o['message'] as string, timestamp: ctx.now, attributes: {} }, `${topicArn}:${randomUUID()}`, ctx.partition.region);
      },
    },
  },
  eventbridge: {
    scheduled: {
      help: 'EventBridge scheduled event (Schedule events)',
      options: { rule: { default: 'my-schedule', help: 'rule name' } },
      build: (o, ctx) => scheduledEvent({ type: 'Schedule', arn: `arn:aws:events:${ctx.partition.region}:${ctx.partition.accountId}:rule/${o['rule']}` }, ctx.partition, ctx.now),
    },
    custom: {
      help: 'EventBridge event from a custom source',
      options: { source: { default: 'com.example.orders', help: 'source' }, 'detail-type': { default: 'Order Placed', help: 'detail-type' }, detail: { default: '{"orderId":"1234"}', help: 'detail as JSON' } },
      build: (o, ctx) => ({
        version: '0',
        id: randomUUID(),
        'detail-type': o['detail-type'],
        source: o['source'],
        account: ctx.partition.accountId,
        time: new Date(ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: ctx.partition.region,
        resources: [],
        detail: json(o['detail'] as string, 'detail'),
      }),
    },
  },
  dynamodb: {
    update: {
      help: 'DynamoDB stream record (INSERT, MODIFY or REMOVE)',
      options: { table: { default: 'my-table', help: 'table name' }, 'event-name': { default: 'MODIFY', help: 'INSERT, MODIFY or REMOVE' }, keys: { default: '{"id":{"S":"101"}}', help: 'Keys (DynamoDB JSON)' }, 'new-image': { default: '{"id":{"S":"101"},"message":{"S":"new item"}}', help: 'NewImage (DynamoDB JSON)' }, 'old-image': { default: '{"id":{"S":"101"},"message":{"S":"old item"}}', help: 'OldImage (DynamoDB JSON)' }, 'view-type': { default: 'NEW_AND_OLD_IMAGES', help: 'StreamViewType' } },
      build: (o, ctx) => {
        const eventName = o['event-name'] as 'INSERT' | 'MODIFY' | 'REMOVE';
        if (!['INSERT', 'MODIFY', 'REMOVE'].includes(eventName)) throw new Error(`--event-name must be INSERT, MODIFY or REMOVE, got ${eventName}`);
        const keys = json(o['keys'] as string, 'keys') as Record<string, unknown>;
        const newImage = eventName === 'REMOVE' ? undefined : (json(o['new-image'] as string, 'new-image') as Record<string, unknown>);
        const oldImage = eventName === 'INSERT' ? undefined : (json(o['old-image'] as string, 'old-image') as Record<string, unknown>);
        const change = { eventID: randomUUID().replace(/-/g, ''), eventName, keys, ...(newImage ? { newImage } : {}), ...(oldImage ? { oldImage } : {}), sizeBytes: Buffer.byteLength(JSON.stringify([keys, newImage ?? null, oldImage ?? null])) };
        const arn = `arn:aws:dynamodb:${ctx.partition.region}:${ctx.partition.accountId}:table/${o['table']}/stream/1970-01-01T00:00:00.000`;
        return { Records: [dynamoDbEventRecord(streamRecord(ctx, '400000000000000000001', { change }), arn, ctx.partition.region, o['view-type'] as StreamViewType)] };
      },
    },
  },
  kinesis: {
    'get-records': {
      help: 'Kinesis records delivered by an event source mapping',
      options: { stream: { default: 'my-stream', help: 'stream name' }, data: { default: 'Hello, this is a test.', help: 'record data (text; encoded to base64)' }, 'partition-key': { default: 'partition-key', help: 'partition key' } },
      build: (o, ctx) => {
        const arn = `arn:aws:kinesis:${ctx.partition.region}:${ctx.partition.accountId}:stream/${o['stream']}`;
        const r = streamRecord(ctx, '49590338271490256608559692538361571095921575989136588898', { partitionKey: o['partition-key'], data: Buffer.from(o['data'] as string).toString('base64') });
        return { Records: [kinesisEventRecord(r, arn, ctx.partition.region, `arn:aws:iam::${ctx.partition.accountId}:role/lambda-role`)] };
      },
    },
  },
  cloudwatch: {
    logs: {
      help: 'CloudWatch Logs subscription filter delivery (gzip + base64)',
      options: { 'log-group': { default: '/aws/lambda/my-function', help: 'log group' }, 'log-stream': { default: '2024/01/01/[$LATEST]0123456789abcdef', help: 'log stream' }, message: { default: 'ERROR something went wrong', help: 'log message' }, filter: { default: 'my-filter', help: 'subscription filter name' } },
      build: (o, ctx) => {
        const data = { messageType: 'DATA_MESSAGE', owner: ctx.partition.accountId, logGroup: o['log-group'], logStream: o['log-stream'], subscriptionFilters: [o['filter']], logEvents: [{ id: createHash('sha1').update(String(ctx.now)).digest('hex').replace(/\D/g, '').padEnd(56, '0').slice(0, 56), timestamp: ctx.now, message: o['message'] }] };
        return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(data))).toString('base64') } };
      },
    },
  },
};
