// `--reload recycle|module`: the hot reload mode of one invoke (`invoke`) or the default of a running
// engine (`serve`); and how the CLI says what happened (docs/hot-reload.md).
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { describeReload, parseReloadMode, RELOAD_MODES, type ReloadMode, type ReloadNote } from '../core/runtime/hotReload';
import { usageError } from './cliOutput';
import type { Values } from './engineFromArgs';

export const reloadOption = { reload: { type: 'string' } } as const;

/** The mode named by `--reload`, if given; a usage error for anything else. */
export function reloadFromArgs(values: Values): ReloadMode | undefined {
  if (values.reload === undefined) return undefined;
  const mode = parseReloadMode(values.reload);
  if (!mode) throw usageError(`--reload must be one of ${RELOAD_MODES.join(', ')}, got '${String(values.reload)}'.`);
  return mode;
}

/** Parses the engine's `X-Lambda-Workbench-Reload: <action>; cause=<cause>` response header. */
export function parseReloadHeader(value: string | undefined): ReloadNote | undefined {
  const m = /^(recycled|reloaded); cause=(code|configuration)$/.exec(value ?? '');
  return m ? { action: m[1] as ReloadNote['action'], cause: m[2] as ReloadNote['cause'] } : undefined;
}

/**
 * Sends `--reload` as the engine's request header on the client's Invoke calls and reports the
 * response header through `seen` (the SDK does not surface unknown headers).
 */
export function addReloadHeader(client: LambdaClient, mode: ReloadMode | undefined, seen: (note: ReloadNote) => void): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (mode && request.headers) request.headers['x-lambda-workbench-reload'] = mode;
      const out = await next(args);
      const note = parseReloadHeader((out.response as { headers?: Record<string, string> }).headers?.['x-lambda-workbench-reload']);
      if (note) seen(note);
      return out;
    },
    { step: 'finalizeRequest', name: 'lambdaWorkbenchReload' },
  );
}

/** The stderr line of a human-readable invoke. */
export function reloadLine(note: ReloadNote): string {
  return `hot reload: ${describeReload(note)}\n`;
}
