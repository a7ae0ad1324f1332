// The JSON document of one invocation (`invoke --json`, the MCP server): the response parsed when it is
// JSON, the figures of the REPORT line and the log text.

/** What `invoke --json` prints. */
export interface InvocationDocument {
  readonly requestId: string;
  readonly functionName: string;
  readonly executedVersion?: string;
  /** `Unhandled` when the function failed (the payload then holds errorType/errorMessage). */
  readonly functionError?: string;
  /** The response: parsed JSON when it is JSON, else the text. */
  readonly payload: unknown;
  readonly coldStart?: boolean;
  readonly durationMs?: number;
  readonly billedDurationMs?: number;
  readonly initDurationMs?: number;
  readonly maxMemoryUsedMb?: number;
  /** The first invocation after a change: `recycled` (cold start) or `reloaded` (handler module reloaded warm), and why. */
  readonly reload?: { readonly action: 'recycled' | 'reloaded'; readonly cause: 'code' | 'configuration' };
  /** The invocation's log, START to REPORT (secrets masked unless revealed). */
  readonly log: string;
}

/** The response text as JSON when it parses, else the text itself. */
export function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Figures of a `REPORT RequestId: ...` line in a log text. */
export function reportFigures(log: string): Pick<InvocationDocument, 'durationMs' | 'billedDurationMs' | 'initDurationMs' | 'maxMemoryUsedMb' | 'coldStart'> {
  const line = /^REPORT RequestId:.*$/m.exec(log)?.[0];
  if (!line) return {};
  const num = (label: string): number | undefined => {
    const m = new RegExp(`${label}: ([0-9.]+)`).exec(line);
    return m ? Number(m[1]) : undefined;
  };
  const init = num('Init Duration');
  const figures = { durationMs: num('\\tDuration'), billedDurationMs: num('Billed Duration'), initDurationMs: init, maxMemoryUsedMb: num('Max Memory Used'), coldStart: init !== undefined };
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined));
}
