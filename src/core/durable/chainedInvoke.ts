// Chained invokes (context.invoke): the engine invokes the target function the SDK named in its
// CHAINED_INVOKE START (a durable target starts its own execution, named after the operation so a
// relaunch after a restart finds it again) and turns the answer into the operation's outcome.
import { createHash } from 'node:crypto';
import type { ApiError } from '../errors';
import type { InvokeRequest, InvokeResponse } from '../invoke/invoker';
import type { ErrorObject, ExecutionStatus, Operation } from './durableTypes';
import type { ExecutionState } from './executionState';

/** How a chained invocation ended. */
export interface ChainedOutcome {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED';
  readonly result?: string;
  readonly error?: ErrorObject;
}

/** The target, input and tenant the SDK gave when it started the operation (from its ChainedInvokeStarted). */
export function chainedRequest(e: ExecutionState, op: Operation): InvokeRequest {
  const started = e.events.find((ev) => ev.EventType === 'ChainedInvokeStarted' && ev.Id === op.Id)?.['ChainedInvokeStartedDetails'] as
    | { FunctionName?: string; TenantId?: string; Input?: { Payload?: string } }
    | undefined;
  const name = createHash('sha256').update(`${e.header.arn}|${op.Id}`).digest('hex').slice(0, 32);
  return {
    functionName: started?.FunctionName ?? '',
    payload: Buffer.from(started?.Input?.Payload ?? '{}'),
    invocationType: 'RequestResponse',
    durableParent: e.header.arn,
    durableExecutionName: `chained-${name}`,
    ...(started?.TenantId ? { tenantId: started.TenantId } : {}),
  };
}

/** Runs the chained invocation; `childStatus` tells how a durable target's execution ended. */
export async function runChained(
  invoke: (request: InvokeRequest) => Promise<InvokeResponse>,
  request: InvokeRequest,
  childStatus: (arn: string) => ExecutionStatus | undefined,
): Promise<ChainedOutcome> {
  let res: InvokeResponse;
  try {
    res = await invoke(request);
  } catch (err) {
    // ResourceNotFoundException, a tenant or payload refusal: the operation fails with Lambda's error.
    return { status: 'FAILED', error: { ErrorType: (err as ApiError).type ?? 'Error', ErrorMessage: (err as Error).message } };
  }
  const text = res.payload.toString('utf8');
  if (!res.functionError) return { status: 'SUCCEEDED', result: text };
  let body: { errorType?: string; errorMessage?: string; trace?: string[] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // an unparseable error payload is reported as it is
  }
  const error: ErrorObject = { ErrorType: body.errorType ?? 'Unhandled', ErrorMessage: body.errorMessage ?? text, ...(Array.isArray(body.trace) ? { StackTrace: body.trace } : {}) };
  const child = res.durableExecutionArn ? childStatus(res.durableExecutionArn) : undefined;
  const status = child === 'TIMED_OUT' || child === 'STOPPED' ? child : 'FAILED';
  return { status, error };
}
