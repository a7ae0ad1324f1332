// Finds and loads the user's handler the way the Node.js runtime does (fidelity 2.2): module lookup
// order, CommonJS or ESM by extension and package.json "type", dotted export paths, exact errors; and
// reloads it in place for hot reload (the function's own CommonJS modules, or the ES module by a new URL).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runtimeErrors } from './errors';
import { registerSdkResolveHook } from './sdkResolveHook';

export type Handler = (event: unknown, context: unknown, callback: (err?: unknown, result?: unknown) => void) => unknown;

// Kept out of esbuild's reach so the bundle does not rewrite it into require().
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a real dynamic import() that the CommonJS bundle must not rewrite into require()
const rawImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, unknown>>;
// Only ES module handlers pay for the resolve hook (a loader thread, a few milliseconds of cold start).
const dynamicImport = (specifier: string): Promise<Record<string, unknown>> => {
  registerSdkResolveHook();
  return rawImport(specifier);
};

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether the nearest package.json (stopping at node_modules) declares "type": "module". */
function isEsmScope(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'node_modules') return false;
    const pkg = path.join(dir, 'package.json');
    if (isFile(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/** Hot reloads so far: ES modules cannot be unloaded, so each reload imports the handler under a new URL. */
let generation = 0;

const esmUrl = (file: string): string => pathToFileURL(file).href + (generation ? `?lambda-workbench-reload=${generation}` : '');

async function loadModule(taskRoot: string, moduleRoot: string, moduleName: string): Promise<Record<string, unknown>> {
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  const req = createRequire(path.join(taskRoot, 'index.js'));
  if (isFile(base)) return req(base) as Record<string, unknown>;
  if (isFile(`${base}.js`)) return isEsmScope(`${base}.js`) ? dynamicImport(esmUrl(`${base}.js`)) : (req(`${base}.js`) as Record<string, unknown>);
  if (isFile(`${base}.mjs`)) return dynamicImport(esmUrl(`${base}.mjs`));
  if (isFile(`${base}.cjs`)) return req(`${base}.cjs`) as Record<string, unknown>;
  const resolved = req.resolve(moduleName, { paths: [taskRoot, path.resolve(taskRoot, moduleRoot)] });
  return req(resolved) as Record<string, unknown>;
}

/** Whether `_HANDLER` names an ES module (a standby prepares the ES module loader for it). */
export function isEsmHandler(taskRoot: string, handlerString: string): boolean {
  const match = /^([^.]*)\./.exec(path.basename(handlerString));
  if (!match) return false;
  const base = path.resolve(taskRoot, path.dirname(handlerString), match[1] as string);
  if (isFile(base)) return false;
  if (isFile(`${base}.js`)) return isEsmScope(`${base}.js`);
  return isFile(`${base}.mjs`);
}

/** Loads `_HANDLER` from the task root; throws the runtime's own error types. */
export async function loadHandler(taskRoot: string, handlerString: string): Promise<Handler> {
  if (handlerString.includes('..')) {
    throw runtimeErrors.malformedHandlerName(`'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const moduleRoot = path.dirname(handlerString);
  const match = /^([^.]*)\.(.*)$/.exec(path.basename(handlerString));
  if (!match) throw runtimeErrors.malformedHandlerName('Bad handler');
  const [, moduleName, exportPath] = match as unknown as [string, string, string];
  let mod: Record<string, unknown>;
  try {
    mod = await loadModule(taskRoot, moduleRoot, moduleName);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err instanceof SyntaxError) throw runtimeErrors.syntax(err);
    if (err.code === 'MODULE_NOT_FOUND' || err.code === 'ERR_MODULE_NOT_FOUND') throw runtimeErrors.importModule(err);
    throw e;
  }
  let target: unknown = mod;
  for (const key of exportPath.split('.')) {
    target = target === undefined || target === null ? undefined : (target as Record<string, unknown>)[key];
  }
  if (target === undefined) throw runtimeErrors.handlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof target !== 'function') throw runtimeErrors.handlerNotFound(`${handlerString} is not a function`);
  return target as Handler;
}

/**
 * Loads the handler again in this process (hot reload): the function's own CommonJS modules (under the
 * task root, outside node_modules) leave the require cache; an ES module handler is imported again
 * under a new URL (modules it imports stay cached). Everything else, and global state, is kept.
 */
export function reloadHandler(taskRoot: string, handlerString: string): Promise<Handler> {
  generation++;
  const root = path.resolve(taskRoot) + path.sep;
  const cache = createRequire(path.join(taskRoot, 'index.js')).cache;
  for (const file of Object.keys(cache)) {
    if (file.startsWith(root) && !file.slice(root.length).split(path.sep).includes('node_modules')) delete cache[file];
  }
  return loadHandler(taskRoot, handlerString);
}
