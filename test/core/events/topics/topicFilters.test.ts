// Filter policies from the template: a function SNS event and an AWS::SNS::Subscription receive only the
// messages their FilterPolicy accepts (attributes or body); an invalid policy is a clear warning. The
// real `aws sns` CLI publishes through the SNS Query protocol of the endpoint.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { InvocationRecord } from '../../../../src/core/invoke/invoker';
import { aws, awsJson } from '../../../support/awsCli';
import { handlers, samTemplate } from '../eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent, until } from '../../../support/wait';

const template = samTemplate(`  North:
    Type: AWS::SQS::Queue
  Orders:
    Type: AWS::SNS::Topic
  NorthOnly:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Orders
      Protocol: sqs
      Endpoint: !GetAtt North.Arn
      FilterPolicy:
        store: [north]
  Broken:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Orders
      Protocol: sqs
      Endpoint: !GetAtt North.Arn
      FilterPolicy:
        store: north
  Cheap:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: cheap
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      Events:
        OnOrder:
          Type: SNS
          Properties:
            Topic: !Ref Orders
            FilterPolicy:
              price_usd:
                - numeric: ['<', 100]
  Vip:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: vip
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      Events:
        OnOrder:
          Type: SNS
          Properties:
            Topic: !Ref Orders
            FilterPolicyScope: MessageBody
            FilterPolicy: '{"customer": {"tier": ["gold", "platinum"]}}'
`);

