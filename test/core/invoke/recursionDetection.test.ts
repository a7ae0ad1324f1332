// Recursive loop detection: Get/PutFunctionRecursionConfig (SDK v3), the template's RecursiveLoop, and
// real loops through the local endpoint driven by the AWS SDK v3 inside the functions (Lambda -> Lambda
// Event, Lambda -> SQS -> Lambda): stopped after 16 invocations with RecursiveInvocationsDropped and a
// warning naming the path, or left running with RecursiveLoop Allow.
import { CreateEventSourceMappingCommand, GetFunctionRecursionConfigCommand, InvokeCommand, PutFunctionEventInvokeConfigCommand, PutFunctionRecursionConfigCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import * as assert from 'node:assert/strict';
import type { InvocationRecord } from '../../../src/core/invoke/invoker';
import { RECURSION_LIMIT } from '../../../src/core/invoke/recursionGuard';
import { fixture, functionConfig, startTestEngine, type TestEngine } from '../../support/engine';
import { until } from '../../support/wait';

describe('recursive loop detection', function () {
  this.timeout(90_000);
  let t: TestEngine;
  const hops = new Map<string, number>();
  const warnings: string[] = [];

  const logged: string[] = [];
  beforeEach(async () => {
    hops.clear();
    warnings.length = 0;
    logged.length = 0;
    t = await startTestEngine({ listen: true, template: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Allowed:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: allowed
      CodeUri: ${fixture('recursion')}
      Handler: index.selfInvoke
      Runtime: nodejs20.x
      RecursiveLoop: Allow
` });
    t.on('invocation', (r: InvocationRecord) => hops.set(r.functionName, (hops.get(r.functionName) ?? 0) + 1));
    t.on('warning', (m: string) => warnings.push(m));
    t.logs.onDidAppend((group, stream, e) => {
      if (stream === 'recursive-loop-detection') logged.push(`${group} ${e.message}`);
    });
  });
  afterEach(() => t.dispose());

  const define = (name: string, handler: string, env: Record<string, string> = {}) =>
    t.defineFunction(functionConfig(name, fixture('recursion'), { handler: `index.${handler}`, timeout: 10, environment: { LWB_ENDPOINT: t.url, ...env } }));

  it('gets and puts RecursiveLoop (default Terminate, the template’s Allow) with Lambda’s validation', async () => {
    define('looper', 'selfInvoke');
    assert.equal((await t.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'looper' }))).RecursiveLoop, 'Terminate');
    assert.equal((await t.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'allowed' }))).RecursiveLoop, 'Allow');
    assert.equal((await t.lambda.send(new PutFunctionRecursionConfigCommand({ FunctionName: 'looper', RecursiveLoop: 'Allow' }))).RecursiveLoop, 'Allow');
    assert.equal((await t.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'looper' }))).RecursiveLoop, 'Allow');
    await assert.rejects(t.lambda.send(new PutFunctionRecursionConfigCommand({ FunctionName: 'looper', RecursiveLoop: 'Sometimes' as 'Allow' })), (e: Error) => e.name === 'ValidationException');
    await assert.rejects(t.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'looper:1' })), (e: Error) => e.name === 'InvalidParameterValueException');
    await assert.rejects(t.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'nope' })), (e: Error) => e.name === 'ResourceNotFoundException');
  });

  it('stops a Lambda -> Lambda Event loop after 16 invocations, with the metric and a warning naming the path', async () => {
    define('looper', 'selfInvoke', {});
    await t.lambda.send(new InvokeCommand({ FunctionName: 'looper', InvocationType: 'Event', Payload: Buffer.from('{"stopAt":40}') }));
    await until(t, 'warning', () => warnings.some((w) => w.startsWith('Recursive loop detected: looper')), 60_000);
    // The 17th call is refused while the 16th runs; the 16th is recorded once it returns.
    await until(t, 'invocation', () => hops.get('looper') === RECURSION_LIMIT, 20_000);
    assert.match(warnings.find((w) => w.startsWith('Recursive loop detected')) ?? '', /looper was invoked 17 times .* Loop path: looper \(17\)/);
    const points = t.metrics.query({ functionName: 'looper' });
    assert.equal(points.reduce((n, p) => n + p.recursiveInvocationsDropped, 0), 1);
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? '', /^\/aws\/lambda\/looper WARNING Recursive loop detected: looper/);
  });

  it('lets the loop run with RecursiveLoop Allow', async () => {
    define('looper', 'selfInvoke');
    await t.lambda.send(new PutFunctionRecursionConfigCommand({ FunctionName: 'looper', RecursiveLoop: 'Allow' }));
    await t.lambda.send(new InvokeCommand({ FunctionName: 'looper', InvocationType: 'Event', Payload: Buffer.from('{"stopAt":20}') }));
    await until(t, 'invocation', () => hops.get('looper') === 20, 60_000);
    assert.deepEqual(warnings.filter((w) => w.startsWith('Recursive loop')), []);
  });

  it('stops a Lambda -> SQS -> Lambda loop and drops the message', async () => {
    const sqs = new SQSClient({ endpoint: t.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'loop-queue' }));
      define('queue-looper', 'queueLoop', { QUEUE_URL: QueueUrl ?? '' });
      await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'queue-looper', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:loop-queue', BatchSize: 1 }));
      await t.lambda.send(new InvokeCommand({ FunctionName: 'queue-looper', Payload: Buffer.from(JSON.stringify({ Records: [{ body: '{"stopAt":40}' }] })) }));
      await until(t, 'warning', () => warnings.some((w) => w.startsWith('Recursive loop detected: queue-looper')), 60_000);
      assert.match(warnings.find((w) => w.startsWith('Recursive loop detected')) ?? '', /same SQS event chain/);
      // The direct invoke plus 15 from the queue; the 17th is dropped (and its message deleted).
      await until(t, 'invocation', () => hops.get('queue-looper') === RECURSION_LIMIT, 20_000);
    } finally {
      sqs.destroy();
    }
  });

  it('stops a Lambda -> SNS -> Lambda loop (the trace header follows Publish)', async () => {
    const post = async (form: Record<string, string>): Promise<string> => {
      const res = await fetch(t.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      return text;
    };
    const created = await post({ Action: 'CreateTopic', Name: 'loop-topic' });
    const topicArn = /<TopicArn>([^<]+)<\/TopicArn>/.exec(created)?.[1] ?? '';
    define('topic-looper', 'topicLoop', { TOPIC_ARN: topicArn });
    await post({ Action: 'Subscribe', TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:topic-looper' });
    await post({ Action: 'Publish', TopicArn: topicArn, Message: '{"stopAt":40}' });
    await until(t, 'warning', () => warnings.some((w) => w.startsWith('Recursive loop detected: topic-looper')), 60_000);
    assert.match(warnings.find((w) => w.startsWith('Recursive loop detected')) ?? '', /same SNS event chain/);
    await until(t, 'invocation', () => hops.get('topic-looper') === RECURSION_LIMIT, 20_000);
  });

  describe('where the stopped event goes', () => {
    let sqs: SQSClient;
    beforeEach(() => {
      sqs = new SQSClient({ endpoint: t.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
    });
    afterEach(() => sqs.destroy());
    const queue = async (name: string, attributes?: Record<string, string>) => (await sqs.send(new CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }))).QueueUrl ?? '';
    const arnOf = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
    const receiveOne = async (url: string): Promise<Message> => {
      for (;;) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20, MessageAttributeNames: ['All'] }));
        if (Messages?.[0]) return Messages[0];
      }
    };

    it('sends a stopped Event to the function’s DLQ and OnFailure destination, unrun', async () => {
      const dlq = await queue('looper-dlq');
      const failures = await queue('looper-failures');
      t.defineFunction(functionConfig('looper', fixture('recursion'), { handler: 'index.selfInvoke', timeout: 10, environment: { LWB_ENDPOINT: t.url }, deadLetterTargetArn: arnOf('looper-dlq') }));
      await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'looper', DestinationConfig: { OnFailure: { Destination: arnOf('looper-failures') } } }));
      await t.lambda.send(new InvokeCommand({ FunctionName: 'looper', InvocationType: 'Event', Payload: Buffer.from('{"stopAt":40}') }));
      const dead = await receiveOne(dlq);
      // The DLQ gets the original event (the 17th hop's payload) with the exception as its attributes.
      assert.deepEqual(JSON.parse(dead.Body ?? ''), { stopAt: 40, n: RECURSION_LIMIT });
      assert.equal(dead.MessageAttributes?.['ErrorCode']?.StringValue, '400');
      assert.match(dead.MessageAttributes?.['ErrorMessage']?.StringValue ?? '', /recursive loop/);
      const record = JSON.parse((await receiveOne(failures)).Body ?? '') as { requestContext: { condition: string; approximateInvokeCount: number }; requestPayload: unknown };
      assert.equal(record.requestContext.condition, 'RecursiveInvocationDropped');
      assert.equal(record.requestContext.approximateInvokeCount, 0);
      assert.deepEqual(record.requestPayload, { stopAt: 40, n: RECURSION_LIMIT });
      assert.equal(hops.get('looper'), RECURSION_LIMIT);
      assert.equal(t.metrics.query({ functionName: 'looper' }).reduce((n, p) => n + p.recursiveInvocationsDropped, 0), 1);
    });

    it('moves stopped SQS messages to the source queue’s dead-letter queue', async () => {
      await queue('loop-dlq');
      const url = await queue('loop-queue', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('loop-dlq'), maxReceiveCount: 5 }) });
      define('queue-looper', 'queueLoop', { QUEUE_URL: url });
      await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'queue-looper', EventSourceArn: arnOf('loop-queue'), BatchSize: 1 }));
      await t.lambda.send(new InvokeCommand({ FunctionName: 'queue-looper', Payload: Buffer.from(JSON.stringify({ Records: [{ body: '{"stopAt":40}' }] })) }));
      const dead = await receiveOne(await queue('loop-dlq'));
      assert.deepEqual(JSON.parse(dead.Body ?? ''), { stopAt: 40, n: RECURSION_LIMIT });
      assert.ok(warnings.some((w) => w.startsWith('Recursive loop detected: queue-looper')));
    });
  });
});
