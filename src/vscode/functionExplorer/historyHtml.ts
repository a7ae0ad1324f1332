// The HTML of the execution history view: a timeline of the execution's operations (bars on a shared
// time axis) with input, result, error, attempts and duration, links to the log lines of their
// invocations, and the actions (complete/fail a callback, skip a wait, stop). No vscode import.
import type { ExecutionTimeline, TimelineEntry } from '../../core/durable/executionTimeline';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const dur = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`);
const pre = (label: string, text: string | undefined): string => (text === undefined ? '' : `<details><summary>${label}</summary><pre>${esc(text)}</pre></details>`);

function row(e: TimelineEntry, t: ExecutionTimeline, now: number, depth: number): string {
  const start = t.startMs;
  const span = Math.max(1, (t.endMs ?? now) - start);
  const left = ((e.startMs - start) / span) * 100;
  const width = Math.max(0.5, (((e.endMs ?? now) - e.startMs) / span) * 100);
  const open = e.status === 'STARTED' || e.status === 'PENDING';
  const actions: string[] = [];
  if (open && e.kind === 'wait') actions.push(`<button data-action="skipWait">Skip wait</button>`);
  if (open && e.kind === 'callback' && e.callbackId) {
    actions.push(`<button data-action="succeedCallback" data-callback="${esc(e.callbackId)}">Succeed…</button>`, `<button data-action="failCallback" data-callback="${esc(e.callbackId)}">Fail…</button>`);
  }
  const logs = e.requestIds.map((id) => `<a href="#" data-action="logs" data-request="${esc(id)}" title="Open this invocation's log lines">logs ${esc(id.slice(0, 8))}</a>`).join(' ');
  const facts = [
    e.attempts !== undefined ? `attempt${e.attempts === 1 ? '' : 's'} ${e.attempts}` : '',
    e.endMs !== undefined ? dur(e.endMs - e.startMs) : `running ${dur(now - e.startMs)}`,
    e.target ? `→ ${esc(e.target)}` : '',
    e.scheduledEndMs !== undefined && open ? `due ${new Date(e.scheduledEndMs).toISOString()}` : '',
  ].filter(Boolean).join(' · ');
  return `<div class="op ${e.kind} ${e.status.toLowerCase()}" data-id="${esc(e.id)}" style="--depth:${depth}">
<div class="head"><span class="kind">${e.kind}</span> <b>${esc(e.name || e.id.slice(0, 8))}</b> <span class="status">${e.status}</span> <span class="facts">${facts}</span> ${logs} ${actions.join(' ')}</div>
<div class="track"><div class="bar" style="left:${left.toFixed(2)}%;width:${Math.min(width, 100 - left).toFixed(2)}%"></div></div>
${pre('input', e.input)}${pre('result', e.result)}${e.error ? `<div class="error">${esc(e.error)}</div>` : ''}</div>`;
}

/** The view's body for one execution. */
export function historyBody(title: string, arn: string, t: ExecutionTimeline, now: number): string {
  const depth = (e: TimelineEntry): number => {
    let d = 0;
    for (let p = e.parentId; p && d < 10; d++) p = t.entries.find((x) => x.id === p)?.parentId;
    return d;
  };
  const running = t.status === 'RUNNING' || t.status === 'PAUSED' || t.status === 'PAUSING';
  const invocations = t.invocations.map((i, n) => `<li><a href="#" data-action="logs" data-request="${esc(i.requestId)}">invocation ${n + 1}</a> ${new Date(i.startMs).toISOString()} · ${dur(i.endMs - i.startMs)}${i.error ? ` · <span class="error">${esc(i.error)}</span>` : ''}</li>`).join('');
  return `<header><h2>${esc(title)} <span class="status">${t.status}</span></h2><div class="arn">${esc(arn)}</div>
<div class="toolbar"><button data-action="refresh">Refresh</button>${running ? ' <button data-action="skipWait">Skip waits</button> <button data-action="stop">Stop execution</button>' : ''}</div>
<div class="facts">started ${new Date(t.startMs).toISOString()}${t.endMs !== undefined ? ` · took ${dur(t.endMs - t.startMs)}` : ''}</div>
${pre('input', t.input)}${pre('result', t.result)}${t.error ? `<div class="error">${esc(t.error)}</div>` : ''}</header>
<section id="timeline">${t.entries.map((e) => row(e, t, now, depth(e))).join('\n')}</section>
<h3>Invocations</h3><ol id="invocations">${invocations}</ol>`;
}

/** The view's stylesheet (theme colors). */
export const historyStyle = `body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground)}
.arn,.facts{opacity:.75}.op{margin:6px 0 6px calc(var(--depth)*16px);padding:4px;border-left:3px solid var(--vscode-panel-border)}
.op.succeeded{border-color:var(--vscode-testing-iconPassed)}.op.failed,.op.timed_out{border-color:var(--vscode-testing-iconFailed)}.op.started,.op.pending{border-color:var(--vscode-progressBar-background)}
.kind{text-transform:uppercase;font-size:80%;opacity:.7}.track{position:relative;height:6px;background:var(--vscode-editorWidget-background);margin:3px 0}
.bar{position:absolute;top:0;height:6px;background:var(--vscode-progressBar-background)}.error{color:var(--vscode-errorForeground)}
pre{white-space:pre-wrap;margin:2px 0}button{color:var(--vscode-button-foreground);background:var(--vscode-button-background);border:0;padding:2px 8px;cursor:pointer}`;
