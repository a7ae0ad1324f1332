// Schedule expressions as EventBridge reads them: AWS day-of-week numbering, L and #, the year field,
// rate units, at() in a time zone, and clear errors for what EventBridge rejects.
import * as assert from 'node:assert/strict';
import { parseSchedule } from '../../../../src/core/events/schedules/scheduleExpression';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('schedule expressions', () => {
  const origin = at('2024-01-01T00:00:00Z'); // a Monday

  it('numbers days of the week from Sunday = 1, like EventBridge', () => {
    assert.equal(iso(parseSchedule('cron(0 18 ? * 2 *)', origin).next(origin)), '2024-01-01T18:00:00.000Z', '2 is Monday');
    assert.equal(iso(parseSchedule('cron(0 18 ? * 1 *)', origin).next(origin)), '2024-01-07T18:00:00.000Z', '1 is Sunday');
    assert.equal(iso(parseSchedule('cron(0 9 ? * MON-FRI *)', origin).next(at('2024-01-05T10:00:00Z'))), '2024-01-08T09:00:00.000Z');
    assert.equal(iso(parseSchedule('cron(0 12 ? * 6L *)', origin).next(origin)), '2024-01-26T12:00:00.000Z', 'last Friday');
    assert.equal(iso(parseSchedule('cron(0 12 ? * 6#3 *)', origin).next(origin)), '2024-01-19T12:00:00.000Z', 'third Friday');
    assert.equal(iso(parseSchedule('cron(0 12 L * ? *)', origin).next(origin)), '2024-01-31T12:00:00.000Z');
  });

  it('honours the year field and ends when no year is left', () => {
    assert.equal(iso(parseSchedule('cron(0 0 1 1 ? 2026)', origin).next(origin)), '2026-01-01T00:00:00.000Z');
    assert.equal(parseSchedule('cron(0 0 1 1 ? 2023)', origin).next(origin), undefined);
  });

  it('fires rates every period after the origin', () => {
    const s = parseSchedule('rate(5 minutes)', origin);
    assert.equal(iso(s.next(origin)), '2024-01-01T00:05:00.000Z');
    assert.equal(iso(s.next(at('2024-01-01T00:07:00Z'))), '2024-01-01T00:10:00.000Z');
    assert.equal(iso(parseSchedule('rate(1 day)', origin).next(origin)), '2024-01-02T00:00:00.000Z');
  });

  it('reads at() in the schedule time zone, once', () => {
    const s = parseSchedule('at(2024-07-01T09:30:00)', origin, 'Europe/Paris');
    assert.equal(iso(s.next(origin)), '2024-07-01T07:30:00.000Z');
    assert.equal(s.next(at('2024-07-02T00:00:00Z')), undefined);
    assert.equal(iso(parseSchedule('cron(0 12 * * ? *)', origin, 'America/New_York').next(origin)), '2024-01-01T17:00:00.000Z');
  });

  it('rejects what EventBridge rejects, saying why', () => {
    assert.throws(() => parseSchedule('rate(1 minutes)', origin), /use the singular unit for 1 \(rate\(1 minute\)\)/);
    assert.throws(() => parseSchedule('rate(5 minute)', origin), /use the plural unit/);
    assert.throws(() => parseSchedule('cron(0 12 * * *)', origin), /cron needs 6 fields/);
    assert.throws(() => parseSchedule('cron(0 12 * * MON *)', origin), /exactly one of day-of-month and day-of-week must be "\?"/);
    assert.throws(() => parseSchedule('cron(0 12 15W * ? *)', origin), /W \(nearest weekday\)/);
    assert.throws(() => parseSchedule('every hour', origin), /expected rate\(value unit\)/);
  });
});
