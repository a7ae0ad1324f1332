// Event invocations end to end through the AWS CLI: retries with one request id, the exact destination
// record, the DLQ message, ZeroReservedConcurrency, OnSuccess, throttle backoff, and the history.
import * as assert from 'node:assert/strict';
import { LambdaClient, PutFunctionEventInvokeConfigCommand } from '@aws-sdk/client-lambda';
import type { InvocationRecord } from '../../../src/core/invoke/invoker';
import type { AsyncEventHistory } from '../../../src/core/invoke/asyncEventStore';
import { awsJson, awsError } from '../../support/awsCli';
import { waitFor } from '../../support/wait';
import { handlers, samTemplate } from '../events/eventFixtures';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { nextEvent } from '../../support/wait';

const template = samTemplate(`  FailureQueue:
    Type: AWS::SQS::Queue
  SuccessQueue:
    Type: AWS::SQS::Queue
  DeadLetters:
    Type: AWS::SQS::Queue
  Echo:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: echo
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt DeadLetters.Arn
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnSuccess:
            Type: SQS
            Destination: !GetAtt SuccessQueue.Arn
  Zero:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: zero
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      ReservedConcurrentExecutions: 0
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt FailureQueue.Arn
  Single:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: single
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      ReservedConcurrentExecutions: 1
`);

const arn = (service: string, name: string): string => `arn:aws:${service}:us-east-1:123456789012:${name}`;

