// Template Schedule (EventBridge rule) and ScheduleV2 (EventBridge Scheduler) events: timers on the
// engine's Clock invoke the function asynchronously with the scheduled-event shape (or the Input);
// `fire` runs one now.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Partition } from '../../arn';
import type { Clock, TimerHandle } from '../../clock';
import { messageOf, WorkbenchError } from '../../errors';
import type { FunctionSpec } from '../../project/functionSpec';
import type { TargetOf } from '../templateTarget';
import { parseSchedule, type Schedule } from './scheduleExpression';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** One schedule of the template, as the UI lists it. */
export interface ScheduleInfo {
  readonly functionName: string;
  /** The event's name under `Events:`. */
  readonly eventName: string;
  readonly type: 'Schedule' | 'ScheduleV2';
  readonly expression: string;
  readonly enabled: boolean;
  /** The rule or schedule ARN the event names in `resources`. */
  readonly arn: string;
  readonly nextFireAt: number | undefined;
}

interface Entry {
  info: ScheduleInfo;
  readonly schedule: Schedule;
  readonly input: string | undefined;
  readonly target: string;
  timer: TimerHandle | undefined;
}

export declare interface ScheduleRunner {
  on(event: 'fired', fn: (info: ScheduleInfo, requestId: string, scheduledTime: number) => void): this;
  on(event: 'warning', fn: (message: string) => void): this;
}

/** Runs the template's schedules; `apply` replaces them on every template load. */
export class ScheduleRunner extends EventEmitter {
  private entries: Entry[] = [];

  constructor(
    private readonly partition: Partition,
    private readonly clock: Clock,
    /** Event-invokes a function (the durable queue); resolves with the request id. */
    private readonly invokeAsync: (functionName: string, payload: string) => Promise<string>,
  ) {
    super();
  }

  list(): ScheduleInfo[] {
    return this.entries.map((e) => e.info);
  }

  apply(functions: readonly FunctionSpec[], targetOf: TargetOf): void {
    this.stop();
    const now = this.clock.now();
    for (const fn of functions) {
      for (const ev of fn.events) {
        if (ev.type !== 'Schedule' && ev.type !== 'ScheduleV2') continue;
        try {
          this.entries.push(this.entryFor(fn, targetOf(fn), ev.name, ev.type, ev.properties, now));
        } catch (e) {
          this.emit('warning', `${fn.logicalId} event ${ev.name} (${ev.type}): ${messageOf(e)}`);
        }
      }
    }
    for (const e of this.entries) this.arm(e, now);
  }

  /** Fires a schedule now (whatever its state); resolves with the request id of the queued event. */
  async fire(functionName: string, eventName?: string): Promise<string> {
    const matches = this.entries.filter((e) => e.info.functionName === functionName && (eventName === undefined || e.info.eventName === eventName));
    const entry = matches[0];
    if (!entry) {
      const known = this.entries.map((e) => `${e.info.functionName} ${e.info.eventName}`).join(', ') || 'none';
      throw new WorkbenchError(`No schedule${eventName ? ` ${eventName}` : ''} on function ${functionName}. Schedules in the template: ${known}.`, 'ScheduleNotFound');
    }
    if (matches.length > 1) throw new WorkbenchError(`Function ${functionName} has ${matches.length} schedules; name one: ${matches.map((e) => e.info.eventName).join(', ')}.`, 'ScheduleAmbiguous');
    return this.run(entry, this.clock.now());
  }

  stop(): void {
    for (const e of this.entries) e.timer?.cancel();
    this.entries = [];
  }

  private entryFor(fn: FunctionSpec, target: string, eventName: string, type: 'Schedule' | 'ScheduleV2', p: Readonly<Record<string, unknown>>, now: number): Entry {
    const v2 = type === 'ScheduleV2';
    const expression = p[v2 ? 'ScheduleExpression' : 'Schedule'];
    if (typeof expression !== 'string') throw new WorkbenchError(`${v2 ? 'ScheduleExpression' : 'Schedule'} is required.`);
    const timezone = v2 && typeof p['ScheduleExpressionTimezone'] === 'string' ? p['ScheduleExpressionTimezone'] : undefined;
    const schedule = parseSchedule(expression, now, timezone);
    const state = p['State'];
    const enabled = p['Enabled'] === false || p['Enabled'] === 'false' ? false : state === undefined || state === 'ENABLED';
    const input = p['Input'];
    if (input !== undefined && typeof input !== 'string') throw new WorkbenchError('Input must be a JSON string.');
    if (input !== undefined) JSON.parse(input);
    const name = typeof p['Name'] === 'string' ? p['Name'] : `${fn.logicalId}${eventName}`;
    const { region, accountId } = this.partition;
    const arn = v2
      ? `arn:aws:scheduler:${region}:${accountId}:schedule/${typeof p['GroupName'] === 'string' ? p['GroupName'] : 'default'}/${name}`
      : `arn:aws:events:${region}:${accountId}:rule/${name}`;
    return {
      info: { functionName: fn.functionName, eventName, type, expression, enabled, arn, nextFireAt: undefined },
      schedule,
      input,
      target,
      timer: undefined,
    };
  }

  private arm(e: Entry, after: number): void {
    e.timer?.cancel();
    e.timer = undefined;
    const at = e.info.enabled ? e.schedule.next(after) : undefined;
    e.info = { ...e.info, nextFireAt: at };
    if (at === undefined) return;
    this.wait(e, at);
  }

  // Timers are capped (Node's setTimeout overflows past ~24.8 days); an early wake just waits again.
  private wait(e: Entry, at: number): void {
    e.timer = this.clock.setTimer(() => {
      if (!this.entries.includes(e)) return;
      if (this.clock.now() < at) return this.wait(e, at);
      this.arm(e, at);
      void this.run(e, at).catch((err: unknown) => this.emit('warning', `Schedule ${e.info.eventName} of ${e.info.functionName} could not run: ${messageOf(err)}`));
    }, Math.min(MAX_TIMER_MS, Math.max(0, at - this.clock.now())));
  }

  private async run(e: Entry, scheduledTime: number): Promise<string> {
    const payload = e.input ?? JSON.stringify(scheduledEvent(e.info, this.partition, scheduledTime));
    const requestId = await this.invokeAsync(e.target, payload);
    this.emit('fired', e.info, requestId, scheduledTime);
    return requestId;
  }
}

/** The EventBridge scheduled event (fidelity 9.4): `time` is the scheduled minute, without milliseconds. */
export function scheduledEvent(info: Pick<ScheduleInfo, 'type' | 'arn'>, p: Partition, time: number): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: info.type === 'ScheduleV2' ? 'aws.scheduler' : 'aws.events',
    account: p.accountId,
    time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: p.region,
    resources: [info.arn],
    detail: {},
  };
}
