// Lambda's async timing on a clock the test moves: the first retry waits a minute, the second two,
// an event past MaximumEventAgeInSeconds goes to OnFailure as EventAgeExceeded, and the queue reports
// the async metrics.
import * as assert from 'node:assert/strict';
import type { AsyncEventHistory } from '../../../src/core/invoke/asyncEventStore';
import type { AsyncMetric } from '../../../src/core/invoke/asyncQueue';
import { ManualClock } from '../../support/manualClock';
import { handlers, samTemplate } from '../events/eventFixtures';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { nextEvent, until } from '../../support/wait';

const template = samTemplate(`  Expired:
    Type: AWS::SQS::Queue
  Flaky:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: flaky
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      EventInvokeConfig:
        MaximumEventAgeInSeconds: 60
        MaximumRetryAttempts: 2
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt Expired.Arn
`);

describe('async retry timing and event age', function () {
  this.timeout(30_000);
  const clock = new ManualClock(Date.parse('2024-03-01T10:00:00Z'));
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers, ...{ clock } });
  });
  after(async () => t.dispose());

  it('waits a minute, then two, and reports EventAgeExceeded once the event is too old', async () => {
    const queue = t.events.asyncQueue;
    const metrics: AsyncMetric[] = [];
    queue.on('metric', (m) => metrics.push(m));
    const waiting = (n: number) => nextEvent<[AsyncEventHistory]>(queue, 'event', (h) => h.status === 'WaitingRetry' && h.attempts.length === n).then(([h]) => h);
    const first = waiting(1);
    const accepted = await t.invoke({ functionName: 'flaky', payload: Buffer.from('{"fail":true,"n":7}'), invocationType: 'Event' });
    const h = await first;
    assert.equal(h.nextAttemptAt, clock.now() + 60_000);

    clock.advance(59_999);
    assert.equal(queue.get(accepted.requestId)?.status, 'WaitingRetry', 'not retried before a minute');
    const second = waiting(2);
    clock.advance(1);
    assert.equal(queue.get(accepted.requestId)?.status, 'Running');
    assert.equal((await second).nextAttemptAt, clock.now() + 120_000);

    const done = nextEvent<[AsyncEventHistory]>(queue, 'event', (x) => x.status === 'Failed');
    clock.advance(120_000);
    const failed = (await done)[0];
    assert.equal(failed.condition, 'EventAgeExceeded');
    assert.equal(failed.invokeCount, 2);

    const expired = t.events.queues.get('Expired')!;
    await until(expired, 'available', () => expired.peek().length === 1);
    const record = JSON.parse(expired.peek()[0]!.body);
    assert.deepEqual(record.requestContext, { requestId: accepted.requestId, functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:flaky:$LATEST', condition: 'EventAgeExceeded', approximateInvokeCount: 2 });
    assert.equal(record.responseContext.functionError, 'Unhandled');
    assert.equal(record.timestamp, new Date(clock.now()).toISOString());

    const of = (name: AsyncMetric['name']) => metrics.filter((m) => m.name === name).map((m) => m.value);
    assert.deepEqual(of('AsyncEventsReceived'), [1]);
    assert.deepEqual(of('AsyncEventAge'), [0, 60_000]);
    assert.deepEqual(of('AsyncEventsDropped'), [1]);
    assert.deepEqual(of('DestinationDeliveryFailures'), []);
    assert.ok(metrics.every((m) => m.functionName === 'flaky' && m.resource === 'flaky'));
  });
});
