// ES modules ignore NODE_PATH, so an `import "@aws-sdk/client-s3"` could never reach the runtime's SDK
// copy. Registers a module resolve hook that retries a failed @aws-sdk/* or @smithy/* resolution from
// inside that copy: the function's own node_modules still win, as on Lambda.
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sdkNodeModules } from './engineEnv';

// Global, not module state: a standby (standby.ts, its own bundle) may have registered it already.
const REGISTERED = Symbol.for('lambda-workbench.sdkResolveHook');
const state = globalThis as { [REGISTERED]?: boolean };

/** The hook's source: resolution is tried normally first, and only a not-found bare SDK import falls back. */
function hookSource(parentUrl: string): string {
  return `const PARENT = ${JSON.stringify(parentUrl)};
const SDK = /^@(aws-sdk|smithy)\\//;
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (!SDK.test(specifier) || !e || e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    return next(specifier, { ...context, parentURL: PARENT });
  }
}
`;
}

/** Registers the hook once when the engine provides an SDK copy (`_LAMBDA_WORKBENCH_SDK_NODE_MODULES`). */
export function registerSdkResolveHook(): void {
  const nodeModules = sdkNodeModules;
  const register = (nodeModule as { register?: (specifier: string, parentURL?: string) => void }).register;
  if (state[REGISTERED] || !nodeModules || typeof register !== 'function') return;
  state[REGISTERED] = true;
  // A file URL inside the copy's folder: resolving from there searches its node_modules.
  const parent = pathToFileURL(path.join(path.dirname(nodeModules), 'sdk-resolve-parent.mjs')).href;
  register(`data:text/javascript,${encodeURIComponent(hookSource(parent))}`);
}
