// What the log panel draws, as pure functions: levels, invocations folded START..REPORT with a summary,
// stack-frame links, the virtual window of rows to render, and the HTML of one row.
import { findStackFrames } from '../../core/logs/stackFrames';
import { jsonRecordOf, jsonReport } from './jsonRecords';
import { detailLines, isExpandable, wrapLine } from './logDetails';
import type { PanelEvent } from './logPanelProtocol';

export type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'PLATFORM';

/** The level of a Lambda log line (Node text, Python logging, JSON format, platform lines). */
export function levelOf(message: string): Level | undefined {
  if (/^(START|END|REPORT|INIT_START|INIT_REPORT) /.test(message)) return 'PLATFORM';
  if (jsonRecordOf(message)?.kind === 'platform') return 'PLATFORM';
  const node = /^\S+\t\S+\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t/.exec(message);
  if (node) return node[1] as Level;
  const py = /^\[(DEBUG|INFO|WARNING|ERROR|CRITICAL)\]/.exec(message);
  if (py) return py[1] === 'WARNING' ? 'WARN' : py[1] === 'CRITICAL' ? 'FATAL' : (py[1] as Level);
  const json = /^\{.*"(?:level|log_level)"\s*:\s*"(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)"/.exec(message);
  if (json) return json[1] as Level;
  if (/Task timed out after/.test(message)) return 'ERROR';
  return undefined;
}

/** The summary on an invocation's fold line, read from its REPORT line. */
export interface InvocationSummary {
  readonly requestId: string;
  readonly durationMs?: number;
  readonly billedMs?: number;
  readonly memorySizeMb?: number;
  readonly maxMemoryUsedMb?: number;
  readonly initDurationMs?: number;
  /** `ok`, `error` (an ERROR line or Status: error), `timeout`, or `running` (no REPORT yet). */
  readonly status: 'ok' | 'error' | 'timeout' | 'running';
}

export function parseReport(message: string): Omit<InvocationSummary, 'status'> & { status?: string } | undefined {
  const m = /^REPORT RequestId: (\S+)/.exec(message);
  if (!m) return jsonReport(jsonRecordOf(message));
  const field = (name: string): number | undefined => {
    const f = new RegExp(`${name}: ([\\d.]+)`).exec(message);
    return f ? Number(f[1]) : undefined;
  };
  const status = /Status: (\w+)/.exec(message)?.[1];
  const out: { requestId: string; durationMs?: number; billedMs?: number; memorySizeMb?: number; maxMemoryUsedMb?: number; initDurationMs?: number; status?: string } = { requestId: m[1] as string };
  for (const [k, name] of [['durationMs', 'Duration'], ['billedMs', 'Billed Duration'], ['memorySizeMb', 'Memory Size'], ['maxMemoryUsedMb', 'Max Memory Used'], ['initDurationMs', 'Init Duration']] as const) {
    const v = field(name === 'Duration' ? '\\tDuration' : name);
    if (v !== undefined) out[k] = v;
  }
  if (status) out.status = status;
  return out;
}

/** A row of the panel: a fold header, or an event (inside a fold when `fold` is set). */
export type Row =
  | { readonly kind: 'fold'; readonly summary: InvocationSummary; readonly first: number; readonly last: number }
  | { readonly kind: 'event'; readonly index: number; readonly level: Level | undefined; readonly fold: string | undefined; readonly expandable?: boolean; readonly expanded?: boolean; readonly text?: string }
  /** One more line of an expanded (pretty JSON, stack frames) or wrapped event. */
  | { readonly kind: 'detail'; readonly index: number; readonly level: Level | undefined; readonly fold: string | undefined; readonly text: string };

/** How events are laid out: expanded event ids, wrapping, and the panel's width in characters. */
export interface RowView {
  readonly expanded?: ReadonlySet<string>;
  readonly wrap?: boolean;
  /** Characters that fit in a row after the time column. */
  readonly columns?: number;
}

/** Groups events into invocations (START to REPORT of one request id); others stay top level. */
const RANK: Readonly<Record<string, number>> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 };

/** Whether an event of `level` shows under a minimum level (platform and unlevelled lines always do). */
export const passesLevel = (level: Level | undefined, minLevel: Level | undefined): boolean =>
  !minLevel || level === undefined || level === 'PLATFORM' || (RANK[level] ?? 0) >= (RANK[minLevel] ?? 0);

