// Child-process entry of the bench runner: loads one bench file, calls its rows function and writes
// `{ rows, notes }` as JSON to the file named on the command line.
import * as fs from 'node:fs';
import { benchOptions, type BenchResult, type RowsFunction } from './benchModule';

/** The module's `rows` export, or (for older files) its one exported function named `...Rows`. */
export function rowsFunction(mod: Record<string, unknown>): RowsFunction | undefined {
  if (typeof mod.rows === 'function') return mod.rows as RowsFunction;
  const named = Object.entries(mod).filter(([k, v]) => /Rows$/.test(k) && typeof v === 'function');
  return named.length === 1 ? (named[0]?.[1] as RowsFunction) : undefined;
}

async function main(file: string, out: string): Promise<void> {
  const mod = (await import(file)) as Record<string, unknown>;
  const fn = rowsFunction(mod) ?? rowsFunction((mod.default ?? {}) as Record<string, unknown>);
  if (!fn) {
    fs.writeFileSync(out, JSON.stringify({ rows: [], notes: [`${file} exports no rows() function (see bench/README.md); skipped.`] }));
    return;
  }
  const result: BenchResult = await fn(benchOptions());
  const normalized = Array.isArray(result) ? { rows: result, notes: [] } : { rows: result.rows, notes: result.notes ?? [] };
  fs.writeFileSync(out, JSON.stringify(normalized));
}

if (require.main === module) {
  const [file, out] = process.argv.slice(2) as [string, string];
  main(file, out).then(
    // Modules may leave handles (agents, timers) behind: the result is written, so end here.
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
