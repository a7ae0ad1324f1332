// Local topics from the template: a publish reaches an SQS subscriber (SNS envelope), a raw-delivery
// subscriber (the message as is) and a function with an SNS event (the exact SNS record).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { InvocationRecord } from '../../../../src/core/invoke/invoker';
import { handlers, samTemplate } from '../eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent, until } from '../../../support/wait';

const template = samTemplate(`  Inbox:
    Type: AWS::SQS::Queue
  Raw:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt Inbox.Arn
  RawSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Alerts
      Protocol: sqs
      Endpoint: !GetAtt Raw.Arn
      RawMessageDelivery: true
  Listener:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: listener
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      Events:
        OnAlert:
          Type: SNS
          Properties:
            Topic: !Ref Alerts
`);

describe('local topics', function () {
  this.timeout(30_000);
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers });
  });
  after(async () => t.dispose());

  it('fans a publish out to queues and functions in the SNS shapes', async () => {
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:Alerts';
    assert.deepEqual(t.events.topics.subscriptions('Alerts').map((s) => [s.protocol, s.endpoint, s.raw]), [
      ['sqs', 'arn:aws:sqs:us-east-1:123456789012:Inbox', false],
      ['sqs', 'arn:aws:sqs:us-east-1:123456789012:Raw', true],
      ['lambda', 'arn:aws:lambda:us-east-1:123456789012:function:listener', false],
    ]);
    const invoked = nextEvent<[InvocationRecord]>(t, 'invocation', (r) => r.functionName === 'listener');
    const reply = await new Promise<any>((resolve, reject) => {
      const req = http.request(`${t.url}/workbench/v1/topics/Alerts/publish`, { method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ Message: 'disk almost full', Subject: 'Warning' }));
    });
    assert.match(reply.MessageId, /^[0-9a-f-]{36}$/);

    const inbox = t.events.queues.get('Inbox')!;
    await until(inbox, 'available', () => inbox.peek().length === 1);
    const envelope = JSON.parse(inbox.peek()[0]!.body);
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']);
    assert.deepEqual([envelope.Type, envelope.MessageId, envelope.TopicArn, envelope.Subject, envelope.Message], ['Notification', reply.MessageId, topicArn, 'Warning', 'disk almost full']);
    const raw = t.events.queues.get('Raw')!;
    await until(raw, 'available', () => raw.peek().length === 1);
    assert.equal(raw.peek()[0]!.body, 'disk almost full');

    const event = JSON.parse((await invoked)[0].payload.toString('utf8'));
    const record = event.Records[0];
    assert.deepEqual(Object.keys(record), ['EventVersion', 'EventSubscriptionArn', 'EventSource', 'Sns']);
    assert.equal(record.EventSource, 'aws:sns');
    assert.ok(record.EventSubscriptionArn.startsWith(`${topicArn}:`));
    assert.deepEqual(Object.keys(record.Sns), ['SignatureVersion', 'Timestamp', 'Signature', 'SigningCertUrl', 'MessageId', 'Message', 'MessageAttributes', 'Type', 'UnsubscribeUrl', 'TopicArn', 'Subject']);
    assert.deepEqual([record.Sns.Message, record.Sns.Subject, record.Sns.TopicArn, record.Sns.Type], ['disk almost full', 'Warning', topicArn, 'Notification']);
  });
});
