// Side by side: the same event's result locally and in the cloud, compared field by field (payload as
// JSON, error, duration, memory, cold start) and rendered as two documents whose lines line up, so
// VS Code's diff editor highlights exactly what differs.
import type { InvokeResult } from '../backends/lambdaBackend';

/** One compared figure. */
export interface ComparedField {
  readonly field: 'Payload' | 'Error' | 'Duration' | 'Billed duration' | 'Max memory used' | 'Memory size' | 'Start';
  readonly local: string;
  readonly cloud: string;
  readonly same: boolean;
}

export interface Comparison {
  readonly fields: readonly ComparedField[];
  /** `payload same · error same · duration 2.1 ms / 40.3 ms · ...`. */
  readonly summary: string;
}

const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;

/** The payload in a form where key order and whitespace do not count (text that is not JSON as is). */
export function normalizedPayload(text: string): string {
  try {
    return JSON.stringify(canonical(JSON.parse(text)), null, 2);
  } catch {
    return text;
  }
}

const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(2)} ms`);
const mb = (v: number | undefined): string => (v === undefined || v === 0 ? 'n/a' : `${v} MB`);
const start = (r: InvokeResult): string => (r.coldStart === undefined ? 'unknown' : r.coldStart ? `cold (init ${ms(r.initDurationMs)})` : 'warm');
// Durations never match to the microsecond: within 10% (or 1 ms) they count as the same.
const close = (a: number | undefined, b: number | undefined): boolean => a !== undefined && b !== undefined && Math.abs(a - b) <= Math.max(1, 0.1 * Math.max(a, b));

/** Compares two results of the same event. */
export function compareResults(local: InvokeResult, cloud: InvokeResult): Comparison {
  const payloadSame = normalizedPayload(local.payload) === normalizedPayload(cloud.payload);
  const fields: ComparedField[] = [
    { field: 'Payload', local: payloadSame ? 'same' : 'differs', cloud: payloadSame ? 'same' : 'differs', same: payloadSame },
    { field: 'Error', local: local.errorType ?? 'none', cloud: cloud.errorType ?? 'none', same: local.errorType === cloud.errorType },
    { field: 'Duration', local: ms(local.durationMs), cloud: ms(cloud.durationMs), same: close(local.durationMs, cloud.durationMs) },
    { field: 'Billed duration', local: ms(local.billedDurationMs), cloud: ms(cloud.billedDurationMs), same: local.billedDurationMs === cloud.billedDurationMs },
    { field: 'Max memory used', local: mb(local.maxMemoryUsedMb), cloud: mb(cloud.maxMemoryUsedMb), same: local.maxMemoryUsedMb === cloud.maxMemoryUsedMb },
    { field: 'Memory size', local: mb(local.memorySizeMb), cloud: mb(cloud.memorySizeMb), same: local.memorySizeMb === cloud.memorySizeMb },
    { field: 'Start', local: start(local), cloud: start(cloud), same: local.coldStart === cloud.coldStart },
  ];
  const summary = fields
    .filter((f) => f.field !== 'Billed duration' && f.field !== 'Memory size')
    .map((f) => (f.field === 'Payload' ? `payload ${f.local}` : f.same && f.field === 'Error' ? `error ${f.local === 'none' ? 'none on both' : 'same'}` : `${f.field.toLowerCase()} ${f.local} / ${f.cloud}`))
    .join(' · ');
  return { fields, summary };
}

/** Log lines with what always differs between two runs (request ids, timestamps, log stream ids) masked. */
export function normalizedLog(lines: readonly string[]): string[] {
  return lines.map((l) =>
    l
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request-id>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/\t(Duration|Billed Duration|Init Duration|Max Memory Used): [\d.]+ (ms|MB)/g, '\t$1: …'),
  );
}

/** One side's document; both sides have the same lines in the same order. */
export function comparisonSide(side: 'local' | 'cloud', where: string, functionName: string, eventLabel: string, r: InvokeResult, c: Comparison): string {
  const width = Math.max(...c.fields.map((f) => f.field.length)) + 2;
  return [
    `${side === 'local' ? 'Local' : 'Cloud'}: ${functionName} (${where}) with ${eventLabel}`,
    '',
    ...c.fields.filter((f) => f.field !== 'Payload').map((f) => `${(f.field + ':').padEnd(width)}${side === 'local' ? f.local : f.cloud}`),
    '',
    r.errorType ? '── Error ──' : '── Response ──',
    normalizedPayload(r.payload),
    '',
    r.completeLog ? '── Log (request ids, times and REPORT figures masked) ──' : '── Log (last 4 KB; request ids, times and REPORT figures masked) ──',
    ...normalizedLog(r.logLines),
    '',
  ].join('\n');
}