describe('topics: filter policies and the SNS API', function () {
  this.timeout(30_000);
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers });
  });
  after(async () => t.dispose());

  const publish = async (message: string, attributes: Record<string, { DataType: string; StringValue: string }> = {}): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${t.url}/workbench/v1/topics/Orders/publish`, { method: 'POST', body: JSON.stringify({ Message: message, MessageAttributes: attributes }) });
    return { status: res.status, body: await res.json() };
  };
  const deliveries = (messageId: string): Record<string, string> => deliveriesOf('Orders', messageId);
  const deliveriesOf = (topic: string, messageId: string): Record<string, string> => {
    const m = t.events.topics.history(topic).find((h) => h.notification.messageId === messageId);
    assert.ok(m, `message ${messageId} is in the topic history`);
    return Object.fromEntries(m.deliveries.map((d) => [d.endpoint.replace(/^.*:/, ''), d.filtered ? 'filtered' : d.ok ? 'sent' : 'failed']));
  };

  it('leaves out a subscription whose policy is invalid, saying why', () => {
    assert.ok(t.warnings.some((w) => /^Broken: FilterPolicy\.store: the value must be a list of conditions\. The subscription is left out\.$/.test(w)), t.warnings.join('\n'));
    assert.deepEqual(t.events.topics.subscriptions('Orders').map((s) => s.endpoint.replace(/^.*:/, '')), ['North', 'cheap', 'vip']);
  });

  it('delivers each message only where the filter policy matches', async () => {
    const cheapRan = nextEvent<[InvocationRecord]>(t, 'invocation', (r) => r.functionName === 'cheap');
    const first = await publish(JSON.stringify({ customer: { tier: 'silver' } }), { price_usd: { DataType: 'Number', StringValue: '42.5' }, store: { DataType: 'String', StringValue: 'north' } });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(deliveries(first.body.MessageId), { North: 'sent', cheap: 'sent', vip: 'filtered' });
    assert.equal(JSON.parse((await cheapRan)[0].payload.toString('utf8')).Records[0].Sns.MessageAttributes.price_usd.Value, '42.5');
    const north = t.events.queues.get('North')!;
    await until(north, 'available', () => north.peek().length === 1);

    const vipRan = nextEvent<[InvocationRecord]>(t, 'invocation', (r) => r.functionName === 'vip');
    const second = await publish(JSON.stringify({ customer: { tier: 'gold' } }), { price_usd: { DataType: 'Number', StringValue: '250' }, store: { DataType: 'String', StringValue: 'south' } });
    assert.deepEqual(deliveries(second.body.MessageId), { North: 'filtered', cheap: 'filtered', vip: 'sent' });
    assert.equal(JSON.parse(JSON.parse((await vipRan)[0].payload.toString('utf8')).Records[0].Sns.Message).customer.tier, 'gold');
    assert.equal(north.peek().length, 1, 'the filtered message did not reach the queue');
  });

  it('rejects malformed MessageAttributes with a 400 and publishes nothing', async () => {
    const before = t.events.topics.history('Orders').length;
    const bad = await publish('x', { price_usd: { DataType: 'Decimal', StringValue: '1' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message ?? bad.body.Message ?? JSON.stringify(bad.body), /MessageAttributes price_usd: needs a DataType of String, Number or String\.Array and a StringValue/);
    assert.equal(t.events.topics.history('Orders').length, before);
  });

  it('publishes with the real aws sns CLI: attributes, MessageStructure json, and AWS errors', async () => {
    const arn = 'arn:aws:sns:us-east-1:123456789012:Orders';
    assert.ok((await awsJson(t.url, ['sns', 'list-topics'])).Topics.some((x: { TopicArn: string }) => x.TopicArn === arn));
    const subs = await awsJson(t.url, ['sns', 'list-subscriptions-by-topic', '--topic-arn', arn]);
    assert.deepEqual(subs.Subscriptions.map((x: { Protocol: string; Endpoint: string }) => `${x.Protocol} ${x.Endpoint.replace(/^.*:/, '')}`), ['sqs North', 'lambda cheap', 'lambda vip']);

    const bothRan = Promise.all(['cheap', 'vip'].map((fn) => nextEvent<[InvocationRecord]>(t, 'invocation', (r) => r.functionName === fn)));
    const published = await awsJson(t.url, ['sns', 'publish', '--topic-arn', arn, '--message', '{"customer":{"tier":"platinum"}}', '--message-attributes', '{"price_usd":{"DataType":"Number","StringValue":"9.99"}}']);
    assert.match(published.MessageId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(deliveries(published.MessageId), { North: 'filtered', cheap: 'sent', vip: 'sent' });
    const [cheap, vip] = (await bothRan).map(([r]) => r);
    assert.equal(JSON.parse(cheap!.payload.toString('utf8')).Records[0].Sns.MessageId, published.MessageId);
    assert.equal(JSON.parse(vip!.payload.toString('utf8')).Records[0].Sns.Message, '{"customer":{"tier":"platinum"}}');

    const structuredRan = nextEvent<[InvocationRecord]>(t, 'invocation', (r) => r.functionName === 'cheap');
    const north = t.events.queues.get('North')!;
    const queued = north.peek().length;
    const structured = await awsJson(t.url, [
      'sns', 'publish', '--topic-arn', arn, '--message-structure', 'json',
      '--message', JSON.stringify({ default: 'plain', lambda: 'for functions', sqs: 'for queues' }),
      '--message-attributes', '{"price_usd":{"DataType":"Number","StringValue":"1"},"store":{"DataType":"String","StringValue":"north"}}',
    ]);
    assert.deepEqual(deliveries(structured.MessageId), { North: 'sent', cheap: 'sent', vip: 'filtered' });
    assert.equal(JSON.parse((await structuredRan)[0].payload.toString('utf8')).Records[0].Sns.Message, 'for functions');
    await until(north, 'available', () => north.peek().length === queued + 1);
    assert.equal(JSON.parse(north.peek()[queued]!.body).Message, 'for queues');

    const missing = await aws(t.url, ['sns', 'publish', '--topic-arn', 'arn:aws:sns:us-east-1:123456789012:Nope', '--message', 'x']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /An error occurred \(NotFound\) when calling the Publish operation: Topic does not exist/);
    const badStructure = await aws(t.url, ['sns', 'publish', '--topic-arn', arn, '--message-structure', 'json', '--message', '{"lambda":"x"}']);
    assert.match(badStructure.stderr, /\(InvalidParameter\) when calling the Publish operation: Invalid parameter: Message Structure - No default entry in JSON message body/);
    const unsupported = await aws(t.url, ['sns', 'get-topic-attributes', '--topic-arn', arn]);
    assert.match(unsupported.stderr, /\(InvalidAction\) when calling the GetTopicAttributes operation: Local topics support Publish, CreateTopic, Subscribe, Unsubscribe, ListTopics, ListSubscriptionsByTopic; GetTopicAttributes is not emulated\./);

    const created = await awsJson(t.url, ['sns', 'create-topic', '--name', 'Adhoc']);
    assert.equal(created.TopicArn, 'arn:aws:sns:us-east-1:123456789012:Adhoc');
    assert.ok((await awsJson(t.url, ['sns', 'list-topics'])).Topics.some((x: { TopicArn: string }) => x.TopicArn === created.TopicArn));
    assert.match((await awsJson(t.url, ['sns', 'publish', '--topic-arn', created.TopicArn, '--message', 'nobody listens'])).MessageId, /^[0-9a-f-]{36}$/);
  });

  it('subscribes and unsubscribes through the SNS API, with RawMessageDelivery and a FilterPolicy', async () => {
    const topic = (await awsJson(t.url, ['sns', 'create-topic', '--name', 'Jobs'])).TopicArn as string;
    const queueArn = 'arn:aws:sqs:us-east-1:123456789012:North';
    const attributes = JSON.stringify({ RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ kind: ['build'] }) });
    const sub = await awsJson(t.url, ['sns', 'subscribe', '--topic-arn', topic, '--protocol', 'sqs', '--notification-endpoint', queueArn, '--attributes', attributes, '--return-subscription-arn']);
    assert.ok(sub.SubscriptionArn.startsWith(`${topic}:`));
    const north = t.events.queues.get('North')!;
    const queued = north.peek().length;
    const kind = (k: string): string => JSON.stringify({ kind: { DataType: 'String', StringValue: k } });
    const built = await awsJson(t.url, ['sns', 'publish', '--topic-arn', topic, '--message', 'build done', '--message-attributes', kind('build')]);
    const skipped = await awsJson(t.url, ['sns', 'publish', '--topic-arn', topic, '--message', 'lint done', '--message-attributes', kind('lint')]);
    assert.deepEqual([built, skipped].map((m) => Object.values(deliveriesOf('Jobs', m.MessageId))), [['sent'], ['filtered']]);
    await until(north, 'available', () => north.peek().length === queued + 1);
    assert.equal(north.peek()[queued]!.body, 'build done', 'raw delivery sends the message as is');

    const email = await aws(t.url, ['sns', 'subscribe', '--topic-arn', topic, '--protocol', 'email', '--notification-endpoint', 'dev@example.com']);
    assert.match(email.stderr, /\(InvalidParameter\) when calling the Subscribe operation: Invalid parameter: Protocol Reason: only lambda and sqs subscriptions are emulated locally, not email/);
    const badPolicy = await aws(t.url, ['sns', 'subscribe', '--topic-arn', topic, '--protocol', 'sqs', '--notification-endpoint', queueArn, '--attributes', JSON.stringify({ FilterPolicy: '{"kind":"build"}' })]);
    assert.match(badPolicy.stderr, /Invalid parameter: Filter policy: FilterPolicy\.kind: the value must be a list of conditions\./);

    // A template reload keeps what the API created.
    await t.loadTemplate({ templatePath: path.join(t.dir, 'template.yaml'), dotEnvFile: false });
    assert.deepEqual((await awsJson(t.url, ['sns', 'list-subscriptions-by-topic', '--topic-arn', topic])).Subscriptions.map((x: { SubscriptionArn: string }) => x.SubscriptionArn), [sub.SubscriptionArn]);

    await awsJson(t.url, ['sns', 'unsubscribe', '--subscription-arn', sub.SubscriptionArn]);
    assert.deepEqual((await awsJson(t.url, ['sns', 'list-subscriptions-by-topic', '--topic-arn', topic])).Subscriptions, []);
    const again = await aws(t.url, ['sns', 'unsubscribe', '--subscription-arn', sub.SubscriptionArn]);
    assert.match(again.stderr, /\(NotFound\) when calling the Unsubscribe operation: Subscription does not exist/);
  });
});
