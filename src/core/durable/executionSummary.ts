// A durable execution as the UI lists it: status, and what a running one waits on (a wait, a retry
// delay, a callback), without its operations.
import type { ExecutionStatus } from './durableTypes';
import type { ExecutionState } from './executionState';

export interface DurableExecutionInfo {
  readonly arn: string;
  readonly name: string;
  readonly functionName: string;
  readonly version: string;
  readonly status: ExecutionStatus;
  readonly startTimestamp: number;
  readonly endTimestamp: number | undefined;
  /** What a running execution waits on, e.g. `wait nap`, `callback approval`, `retry flaky`. */
  readonly waitingOn: readonly string[];
  readonly errorMessage: string | undefined;
}

/** The summary of one execution. */
export function summarize(e: ExecutionState): DurableExecutionInfo {
  const waitingOn: string[] = [];
  if (e.running) {
    for (const op of e.operations.values()) {
      if (op.Type === 'WAIT' && op.Status === 'STARTED') waitingOn.push(`wait ${op.Name ?? op.Id}`);
      else if (op.Type === 'CALLBACK' && op.Status === 'STARTED') waitingOn.push(`callback ${op.Name ?? op.Id}`);
      else if (op.Type === 'STEP' && op.Status === 'PENDING') waitingOn.push(`retry ${op.Name ?? op.Id}`);
    }
  }
  const h = e.header;
  return { arn: h.arn, name: h.name, functionName: h.functionName, version: h.version, status: h.status, startTimestamp: h.startTimestamp, endTimestamp: h.endTimestamp, waitingOn, errorMessage: h.error?.ErrorMessage };
}
