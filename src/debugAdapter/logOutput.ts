// The debuggee's log lines as DAP output: platform lines (START, END, REPORT...) on the console
// channel, the handler's own lines on stdout at the source line that logged them.
import * as path from 'node:path';
import { OutputEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LogEvent } from '../core/logs/logSink';

const platformLine = /^(START|END|REPORT|INIT_START|INIT_REPORT|RESTORE_START|RESTORE_REPORT|XRAY TraceId|EXTENSION|TELEMETRY) |^\d{4}-\d\d-\d\dT[\d:.]+Z [0-9a-f-]{36} Task timed out/;

/** Maps a call site recorded by the runtime to the source the user edits. */
export type LocationMapper = (file: string, line: number, column: number) => { readonly path: string; readonly line: number; readonly column: number };

/** One output event for one log event. */
export function logOutputEvent(event: LogEvent, map: LocationMapper | undefined): DebugProtocol.OutputEvent {
  const category = platformLine.test(event.message) ? 'console' : 'stdout';
  const out = new OutputEvent(event.message.endsWith('\n') ? event.message : `${event.message}\n`, category) as DebugProtocol.OutputEvent;
  const site = event.callSite;
  if (site && map) {
    try {
      const loc = map(site.file, site.line, site.column);
      Object.assign(out.body, { source: { name: path.basename(loc.path), path: loc.path }, line: loc.line, column: loc.column });
    } catch {
      // A call site we cannot map is shown without a location.
    }
  }
  return out;
}
