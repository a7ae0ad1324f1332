// Wire shapes of Lambda's durable execution APIs (2025-12-01), as the SDK's client-lambda model defines
// them; timestamps are kept as epoch milliseconds here and sent as epoch seconds.

export type OperationType = 'EXECUTION' | 'STEP' | 'WAIT' | 'CALLBACK' | 'CONTEXT' | 'CHAINED_INVOKE';
export type OperationStatus = 'STARTED' | 'PENDING' | 'READY' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT' | 'STOPPED';
export type ExecutionStatus = 'RUNNING' | 'PAUSING' | 'PAUSED' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED';

/** ErrorObject. */
export interface ErrorObject {
  ErrorMessage?: string;
  ErrorType?: string;
  ErrorData?: string;
  StackTrace?: string[];
}

/** One operation of an execution (Operation). */
export interface Operation {
  Id: string;
  Type: OperationType;
  Status: OperationStatus;
  StartTimestamp: number;
  EndTimestamp?: number;
  ParentId?: string;
  Name?: string;
  SubType?: string;
  ExecutionDetails?: { InputPayload?: string };
  ContextDetails?: { ReplayChildren?: boolean; Result?: string; Error?: ErrorObject };
  StepDetails?: { Attempt?: number; NextAttemptTimestamp?: number; Result?: string; Error?: ErrorObject };
  WaitDetails?: { ScheduledEndTimestamp?: number };
  CallbackDetails?: { CallbackId?: string; Result?: string; Error?: ErrorObject };
  ChainedInvokeDetails?: { Result?: string; Error?: ErrorObject };
}

/** OperationUpdate, as CheckpointDurableExecution receives it. */
export interface OperationUpdate {
  Id?: string;
  Type?: OperationType;
  Action?: 'START' | 'SUCCEED' | 'FAIL' | 'RETRY' | 'CANCEL';
  ParentId?: string;
  Name?: string;
  SubType?: string;
  Payload?: string;
  Error?: ErrorObject;
  ContextOptions?: { ReplayChildren?: boolean };
  StepOptions?: { NextAttemptDelaySeconds?: number };
  WaitOptions?: { WaitSeconds?: number };
  CallbackOptions?: { TimeoutSeconds?: number; HeartbeatTimeoutSeconds?: number };
  ChainedInvokeOptions?: { FunctionName?: string; TenantId?: string; XAmznTraceId?: string };
}

/** One history event (Event); the details member is named after the event type. */
export interface HistoryEvent {
  EventType: string;
  EventId: number;
  EventTimestamp: number;
  Id?: string;
  Name?: string;
  SubType?: string;
  ParentId?: string;
  [details: string]: unknown;
}

/** The execution itself (what GetDurableExecution describes). */
export interface ExecutionHeader {
  arn: string;
  name: string;
  functionName: string;
  /** The version the execution runs (`$LATEST` or a number). */
  version: string;
  /** The qualifier it was started with (an alias, a version or `$LATEST`); replays run `version`. */
  qualifier: string;
  status: ExecutionStatus;
  startTimestamp: number;
  endTimestamp?: number;
  inputPayload: string;
  result?: string;
  error?: ErrorObject;
  executionTimeout: number;
  retentionPeriodInDays: number;
  /** Id of the EXECUTION operation. */
  executionOperationId: string;
  /** PauseDurableExecution's details while PAUSING or PAUSED. */
  pause?: { requestTimestamp: number; reason?: string; timeoutPaused: boolean };
  /** Milliseconds spent paused with the execution timeout paused (they extend the timeout). */
  pausedMs?: number;
}

/** When the execution times out (ExecutionTimeout plus the time it spent paused with its timeout paused). */
export const timeoutAt = (h: ExecutionHeader): number => h.startTimestamp + h.executionTimeout * 1000 + (h.pausedMs ?? 0);

/** Epoch milliseconds -> the epoch seconds of the wire. */
export const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** An operation as the API sends it (timestamps in epoch seconds). */
export function wireOperation(op: Operation): Record<string, unknown> {
  return {
    ...op,
    StartTimestamp: seconds(op.StartTimestamp),
    ...(op.EndTimestamp !== undefined ? { EndTimestamp: seconds(op.EndTimestamp) } : {}),
    ...(op.StepDetails ? { StepDetails: { ...op.StepDetails, ...(op.StepDetails.NextAttemptTimestamp !== undefined ? { NextAttemptTimestamp: seconds(op.StepDetails.NextAttemptTimestamp) } : {}) } } : {}),
    ...(op.WaitDetails ? { WaitDetails: { ScheduledEndTimestamp: seconds(op.WaitDetails.ScheduledEndTimestamp) } } : {}),
  };
}
