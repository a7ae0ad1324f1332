// How a finished invocation is shown to the debug client: the result (or Lambda's error payload) in
// the debug console, and a custom `lambdaInvocation` event that scripts and the editor can act on.
import { Event, OutputEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { InvokeResponse } from '../core/invoke/invoker';

/** Body of the custom `lambdaInvocation` event sent when an invocation ends. */
export interface InvocationReport {
  readonly requestId: string;
  readonly payload: string;
  readonly errorType: string | undefined;
  readonly durationMs: number | undefined;
  readonly coldStart: boolean | undefined;
}

/** The console output and the `lambdaInvocation` event of a finished invocation. */
export function reportInvocation(functionName: string, result: InvokeResponse): [DebugProtocol.OutputEvent, DebugProtocol.Event] {
  const text = result.payload.toString('utf8');
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON (a binary or text response): shown as it is.
  }
  const errorType = result.outcome?.errorType;
  const output = result.functionError
    ? new OutputEvent(`${functionName} failed (${errorType ?? 'Unhandled'}):\n${pretty}\n`, 'stderr')
    : new OutputEvent(`${functionName} returned:\n${pretty}\n`, 'console');
  const report: InvocationReport = { requestId: result.requestId, payload: text, errorType, durationMs: result.outcome?.durationMs, coldStart: result.outcome?.coldStart };
  return [output, new Event('lambdaInvocation', report)];
}

/** The `lambdaInvocation` event of an invocation the engine refused (bad event, template problem). */
export function reportRefused(requestId: string, error: Error): DebugProtocol.Event {
  const report: InvocationReport = { requestId, payload: '', errorType: error.name, durationMs: undefined, coldStart: undefined };
  return new Event('lambdaInvocation', report);
}
