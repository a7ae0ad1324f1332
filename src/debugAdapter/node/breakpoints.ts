// DAP source breakpoints on the Node inspector: set by URL before scripts load (through source maps
// for .ts sources), verified against what actually loads, with conditions, hit counts and logpoints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CdpConnection } from './cdpConnection';
import type { Location } from './cdpTypes';
import { urlRegexFor, type ScriptInfo, type Scripts } from './scripts';

/** The console context logpoints log through (reported as `Runtime.consoleAPICalled`, never to the function's log). */
export const LOGPOINT_CONTEXT = 'lambda-workbench-logpoint';

interface Managed {
  readonly id: number;
  readonly key: string;
  readonly source: string;
  readonly requested: DebugProtocol.SourceBreakpoint;
  readonly cdpIds: string[];
  /** Generated files whose loading settles whether the breakpoint binds. */
  files: string[];
  verified: boolean;
  message: string | undefined;
  line: number;
  column: number | undefined;
  hits: number;
  hitTest: ((hits: number) => boolean) | undefined;
}

/** Parses a DAP hit condition (`5`, `>= 5`, `== 5`, `< 5`, `% 3`); a bare number means "from the Nth hit on". */
export function parseHitCondition(text: string): ((hits: number) => boolean) | undefined {
  const m = /^\s*(==|>=|<=|>|<|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  switch (m[1] ?? '>=') {
    case '==': return (h) => h === n;
    case '>': return (h) => h > n;
    case '<': return (h) => h < n;
    case '<=': return (h) => h <= n;
    case '%': return (h) => n > 0 && h % n === 0;
    default: return (h) => h >= n;
  }
}

/** Turns `x is {x}` into console arguments: literal text as strings, `{expr}` as values. */
export function logpointArguments(message: string): string {
  const parts: string[] = [];
  const re = /\{([^{}]+)\}/g;
  let last = 0;
  for (let m = re.exec(message); m; m = re.exec(message)) {
    if (m.index > last) parts.push(JSON.stringify(message.slice(last, m.index)));
    parts.push(`(${m[1]})`);
    last = m.index + m[0].length;
  }
  if (last < message.length || parts.length === 0) parts.push(JSON.stringify(message.slice(last)));
  return parts.join(', ');
}

function conditionOf(bp: DebugProtocol.SourceBreakpoint): string | undefined {
  if (bp.logMessage === undefined) return bp.condition || undefined;
  const log = `(globalThis.console.context(${JSON.stringify(LOGPOINT_CONTEXT)}).log(${logpointArguments(bp.logMessage)}), false)`;
  return bp.condition ? `(${bp.condition}) && ${log}` : log;
}

function lineCount(file: string): number | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').length;
  } catch {
    return undefined;
  }
}

/** Breakpoints of one debuggee, per source file. */
export class NodeBreakpoints {
  private readonly bySource = new Map<string, Managed[]>();
  private readonly byCdpId = new Map<string, Managed>();

  constructor(
    private readonly cdp: CdpConnection,
    private readonly scripts: Scripts,
    private readonly idFor: (source: string, bp: DebugProtocol.SourceBreakpoint) => number,
    private readonly changed: (bp: DebugProtocol.Breakpoint) => void,
  ) {}

  /** Replaces the breakpoints of one source; unchanged ones keep their inspector breakpoints. */
  async set(source: string, requested: readonly DebugProtocol.SourceBreakpoint[]): Promise<DebugProtocol.Breakpoint[]> {
    const file = path.normalize(source);
    const previous = [...(this.bySource.get(file) ?? [])];
    const next: Managed[] = [];
    const pending: Managed[] = [];
    for (const bp of requested) {
      const key = JSON.stringify([bp.line, bp.column, bp.condition, bp.logMessage]);
      const at = previous.findIndex((m) => m.key === key);
      const kept = at >= 0 ? previous.splice(at, 1)[0] : undefined;
      const m: Managed = kept ?? {
        id: this.idFor(file, bp),
        key,
        source: file,
        requested: bp,
        cdpIds: [],
        files: [],
        verified: false,
        message: undefined,
        line: bp.line,
        column: bp.column,
        hits: 0,
        hitTest: undefined,
      };
      m.hitTest = bp.hitCondition ? parseHitCondition(bp.hitCondition) : undefined;
      if (bp.hitCondition && !m.hitTest) {
        await this.remove(m);
        m.verified = false;
        m.message = `Invalid hit count "${bp.hitCondition}": use a number, or >, >=, ==, <, <= or % followed by a number.`;
      } else if (m.cdpIds.length === 0) {
        m.message = undefined;
        pending.push(m);
      }
      next.push(m);
    }
    for (const m of previous) await this.remove(m);
    this.bySource.set(file, next);
    for (const m of pending) await this.install(m);
    return next.map((m) => this.toDap(m));
  }

