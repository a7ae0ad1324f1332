// How long the Lambda clock of the current invocation has been paused by a debugger. Without a
// debugger attached this is always 0; the debug launch installs a bridge that keeps it current.

let source: () => number = () => 0;

/** Milliseconds the current invocation spent stopped in the debugger. */
export function pausedMs(): number {
  return source();
}

/** Replaces the paused-time source (used by the debug clock bridge). */
export function setPausedSource(fn: () => number): void {
  source = fn;
}
