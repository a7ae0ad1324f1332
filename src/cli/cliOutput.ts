// What every command prints with --json (one document on stdout) and how failures become an error
// document with a stable `code` and an exit code (docs/cli.md lists both).
import { LambdaServiceException } from '@aws-sdk/client-lambda';
import { ApiError, messageOf, WorkbenchError } from '../core/errors';
import type { Values } from './engineFromArgs';

/** Exit codes of every command. */
export const exitCodes = {
  ok: 0,
  /** The function returned an error, or the Lambda API refused the request. */
  failed: 1,
  /** Bad arguments, or something to fix first (template, event file, engine not reachable...). */
  usage: 2,
  /** A bug or an unexpected failure. */
  internal: 3,
} as const;

/** A wrong command line: the message says what to type instead. */
export const usageError = (message: string): WorkbenchError => new WorkbenchError(message, 'UsageError');

/** Writes one JSON document to stdout. */
export function writeJson(doc: unknown): void {
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
}

/** Writes `doc` when --json is set; returns whether it did (the caller prints text otherwise). */
export function emitJson(values: Values, doc: unknown): boolean {
  if (!values.json) return false;
  writeJson(doc);
  return true;
}

/** The error document of --json, the exit code and the stderr line of any thrown value. */
export function describeFailure(e: unknown): { error: { code: string; message: string }; exitCode: number; text: string } {
  if (e instanceof WorkbenchError) {
    const code = e.code === 'Workbench' ? 'WorkbenchError' : e.code;
    return { error: { code, message: e.message }, exitCode: exitCodes.usage, text: `lambda-workbench: ${e.message}` };
  }
  if (e instanceof ApiError) return { error: { code: e.type, message: e.message }, exitCode: exitCodes.failed, text: `${e.type}: ${e.message}` };
  // Any AWS SDK service exception (Lambda, CloudWatch Logs...): the service refused the request.
  if (e instanceof LambdaServiceException || (e instanceof Error && '$fault' in e && '$metadata' in e)) {
    return { error: { code: e.name, message: e.message }, exitCode: exitCodes.failed, text: `${e.name}: ${e.message}` };
  }
  if ((e as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED') {
    const message = `Cannot reach the Lambda endpoint (${messageOf(e)}). Is the engine still running?`;
    return { error: { code: 'EngineUnreachable', message }, exitCode: exitCodes.usage, text: `lambda-workbench: ${message}` };
  }
  return { error: { code: 'InternalError', message: messageOf(e) }, exitCode: exitCodes.internal, text: `lambda-workbench: ${messageOf(e)}` };
}
