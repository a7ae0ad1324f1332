// Lambda's platform log lines, byte for byte (fidelity 4.2): INIT_START, START, END, REPORT, timeouts.
import { createHash } from 'node:crypto';

export function initStartLine(runtime: string): string {
  const family = runtime.replace(/\.x$/, '').replace(/^(nodejs|python)(\d)/, '$1:$2');
  const sha = createHash('sha256').update(runtime).digest('hex');
  return `INIT_START Runtime Version: ${family}.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:${sha}\n`;
}

export const startLine = (requestId: string, version: string): string =>
  `START RequestId: ${requestId} Version: ${version}\n`;

export const endLine = (requestId: string): string => `END RequestId: ${requestId}\n`;

export interface ReportFigures {
  readonly durationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs: number | undefined;
  /** SnapStart: the restore of a cold start (with the after-restore hooks), instead of Init Duration. */
  readonly restoreDurationMs?: number | undefined;
  /** `timeout` or `error` when the invocation failed on the platform side. */
  readonly status?: string;
  readonly errorType?: string;
  /** PER_TENANT functions: JSON records carry the tenant (text lines do not). */
  readonly tenantId?: string | undefined;
}

/** Billed duration: Duration rounded up to the next millisecond. */
export const billedMs = (durationMs: number): number => Math.max(1, Math.ceil(durationMs));

export function reportLine(requestId: string, f: ReportFigures): string {
  let line =
    `REPORT RequestId: ${requestId}\tDuration: ${f.durationMs.toFixed(2)} ms\tBilled Duration: ${billedMs(f.durationMs)} ms\t` +
    `Memory Size: ${f.memorySizeMb} MB\tMax Memory Used: ${f.maxMemoryUsedMb} MB\t`;
  if (f.initDurationMs !== undefined) line += `Init Duration: ${f.initDurationMs.toFixed(2)} ms\t`;
  // Locally all of the restore is loading the runtime and running hooks, so all of it is billed.
  if (f.restoreDurationMs !== undefined) line += `Restore Duration: ${f.restoreDurationMs.toFixed(2)} ms\tBilled Restore Duration: ${billedMs(f.restoreDurationMs)} ms\t`;
  if (f.status) line += `Status: ${f.status}\t`;
  if (f.errorType) line += `Error Type: ${f.errorType}\t`;
  return line + '\n';
}

/** The log line Lambda writes when an invocation times out (measured elapsed seconds). */
export const timeoutLogLine = (timestamp: number, requestId: string, elapsedMs: number): string =>
  `${new Date(timestamp).toISOString()}\t${requestId}\tTask timed out after ${(elapsedMs / 1000).toFixed(2)} seconds\n`;

/** The platform lines of one function, in its log format: text lines, or telemetry-style JSON records. */
export interface PlatformLog {
  initStart(runtime: string, initializationType: string): string | undefined;
  start(requestId: string, version: string, tenantId?: string): string | undefined;
  end(requestId: string): string | undefined;
  report(requestId: string, f: ReportFigures): string | undefined;
}

const textLog: PlatformLog = {
  initStart: (runtime) => initStartLine(runtime),
  start: startLine,
  end: endLine,
  report: reportLine,
};

function record(type: string, rec: object): string {
  return JSON.stringify({ time: new Date().toISOString(), type, record: rec }) + '\n';
}

/** JSON format (LoggingConfig.LogFormat JSON): platform.initStart/start/report records; no END line. */
function jsonLog(systemLogLevel: string | undefined): PlatformLog {
  // Platform records are INFO level: a WARN system level suppresses them, as Lambda does.
  if (systemLogLevel === 'WARN') return { initStart: () => undefined, start: () => undefined, end: () => undefined, report: () => undefined };
  return {
    initStart: (runtime, initializationType) => {
      const family = runtime.replace(/\.x$/, '').replace(/^(nodejs|python)(\d)/, '$1:$2');
      return record('platform.initStart', { initializationType, phase: 'init', runtimeVersion: `${family}.v1`, runtimeVersionArn: initStartLine(runtime).split('Runtime Version ARN: ')[1]?.trim() });
    },
    start: (requestId, version, tenantId) => record('platform.start', { requestId, version, ...(tenantId !== undefined ? { tenantId } : {}) }),
    end: () => undefined,
    report: (requestId, f) =>
      record('platform.report', {
        requestId,
        metrics: {
          durationMs: Number(f.durationMs.toFixed(3)),
          billedDurationMs: billedMs(f.durationMs),
          memorySizeMB: f.memorySizeMb,
          maxMemoryUsedMB: f.maxMemoryUsedMb,
          ...(f.initDurationMs !== undefined ? { initDurationMs: Number(f.initDurationMs.toFixed(3)) } : {}),
          ...(f.restoreDurationMs !== undefined ? { restoreDurationMs: Number(f.restoreDurationMs.toFixed(3)), billedRestoreDurationMs: billedMs(f.restoreDurationMs) } : {}),
        },
        status: f.status === 'timeout' ? 'timeout' : f.status === 'error' ? 'error' : 'success',
        ...(f.errorType ? { errorType: f.errorType } : {}),
        ...(f.tenantId !== undefined ? { tenantId: f.tenantId } : {}),
      }),
  };
}

export function platformLog(logFormat: string, systemLogLevel?: string): PlatformLog {
  return logFormat === 'JSON' ? jsonLog(systemLogLevel) : textLog;
}
