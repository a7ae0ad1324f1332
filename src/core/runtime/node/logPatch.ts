// The console patch of the Node.js runtime (fidelity 4.3, 4.4): `<ts>\t<requestId>\t<LEVEL>\t<message>`
// or JSON lines, with level filtering. Each call becomes one record on the engine's log channel,
// with the call site of the user code that logged it (for inline log lines and debugger output).
import * as fs from 'node:fs';
import * as util from 'node:util';

const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
type Level = (typeof levels)[number];

let requestId: string | undefined;

/** The request id printed on log lines; `undefined` during init, as on Lambda. */
export function setCurrentRequestId(id: string | undefined): void {
  requestId = id;
}

let tenantId: string | undefined;

/** The tenant of the current invocation (PER_TENANT functions): JSON records carry it. */
export function setCurrentTenantId(id: string | undefined): void {
  tenantId = id;
}

const logFd = process.env._LAMBDA_WORKBENCH_LOG_FD ? Number(process.env._LAMBDA_WORKBENCH_LOG_FD) : undefined;
// Not a Lambda variable: keep it out of the handler's environment (and its child processes').
delete process.env._LAMBDA_WORKBENCH_LOG_FD;
const jsonFormat = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON';
const minLevel = Math.max(0, levels.indexOf((process.env.AWS_LAMBDA_LOG_LEVEL ?? 'TRACE').toUpperCase() as Level));

interface Site {
  f: string;
  l: number;
  c: number;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any function's call site, whatever its signature
function callSiteOf(fn: Function): Site | undefined {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be restored as is, never called here
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 1;
    Error.prepareStackTrace = (_e, frames) => frames;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, fn);
    const frame = holder.stack?.[0];
    const file = frame?.getFileName();
    return frame && file ? { f: file, l: frame.getLineNumber() ?? 0, c: frame.getColumnNumber() ?? 0 } : undefined;
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
}

/** Writes one log event: a framed record on the log channel, or a line on stdout with \n turned into \r. */
export function writeEvent(message: string, site?: Site): void {
  if (logFd !== undefined) {
    const record = site ? { t: Date.now(), m: message, ...site } : { t: Date.now(), m: message };
    fs.writeSync(logFd, JSON.stringify(record) + '\n');
  } else {
    fs.writeSync(1, message.slice(0, -1).replace(/\n/g, '\r') + '\n');
  }
}

function isErrorLike(v: unknown): v is Error {
  return v instanceof Error;
}

function formatLine(level: Level, args: unknown[]): string {
  if (!jsonFormat) return `${new Date().toISOString()}\t${requestId}\t${level}\t${util.format(...args)}\n`;
  const record: Record<string, unknown> = { timestamp: new Date().toISOString(), level, requestId, ...(tenantId !== undefined ? { tenantId } : {}) };
  const only = args.length === 1 ? args[0] : undefined;
  record.message = only !== null && typeof only === 'object' && !isErrorLike(only) ? only : util.format(...args);
  const err = args.find(isErrorLike);
  if (err) {
    record.errorType = err.name;
    record.errorMessage = err.message;
    record.stackTrace = (err.stack ?? '').split('\n');
  }
  try {
    return JSON.stringify(record) + '\n';
  } catch {
    return JSON.stringify({ ...record, message: util.format(...args) }) + '\n';
  }
}

/** Replaces console methods; levels below AWS_LAMBDA_LOG_LEVEL become no-ops in JSON mode. */
export function patchConsole(): void {
  const c = console as unknown as Record<string, (...args: unknown[]) => void>;
  const bind = (name: string, level: Level): void => {
    const enabled = !jsonFormat || level === 'FATAL' || levels.indexOf(level) >= minLevel;
    const method = enabled
      ? function (...args: unknown[]): void {
          writeEvent(formatLine(level, args), callSiteOf(method));
        }
      : function (): void {};
    c[name] = method;
  };
  bind('trace', 'TRACE');
  bind('debug', 'DEBUG');
  bind('info', 'INFO');
  bind('log', 'INFO');
  bind('warn', 'WARN');
  bind('error', 'ERROR');
  bind('fatal', 'FATAL');
}

/** Logs an error the runtime itself reports (`Invoke Error`, `Uncaught Exception`, ...). */
export function logRuntimeError(prefix: string, json: string): void {
  writeEvent(formatLine('ERROR', [prefix, json]));
}