export function buildRows(events: readonly PanelEvent[], collapsed: ReadonlySet<string> = new Set(), minLevel?: Level, view: RowView = {}): Row[] {
  const rows: Row[] = [];
  const open = new Map<string, { header: number; first: number; error: boolean }>();
  // Lines without a request id (Python print, plain stdout) belong to the invocation open in their stream.
  const openInStream = new Map<string, string>();
  const members: (string | undefined)[] = new Array<string | undefined>(events.length);
  const headers = new Map<string, { first: number; last: number; summary: InvocationSummary }>();
  events.forEach((e, i) => {
    const json = jsonRecordOf(e.message);
    const start = /^START RequestId: (\S+)/.exec(e.message) ?? (json?.kind === 'platform' && json.type === 'platform.start' && json.requestId ? [e.message, json.requestId] : null);
    if (start) {
      open.set(start[1], { header: i, first: i, error: false });
      headers.set(start[1], { first: i, last: i, summary: { requestId: start[1], status: 'running' } });
      openInStream.set(e.stream, start[1]);
    }
    const id = start?.[1] ?? requestIdOf(e.message) ?? (/^(INIT_START|INIT_REPORT) /.test(e.message) ? undefined : openInStream.get(e.stream));
    const o = id !== undefined ? open.get(id) : undefined;
    if (o && id !== undefined) {
      members[i] = id;
      const h = headers.get(id)!;
      h.last = i;
      if (levelOf(e.message) === 'ERROR' || levelOf(e.message) === 'FATAL') o.error = true;
      const report = parseReport(e.message);
      if (report) {
        const status = report.status === 'timeout' ? 'timeout' : report.status === 'error' || o.error ? 'error' : 'ok';
        h.summary = { ...report, requestId: id, status };
        open.delete(id);
        if (openInStream.get(e.stream) === id) openInStream.delete(e.stream);
      }
    }
  });
  events.forEach((e, i) => {
    const id = members[i];
    const h = id !== undefined ? headers.get(id) : undefined;
    if (h && h.first === i) rows.push({ kind: 'fold', summary: h.summary, first: h.first, last: h.last });
    if (id !== undefined && collapsed.has(id)) return;
    const level = levelOf(e.message);
    if (!passesLevel(level, minLevel)) return;
    if (view.columns === undefined) return void rows.push({ kind: 'event', index: i, level, fold: id });
    const expandable = isExpandable(e.message, view.columns);
    const expanded = expandable && (view.expanded?.has(e.id) ?? false);
    const text = e.message.replace(/\n$/, '');
    if (expanded) {
      rows.push({ kind: 'event', index: i, level, fold: id, expandable, expanded });
      for (const line of detailLines(e.message, view.columns)) rows.push({ kind: 'detail', index: i, level, fold: id, text: line });
    } else if (view.wrap && (text.length > view.columns || text.includes('\n'))) {
      const [head, ...more] = text.split('\n').flatMap((l) => wrapLine(l, view.columns!));
      rows.push({ kind: 'event', index: i, level, fold: id, expandable, expanded, text: head ?? '' });
      for (const line of more) rows.push({ kind: 'detail', index: i, level, fold: id, text: line });
    } else {
      rows.push({ kind: 'event', index: i, level, fold: id, expandable, expanded });
    }
  });
  return rows;
}

/** The request id a line carries (Lambda text formats and platform lines), if any. */
export function requestIdOf(message: string): string | undefined {
  const platform = /^(?:START|END|REPORT) RequestId: ([\w-]+)/.exec(message);
  if (platform) return platform[1];
  const node = /^\S+\t([0-9a-f]{8}-[0-9a-f-]{27})\t/.exec(message);
  if (node) return node[1];
  const py = /^\[\w+\]\t\S+\t([0-9a-f]{8}-[0-9a-f-]{27})\t/.exec(message);
  if (py) return py[1];
  const timeout = /^\S+\s([0-9a-f]{8}-[0-9a-f-]{27})\sTask timed out/.exec(message);
  return timeout?.[1] ?? jsonRecordOf(message)?.requestId;
}

