// Stream event source mappings: Kinesis records through `aws kinesis put-records`, bisect isolating a
// poison record into the on-failure destination, checkpoints surviving a restart, and DynamoDB
// stream records with ReportBatchItemFailures.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BatchReport } from '../../../../src/core/events/mappings/pollerDeps';
import type { InvocationRecord } from '../../../../src/core/invoke/invoker';
import { aws, awsJson } from '../../../support/awsCli';
import { handlers, samTemplate } from '../eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent, until } from '../../../support/wait';

const template = samTemplate(`  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: items
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
  Failed:
    Type: AWS::SQS::Queue
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: reader
      CodeUri: src
      Handler: stream.handler
      Runtime: nodejs20.x
      Events:
        FromClicks:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: TRIM_HORIZON
            BatchSize: 8
            MaximumRetryAttempts: 0
            BisectBatchOnFunctionError: true
            DestinationConfig:
              OnFailure:
                Destination: !GetAtt Failed.Arn
        FromItems:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Items.StreamArn
            StartingPosition: LATEST
            MaximumRetryAttempts: 1
            FunctionResponseTypes:
              - ReportBatchItemFailures
            DestinationConfig:
              OnFailure:
                Destination: !GetAtt Failed.Arn
`);

const decode = (r: InvocationRecord): string[] =>
  (JSON.parse(r.payload.toString('utf8')).Records as any[]).map((x) => (x.kinesis ? Buffer.from(x.kinesis.data, 'base64').toString('utf8') : x.dynamodb.SequenceNumber));

