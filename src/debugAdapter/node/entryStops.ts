// The Node debugger's internal stops in the runtime: the first line of module scope while the handler
// module loads (init), the first line of the handler when the next event arrives, and the moment an
// error leaves the handler (what "Uncaught Exceptions" means for a Lambda function).
import * as fs from 'node:fs';
import type { CdpConnection } from './cdpConnection';
import type { EvaluateResult, Location, PausedEvent } from './cdpTypes';
import type { SourceMapIndex } from './sourceMaps';
import { urlRegexFor } from './scripts';

/** Where the bootstrap calls the handler: `<name>(event, context, callback)`. */
export function handlerCallSite(bootstrapSource: string): { name: string; line: number; column: number } | undefined {
  const m = /\b([A-Za-z_$][\w$]*)\(event, context, callback\)/.exec(bootstrapSource);
  if (!m) return undefined;
  const before = bootstrapSource.slice(0, m.index);
  const line = before.split('\n').length - 1;
  return { name: m[1] as string, line, column: m.index - (before.lastIndexOf('\n') + 1) };
}

/**
 * Where the bootstrap reports a handler error: each `logRuntimeError("Invoke Error", toLogJson(<name>))`
 * (the buffered path and the response-streaming path each have one).
 */
export function handlerErrorSites(bootstrapSource: string): { name: string; line: number; column: number }[] {
  return [...bootstrapSource.matchAll(/logRuntimeError\(["']Invoke Error["'], toLogJson\(([A-Za-z_$][\w$]*)\)\)/g)].map((m) => {
    const before = bootstrapSource.slice(0, m.index);
    return { name: m[1] as string, line: before.split('\n').length - 1, column: m.index - (before.lastIndexOf('\n') + 1) };
  });
}

/** What a pause at one of the internal breakpoints means. */
export type InternalStop = { kind: 'entry' } | { kind: 'resume' } | { kind: 'handlerError'; description: string } | undefined;

/** Internal breakpoints in the runtime: entry stops and the handler-error stop. */
export class EntryStops {
  private readonly entryIds = new Set<string>();
  private readonly callSiteIds = new Map<string, string>();
  private errorStops: { id: string; name: string }[] = [];

  constructor(private readonly cdp: CdpConnection, private readonly maps: SourceMapIndex, private readonly bootstrapPath: string) {}

  /** Stops at the first statement of `moduleFile` (the first user code, for a bundle) when it loads. */
  async armInit(moduleFile: string): Promise<void> {
    const first = this.maps.firstUserPosition(moduleFile) ?? { line: 1, column: 0 };
    const r = await this.cdp.send<{ breakpointId: string }>('Debugger.setBreakpointByUrl', {
      urlRegex: urlRegexFor(moduleFile),
      lineNumber: first.line - 1,
      columnNumber: first.column,
    });
    this.entryIds.add(r.breakpointId);
  }

  /** Stops at the handler's first line on the next invocation; false when the bootstrap has no known call site. */
  async armHandler(): Promise<boolean> {
    const site = handlerCallSite(fs.readFileSync(this.bootstrapPath, 'utf8'));
    if (!site) return false;
    const r = await this.cdp.send<{ breakpointId: string; locations: Location[] }>('Debugger.setBreakpointByUrl', {
      urlRegex: urlRegexFor(this.bootstrapPath),
      lineNumber: site.line,
      columnNumber: site.column,
    });
    this.callSiteIds.set(r.breakpointId, site.name);
    return true;
  }

  /** Stops (or stops no longer) when a handler error reaches the runtime; false when the bootstrap has no known site. */
  async setHandlerErrorStop(enabled: boolean): Promise<boolean> {
    await Promise.all(this.errorStops.map((stop) => this.cdp.send('Debugger.removeBreakpoint', { breakpointId: stop.id }).catch(() => undefined)));
    this.errorStops = [];
    if (!enabled) return true;
    const sites = handlerErrorSites(fs.readFileSync(this.bootstrapPath, 'utf8'));
    if (!sites.length) return false;
    for (const site of sites) {
      const r = await this.cdp.send<{ breakpointId: string }>('Debugger.setBreakpointByUrl', {
        urlRegex: urlRegexFor(this.bootstrapPath),
        lineNumber: site.line,
        columnNumber: site.column,
      });
      this.errorStops.push({ id: r.breakpointId, name: site.name });
    }
    return true;
  }

  /**
   * Handles a pause at one of our breakpoints: an entry stop to show, a handler error to show, or only a
   * step towards an entry stop (resume); undefined when the pause is not ours.
   */
  async onPause(e: PausedEvent): Promise<InternalStop> {
    const hit = e.hitBreakpoints ?? [];
    const entries = hit.filter((id) => this.entryIds.has(id));
    if (entries.length) {
      for (const id of entries) this.entryIds.delete(id);
      await Promise.all(entries.map((id) => this.cdp.send('Debugger.removeBreakpoint', { breakpointId: id }).catch(() => undefined)));
      return { kind: 'entry' };
    }
    const frame = e.callFrames[0];
    const errorStop = this.errorStops.find((stop) => hit.includes(stop.id));
    if (errorStop && frame) {
      const err = await this.cdp.send<EvaluateResult>('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression: errorStop.name, silent: true });
      return { kind: 'handlerError', description: err.result.description ?? String(err.result.value) };
    }
    const site = hit.find((id) => this.callSiteIds.has(id));
    if (site === undefined) return undefined;
    const name = this.callSiteIds.get(site) as string;
    this.callSiteIds.delete(site);
    await this.cdp.send('Debugger.removeBreakpoint', { breakpointId: site }).catch(() => undefined);
    if (!frame) return { kind: 'resume' };
    const fn = await this.cdp.send<EvaluateResult>('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression: name, silent: true });
    if (fn.result.objectId && fn.result.type === 'function') {
      const r = await this.cdp.send<{ breakpointId: string }>('Debugger.setBreakpointOnFunctionCall', { objectId: fn.result.objectId });
      this.entryIds.add(r.breakpointId);
    }
    return { kind: 'resume' };
  }
}
