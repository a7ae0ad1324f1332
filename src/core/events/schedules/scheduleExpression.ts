// EventBridge schedule expressions: rate(), cron() with AWS's six fields (day-of-week 1-7 = SUN-SAT,
// `?`, L, #, a year field) evaluated by cron-parser, and Scheduler's one-time at().
import { parseExpression } from 'cron-parser';
import { WorkbenchError } from '../../errors';

/** A parsed expression: the next fire time strictly after a moment (undefined when none is left). */
export interface Schedule {
  readonly expression: string;
  next(after: number): number | undefined;
}

const units: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const invalid = (expression: string, why: string): WorkbenchError =>
  new WorkbenchError(`Invalid schedule expression ${expression}: ${why}`, 'InvalidScheduleExpression');

/** Parses `rate(...)`, `cron(...)` or `at(...)`; `origin` anchors rates (they fire every period after it). */
export function parseSchedule(expression: string, origin: number, timezone?: string): Schedule {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    if (value < 1) throw invalid(expression, 'the value must be a positive whole number.');
    if ((value === 1) !== !unit.endsWith('s')) throw invalid(expression, value === 1 ? `use the singular unit for 1 (rate(1 ${unit.replace(/s$/, '')})).` : `use the plural unit for values above 1 (rate(${value} ${unit}s)).`);
    const period = value * (units[unit.replace(/s$/, '')] as number);
    return { expression, next: (after) => origin + (Math.floor((after - origin) / period) + 1) * period };
  }
  const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(expression.trim());
  if (at) {
    const when = zonedTime(at[1] as string, timezone);
    return { expression, next: (after) => (when > after ? when : undefined) };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) throw invalid(expression, 'expected rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss).');
  const fields = (cron[1] as string).trim().split(/\s+/);
  if (fields.length !== 6) throw invalid(expression, `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}.`);
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw invalid(expression, 'exactly one of day-of-month and day-of-week must be "?".');
  if (/W/.test(dom)) throw invalid(expression, 'the W (nearest weekday) option is not supported locally.');
  const inYear = yearFilter(year, expression);
  const text = [min, hour, dom === '?' ? '*' : dom, month, dow === '?' ? '*' : awsDayOfWeek(dow)].join(' ');
  try {
    parseExpression(text, { currentDate: new Date(origin), ...(timezone ? { tz: timezone } : { utc: true }) });
  } catch (e) {
    throw invalid(expression, (e as Error).message);
  }
  return {
    expression,
    next: (after) => {
      const it = parseExpression(text, { currentDate: new Date(after), ...(timezone ? { tz: timezone } : { utc: true }) });
      for (let i = 0; i < 10_000; i++) {
        let d: Date;
        try {
          d = it.next().toDate();
        } catch {
          return undefined;
        }
        if (d.getUTCFullYear() > 2199) return undefined;
        if (inYear(d.getUTCFullYear())) return d.getTime();
      }
      return undefined;
    },
  };
}

// AWS numbers days 1-7 from Sunday; cron-parser 0-6 from Sunday. Names pass through.
function awsDayOfWeek(field: string): string {
  return field.replace(/\d+/g, (n, offset: number, whole: string) => (whole[offset - 1] === '#' ? n : String(Number(n) - 1)));
}

function yearFilter(field: string, expression: string): (year: number) => boolean {
  if (field === '*') return () => true;
  const parts = field.split(',').map((p) => {
    const m = /^(\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(p);
    if (!m) throw invalid(expression, `bad year field "${field}".`);
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? 2199 : from;
    const step = Number(m[3] ?? 1);
    return (y: number) => y >= from && y <= to && (y - from) % step === 0;
  });
  return (y) => parts.some((p) => p(y));
}

// `at()` is local time in the schedule's time zone (UTC by default).
function zonedTime(local: string, timezone: string | undefined): number {
  const asUtc = Date.parse(`${local}Z`);
  if (!timezone) return asUtc;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(asUtc));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  const shown = Date.parse(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}Z`);
  return asUtc - (shown - asUtc);
}
