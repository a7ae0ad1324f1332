// The text of an invocation result view: status line, figures (durations, memory, cold/warm, executed
// version, what it would cost in the cloud), the pretty-printed payload and the log lines.
import type { InvokeResult, StreamChunk } from '../backends/lambdaBackend';
import { formatCost, invocationCost, type PriceTable } from './invocationCost';
import { describeReload } from '../../core/runtime/hotReload';

/** What the result view needs besides the result. */
export interface ResultContext {
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly backendLabel: string;
  readonly eventLabel: string;
  readonly architecture: string;
  readonly prices: PriceTable;
  readonly at: Date;
}

const pretty = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};
const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(2)} ms`);

/** One-line summary (`✓ 12.34 ms warm` / `✗ Error`), for CodeLens and notifications. */
export function resultSummary(r: InvokeResult): string {
  const state = (r.coldStart === undefined ? '' : r.coldStart ? ' cold' : ' warm') + (r.reload ? ` (${r.reload.action === 'reloaded' ? 'module reloaded' : 'recycled'})` : '');
  return r.errorType ? `✗ ${r.errorType}` : `✓ ${r.durationMs === undefined ? '' : `${r.durationMs.toFixed(1)} ms`}${state}`.trimEnd();
}

/** The whole result document. */
export function renderResult(r: InvokeResult, c: ResultContext): string {
  const billed = r.billedDurationMs;
  const cost = billed !== undefined && r.memorySizeMb ? formatCost(invocationCost(r.memorySizeMb, billed, c.architecture, c.prices), c.prices.currency) : 'n/a (no REPORT line)';
  const rows: [string, string][] = [
    ['Status', r.errorType ? `FAILED (${r.errorType})` : 'Succeeded'],
    ['Function', `${c.functionName}${c.qualifier && c.qualifier !== '$LATEST' ? `:${c.qualifier}` : ''} (${c.backendLabel})`],
    ['Executed version', r.executedVersion],
    ['Event', c.eventLabel],
    ['Request id', r.requestId],
    ['Start', r.coldStart === undefined ? 'unknown' : r.coldStart ? `cold (init ${ms(r.initDurationMs)})` : 'warm'],
    ...(r.reload ? [['Hot reload', describeReload(r.reload)] as [string, string]] : []),
    ['Duration', ms(r.durationMs)],
    ['Billed duration', billed === undefined ? 'n/a' : `${billed} ms`],
    ['Memory', `${r.maxMemoryUsedMb ?? 'n/a'} MB used of ${r.memorySizeMb || 'n/a'} MB`],
    ['Cloud cost', cost],
    ['Invoked at', c.at.toISOString()],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const out = [`Lambda ${c.functionName}: ${resultSummary(r)}`, '', ...rows.map(([k, v]) => `${(k + ':').padEnd(width)}${v}`), '', r.errorType ? '── Error ──' : '── Response ──', pretty(r.payload), ''];
  if (r.chunks?.length) out.push(...renderChunks(r.chunks), '');
  out.push(r.completeLog ? '── Log ──' : '── Log (last 4 KB, as returned with the invoke) ──', ...r.logLines, '');
  return out.join('\n');
}

/** The chunks of a streamed response, one line each: arrival time after the invoke, size, text. */
export function renderChunks(chunks: readonly StreamChunk[]): string[] {
  const total = chunks.reduce((n, c) => n + c.bytes, 0);
  const first = chunks[0];
  const head = `── Streamed response: ${chunks.length} chunk${chunks.length === 1 ? '' : 's'}, ${total} bytes${first ? `, first byte at +${first.atMs.toFixed(1)} ms` : ''} ──`;
  const visible = (t: string): string => JSON.stringify(t).slice(1, -1);
  return [head, ...chunks.map((c) => `+${c.atMs.toFixed(1).padStart(9)} ms  ${String(c.bytes).padStart(8)} B  ${visible(c.text)}`)];
}

/** The view while a response streams in: the chunks so far. */
export function renderStreaming(functionName: string, chunks: readonly StreamChunk[]): string {
  return [`Lambda ${functionName}: streaming…`, '', ...renderChunks(chunks), ''].join('\n');
}
