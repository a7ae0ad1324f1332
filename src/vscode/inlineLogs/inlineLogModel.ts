// Which log lines to show at which source lines: collects the call sites our bootstraps record per
// request, maps bundled positions back to sources, and when an invocation ends replaces that function's
// previous lines. No vscode import (tested in Node).
import type { LogEvent } from '../../core/logs/logSink';
import type { SourcePosition } from '../../core/logs/stackFrames';

/** The log lines emitted from one source line during the latest invocation. */
export interface InlineLine {
  /** One-based. */
  readonly line: number;
  readonly texts: readonly string[];
}

const MAX_PENDING_REQUESTS = 200;

/** The message without Lambda's prefix (`<ts>\t<id>\tINFO\t`, `[INFO]\t<ts>\t<id>\t`) and trailing newline. */
export function displayText(message: string): string {
  return message
    .replace(/^\S+\t[\w-]+\t(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t/, '')
    .replace(/^\[(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\]\t\S+\t[\w-]+\t/, '')
    .replace(/\r?\n$/, '');
}

export class InlineLogModel {
  private readonly pending = new Map<string, { file: string; line: number; text: string }[]>();
  private readonly byFile = new Map<string, Map<number, string[]>>();
  private readonly filesOfFunction = new Map<string, Set<string>>();

  constructor(private readonly mapper: { map(pos: SourcePosition): SourcePosition }) {}

  /** Feed every appended event; only those with a request id and a call site are kept. */
  onAppend(event: LogEvent): void {
    if (!event.requestId || !event.callSite) return;
    let list = this.pending.get(event.requestId);
    if (!list) {
      if (this.pending.size >= MAX_PENDING_REQUESTS) this.pending.delete(this.pending.keys().next().value as string);
      list = [];
      this.pending.set(event.requestId, list);
    }
    const pos = this.mapper.map(event.callSite);
    list.push({ file: pos.file, line: pos.line, text: displayText(event.message) });
  }

  /** The invocation ended: its lines replace the function's previous ones. Returns the files whose lines changed. */
  complete(functionName: string, requestId: string): string[] {
    const lines = this.pending.get(requestId) ?? [];
    this.pending.delete(requestId);
    const changed = new Set(this.filesOfFunction.get(functionName) ?? []);
    for (const f of changed) this.byFile.delete(f);
    const files = new Set<string>();
    for (const l of lines) {
      let perLine = this.byFile.get(l.file);
      if (!perLine) {
        perLine = new Map();
        this.byFile.set(l.file, perLine);
      }
      perLine.set(l.line, [...(perLine.get(l.line) ?? []), l.text]);
      files.add(l.file);
      changed.add(l.file);
    }
    this.filesOfFunction.set(functionName, files);
    return [...changed];
  }

  /** A new run of the function started: its previous lines are stale (a paused line must not show them). Returns the files cleared. */
  forget(functionName: string): string[] {
    const files = [...(this.filesOfFunction.get(functionName) ?? [])];
    for (const f of files) this.byFile.delete(f);
    this.filesOfFunction.delete(functionName);
    return files;
  }

  linesFor(file: string): InlineLine[] {
    const perLine = this.byFile.get(file);
    return perLine ? [...perLine.entries()].sort((a, b) => a[0] - b[0]).map(([line, texts]) => ({ line, texts })) : [];
  }

  /** Files that currently have lines. */
  files(): string[] {
    return [...this.byFile.keys()];
  }

  clear(): void {
    this.pending.clear();
    this.byFile.clear();
    this.filesOfFunction.clear();
  }
}

/** The text after a source line: the last message, with a count when the line logged several. */
export function decorationText(texts: readonly string[], max = 120): string {
  const last = (texts[texts.length - 1] ?? '').replace(/\s+/g, ' ');
  const text = texts.length > 1 ? `${last} (×${texts.length})` : last;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
