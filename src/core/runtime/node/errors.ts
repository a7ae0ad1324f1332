// Error shapes of the Node.js runtime (fidelity 2.2): the payload posted to the Runtime API
// (`trace`) and the JSON written to the log (`stack`), plus the runtime's own error classes.
import * as util from 'node:util';

function isError(e: unknown): e is Error {
  return util.types.isNativeError(e) || (typeof e === 'object' && e !== null && typeof (e as Error).stack === 'string' && 'message' in e);
}

export interface RapidError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];
}

/** What the caller receives as the error payload. */
export function toRapidResponse(error: unknown): RapidError {
  try {
    if (isError(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/** The tab-prefixed JSON Lambda logs after `Invoke Error`, `Uncaught Exception` and friends. */
export function toLogJson(error: unknown): string {
  if (isError(error)) {
    const own: Record<string, unknown> = {};
    for (const key of Object.keys(error)) own[key] = (error as unknown as Record<string, unknown>)[key];
    return '\t' + JSON.stringify({ errorType: error.name, errorMessage: error.message, ...own, stack: (error.stack ?? '').split('\n') });
  }
  return '\t' + JSON.stringify({ errorType: typeof error, errorMessage: String(error) });
}

class RuntimeError extends Error {
  constructor(kind: string, message: string, stack?: string) {
    super(message);
    this.name = `Runtime.${kind}`;
    if (stack) this.stack = `${this.name}: ${message}\n${stack.split('\n').slice(1).join('\n')}`;
  }
}

export const runtimeErrors = {
  malformedHandlerName: (msg: string) => new RuntimeError('MalformedHandlerName', msg),
  importModule: (cause: Error) => new RuntimeError('ImportModuleError', String(cause), cause.stack),
  syntax: (cause: Error) => new RuntimeError('UserCodeSyntaxError', String(cause), cause.stack),
  handlerNotFound: (msg: string) => new RuntimeError('HandlerNotFound', msg),
  nodeJsExit: () =>
    new RuntimeError(
      'NodeJsExit',
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    ),
  unhandledRejection: (reason: unknown) => {
    const e = new RuntimeError('UnhandledPromiseRejection', String(reason instanceof Error ? `${reason.name}: ${reason.message}` : reason));
    if (reason instanceof Error && reason.stack) e.stack = `Runtime.UnhandledPromiseRejection: ${e.message}\n${reason.stack.split('\n').slice(1).join('\n')}`;
    return e;
  },
};
