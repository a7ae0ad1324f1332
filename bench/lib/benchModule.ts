// The contract between `npm run bench` and each benchmark file (see bench/README.md): a file exports
// `rows(options)`; the runner runs it in its own process and merges its rows into one table.
import { markdown, type Row } from './table';

export interface BenchOptions {
  /** Smaller runs for a fast look (`npm run bench -- --quick`); figures are noisier. */
  readonly quick: boolean;
}

/** What a module returns: its rows, and notes for what it could not measure (and why). */
export type BenchResult = Row[] | { readonly rows: Row[]; readonly notes?: string[] };

/** The export every bench/*.ts file provides. */
export type RowsFunction = (options: BenchOptions) => Promise<BenchResult>;

/** Options of the current process, as the runner passed them (BENCH_QUICK=1 for --quick). */
export function benchOptions(): BenchOptions {
  return { quick: process.env.BENCH_QUICK === '1' };
}

/** A run size: `full` normally, `quick` under --quick; an environment variable overrides both. */
export function size(envName: string, full: number, quick: number): number {
  const v = process.env[envName];
  if (v !== undefined && v !== '') return Number(v);
  return benchOptions().quick ? quick : full;
}

/** Runs `rows` and prints its table when `mod` is the process's entry (`node --import tsx bench/x.ts`). */
export function runStandalone(mod: NodeModule, rows: RowsFunction): void {
  if (require.main !== mod) return;
  rows(benchOptions()).then(
    (r) => {
      const result = Array.isArray(r) ? { rows: r, notes: [] } : r;
      console.log(markdown(result.rows));
      for (const n of result.notes ?? []) console.log(`- ${n}`);
      // Engines and servers a module left behind must not keep the process alive.
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
