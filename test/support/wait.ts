// The one way tests wait: on an emitter's event (nextEvent, until), or, where no event exists (a
// process exiting, a file appearing), by re-checking a condition under a deadline (waitFor).
import type { EventEmitter } from 'node:events';

/** Resolves when `condition()` holds; rejects after `ms` (a bound on waiting, not a sleep). */
export async function waitFor(condition: () => boolean, ms = 5000, what: string | (() => string) = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(typeof what === 'function' ? what() : `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the arguments of the first `event` for which `match` holds; rejects after `ms`. */
export function nextEvent<A extends unknown[]>(emitter: EventEmitter, event: string, match: (...args: A) => boolean = () => true, ms = 20_000): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out waiting for '${event}'`));
    }, ms);
    const listener = (...args: unknown[]): void => {
      if (!match(...(args as A))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as A);
    };
    emitter.on(event, listener);
  });
}

/** Resolves once `condition()` holds, re-checking on each `event` of `emitter`. */
export async function until(emitter: EventEmitter, event: string, condition: () => boolean, ms = 20_000): Promise<void> {
  if (condition()) return;
  await nextEvent(emitter, event, condition, ms);
}
