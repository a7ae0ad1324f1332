// SQS event source mappings: a template SQS event with a batching window and ReportBatchItemFailures
// (only the failing item comes back), enable/disable, and the mapping API through the AWS CLI.
import * as assert from 'node:assert/strict';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { BatchReport } from '../../../../src/core/events/mappings/pollerDeps';
import type { InvocationRecord } from '../../../../src/core/invoke/invoker';
import { awsJson, awsError } from '../../../support/awsCli';
import { handlers, samTemplate } from '../eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent, until } from '../../../support/wait';

const template = samTemplate(`  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 2
  Other:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: worker
      CodeUri: src
      Handler: worker.handler
      Runtime: nodejs20.x
      Events:
        FromOrders:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
            BatchSize: 5
            MaximumBatchingWindowInSeconds: 1
            FunctionResponseTypes:
              - ReportBatchItemFailures
        TooBig:
          Type: SQS
          Properties:
            Queue: !GetAtt Other.Arn
            BatchSize: 20
`);

const ORDERS = 'arn:aws:sqs:us-east-1:123456789012:Orders';

describe('SQS event source mappings', function () {
  this.timeout(60_000);
  let t: TestEngine;
  let sqs: SQSClient;
  const cli = (...args: string[]): Promise<any> => awsJson(t.url, args);
  const cliError = (...args: string[]): Promise<string> => awsError(t.url, args);
  const batch = (match: (r: BatchReport) => boolean) => nextEvent<[BatchReport]>(t.events.mappings, 'batch', match).then(([r]) => r);

  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers });
    sqs = new SQSClient({ endpoint: t.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  });
  after(async () => {
    sqs.destroy();
    await t.dispose();
  });

  it('batches within the window and returns only the failing item to the queue', async () => {
    const events: InvocationRecord[] = [];
    t.on('invocation', (r) => r.functionName === 'worker' && events.push(r));
    const first = batch(() => true);
    const sent = await sqs.send(new SendMessageBatchCommand({
      QueueUrl: `${t.url}/123456789012/Orders`,
      Entries: [{ Id: 'a', MessageBody: 'good one' }, { Id: 'b', MessageBody: 'bad', MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' } } }, { Id: 'c', MessageBody: 'good two' }],
    }));
    const badId = sent.Successful?.find((s) => s.Id === 'b')?.MessageId;
    const report = await first;
    assert.equal(report.outcome, 'PartialFailure');
    assert.equal(report.records, 3);
    assert.deepEqual(report.failedItems, [badId]);
    const left = t.events.queues.get('Orders')!.peek();
    assert.deepEqual(left.map((m) => m.body), ['bad'], 'the two good messages were deleted');

    const event = JSON.parse(events[0]!.payload.toString('utf8'));
    assert.equal(event.Records.length, 3);
    const r = event.Records.find((x: any) => x.body === 'bad');
    assert.deepEqual(Object.keys(r), ['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfBody', 'md5OfMessageAttributes', 'eventSource', 'eventSourceARN', 'awsRegion']);
    assert.equal(r.messageId, badId);
    assert.deepEqual(Object.keys(r.attributes), ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp']);
    assert.equal(r.attributes.ApproximateReceiveCount, '1');
    assert.deepEqual(r.messageAttributes, { kind: { stringValue: 'x', stringListValues: [], binaryListValues: [], dataType: 'String' } });
    assert.equal(r.eventSource, 'aws:sqs');
    assert.equal(r.eventSourceARN, ORDERS);
    assert.equal(r.awsRegion, 'us-east-1');

    // After the 2-second visibility timeout only the failed message comes back.
    const again = await batch((x) => x.failedItems?.[0] === badId);
    assert.equal(again.records, 1);
    const retry = JSON.parse(events[events.length - 1]!.payload.toString('utf8'));
    assert.equal(retry.Records[0].attributes.ApproximateReceiveCount, '2');
  });

  it('reports a template SQS event Lambda would reject, and does not map it', () => {
    assert.ok(t.warnings.includes('Worker event TooBig (SQS): Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10'), t.warnings.join('\n'));
  });

  it('lists, disables and re-enables the template mapping through the API', async () => {
    const list = await cli('lambda', 'list-event-source-mappings', '--function-name', 'worker');
    assert.equal(list.EventSourceMappings.length, 1);
    const m = list.EventSourceMappings[0];
    assert.equal(m.EventSourceArn, ORDERS);
    assert.equal(m.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:worker');
    assert.equal(m.BatchSize, 5);
    assert.equal(m.MaximumBatchingWindowInSeconds, 1);
    assert.deepEqual(m.FunctionResponseTypes, ['ReportBatchItemFailures']);
    assert.equal(m.State, 'Enabled');
    assert.equal(m.StateTransitionReason, 'USER_INITIATED');
    assert.equal(m.EventSourceMappingArn, `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${m.UUID}`);

    const updated = await cli('lambda', 'update-event-source-mapping', '--uuid', m.UUID, '--no-enabled');
    assert.equal(updated.State, 'Updating');
    await until(t.events.mappings, 'change', () => t.events.mappings.get(m.UUID)['State'] === 'Disabled');
    await t.events.applyProject(t.template!.project!);
    assert.equal(t.events.mappings.get(m.UUID)['State'], 'Disabled', 'a template reload keeps what the API changed');
    await cli('sqs', 'send-message', '--queue-url', `${t.url}/123456789012/Orders`, '--message-body', 'while disabled');
    const attrs = await cli('sqs', 'get-queue-attributes', '--queue-url', `${t.url}/123456789012/Orders`, '--attribute-names', 'ApproximateNumberOfMessages');
    assert.ok(Number(attrs.Attributes.ApproximateNumberOfMessages) >= 1, 'nothing consumes the queue while the mapping is disabled');
    const processed = batch((x) => x.outcome === 'Success' || x.records >= 1);
    await cli('lambda', 'update-event-source-mapping', '--uuid', m.UUID, '--enabled');
    assert.ok((await processed).records >= 1);
  });

  it('creates, rejects and deletes mappings like Lambda', async () => {
    assert.match(await cliError('lambda', 'create-event-source-mapping', '--function-name', 'worker', '--event-source-arn', 'arn:aws:sqs:us-east-1:123456789012:Other', '--batch-size', '20'),
      /InvalidParameterValueException.*Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10/);
    assert.match(await cliError('lambda', 'create-event-source-mapping', '--function-name', 'worker', '--event-source-arn', 'arn:aws:sqs:us-east-1:123456789012:Missing'),
      /Error occurred while ReceiveMessage\. SQS Error Code: AWS\.SimpleQueueService\.NonExistentQueue\. SQS Error Message: The specified queue does not exist\./);
    assert.match(await cliError('lambda', 'create-event-source-mapping', '--function-name', 'nobody', '--event-source-arn', 'arn:aws:sqs:us-east-1:123456789012:Other'),
      /Function does not exist/);
    const created = await cli('lambda', 'create-event-source-mapping', '--function-name', 'worker', '--event-source-arn', 'arn:aws:sqs:us-east-1:123456789012:Other',
      '--filter-criteria', JSON.stringify({ Filters: [{ Pattern: JSON.stringify({ body: { type: ['order'] } }) }] }));
    assert.equal(created.State, 'Creating');
    assert.equal(created.BatchSize, 10);
    assert.deepEqual(created.FunctionResponseTypes, []);
    assert.match(await cliError('lambda', 'create-event-source-mapping', '--function-name', 'worker', '--event-source-arn', 'arn:aws:sqs:us-east-1:123456789012:Other'),
      new RegExp(`ResourceConflictException.*An event source mapping with SQS arn \\(" arn:aws:sqs:us-east-1:123456789012:Other "\\) and function \\(" worker "\\) already exists\\. Please update or delete the existing mapping with UUID ${created.UUID}`));
    assert.match(await cliError('lambda', 'create-event-source-mapping', '--function-name', 'worker', '--event-source-arn', 'arn:aws:sqs:us-east-1:123456789012:Orders',
      '--filter-criteria', JSON.stringify({ Filters: [{ Pattern: 'not json' }] })), /Invalid filter pattern definition\./);

    // The filter lets JSON bodies with type "order" through and drops (deletes) the rest.
    const filtered = batch((x) => x.uuid === created.UUID && x.outcome === 'Filtered');
    await cli('sqs', 'send-message', '--queue-url', `${t.url}/123456789012/Other`, '--message-body', JSON.stringify({ type: 'refund' }));
    await filtered;
    const passed = batch((x) => x.uuid === created.UUID && x.outcome === 'Success');
    await cli('sqs', 'send-message', '--queue-url', `${t.url}/123456789012/Other`, '--message-body', JSON.stringify({ type: 'order' }));
    assert.equal((await passed).records, 1);

    const deleted = await cli('lambda', 'delete-event-source-mapping', '--uuid', created.UUID);
    assert.equal(deleted.State, 'Deleting');
    assert.match(await cliError('lambda', 'get-event-source-mapping', '--uuid', created.UUID), /ResourceNotFoundException.*The resource you requested does not exist\./);
  });
});