/** Which rows to render for a scroll position: only those in view plus a margin (virtualized list). */
export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 20): { start: number; end: number; offsetTop: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { start: first, end, offsetTop: first * rowHeight };
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const fmtMs = (n: number | undefined): string => (n === undefined ? '' : `${n.toFixed(2)} ms`);

/** The HTML of one row; data attributes carry what clicks act on (fold, request id, source link). */
export function renderRow(row: Row, events: readonly PanelEvent[], collapsed: ReadonlySet<string>): string {
  if (row.kind === 'fold') {
    const s = row.summary;
    const first = events[row.first];
    const bits = [
      s.status,
      fmtMs(s.durationMs),
      s.maxMemoryUsedMb !== undefined ? `${s.maxMemoryUsedMb}/${s.memorySizeMb} MB` : '',
      s.initDurationMs !== undefined ? `cold start ${fmtMs(s.initDurationMs)}` : '',
    ].filter(Boolean);
    const time = first ? new Date(first.timestamp).toISOString().slice(11, 23) : '';
    return (
      `<div class="row fold status-${s.status}" data-fold="${escapeHtml(s.requestId)}">` +
      `<span class="twisty">${collapsed.has(s.requestId) ? '▸' : '▾'}</span><span class="time">${time}</span>` +
      `<a class="request" data-request="${escapeHtml(s.requestId)}" title="Open this invocation's event and response">${escapeHtml(s.requestId)}</a>` +
      `<span class="summary">${escapeHtml(bits.join(' · '))}</span></div>`
    );
  }
  const e = events[row.index] as PanelEvent;
  const level = row.level ? ` level-${row.level.toLowerCase()}` : '';
  if (row.kind === 'detail') return `<div class="row detail${level}${row.fold ? ' in-fold' : ''}" data-index="${row.index}"><span class="time"></span><span class="msg">${linkFrames(row.text)}</span></div>`;
  const twisty = row.expandable ? `<span class="expander" title="${row.expanded ? 'Collapse' : 'Expand: the whole line, JSON pretty-printed'}">${row.expanded ? '▾' : '▸'}</span>` : row.expandable === false ? '<span class="expander"></span>' : '';
  const cls = `row event${level}${row.fold ? ' in-fold' : ''}${row.expandable ? ' expandable' : ''}${row.expanded ? ' expanded' : ''}`;
  const json = row.text === undefined ? jsonRecordOf(e.message) : undefined;
  if (json) return renderJsonRow(row, e, json, cls, twisty);
  const text = row.text ?? e.message.replace(/\n$/, '');
  const time = new Date(e.timestamp).toISOString().slice(11, 23);
  return `<div class="${cls}" data-index="${row.index}" data-event="${escapeHtml(e.id)}">${twisty}<span class="time">${time}</span><span class="msg">${linkFrames(text)}</span></div>`;
}

/** Escaped text with its stack frames as source links. */
function linkFrames(text: string): string {
  let html = '';
  let at = 0;
  for (const f of findStackFrames(text)) {
    html += escapeHtml(text.slice(at, f.start));
    html += `<a class="source" data-file="${escapeHtml(f.pos.file)}" data-line="${f.pos.line}" data-column="${f.pos.column}">${escapeHtml(text.slice(f.start, f.end))}</a>`;
    at = f.end;
  }
  return html + escapeHtml(text.slice(at));
}

/** A JSON record as columns (time, level, message, request id, tenant); the raw record is the row's tooltip. */
function renderJsonRow(row: Extract<Row, { kind: 'event' }>, e: PanelEvent, r: NonNullable<ReturnType<typeof jsonRecordOf>>, cls: string, twisty: string): string {
  const time = new Date(e.timestamp).toISOString().slice(11, 23);
  const message = r.kind === 'app' ? r.message : `${r.type}${r.kind === 'platform' && r.type === 'platform.report' ? ` ${JSON.stringify(r.record.metrics ?? {})}` : ''}`;
  const cols = [
    `<span class="col-level">${escapeHtml(r.kind === 'app' ? (r.level ?? '') : 'PLATFORM')}</span>`,
    `<span class="msg">${escapeHtml(message)}</span>`,
    r.requestId ? `<span class="col-request">${escapeHtml(r.requestId)}</span>` : '',
    r.kind === 'app' && r.tenantId ? `<span class="col-tenant">tenant ${escapeHtml(r.tenantId)}</span>` : '',
  ].join('');
  return `<div class="${cls} json" data-index="${row.index}" data-event="${escapeHtml(e.id)}" title="${escapeHtml(e.message.replace(/\n$/, ''))}">${twisty}<span class="time">${time}</span>${cols}</div>`;
}
