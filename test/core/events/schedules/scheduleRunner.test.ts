// Template schedules driven by a clock the test controls: they fire on time (not before) with the
// EventBridge scheduled-event shape or their Input, disabled ones wait, and "fire now" works over HTTP.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { InvocationRecord } from '../../../../src/core/invoke/invoker';
import { ManualClock } from '../../../support/manualClock';
import { handlers, samTemplate } from '../eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent } from '../../../support/wait';

const template = samTemplate(`  Ticker:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: ticker
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      Events:
        Every6h:
          Type: Schedule
          Properties:
            Schedule: rate(6 hours)
        Noon:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 12 * * ? *)
            ScheduleExpressionTimezone: Europe/Paris
            Input: '{"kind":"noon"}'
        Off:
          Type: Schedule
          Properties:
            Schedule: rate(1 minute)
            Enabled: false
        Broken:
          Type: Schedule
          Properties:
            Schedule: rate(1 minutes)
`);

const START = Date.parse('2024-01-01T00:00:00Z');

describe('schedules', function () {
  this.timeout(30_000);
  let t: TestEngine;
  const clock = new ManualClock(START);
  const invoked = (match: (r: InvocationRecord) => boolean) => nextEvent<[InvocationRecord]>(t, 'invocation', match).then(([r]) => r);
  const next = (eventName: string): string | undefined => {
    const at = t.events.schedules.list().find((s) => s.eventName === eventName)?.nextFireAt;
    return at === undefined ? undefined : new Date(at).toISOString();
  };

  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers, ...{ clock } });
  });
  after(async () => t.dispose());

  it('arms each enabled schedule and reports a broken one', () => {
    assert.equal(next('Every6h'), '2024-01-01T06:00:00.000Z');
    assert.equal(next('Noon'), '2024-01-01T11:00:00.000Z', '12:00 in Paris is 11:00 UTC in January');
    assert.equal(next('Off'), undefined);
    assert.ok(t.warnings.some((w) => /Ticker event Broken \(Schedule\): Invalid schedule expression rate\(1 minutes\): use the singular unit/.test(w)), t.warnings.join('\n'));
  });

  it('fires a rate schedule on time, not before, with the scheduled-event shape', async () => {
    clock.advance(6 * 3_600_000 - 1000);
    assert.equal(next('Every6h'), '2024-01-01T06:00:00.000Z', 'one second early: not fired');
    const run = invoked((r) => r.functionName === 'ticker');
    clock.advance(1000);
    assert.equal(next('Every6h'), '2024-01-01T12:00:00.000Z');
    const r = await run;
    assert.equal(r.invocationType, 'Event');
    const event = JSON.parse(r.payload.toString('utf8'));
    assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.match(event.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual({ ...event, id: 'x' }, {
      version: '0',
      id: 'x',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2024-01-01T06:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/TickerEvery6h'],
      detail: {},
    });
  });

  it('fires a cron schedule in its time zone with its Input', async () => {
    const run = invoked((r) => r.payload.toString('utf8').includes('noon'));
    clock.advance(5 * 3_600_000);
    assert.equal(next('Noon'), '2024-01-02T11:00:00.000Z');
    assert.equal((await run).payload.toString('utf8'), '{"kind":"noon"}');
  });

  it('fires a disabled schedule now through the API', async () => {
    // The event may run before the 202 arrives: listen first.
    const runs: InvocationRecord[] = [];
    t.on('invocation', (r) => runs.push(r));
    const reply = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(`${t.url}/workbench/v1/schedules/ticker/Off/fire`, { method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(reply.status, 202);
    const r = runs.find((x) => x.outcome.requestId === reply.body.RequestId) ?? (await invoked((x) => x.outcome.requestId === reply.body.RequestId));
    const event = JSON.parse(r.payload.toString('utf8'));
    assert.deepEqual(event.resources, ['arn:aws:events:us-east-1:123456789012:rule/TickerOff']);
    assert.equal(event.time, '2024-01-01T11:00:00Z');
    await assert.rejects(t.events.schedules.fire('ticker'), /has 3 schedules; name one: Every6h, Noon, Off/);
    await assert.rejects(t.events.schedules.fire('nobody'), /No schedule on function nobody\. Schedules in the template: ticker Every6h, ticker Noon, ticker Off\./);
  });
});
