// Sample events of broker event source mappings: Amazon MSK and self-managed Apache Kafka, Amazon MQ
// for ActiveMQ and RabbitMQ, in the shapes of the Lambda developer guide (with-msk, with-kafka, with-mq).
import { randomUUID } from 'node:crypto';
import type { SampleContext, SampleType } from './sampleTypes';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const bytes = (s: string): number[] => [...Buffer.from(s, 'utf8')];

const kafkaOptions = {
  topic: { default: 'mytopic', help: 'topic' },
  partition: { default: '0', help: 'partition number' },
  key: { default: 'order-1', help: 'record key (text; base64-encoded in the event)' },
  value: { default: '{"orderId":"1234","amount":42}', help: 'record value (text; base64-encoded in the event)' },
  'header-key': { default: 'source', help: 'a record header name ("" for none)' },
  'header-value': { default: 'checkout', help: 'its value (sent as a byte array)' },
};

function kafkaRecords(o: Readonly<Record<string, string>>, ctx: SampleContext): Record<string, unknown[]> {
  const partition = Number(o['partition']);
  if (!Number.isInteger(partition) || partition < 0) throw new Error(`--partition must be a whole number, got ${o['partition']}`);
  const topic = o['topic'] as string;
  const headers = o['header-key'] ? [{ [o['header-key']]: bytes(o['header-value'] ?? '') }] : [];
  return {
    [`${topic}-${partition}`]: [{ topic, partition, offset: 15, timestamp: ctx.now, timestampType: 'CREATE_TIME', key: b64(o['key'] ?? ''), value: b64(o['value'] ?? ''), headers }],
  };
}

/** `generate-event kafka|mq <type>`. */
export const brokerSamples: Readonly<Record<string, Readonly<Record<string, SampleType>>>> = {
  kafka: {
    msk: {
      help: 'Amazon MSK records delivered by an event source mapping (eventSource aws:kafka)',
      options: { cluster: { default: 'demo-cluster', help: 'MSK cluster name' }, ...kafkaOptions },
      build: (o, ctx) => ({
        eventSource: 'aws:kafka',
        eventSourceArn: `arn:aws:kafka:${ctx.partition.region}:${ctx.partition.accountId}:cluster/${o['cluster']}/751d2973-a626-431c-9d4e-d7975eb44dd7-2`,
        bootstrapServers: [1, 2].map((n) => `b-${n}.${o['cluster']}.a1bcde.c1.kafka.${ctx.partition.region}.amazonaws.com:9092`).join(','),
        records: kafkaRecords(o, ctx),
      }),
    },
    'self-managed': {
      help: 'Self-managed Apache Kafka records delivered by an event source mapping (eventSource SelfManagedKafka)',
      options: { 'bootstrap-servers': { default: 'b-1.example.com:9092,b-2.example.com:9092', help: 'bootstrap servers' }, ...kafkaOptions },
      build: (o, ctx) => ({ eventSource: 'SelfManagedKafka', bootstrapServers: o['bootstrap-servers'], records: kafkaRecords(o, ctx) }),
    },
  },
  mq: {
    activemq: {
      help: 'Amazon MQ for ActiveMQ messages delivered by an event source mapping (eventSource aws:mq)',
      options: { broker: { default: 'my-broker', help: 'broker name' }, queue: { default: 'testQueue', help: 'queue (physicalName)' }, data: { default: 'ABC:AAAA', help: 'message body (text; base64-encoded in the event)' } },
      build: (o, ctx) => {
        const brokerId = 'b-9bcfa592-423a-4942-879d-eb284b418fc8';
        return {
          eventSource: 'aws:mq',
          eventSourceArn: `arn:aws:mq:${ctx.partition.region}:${ctx.partition.accountId}:broker:${o['broker']}:${brokerId}`,
          messages: [{
            messageID: `ID:${brokerId}-1.mq.${ctx.partition.region}.amazonaws.com-37557-1234520418293-4:1:1:1:1`,
            messageType: 'jms/text-message',
            deliveryMode: 1,
            replyTo: null,
            type: null,
            expiration: '60000',
            priority: 1,
            correlationId: 'myJMSCoID',
            redelivered: false,
            destination: { physicalName: o['queue'] },
            data: b64(o['data'] ?? ''),
            timestamp: ctx.now,
            brokerInTime: ctx.now,
            brokerOutTime: ctx.now + 1,
            properties: { index: '1', doAlarm: 'false', myCustomProperty: 'value' },
          }],
        };
      },
    },
    rabbitmq: {
      help: 'Amazon MQ for RabbitMQ messages delivered by an event source mapping (eventSource aws:rmq)',
      options: { broker: { default: 'my-broker', help: 'broker name' }, queue: { default: 'pizzaQueue', help: 'queue name' }, 'virtual-host': { default: '/', help: 'virtual host' }, data: { default: '{"timeout":0,"data":"CZrmf0Gw8Ov4bqLQxD4E"}', help: 'message body (text; base64-encoded in the event)' } },
      build: (o, ctx) => {
        const data = o['data'] ?? '';
        return {
          eventSource: 'aws:rmq',
          eventSourceArn: `arn:aws:mq:${ctx.partition.region}:${ctx.partition.accountId}:broker:${o['broker']}:b-${randomUUID()}`,
          // Messages are grouped by "<queue>::<virtual host>".
          rmqMessagesByQueue: {
            [`${o['queue']}::${o['virtual-host']}`]: [{
              basicProperties: {
                contentType: 'text/plain',
                contentEncoding: null,
                headers: { header1: { bytes: bytes('value1') }, header2: { bytes: bytes('value2') }, numberInHeader: 10 },
                deliveryMode: 1,
                priority: 34,
                correlationId: null,
                replyTo: null,
                expiration: '60000',
                messageId: null,
                timestamp: new Date(ctx.now).toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZone: 'UTC' }),
                type: null,
                userId: 'AIDACKCEVSQ6C2EXAMPLE',
                appId: null,
                clusterId: null,
                bodySize: Buffer.byteLength(data),
              },
              redelivered: false,
              data: b64(data),
            }],
          },
        };
      },
    },
  },
};
