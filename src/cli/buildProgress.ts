// Prints build progress on stderr: one line per step and per finished build (tool output with --verbose).
import type { BuildProgress } from '../core/build';
import type { Emulator } from '../core/emulator';

/** Subscribes to the engine's build progress; returns the unsubscribe function. */
export function printBuildProgress(engine: Emulator, options: { readonly verbose?: boolean; readonly cached?: boolean } = {}): () => void {
  const listener = (p: BuildProgress): void => {
    if (p.phase === 'output') {
      if (options.verbose) process.stderr.write(`  | ${p.message}\n`);
    } else if (p.phase === 'step') {
      process.stderr.write(`  ${p.logicalId}: ${p.message}\n`);
    } else if (p.phase === 'cached') {
      if (options.cached) process.stderr.write(`${p.message}\n`);
    } else if (p.phase !== 'failed') {
      // A failure's message is the error the command prints.
      process.stderr.write(`${p.message}\n`);
    }
  };
  return engine.onBuildProgress(listener);
}
