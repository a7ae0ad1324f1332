/// <reference lib="dom" />
// The log panel webview: group/stream pickers, filter box, live-tail toggle and a virtualized list of
// events folded per invocation. Talks to the host only through logPanelProtocol messages.
import type { PanelEvent, PanelGroup, PanelStream, ToHost, ToWebview } from '../logPanelProtocol';
import { buildRows, renderRow, visibleWindow, type Level, type Row } from '../logRendering';

declare function acquireVsCodeApi(): { postMessage(m: ToHost): void; setState(s: unknown): void; getState(): unknown };

const vscode = acquireVsCodeApi();
const ROW_HEIGHT = 20;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const groupSelect = $<HTMLSelectElement>('group');
const streamSelect = $<HTMLSelectElement>('stream');
const filterInput = $<HTMLInputElement>('filter');
const levelSelect = $<HTMLSelectElement>('level');
const liveButton = $<HTMLButtonElement>('live');
const status = $<HTMLSpanElement>('status');
const scroller = $<HTMLDivElement>('scroller');
const spacer = $<HTMLDivElement>('spacer');
const rowsEl = $<HTMLDivElement>('rows');

let events: PanelEvent[] = [];
let rows: Row[] = [];
let queryId = 0;
let more = false;
let live = false;
let stickToBottom = true;
const collapsed = new Set<string>();
// The stream a focus asked for, selected once the group's streams arrive.
let focusStream: string | undefined;
const expanded = new Set<string>();
let wrap = false;
const wrapButton = $<HTMLButtonElement>('wrap');

/** Characters that fit in a row after the time column (monospace cells of the editor font). */
function columns(): number {
  const probe = document.createElement('span');
  probe.className = 'row';
  probe.style.cssText = 'position:absolute;visibility:hidden;height:auto;width:auto';
  probe.textContent = 'x'.repeat(100);
  document.body.appendChild(probe);
  const cell = probe.getBoundingClientRect().width / 100 || 7;
  probe.remove();
  return Math.max(20, Math.floor((scroller.clientWidth - 40) / cell) - 14);
}

const plural = (n: number, word: string): string => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

function rebuild(): void {
  rows = buildRows(events, collapsed, (levelSelect.value || undefined) as Level | undefined, { expanded, wrap, columns: columns() });
  spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
  if (stickToBottom) scroller.scrollTop = scroller.scrollHeight;
  draw();
}

function draw(): void {
  const w = visibleWindow(scroller.scrollTop, scroller.clientHeight, ROW_HEIGHT, rows.length);
  rowsEl.style.transform = `translateY(${w.offsetTop}px)`;
  let html = '';
  for (let i = w.start; i < w.end; i++) html += renderRow(rows[i] as Row, events, collapsed);
  rowsEl.innerHTML = html;
  status.textContent = `${plural(events.length, 'event')}${more ? ' (scroll for more)' : ''}`;
  status.dataset.count = String(events.length);
}