  /** Decides whether a pause at these inspector breakpoints is shown (hit counts) and counts the hit. */
  shouldStop(hitBreakpoints: readonly string[]): boolean {
    let stop = false;
    for (const id of hitBreakpoints) {
      const m = this.byCdpId.get(id);
      if (!m) continue;
      m.hits++;
      if (!m.hitTest || m.hitTest(m.hits)) stop = true;
    }
    return stop;
  }

  /** Whether any of these inspector breakpoints is a user breakpoint. */
  owns(hitBreakpoints: readonly string[]): boolean {
    return hitBreakpoints.some((id) => this.byCdpId.has(id));
  }

  /** A breakpoint bound in a script that loaded (or was already loaded). */
  onResolved(breakpointId: string, location: Location): void {
    const m = this.byCdpId.get(breakpointId);
    if (!m) return;
    const before = JSON.stringify(this.toDap(m));
    this.bind(m, location);
    const after = this.toDap(m);
    if (JSON.stringify(after) !== before) this.changed(after);
  }

  /** A script loaded: breakpoints waiting for it that did not bind by now never will. */
  async onScriptParsed(script: ScriptInfo): Promise<void> {
    if (!script.path) return;
    const waiting = [...this.bySource.values()].flat().filter((m) => !m.verified && m.files.includes(script.path as string));
    if (waiting.length === 0) return;
    // The inspector answers after it sent every breakpointResolved of this script.
    await this.cdp.send('Debugger.getPossibleBreakpoints', { start: { scriptId: script.scriptId, lineNumber: 0, columnNumber: 0 }, end: { scriptId: script.scriptId, lineNumber: 0, columnNumber: 1 } }).catch(() => undefined);
    for (const m of waiting) {
      if (m.verified) continue;
      m.message = `No code at or after line ${m.requested.line} of ${path.basename(m.source)}: the breakpoint cannot bind.`;
      this.changed(this.toDap(m));
    }
  }

  private async install(m: Managed): Promise<void> {
    const condition = conditionOf(m.requested);
    const maps = this.scripts.maps;
    let targets: { path: string; line: number; column: number }[];
    if (maps.isOriginal(m.source)) {
      targets = maps.generatedFor(m.source, m.requested.line, m.requested.column ? m.requested.column - 1 : 0);
      if (targets.length === 0) {
        m.message = `No code was generated for line ${m.requested.line} of ${path.basename(m.source)} (only types, comments or blank lines): the breakpoint cannot bind.`;
        return;
      }
    } else {
      const lines = lineCount(m.source);
      if (lines !== undefined && m.requested.line > lines) {
        m.message = `Line ${m.requested.line} is past the end of ${path.basename(m.source)} (${lines} lines): the breakpoint cannot bind.`;
        return;
      }
      targets = [{ path: m.source, line: m.requested.line, column: m.requested.column ? m.requested.column - 1 : 0 }];
    }
    m.files = targets.map((t) => t.path);
    for (const t of targets) {
      const r = await this.cdp.send<{ breakpointId: string; locations: Location[] }>('Debugger.setBreakpointByUrl', {
        urlRegex: urlRegexFor(t.path),
        lineNumber: t.line - 1,
        columnNumber: t.column,
        ...(condition ? { condition } : {}),
      });
      m.cdpIds.push(r.breakpointId);
      this.byCdpId.set(r.breakpointId, m);
      for (const loc of r.locations) this.bind(m, loc);
    }
    if (!m.verified) {
      const loaded = m.files.some((f) => this.scripts.byPath(f).length > 0);
      m.message = loaded
        ? `No code at or after line ${m.requested.line} of ${path.basename(m.source)}: the breakpoint cannot bind.`
        : `${path.basename(m.files[0] ?? m.source)} has not loaded yet: the breakpoint binds when it does.`;
    }
  }

  private bind(m: Managed, location: Location): void {
    const dap = this.scripts.toDap(location.scriptId, location.lineNumber, location.columnNumber ?? 0);
    m.verified = true;
    m.message = undefined;
    if (dap && dap.source.path && path.normalize(dap.source.path) === m.source) {
      m.line = dap.line;
      m.column = dap.column;
    }
  }

  private async remove(m: Managed): Promise<void> {
    for (const id of m.cdpIds) {
      this.byCdpId.delete(id);
      await this.cdp.send('Debugger.removeBreakpoint', { breakpointId: id }).catch(() => undefined);
    }
    m.cdpIds.length = 0;
  }

  private toDap(m: Managed): DebugProtocol.Breakpoint {
    return {
      id: m.id,
      verified: m.verified,
      line: m.line,
      ...(m.column !== undefined ? { column: m.column } : {}),
      source: { name: path.basename(m.source), path: m.source },
      ...(m.message ? { message: m.message } : {}),
    };
  }
}
