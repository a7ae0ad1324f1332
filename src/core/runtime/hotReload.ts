// Hot reload: what the engine does with a function's warm environments when only its code changed
// (recycle them for a true cold start, or reload the handler module inside them), and how it says so.

/** `recycle`: a true cold start (the default, like Lambda after a deployment); `module`: keep the process, reload the handler. */
export type ReloadMode = 'recycle' | 'module';

export const RELOAD_MODES: readonly ReloadMode[] = ['recycle', 'module'];

/** What happened to the environment of the first invocation after a change, reported with its outcome. */
export interface ReloadNote {
  /** `recycled`: a new environment (cold start); `reloaded`: the warm process reloaded the handler module. */
  readonly action: 'recycled' | 'reloaded';
  /** `code`: only the function's code changed; `configuration`: the template, environment variables or layers did. */
  readonly cause: 'code' | 'configuration';
}

/** Parses a reload mode from a flag, header or setting; undefined for anything else. */
export function parseReloadMode(value: unknown): ReloadMode | undefined {
  return value === 'recycle' || value === 'module' ? value : undefined;
}

/** The Runtime API header (on /next) that tells our own bootstraps to reload the handler before this event. */
export const RELOAD_HEADER = 'Lambda-Workbench-Reload';

/** One line for the function's log (the log panel shows it before START). */
export function reloadLogLine(note: ReloadNote): string {
  const why = note.cause === 'code' ? 'the code changed' : 'the configuration changed (template, environment variables or layers)';
  return note.action === 'reloaded'
    ? `HOT_RELOAD ${why}: reloaded the handler module in the warm environment (module state kept)\n`
    : `HOT_RELOAD ${why}: recycled the environment (cold start)\n`;
}

/** Short words for results (CLI, result view). */
export function describeReload(note: ReloadNote): string {
  return note.action === 'reloaded' ? 'handler module reloaded, environment kept warm' : `environment recycled (${note.cause} changed)`;
}
