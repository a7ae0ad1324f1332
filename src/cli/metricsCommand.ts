// `metrics <function>`: per-minute Invocations, Errors, Throttles, Duration (avg/p50/p99/max) and
// ConcurrentExecutions from the engine's state directory, as a table or JSON.
import * as path from 'node:path';
import { MetricsStore } from '../core/metrics/metricsStore';
import { emitJson, usageError } from './cliOutput';
import type { Values } from './engineFromArgs';
import { parseSince, stateDirFromArgs } from './stateDirFromArgs';

const fmt = (n: number | undefined): string => (n === undefined ? '-' : n.toFixed(2));

export async function metrics(values: Values, positionals: string[]): Promise<number> {
  const name = positionals[0];
  if (!name || positionals.length > 1) throw usageError('metrics takes one function name: lambda-workbench metrics <function> [--since 60m] [--period 60]');
  const period = values.period === undefined ? 60 : Number(values.period);
  if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) throw usageError(`--period must be a multiple of 60 seconds, got '${values.period}'.`);
  const store = new MetricsStore(path.join(await stateDirFromArgs(values), 'metrics'));
  try {
    const points = store.query({
      functionName: name,
      startTime: parseSince((values.since as string | undefined) ?? '60m'),
      period,
      ...(values.resource ? { resource: values.resource as string } : {}),
      ...(values.version ? { executedVersion: values.version as string } : {}),
    });
    if (emitJson(values, { functionName: name, period, datapoints: points })) return 0;
    if (points.length === 0) {
      const known = store.functions();
      process.stdout.write(`No datapoints for ${name} in this period${known.length ? ` (functions with metrics: ${known.join(', ')})` : ''}.\n`);
      return 0;
    }
    const rows = [['time (UTC)', 'invocations', 'errors', 'throttles', 'avg ms', 'p50 ms', 'p99 ms', 'max ms', 'concurrent']];
    for (const p of points) {
      rows.push([new Date(p.timestamp).toISOString().slice(0, 16).replace('T', ' '), String(p.invocations), String(p.errors), String(p.throttles), fmt(p.duration?.average), fmt(p.duration?.p50), fmt(p.duration?.p99), fmt(p.duration?.max), String(p.concurrentExecutions)]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) process.stdout.write(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n');
    return 0;
  } finally {
    store.dispose();
  }
}
