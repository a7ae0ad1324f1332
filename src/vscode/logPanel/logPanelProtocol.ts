// Messages between the log panel webview and the extension host (both directions), with a guard for
// what arrives from the webview. No vscode import: shared by the host, the webview bundle and tests.

/** One event as the panel shows it. */
export interface PanelEvent {
  readonly id: string;
  readonly stream: string;
  readonly timestamp: number;
  readonly message: string;
}

export interface PanelGroup {
  /** The key the panel passes back (for a cloud group: `<root id> <group name>`). */
  readonly name: string;
  /** What the picker shows when it differs from `name`. */
  readonly label?: string;
  /** The root it is listed under (`AWS: profile (region)`); local groups have none. */
  readonly root?: string;
  readonly storedBytes: number;
  readonly retentionInDays?: number;
  /** Its newest event (absent: a function's group with no events yet). */
  readonly lastEventTimestamp?: number;
}

export interface PanelStream {
  readonly name: string;
  readonly lastEventTimestamp?: number;
  readonly eventCount?: number;
}

/** Webview -> host. */
export type ToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'selectGroup'; readonly group: string }
  /** `stream` undefined: all streams of the group, merged by time. */
  | { readonly type: 'query'; readonly group: string; readonly stream?: string; readonly pattern: string }
  | { readonly type: 'loadMore'; readonly queryId: number }
  | { readonly type: 'liveTail'; readonly on: boolean }
  | { readonly type: 'openInvocation'; readonly requestId: string }
  | { readonly type: 'openSource'; readonly file: string; readonly line: number; readonly column: number }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'openAsDocument'; readonly group: string; readonly stream?: string };

/** Host -> webview. */
export type ToWebview =
  | { readonly type: 'groups'; readonly groups: readonly PanelGroup[] }
  | { readonly type: 'streams'; readonly group: string; readonly streams: readonly PanelStream[] }
  /** A page of a query; `reset` starts a new result list. */
  | { readonly type: 'events'; readonly queryId: number; readonly events: readonly PanelEvent[]; readonly reset: boolean; readonly more: boolean }
  | { readonly type: 'live'; readonly queryId: number; readonly events: readonly PanelEvent[] }
  | { readonly type: 'error'; readonly message: string }
  /** Select a group (the explorer's "Show Logs" on a function). */
  | { readonly type: 'focus'; readonly group: string; readonly stream?: string };

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates a message from the webview (it is untrusted input); undefined when malformed. */
export function parseToHost(raw: unknown): ToHost | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'selectGroup':
      return str(m.group) ? { type: 'selectGroup', group: m.group } : undefined;
    case 'query':
      return str(m.group) && str(m.pattern) && (m.stream === undefined || str(m.stream))
        ? { type: 'query', group: m.group, pattern: m.pattern, ...(str(m.stream) ? { stream: m.stream } : {}) }
        : undefined;
    case 'loadMore':
      return num(m.queryId) ? { type: 'loadMore', queryId: m.queryId } : undefined;
    case 'liveTail':
      return typeof m.on === 'boolean' ? { type: 'liveTail', on: m.on } : undefined;
    case 'openInvocation':
      return str(m.requestId) && /^[\w-]{1,100}$/.test(m.requestId) ? { type: 'openInvocation', requestId: m.requestId } : undefined;
    case 'openSource':
      return str(m.file) && num(m.line) && num(m.column) ? { type: 'openSource', file: m.file, line: m.line, column: m.column } : undefined;
    case 'copy':
      return str(m.text) ? { type: 'copy', text: m.text } : undefined;
    case 'openAsDocument':
      return str(m.group) && (m.stream === undefined || str(m.stream)) ? { type: 'openAsDocument', group: m.group, ...(str(m.stream) ? { stream: m.stream } : {}) } : undefined;
    default:
      return undefined;
  }
}
