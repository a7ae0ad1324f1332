// Where a function summary's handler lives, through the core's handler lookup (no vscode here).
import { handlerSource, type HandlerSource } from '../../core/project/handlerSource';
import type { FunctionSummary } from './lambdaBackend';

export { findExportLine, type HandlerSource } from '../../core/project/handlerSource';

/** Finds the source of a local function's handler, or undefined when it cannot be found. */
export function handlerSourceOf(fn: Pick<FunctionSummary, 'handler' | 'runtime' | 'local'>): HandlerSource | undefined {
  // A CDK function: the app's file the cdk.out copy was made from, where the user edits and sets breakpoints.
  if (fn.local?.appSource) return fn.local.appSource;
  return fn.local ? handlerSource(fn.local.codeDir, fn.runtime, fn.handler, fn.local.entryPoints) : undefined;
}
