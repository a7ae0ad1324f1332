// What a registry change does to a function's environments: a code-only change of a Node.js or Python
// function keeps its warm environments for hot reload (the invocation then recycles or reloads them);
// anything else (template, environment variables, layers, other runtimes) recycles them at once.
import type { FunctionConfig } from '../functionConfig';
import type { EnvironmentPool } from '../runtime/environmentPool';
import { runtimeFamily } from '../runtime/runtimeCatalog';
import type { FunctionRegistry } from './functionRegistry';

/** Whether our own bootstrap of this runtime can reload the handler module in place. */
export function reloadsModules(runtime: string): boolean {
  const family = runtimeFamily(runtime);
  return family === 'nodejs' || family === 'python';
}

/** Same configuration except the code's hash (the code directory is the same folder, rebuilt). */
export function differsOnlyInCode(a: FunctionConfig, b: FunctionConfig): boolean {
  return JSON.stringify({ ...a, codeSha256: '' }) === JSON.stringify({ ...b, codeSha256: '' });
}

/** Applies one changed function name to the pool; `codeOnly` when the watcher saw only its code change. */
export function recycleOnChange(pool: EnvironmentPool, registry: FunctionRegistry, name: string, codeOnly: boolean): void {
  const latest = registry.get(name)?.latest;
  const live = (c: FunctionConfig): boolean => c === latest || registry.isLive(c);
  if (latest && codeOnly && reloadsModules(latest.runtime)) {
    pool.keepForReload(name, latest, (c) => !live(c) && differsOnlyInCode(c, latest));
  }
  pool.retire(name, live, codeOnly ? 'code' : 'configuration');
}
