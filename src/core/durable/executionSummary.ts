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
  /** Open callbacks (waitForCallback / createCallback) and their ids, to complete them from the UI. */
  readonly callbacks: readonly { readonly name: string; readonly callbackId: string }[];
  readonly errorMessage: string | undefined;
}

/** The summary of one execution. */
export function summarize(e: ExecutionState): DurableExecutionInfo {
  const waitingOn: string[] = [];
  const callbacks: { name: string; callbackId: string }[] = [];
  if (e.running) {
    for (const op of e.operations.values()) {
      if (op.Type === 'WAIT' && op.Status === 'STARTED') waitingOn.push(`wait ${op.Name ?? op.Id}`);
      else if (op.Type === 'CALLBACK' && op.Status === 'STARTED') {
        // waitForCallback names its context, not the callback inside it.
        const name = op.Name ?? (op.ParentId ? e.operations.get(op.ParentId)?.Name : undefined) ?? op.Id;
        waitingOn.push(`callback ${name}`);
        if (op.CallbackDetails?.CallbackId) callbacks.push({ name, callbackId: op.CallbackDetails.CallbackId });
      }
      else if (op.Type === 'STEP' && op.Status === 'PENDING') waitingOn.push(`retry ${op.Name ?? op.Id}`);
    }
  }
  const h = e.header;
  return { arn: h.arn, name: h.name, functionName: h.functionName, version: h.version, status: h.status, startTimestamp: h.startTimestamp, endTimestamp: h.endTimestamp, waitingOn, callbacks, errorMessage: h.error?.ErrorMessage };
}
