// The API documents of durable executions: GetDurableExecution, the Execution summaries of
// ListDurableExecutionsByFunction and the Events of GetDurableExecutionHistory (epoch-second timestamps).
import { functionArn, type Partition } from '../arn';
import { seconds, timeoutAt, type ExecutionHeader, type HistoryEvent } from './durableTypes';

/** GetDurableExecution. */
export function executionDocument(p: Partition, h: ExecutionHeader, includeData = true): Record<string, unknown> {
  return {
    ...executionSummary(p, h),
    Version: h.version,
    ...(includeData ? { InputPayload: h.inputPayload, ...(h.result !== undefined ? { Result: h.result } : {}), ...(h.error ? { Error: h.error } : {}) } : {}),
    ExecutionDataIncluded: includeData,
    DurableConfig: { ExecutionTimeout: h.executionTimeout, RetentionPeriodInDays: h.retentionPeriodInDays },
    ...(h.pause ? { PauseDetails: { PauseRequestTimestamp: seconds(h.pause.requestTimestamp), ExecutionTimeoutPaused: h.pause.timeoutPaused, ...(includeData && h.pause.reason !== undefined ? { Reason: h.pause.reason } : {}) } } : {}),
    ...(h.endTimestamp === undefined ? { ExpectedExecutionTimeoutTimestamp: seconds(h.pause?.timeoutPaused && h.status === 'PAUSED' ? h.startTimestamp + 366 * 86_400_000 : timeoutAt(h)) } : {}),
  };
}

/** One Execution of ListDurableExecutionsByFunction. */
export function executionSummary(p: Partition, h: ExecutionHeader): Record<string, unknown> {
  return {
    DurableExecutionArn: h.arn,
    DurableExecutionName: h.name,
    FunctionArn: functionArn(p, h.functionName, h.version),
    Status: h.status,
    StartTimestamp: seconds(h.startTimestamp),
    ...(h.endTimestamp !== undefined ? { EndTimestamp: seconds(h.endTimestamp) } : {}),
  };
}

/** One Event of GetDurableExecutionHistory; payloads are left out unless asked for. */
export function historyEvent(ev: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ev, EventTimestamp: seconds(ev.EventTimestamp) };
  if (!includeData) {
    for (const [k, v] of Object.entries(out)) {
      if (!k.endsWith('Details') || !v || typeof v !== 'object') continue;
      const d = { ...(v as Record<string, unknown>) };
      for (const key of ['Result', 'Error', 'Input', 'Reason']) if (d[key]) d[key] = { Truncated: true };
      out[k] = d;
    }
  }
  return out;
}
