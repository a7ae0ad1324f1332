// Reads Lambda's REPORT log line (`REPORT RequestId: ... Duration: 1.23 ms Billed Duration: 2 ms ...`):
// what an AWS invoke returns in its tail log is the only place durations and memory are reported.

export interface ReportFigures {
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Present only on cold starts. */
  readonly initDurationMs: number | undefined;
}

const figure = (line: string, label: string): number | undefined => {
  const m = new RegExp(`${label}: ([0-9.]+) (?:ms|MB)`).exec(line);
  return m ? Number(m[1]) : undefined;
};

/** The figures of the last REPORT line in `log`, or undefined when there is none. */
export function parseReport(log: string): ReportFigures | undefined {
  const line = log.split(/\r?\n/).reverse().find((l) => l.startsWith('REPORT RequestId:'));
  if (!line) return undefined;
  return {
    durationMs: figure(line, 'Duration') ?? 0,
    billedDurationMs: figure(line, 'Billed Duration') ?? 0,
    memorySizeMb: figure(line, 'Memory Size') ?? 0,
    maxMemoryUsedMb: figure(line, 'Max Memory Used') ?? 0,
    initDurationMs: figure(line, 'Init Duration'),
  };
}
