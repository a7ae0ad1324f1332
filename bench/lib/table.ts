// One benchmark row: our figure beside its floor or peer measured in the same run, and the ratio.
import type { Figure } from './stats';

export interface Row {
  readonly name: string;
  readonly unit: string;
  readonly ours: Figure;
  /** What we compare against, e.g. "minimal Runtime API floor" or "lambda-local". */
  readonly baselineName?: string;
  readonly baseline?: Figure;
  /** The goal for ours/baseline (e.g. 1.5 means within 1.5x), or an absolute goal text. */
  readonly target?: string;
  /** For throughput, larger is better: the ratio is then baseline/ours. */
  readonly higherIsBetter?: boolean;
}

/** `value unit (min-max)`, with fewer decimals for larger values. */
export const fmt = (f: Figure, unit: string): string => {
  const d = f.value >= 100 ? 0 : f.value >= 10 ? 1 : f.value >= 1 ? 2 : 3;
  return `${f.value.toFixed(d)} ${unit} (${f.min.toFixed(d)}-${f.max.toFixed(d)})`;
};

export function ratio(r: Row): string {
  if (!r.baseline) return '';
  const x = r.higherIsBetter ? r.baseline.value / r.ours.value : r.ours.value / r.baseline.value;
  return `${x.toFixed(2)}x`;
}

/** A Markdown table of rows. */
export function markdown(rows: readonly Row[]): string {
  const lines = ['| benchmark | ours (median, spread) | baseline | baseline figure | ratio | goal |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${fmt(r.ours, r.unit)} | ${r.baselineName ?? ''} | ${r.baseline ? fmt(r.baseline, r.unit) : ''} | ${ratio(r)} | ${r.target ?? ''} |`);
  }
  return lines.join('\n');
}
