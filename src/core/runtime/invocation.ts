// Types of one invocation as an execution environment sees it, and the error payloads the platform
// produces itself (timeouts, crashes, oversized responses; fidelity 5.3 and 10).
import type { ReloadNote } from './hotReload';
import type { ResponseSink } from './streamedResponse';

export interface InvocationInput {
  readonly requestId: string;
  readonly payload: Buffer;
  /** The ARN as the caller gave it (unqualified, version or alias). */
  readonly invokedFunctionArn: string;
  /** Decoded client-context JSON text. */
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
  readonly traceId?: string;
  readonly tenantId?: string;
  /** Receives a streamed response as it is written (InvokeWithResponseStream, RESPONSE_STREAM URLs). */
  readonly responseSink?: ResponseSink;
}

export interface InvocationOutcome {
  readonly requestId: string;
  readonly payload: Buffer;
  readonly contentType: string;
  /** Set when the function failed; the caller then sees `X-Amz-Function-Error: Unhandled`. */
  readonly errorType: string | undefined;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly initDurationMs: number | undefined;
  /** SnapStart: the restore that preceded this cold invocation. */
  readonly restoreDurationMs?: number;
  readonly maxMemoryUsedMb: number;
  /** Every log message of this invocation, START to REPORT. */
  readonly logLines: readonly string[];
  readonly coldStart: boolean;
  readonly environmentId: string;
  readonly logStreamName: string;
  readonly executedVersion: string;
  /** Epoch ms when the event was handed to the runtime. */
  readonly startedAt: number;
  /** The runtime answered in streaming mode (the body went to the sink, or was buffered without one). */
  readonly streamed?: boolean;
  /** The first invocation after a change: whether the environment was recycled or the handler module reloaded. */
  readonly reload?: ReloadNote;
}

const errorBody = (errorType: string, errorMessage: string): Buffer =>
  Buffer.from(JSON.stringify({ errorType, errorMessage }));

export const platformErrors = {
  timeout: (requestId: string, timeoutSeconds: number): Buffer =>
    errorBody('Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`),
  exit: (requestId: string, code: number | null, signal: string | null): Buffer =>
    errorBody(
      'Runtime.ExitError',
      code === 0 && !signal
        ? `RequestId: ${requestId} Error: Runtime exited without providing a reason`
        : `RequestId: ${requestId} Error: Runtime exited with error: ${signal ? `signal: ${signalName(signal)}` : `exit status ${code}`}`,
    ),
  outOfMemory: (requestId: string): Buffer =>
    errorBody('Runtime.OutOfMemory', `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`),
  responseTooLarge: (): Buffer =>
    errorBody('Function.ResponseSizeTooLarge', 'Response payload size exceeded maximum allowed payload size (6291556 bytes).'),
};

function signalName(signal: string): string {
  const names: Record<string, string> = { SIGKILL: 'killed', SIGABRT: 'aborted', SIGSEGV: 'segmentation fault', SIGTERM: 'terminated' };
  return names[signal] ?? signal.replace(/^SIG/, '').toLowerCase();
}

/** The errorType of an error payload, falling back to the Runtime API header. */
export function errorTypeOf(body: Buffer, header: string | undefined): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errorType?: unknown };
    if (typeof parsed.errorType === 'string' && parsed.errorType) return parsed.errorType;
  } catch {
    // not JSON: use the header
  }
  return header && /^(Runtime|Function)\.[A-Z][a-zA-Z]+$/.test(header) ? header : header?.startsWith('Function.') ? 'Function.Unknown' : 'Runtime.Unknown';
}
