// The Node.js context object (fidelity 2.1), built per invocation from the /next headers.
import type { NextInvocation } from './runtimeClient';
import { pausedMs } from './clockBridge';

export interface LambdaContext {
  awsRequestId: string;
  invokedFunctionArn: string;
  functionName: string;
  functionVersion: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  identity: unknown;
  clientContext: unknown;
  tenantId?: string;
  /** Absent on Node.js 24+, like done/succeed/fail. */
  callbackWaitsForEmptyEventLoop?: boolean;
  getRemainingTimeInMillis(): number;
  succeed?(result?: unknown): void;
  fail?(error?: unknown): void;
  done?(error?: unknown, result?: unknown): void;
}

function parseHeaderJson(raw: string | undefined, what: string): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- the message replaces the low-level error on purpose; it is what the user sees
    throw new Error(`Cannot parse ${what} as json: ${(e as Error).message}`);
  }
}

export function makeContext(inv: NextInvocation, settle: (err: unknown, result?: unknown) => void, legacy = true): LambdaContext {
  const env = process.env;
  const deadline = inv.deadlineMs;
  const context: LambdaContext = {
    awsRequestId: inv.requestId,
    invokedFunctionArn: inv.invokedFunctionArn,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    identity: parseHeaderJson(inv.cognitoIdentity, 'CognitoIdentity'),
    clientContext: parseHeaderJson(inv.clientContext, 'ClientContext'),
    getRemainingTimeInMillis: () => deadline - Date.now() + pausedMs(),
  };
  if (legacy) {
    // nodejs22.x and older (runtime interface client v3); v4 (nodejs24.x) has none of these.
    context.callbackWaitsForEmptyEventLoop = true;
    context.succeed = (result) => settle(null, result);
    context.fail = (error) => settle(error ?? 'handled');
    context.done = (error, result) => settle(error, result);
  }
  if (inv.tenantId !== undefined) context.tenantId = inv.tenantId;
  return context;
}
