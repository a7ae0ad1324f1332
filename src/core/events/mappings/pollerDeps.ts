// What event source pollers share: the invoker, the clock, destinations, and the per-batch report
// the mappings subsystem emits (for the UI, metrics and tests).
import type { Partition } from '../../arn';
import type { Clock, TimerHandle } from '../../clock';
import type { DestinationSender } from '../../invoke/destinations';
import type { Invoker } from '../../invoke/invoker';

/** What happened to one batch. */
export interface BatchReport {
  readonly uuid: string;
  readonly functionName: string;
  readonly records: number;
  readonly outcome: 'Success' | 'PartialFailure' | 'Failed' | 'Throttled' | 'Filtered' | 'SentToDestination' | 'Error';
  /** Message ids or sequence numbers the function reported, or that went to the on-failure destination. */
  readonly failedItems?: readonly string[];
  readonly requestId?: string;
  readonly message?: string;
}

/** What every poller runs on. */
export interface PollerDeps {
  readonly partition: Partition;
  readonly clock: Clock;
  readonly invoker: Invoker;
  readonly destinations: DestinationSender;
  /** Multiplies retry backoffs (the engine's retryDelayScale). */
  readonly retryDelayScale: () => number;
  readonly report: (r: BatchReport) => void;
  readonly warn: (message: string) => void;
}

/** Lambda caps a batch's payload at 6 MB. */
export const BATCH_PAYLOAD_LIMIT = 6 * 1024 * 1024 - 64 * 1024;

/** Waits `ms` of the engine clock, or until `cancel` is called; resolves either way. */
export function clockDelay(clock: Clock, ms: number): { promise: Promise<void>; cancel: () => void } {
  let handle: TimerHandle | undefined;
  let done: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    done = resolve;
    handle = ms <= 0 ? undefined : clock.setTimer(resolve, ms);
    if (ms <= 0) resolve();
  });
  return {
    promise,
    cancel: () => {
      handle?.cancel();
      done();
    },
  };
}