describe('stream event source mappings', function () {
  this.timeout(90_000);
  let dir: string;
  let t: TestEngine;
  const runs: InvocationRecord[] = [];
  const start = async (): Promise<void> => {
    t = await startTestEngine({ listen: true, template, files: handlers, ...{ events: { retryDelayScale: 0.001 } }, workspaceDir: dir });
    t.on('invocation', (r) => r.functionName === 'reader' && runs.push(r));
  };
  const cli = (...args: string[]): Promise<any> => awsJson(t.url, args);
  const report = (match: (r: BatchReport) => boolean) => nextEvent<[BatchReport]>(t.events.mappings, 'batch', match).then(([r]) => r);
  const failedRecord = async (): Promise<any> => {
    const r = await cli('sqs', 'receive-message', '--queue-url', `${t.url}/123456789012/Failed`, '--wait-time-seconds', '20');
    assert.equal(r.Messages?.length, 1);
    return JSON.parse(r.Messages[0].Body);
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-streams-'));
    await start();
  });
  after(async () => {
    await t.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('isolates a poison record by bisecting and sends only it to the on-failure destination', async () => {
    const values = ['r1', 'r2', 'r3', 'r4', 'r5', 'poison', 'r7', 'r8'];
    const isolated = report((r) => r.outcome === 'SentToDestination');
    const put = await cli('kinesis', 'put-records', '--stream-name', 'Clicks', '--records', JSON.stringify(values.map((v) => ({ Data: v, PartitionKey: 'user-1' }))));
    assert.equal(put.FailedRecordCount, 0);
    const poisonSeq = put.Records[5].SequenceNumber;
    await isolated;
    await until(t.events.mappings, 'batch', () => runs.some((x) => decode(x).includes('r8') && !x.outcome.errorType));
    const delivered = runs.filter((r) => !r.outcome.errorType).flatMap(decode);
    assert.deepEqual(delivered, ['r1', 'r2', 'r3', 'r4', 'r5', 'r7', 'r8'], 'every good record once, in order');

    const record = await failedRecord();
    assert.deepEqual(Object.keys(record), ['requestContext', 'responseContext', 'version', 'timestamp', 'KinesisBatchInfo']);
    assert.equal(record.requestContext.condition, 'RetryAttemptsExhausted');
    assert.equal(record.requestContext.functionArn, 'arn:aws:lambda:us-east-1:123456789012:function:reader');
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    const info = record.KinesisBatchInfo;
    assert.deepEqual({ shardId: info.shardId, start: info.startSequenceNumber, end: info.endSequenceNumber, size: info.batchSize, arn: info.streamArn },
      { shardId: 'shardId-000000000000', start: poisonSeq, end: poisonSeq, size: 1, arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/Clicks' });
    const failing = runs.filter((r) => r.outcome.errorType && decode(r).length === 1);
    assert.equal(failing.at(-1)?.outcome.requestId, record.requestContext.requestId);

    const event = JSON.parse(runs[0]!.payload.toString('utf8')).Records[0];
    assert.deepEqual(Object.keys(event), ['kinesis', 'eventSource', 'eventVersion', 'eventID', 'eventName', 'invokeIdentityArn', 'awsRegion', 'eventSourceARN']);
    assert.deepEqual(Object.keys(event.kinesis), ['kinesisSchemaVersion', 'partitionKey', 'sequenceNumber', 'data', 'approximateArrivalTimestamp']);
    assert.equal(event.eventID, `shardId-000000000000:${put.Records[0].SequenceNumber}`);
    assert.equal(event.eventName, 'aws:kinesis:record');
    assert.equal(typeof event.kinesis.approximateArrivalTimestamp, 'number');
  });

  it('describes and lists streams through the Kinesis API', async () => {
    const summary = (await cli('kinesis', 'describe-stream-summary', '--stream-name', 'Clicks')).StreamDescriptionSummary;
    assert.deepEqual([summary.StreamName, summary.StreamARN, summary.StreamStatus, summary.OpenShardCount], ['Clicks', 'arn:aws:kinesis:us-east-1:123456789012:stream/Clicks', 'ACTIVE', 1]);
    await cli('kinesis', 'create-stream', '--stream-name', 'extra', '--shard-count', '2');
    assert.deepEqual((await cli('kinesis', 'list-streams')).StreamNames, ['Clicks', 'extra']);
    const missing = await aws(t.url, ['kinesis', 'put-record', '--stream-name', 'nope', '--partition-key', 'k', '--data', 'x']);
    assert.match(missing.stderr, /ResourceNotFoundException.*Stream nope under account 123456789012 not found\./);
  });

  it('resumes from its checkpoint after a restart', async () => {
    await t.dispose();
    runs.length = 0;
    await start();
    const next = report((r) => r.outcome === 'Success');
    await cli('kinesis', 'put-record', '--stream-name', 'Clicks', '--partition-key', 'user-1', '--data', 'after restart');
    await next;
    assert.deepEqual(runs.flatMap(decode), ['after restart'], 'records processed before the restart are not read again');
  });

  it('delivers DynamoDB stream records and retries from the first reported failure', async () => {
    runs.length = 0;
    const sent = report((r) => r.outcome === 'SentToDestination');
    const stored = await t.events.streams.putDynamoDbChanges('items', [
      { Keys: { id: { S: 'a' } }, NewImage: { id: { S: 'a' }, n: { N: '1' } } },
      { Keys: { id: { S: 'b' } }, NewImage: { id: { S: 'b' }, fail: { BOOL: true } } },
      { Keys: { id: { S: 'a' } }, NewImage: { id: { S: 'a' }, n: { N: '2' } }, OldImage: { id: { S: 'a' }, n: { N: '1' } } },
    ]);
    await sent;
    const seqs = stored.map((r) => r.sequenceNumber);
    assert.deepEqual(runs.map(decode), [seqs, seqs.slice(1)], 'b is retried once (MaximumRetryAttempts 1), from the reported failure on');
    const first = JSON.parse(runs[0]!.payload.toString('utf8')).Records;
    assert.deepEqual(Object.keys(first[0]), ['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb', 'eventSourceARN']);
    assert.deepEqual(first.map((r: any) => r.eventName), ['INSERT', 'INSERT', 'MODIFY']);
    assert.deepEqual(first[2].dynamodb.OldImage, { id: { S: 'a' }, n: { N: '1' } });
    assert.equal(first[0].dynamodb.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.equal(first[0].eventSourceARN, 'arn:aws:dynamodb:us-east-1:123456789012:table/items/stream/1970-01-01T00:00:00.000');
    const record = await failedRecord();
    assert.equal(record.DDBStreamBatchInfo.startSequenceNumber, seqs[1]);
    assert.equal(record.DDBStreamBatchInfo.endSequenceNumber, seqs[2]);
    assert.equal(record.requestContext.approximateInvokeCount, 2);
  });
});
