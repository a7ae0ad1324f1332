// Summary statistics for benchmark samples: medians of repeated runs with their spread.

/** The q-quantile (0..1) of `samples` (not modified). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1) + 0.5)))] as number;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Median of the runs and the spread (min..max) across runs. */
export interface Figure {
  readonly value: number;
  readonly min: number;
  readonly max: number;
}

export function figure(runs: readonly number[]): Figure {
  return { value: median(runs), min: Math.min(...runs), max: Math.max(...runs) };
}
