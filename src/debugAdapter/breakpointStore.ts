// The breakpoints and exception filters the client asked for, kept by the session so every new
// debuggee (restart, reset after a timeout, coldStart) gets them before its init runs, under stable ids.
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { DebugTarget } from './debugTarget';

/** Source breakpoints by file, exception filters, and one DAP id per distinct breakpoint. */
export class BreakpointStore {
  private readonly bySource = new Map<string, readonly DebugProtocol.SourceBreakpoint[]>();
  private readonly ids = new Map<string, number>();
  exceptionFilters: readonly string[] = [];

  /** Records the breakpoints of one file (replacing the previous ones); returns the normalized path. */
  set(file: string, breakpoints: readonly DebugProtocol.SourceBreakpoint[]): string {
    const normalized = path.normalize(file);
    this.bySource.set(normalized, breakpoints);
    return normalized;
  }

  /** The same id for the same breakpoint, across debuggees. */
  idFor(file: string, bp: DebugProtocol.SourceBreakpoint): number {
    const key = JSON.stringify([file, bp.line, bp.column, bp.condition, bp.logMessage]);
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size + 1));
    return id;
  }

  /** What to answer while no debuggee exists yet. */
  pending(file: string, breakpoints: readonly DebugProtocol.SourceBreakpoint[]): DebugProtocol.Breakpoint[] {
    return breakpoints.map((bp) => ({ id: this.idFor(file, bp), verified: false, line: bp.line, message: 'The function is starting.' }));
  }

  /** Sets everything on a new debuggee; resolves with the breakpoints as it bound them. */
  async applyTo(target: DebugTarget): Promise<DebugProtocol.Breakpoint[]> {
    const results: DebugProtocol.Breakpoint[] = [];
    for (const [file, bps] of this.bySource) results.push(...(await target.setBreakpoints(file, bps)));
    if (this.exceptionFilters.length) await target.setExceptionFilters(this.exceptionFilters);
    return results;
  }
}
