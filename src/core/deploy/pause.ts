// A pause between polls of a cloud operation (change sets, stack events, function updates) that an
// AbortSignal ends at once.
import { WorkbenchError } from '../errors';

/** Resolves after `ms`, or rejects with a Cancelled error when `signal` aborts first. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error of a cancelled deploy or sync. */
export function cancelled(): WorkbenchError {
  return new WorkbenchError('Cancelled.', 'Cancelled');
}