describe('async invocation (Event queue)', function () {
  this.timeout(60_000);
  let t: TestEngine;
  const cli = (...args: string[]): Promise<any> => awsJson(t.url, args);
  const cliError = (...args: string[]): Promise<string> => awsError(t.url, args);
  const receiveOne = async (queue: string): Promise<any> => {
    const url = (await cli('sqs', 'get-queue-url', '--queue-name', queue)).QueueUrl;
    const r = await cli('sqs', 'receive-message', '--queue-url', url, '--wait-time-seconds', '20', '--attribute-names', 'All', '--message-attribute-names', 'All');
    assert.equal(r.Messages?.length, 1, `one message expected in ${queue}`);
    return r.Messages[0];
  };
  const invokeEvent = (fn: string, payload: unknown) =>
    cli('lambda', 'invoke', '--function-name', fn, '--invocation-type', 'Event', '--payload', JSON.stringify(payload), '/dev/null');
  const finished = (id?: string) =>
    nextEvent<[AsyncEventHistory]>(t.events.asyncQueue, 'event', (h) => (id === undefined || h.requestId === id) && ['Succeeded', 'Failed', 'Dropped'].includes(h.status));

  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers, ...{ events: { retryDelayScale: 0.001 } } });
  });
  after(async () => t.dispose());

  it('reads the template EventInvokeConfig through the API', async () => {
    const c = await cli('lambda', 'get-function-event-invoke-config', '--function-name', 'echo');
    assert.equal(c.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST');
    assert.equal(c.MaximumRetryAttempts, 1);
    assert.deepEqual(c.DestinationConfig, { OnSuccess: { Destination: arn('sqs', 'SuccessQueue') }, OnFailure: {} });
  });

  it('retries a failing event with one request id and delivers the exact record to OnFailure and the DLQ', async () => {
    const put = await cli('lambda', 'put-function-event-invoke-config', '--function-name', 'echo', '--maximum-retry-attempts', '2',
      '--destination-config', JSON.stringify({ OnFailure: { Destination: arn('sqs', 'FailureQueue') } }));
    assert.equal(put.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST');
    assert.equal(put.MaximumRetryAttempts, 2);
    assert.equal(put.MaximumEventAgeInSeconds, undefined, 'Put replaces the whole configuration');
    const runs: InvocationRecord[] = [];
    t.on('invocation', (r) => runs.push(r));
    const done = finished();
    assert.deepEqual(await invokeEvent('echo', { fail: true, n: 1 }), { StatusCode: 202 });
    const [history] = await done;

    const message = await receiveOne('FailureQueue');
    const record = JSON.parse(message.Body);
    assert.deepEqual(Object.keys(record), ['version', 'timestamp', 'requestContext', 'requestPayload', 'responseContext', 'responsePayload']);
    assert.equal(record.version, '1.0');
    assert.match(record.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const id = record.requestContext.requestId;
    assert.deepEqual(record.requestContext, { requestId: id, functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 });
    assert.deepEqual(record.requestPayload, { fail: true, n: 1 });
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    assert.equal(record.responsePayload.errorType, 'Error');
    assert.equal(record.responsePayload.errorMessage, 'failing on purpose: 1');

    assert.equal(runs.length, 3);
    for (const r of runs) {
      assert.equal(r.invocationType, 'Event');
      assert.equal(r.outcome.requestId, id);
      const log = r.outcome.logLines.join('');
      assert.match(log, new RegExp(`(^|\\n)START RequestId: ${id} Version: \\$LATEST\\n`));
      assert.match(log, new RegExp(`\\nEND RequestId: ${id}\\n`));
      assert.match(log, new RegExp(`\\nREPORT RequestId: ${id}\\t`));
    }

    const dead = await receiveOne('DeadLetters');
    assert.equal(dead.Body, JSON.stringify({ fail: true, n: 1 }));
    assert.deepEqual(dead.MessageAttributes, {
      RequestID: { StringValue: id, DataType: 'String' },
      ErrorCode: { StringValue: '200', DataType: 'Number' },
      ErrorMessage: { StringValue: 'failing on purpose: 1', DataType: 'String' },
    });

    assert.equal(history.requestId, id);
    assert.equal(history.status, 'Failed');
    assert.equal(history.condition, 'RetriesExhausted');
    assert.deepEqual(history.attempts.map((a) => a.result), ['FunctionError', 'FunctionError', 'FunctionError']);
    assert.deepEqual(history.deliveries.map((d) => [d.kind, d.ok]), [['OnFailure', true], ['DeadLetterQueue', true]]);
    assert.deepEqual(t.events.asyncQueue.get(id), history);
  });

  it('sends ZeroReservedConcurrency events straight to OnFailure without running them', async () => {
    const done = finished();
    await invokeEvent('zero', { hello: 'zero' });
    const [history] = await done;
    const record = JSON.parse((await receiveOne('FailureQueue')).Body);
    assert.deepEqual(Object.keys(record), ['version', 'timestamp', 'requestContext', 'requestPayload']);
    assert.deepEqual(record.requestContext, { requestId: history.requestId, functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:zero:$LATEST', condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 });
    assert.deepEqual(record.requestPayload, { hello: 'zero' });
    assert.equal(history.attempts.length, 0);
  });

  it('sends the record to another local function as an Event invocation', async () => {
    await cli('lambda', 'put-function-event-invoke-config', '--function-name', 'zero',
      '--destination-config', JSON.stringify({ OnFailure: { Destination: 'arn:aws:lambda:us-east-1:123456789012:function:single' } }));
    const received = nextEvent<[InvocationRecord]>(t, 'invocation', (r) => r.functionName === 'single');
    const done = finished();
    await invokeEvent('zero', { to: 'function' });
    const [history] = await done;
    const [run] = await received;
    assert.equal(run.invocationType, 'Event');
    const record = JSON.parse(run.payload.toString('utf8'));
    assert.deepEqual(record.requestContext, { requestId: history.requestId, functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:zero:$LATEST', condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 });
    assert.deepEqual(history.deliveries.map((d) => [d.kind, d.arn, d.ok]), [['OnFailure', 'arn:aws:lambda:us-east-1:123456789012:function:single', true]]);
  });

  it('delivers a Success record to OnSuccess', async () => {
    await cli('lambda', 'update-function-event-invoke-config', '--function-name', 'echo',
      '--destination-config', JSON.stringify({ OnSuccess: { Destination: arn('sqs', 'SuccessQueue') } }));
    const done = finished();
    await invokeEvent('echo', { result: { answer: 42 } });
    const [history] = await done;
    const record = JSON.parse((await receiveOne('SuccessQueue')).Body);
    assert.deepEqual(record.requestContext, { requestId: history.requestId, functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST', condition: 'Success', approximateInvokeCount: 1 });
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: '$LATEST' });
    assert.deepEqual(record.responsePayload, { answer: 42 });
  });

  it('backs off and retries a throttled event until it runs', async () => {
    const busy = t.invoke({ functionName: 'single', payload: Buffer.from(JSON.stringify({ holdMs: 1500 })) });
    await waitFor(() => t.pool.counts('single').busy > 0, 10_000, 'the sync invocation to hold the only slot');
    const done = finished();
    const accepted = await t.invoke({ functionName: 'single', payload: Buffer.from('{"n":2}'), invocationType: 'Event' });
    assert.equal(accepted.statusCode, 202);
    await busy;
    const [history] = await done;
    assert.equal(history.requestId, accepted.requestId);
    assert.equal(history.status, 'Succeeded');
    assert.equal(history.attempts[0]?.result, 'Throttled');
    assert.equal(history.attempts[history.attempts.length - 1]?.result, 'Success');
    assert.equal(history.invokeCount, 1);
  });

  it('validates Put/Update/Get/Delete/List like Lambda', async () => {
    assert.match(await cliError('lambda', 'put-function-event-invoke-config', '--function-name', 'echo'),
      /InvalidParameterValueException.*You must specify at least one of error handling or destination setting\./);
    assert.match(await cliError('lambda', 'put-function-event-invoke-config', '--function-name', 'echo', '--destination-config', JSON.stringify({ OnFailure: { Destination: 'arn:aws:lambda:us-east-1:123456789012:function:echo' } })),
      /You can't specify the function as a destination for itself\./);
    assert.match(await cliError('lambda', 'put-function-event-invoke-config', '--function-name', 'echo', '--destination-config', JSON.stringify({ OnFailure: { Destination: 'arn:aws:lambda:us-east-1:123456789012:function:nope' } })),
      /The destination ARN arn:aws:lambda:us-east-1:123456789012:function:nope is invalid\./);
    // The CLI checks ranges itself; the SDK sends them, so the server's message is visible.
    const sdk = new LambdaClient({ endpoint: t.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
    await assert.rejects(sdk.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'echo', MaximumEventAgeInSeconds: 30 })), (e: Error) =>
      e.name === 'ValidationException' && e.message === "1 validation error detected: Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60");
    sdk.destroy();
    const updated = await cli('lambda', 'update-function-event-invoke-config', '--function-name', 'echo', '--maximum-event-age-in-seconds', '120');
    assert.equal(updated.MaximumEventAgeInSeconds, 120);
    assert.equal(updated.MaximumRetryAttempts, 2, 'Update merges');
    const list = await cli('lambda', 'list-function-event-invoke-configs', '--function-name', 'echo');
    assert.deepEqual(list.FunctionEventInvokeConfigs.map((c: any) => c.FunctionArn), ['arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST']);
    await cli('lambda', 'delete-function-event-invoke-config', '--function-name', 'echo');
    assert.match(await cliError('lambda', 'get-function-event-invoke-config', '--function-name', 'echo'),
      /ResourceNotFoundException.*The function arn:aws:lambda:us-east-1:123456789012:function:echo:\$LATEST doesn't have an EventInvokeConfig/);
    assert.match(await cliError('lambda', 'update-function-event-invoke-config', '--function-name', 'echo', '--maximum-retry-attempts', '0'),
      /doesn't have an EventInvokeConfig/);
    await t.events.applyProject(t.template!.project!);
    assert.match(await cliError('lambda', 'get-function-event-invoke-config', '--function-name', 'echo'), /doesn't have an EventInvokeConfig/, 'a reload does not bring back a deleted template config');
  });
});
