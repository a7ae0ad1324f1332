// The local queues through the SQS JSON protocol with the real AWS CLI and @aws-sdk/client-sqs:
// messages and attributes, visibility timeouts, redrive, batches, FIFO, errors and persistence.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ChangeMessageVisibilityCommand, CreateQueueCommand, DeleteMessageBatchCommand, DeleteMessageCommand, GetQueueAttributesCommand, GetQueueUrlCommand,
  PurgeQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient,
} from '@aws-sdk/client-sqs';
import { Emulator } from '../../../../src/core/emulator';
import { aws } from '../../../support/awsCli';

describe('SQS API (local queues)', function () {
  this.timeout(30_000);
  let dir: string;
  let engine: Emulator;
  let url: string;
  let sqs: SQSClient;

  const start = async (): Promise<void> => {
    engine = new Emulator({ workspaceDir: dir, api: {} });
    url = (await engine.listen()) as string;
    sqs = new SQSClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSQS', secretAccessKey: 'x' } });
  };
  const stop = async (): Promise<void> => {
    sqs.destroy();
    await engine.dispose();
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-sqs-'));
    await start();
  });
  after(async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates queues, sends with attributes and receives with the digests the SDK checks', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '5' } }));
    assert.equal(QueueUrl, `${url}/123456789012/orders`);
    assert.equal((await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '5' } }))).QueueUrl, QueueUrl, 'idempotent');
    await assert.rejects(sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '7' } })), { name: 'QueueNameExists' });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'héllo', MessageAttributes: { kind: { DataType: 'String', StringValue: 'new' }, n: { DataType: 'Number', StringValue: '3' } } }));
    assert.match(sent.MessageId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(sent.MD5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    assert.equal(got.Messages?.length, 1);
    const m = got.Messages[0]!;
    assert.equal(m.Body, 'héllo');
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(m.MessageAttributes, { kind: { DataType: 'String', StringValue: 'new' }, n: { DataType: 'Number', StringValue: '3' } });
    assert.equal(m.Attributes?.ApproximateReceiveCount, '1');
    assert.equal(m.Attributes?.SenderId, 'AKIDSQS');
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined, 'hidden while in flight');
    const counts = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.equal(counts.Attributes?.ApproximateNumberOfMessagesNotVisible, '1');
    assert.equal(counts.Attributes?.QueueArn, 'arn:aws:sqs:us-east-1:123456789012:orders');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    await assert.rejects(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'garbage' })), { name: 'ReceiptHandleIsInvalid' });
  });

  it('makes a message visible again after its visibility timeout (long polling waits for it)', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'retry-me' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));
    assert.equal(first.Messages?.length, 1);
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    assert.equal(second.Messages?.[0]?.Body, 'again');
    assert.equal(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount, '2');
    assert.notEqual(second.Messages?.[0]?.ReceiptHandle, first.Messages?.[0]?.ReceiptHandle);
    await assert.rejects(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages[0]!.ReceiptHandle })), { name: 'ReceiptHandleIsInvalid' });
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: second.Messages[0].ReceiptHandle, VisibilityTimeout: 0 }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.length, 1);
  });

  it('redrives a message to the dead-letter queue after maxReceiveCount receives', async () => {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'dead' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({
      QueueName: 'fragile',
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dead', maxReceiveCount: 2 }) },
    }));
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
      assert.equal(r.Messages?.[0]?.Body, 'poison');
    }
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['All'] }));
    assert.equal(dead.Messages?.[0]?.MessageId, sent.MessageId);
    assert.equal(dead.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn, 'arn:aws:sqs:us-east-1:123456789012:fragile');
  });

  it('handles batches, reporting failed entries individually', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'batch' }));
    const r = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two', DelaySeconds: 901 }] }));
    assert.deepEqual(r.Successful?.map((s) => s.Id), ['a']);
    assert.deepEqual(r.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]), [['b', 'InvalidParameterValue', true]]);
    await assert.rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] })), { name: 'BatchEntryIdsNotDistinct' });
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    const del = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'ok', ReceiptHandle: got.Messages![0]!.ReceiptHandle }, { Id: 'bad', ReceiptHandle: 'nope' }] }));
    assert.deepEqual(del.Successful?.map((s) => s.Id), ['ok']);
    assert.deepEqual(del.Failed?.map((f) => [f.Id, f.Code]), [['bad', 'ReceiptHandleIsInvalid']]);
  });

  it('keeps FIFO order per group and drops duplicates', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true' } }));
    for (const [body, dedup] of [['1', 'a'], ['2', 'b'], ['1 again', 'a'], ['3', 'c']]) {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'g', MessageDeduplicationId: dedup }));
    }
    await assert.rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' })), /ContentBasedDeduplication/);
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2, MessageSystemAttributeNames: ['All'] }));
    assert.deepEqual(first.Messages?.map((m) => m.Body), ['1', '2']);
    assert.equal(first.Messages?.[0]?.Attributes?.MessageGroupId, 'g');
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined, 'the group is blocked while in flight');
    for (const m of first.Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    assert.deepEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages?.map((m) => m.Body), ['3']);
  });

  it('answers the AWS CLI with SQS error codes', async () => {
    const missing = await aws(url, ['sqs', 'get-queue-url', '--queue-name', 'nope']);
    assert.equal(missing.code, 255);
    assert.equal(missing.stderr.trim(), 'An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.');
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })), { name: 'QueueDoesNotExist' });
    const sent = await aws(url, ['sqs', 'send-message', '--queue-url', `${url}/123456789012/orders`, '--message-body', 'from the cli']);
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(JSON.parse(sent.stdout).MD5OfMessageBody, createHash('md5').update('from the cli').digest('hex'));
    const listed = JSON.parse((await aws(url, ['sqs', 'list-queues', '--queue-name-prefix', 'or'])).stdout);
    assert.deepEqual(listed.QueueUrls, [`${url}/123456789012/orders`]);
  });

  it('keeps queues and messages across a restart', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'durable' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'survives' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: (await sqs.send(new CreateQueueCommand({ QueueName: 'purged' }))).QueueUrl }));
    await stop();
    await start();
    const { QueueUrl: again } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'durable' }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: again }))).Messages?.[0]?.Body, 'survives');
  });
});