function query(): void {
  if (!groupSelect.value) return;
  const stream = streamSelect.value || undefined;
  vscode.postMessage({ type: 'query', group: groupSelect.value, pattern: filterInput.value, ...(stream ? { stream } : {}) });
  vscode.setState({ group: groupSelect.value, stream: streamSelect.value, pattern: filterInput.value, live });
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Local groups first, then each AWS root's groups under an optgroup named after the root. */
function groupOptions(groups: readonly PanelGroup[]): string {
  let html = '';
  let root: string | undefined;
  for (const g of groups) {
    if (g.root !== root) {
      html += `${root !== undefined ? '</optgroup>' : ''}${g.root !== undefined ? `<optgroup label="${esc(g.root)}">` : ''}`;
      root = g.root;
    }
    html += `<option value="${esc(g.name)}">${esc(g.label ?? g.name)}</option>`;
  }
  return html + (root !== undefined ? '</optgroup>' : '');
}

function fillStreams(streams: readonly PanelStream[]): void {
  streamSelect.innerHTML = '<option value="">All streams</option>' + streams.map((s) => `<option>${s.name.replace(/</g, '&lt;')}</option>`).join('');
}

window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
  const m = e.data;
  switch (m.type) {
    case 'groups': {
      // Sent again whenever groups appear or get new events (newest first): keep the selection.
      const had = groupSelect.value;
      const keep = had || (vscode.getState() as { group?: string } | undefined)?.group;
      groupSelect.innerHTML = groupOptions(m.groups);
      // A group the panel was focused on stays listed (and selected) even when this list predates it.
      if (keep && !m.groups.some((g) => g.name === keep)) groupSelect.add(new Option(keep.slice(keep.indexOf(' ') + 1), keep));
      if (keep) groupSelect.value = keep;
      if (groupSelect.value && groupSelect.value !== had) vscode.postMessage({ type: 'selectGroup', group: groupSelect.value });
      break;
    }
    case 'streams':
      if (m.group !== groupSelect.value) return;
      fillStreams(m.streams);
      if (focusStream && m.streams.some((s) => s.name === focusStream)) streamSelect.value = focusStream;
      focusStream = undefined;
      query();
      break;
    case 'events':
      queryId = m.queryId;
      events = m.reset ? [...m.events] : events.concat(m.events);
      more = m.more;
      filterInput.classList.remove('invalid');
      rebuild();
      break;
    case 'live':
      if (m.queryId !== queryId) return;
      events = events.concat(m.events);
      rebuild();
      break;
    case 'focus':
      if (!Array.from(groupSelect.options).some((o) => o.value === m.group)) groupSelect.add(new Option(m.group.slice(m.group.indexOf(' ') + 1), m.group));
      groupSelect.value = m.group;
      focusStream = m.stream;
      vscode.postMessage({ type: 'selectGroup', group: m.group });
      break;
    case 'error':
      filterInput.classList.add('invalid');
      filterInput.title = m.message;
      status.textContent = m.message;
      break;
  }
});

scroller.addEventListener('scroll', () => {
  stickToBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - ROW_HEIGHT;
  draw();
  if (more && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 50 * ROW_HEIGHT) {
    more = false;
    vscode.postMessage({ type: 'loadMore', queryId });
  }
});

rowsEl.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  const request = target.closest<HTMLElement>('[data-request]');
  if (request) return vscode.postMessage({ type: 'openInvocation', requestId: request.dataset.request as string });
  const source = target.closest<HTMLElement>('[data-file]');
  if (source) return vscode.postMessage({ type: 'openSource', file: source.dataset.file as string, line: Number(source.dataset.line), column: Number(source.dataset.column) });
  const row = target.closest<HTMLElement>('.row.expandable');
  if (row?.dataset.event) {
    const id = row.dataset.event;
    if (expanded.has(id)) expanded.delete(id);
    else expanded.add(id);
    stickToBottom = false;
    return rebuild();
  }
  const fold = target.closest<HTMLElement>('[data-fold]');
  if (fold) {
    const id = fold.dataset.fold as string;
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    stickToBottom = false;
    rebuild();
  }
});

rowsEl.addEventListener('dblclick', (e) => {
  const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
  const ev = row ? events[Number(row.dataset.index)] : undefined;
  if (ev) vscode.postMessage({ type: 'copy', text: ev.message });
});

groupSelect.addEventListener('change', () => vscode.postMessage({ type: 'selectGroup', group: groupSelect.value }));
streamSelect.addEventListener('change', query);
levelSelect.addEventListener('change', rebuild);
filterInput.addEventListener('keydown', (e) => e.key === 'Enter' && query());
liveButton.addEventListener('click', () => {
  live = !live;
  liveButton.classList.toggle('on', live);
  liveButton.setAttribute('aria-pressed', String(live));
  vscode.postMessage({ type: 'liveTail', on: live });
});
$('copyAll').addEventListener('click', () => vscode.postMessage({ type: 'copy', text: events.map((ev) => ev.message).join('') }));
$('openDoc').addEventListener('click', () => groupSelect.value && vscode.postMessage({ type: 'openAsDocument', group: groupSelect.value, ...(streamSelect.value ? { stream: streamSelect.value } : {}) }));
wrapButton.addEventListener('click', () => {
  wrap = !wrap;
  wrapButton.classList.toggle('on', wrap);
  wrapButton.setAttribute('aria-pressed', String(wrap));
  rebuild();
});
let width = 0;
window.addEventListener('resize', () => {
  // Wrapping depends on the width: lay rows out again when it changes.
  if (scroller.clientWidth !== width) {
    width = scroller.clientWidth;
    rebuild();
  } else draw();
});

const saved = vscode.getState() as { pattern?: string } | undefined;
if (saved?.pattern) filterInput.value = saved.pattern;
vscode.postMessage({ type: 'ready' });
