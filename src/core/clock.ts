// The time source the engine uses for deadlines and timers. Injected so tests can drive it and so the
// debugger can pause one invocation's clock while it holds a breakpoint.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Wall-clock epoch milliseconds. */
  now(): number;
  /** Monotonic milliseconds with sub-millisecond precision, for durations. */
  monotonic(): number;
  /** Calls `fn` after `ms` milliseconds of this clock's time. */
  setTimer(fn: () => void, ms: number): TimerHandle;
}

const MAX_TIMEOUT = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer(fn, ms) {
    // setTimeout fires at once past 2^31-1 ms (24.8 days): long timers (a year-long durable
    // ExecutionTimeout) are chained in steps.
    let t: NodeJS.Timeout;
    const due = Date.now() + ms;
    const arm = (left: number): void => {
      t = setTimeout(() => (left > MAX_TIMEOUT ? arm(due - Date.now()) : fn()), Math.min(Math.max(0, left), MAX_TIMEOUT));
    };
    arm(ms);
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * An invocation's stopwatch: measures elapsed time excluding paused intervals and runs a watchdog
 * that does not fire for time spent paused (the Lambda clock frozen at a breakpoint).
 */
export class PausableStopwatch {
  private readonly startedAt: number;
  private pausedSince: number | undefined;
  private pausedTotal = 0;
  private watchdog: { fn: () => void; limit: number; handle: TimerHandle | undefined } | undefined;

  constructor(private readonly clock: Clock) {
    this.startedAt = clock.monotonic();
  }

  /** Elapsed milliseconds, not counting paused time. */
  elapsed(): number {
    const now = this.pausedSince ?? this.clock.monotonic();
    return now - this.startedAt - this.pausedTotal;
  }

  /** Total milliseconds spent paused so far (including a pause in progress). */
  paused(): number {
    return this.pausedTotal + (this.pausedSince === undefined ? 0 : this.clock.monotonic() - this.pausedSince);
  }

  get isPaused(): boolean {
    return this.pausedSince !== undefined;
  }

  /** Fires `fn` once `limit` unpaused milliseconds have elapsed. */
  armWatchdog(limit: number, fn: () => void): void {
    this.watchdog = { fn, limit, handle: undefined };
    if (!this.isPaused) this.schedule();
  }

  pause(): void {
    if (this.pausedSince !== undefined) return;
    this.pausedSince = this.clock.monotonic();
    this.watchdog?.handle?.cancel();
  }

  resume(): void {
    if (this.pausedSince === undefined) return;
    this.pausedTotal += this.clock.monotonic() - this.pausedSince;
    this.pausedSince = undefined;
    if (this.watchdog) this.schedule();
  }

  stop(): void {
    this.watchdog?.handle?.cancel();
    this.watchdog = undefined;
  }

  private schedule(): void {
    const w = this.watchdog;
    if (!w) return;
    const left = Math.max(0, w.limit - this.elapsed());
    w.handle = this.clock.setTimer(() => {
      if (this.watchdog !== w || this.isPaused) return;
      if (this.elapsed() + 0.5 < w.limit) return this.schedule();
      this.watchdog = undefined;
      w.fn();
    }, left);
  }
}
