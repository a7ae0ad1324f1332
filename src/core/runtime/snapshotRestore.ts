// SnapStart inside an execution environment: the documented limits, Lambda's errors for a failed or slow
// restore, and the INIT_REPORT / RESTORE_START / RESTORE_REPORT lines (developer guide, SnapStart pages).
import { ApiError } from '../errors';
import { initStartLine } from './platformLines';

/** The runtime must load and the after-restore hooks finish within 10 seconds. */
export const RESTORE_TIMEOUT_MS = 10_000;

/** Init (with the before-snapshot hooks) may run 130 s or the function's timeout, whichever is longer (at most 900 s). */
export const snapshotInitLimitMs = (timeoutSeconds: number): number => Math.max(130, Math.min(900, timeoutSeconds)) * 1000;

/** SnapStartException (400): an after-restore hook failed (botocore's description as the message). */
export const afterRestoreFailed = (): ApiError =>
  new ApiError('SnapStartException', 400, 'The afterRestore() runtime hook encountered an error. For more information, check the Amazon CloudWatch logs.');

/** SnapStartTimeoutException (408): the restore overran its 10 seconds. */
export const restoreTimedOut = (): ApiError => new ApiError('SnapStartTimeoutException', 408, "Lambda couldn't restore the snapshot within the timeout limit.");

/** SnapStartNotReadyException (409): the version's snapshot is still being created. */
export const snapshotNotReady = (): ApiError =>
  new ApiError('SnapStartNotReadyException', 409, 'Lambda is initializing your function. You can invoke the function when the function state becomes Active.');

/** The INIT_REPORT line that closes a snapshot's init phase (REPORT lines then carry no Init Duration). */
export const initReportLine = (ms: number, status?: string): string =>
  `INIT_REPORT Init Duration: ${ms.toFixed(2)} ms${status ? `\tPhase: init\tStatus: ${status}` : ''}\n`;

export const restoreStartLine = (runtime: string): string => initStartLine(runtime).replace(/^INIT_START/, 'RESTORE_START');

export const restoreReportLine = (ms: number, status?: string): string =>
  `RESTORE_REPORT Restore Duration: ${ms.toFixed(2)} ms${status ? `\tStatus: ${status}` : ''}\n`;
