// Finds a function's handler the way the Node and Python runtimes load it (fidelity 2.2, 2.3) and
// the way Lambda starts a custom runtime, reporting what would fail at init before anything runs.
import * as fs from 'fs';
import * as path from 'path';
import { scanJsExport, scanPythonExport, type ExportVerdict } from './exportScan';
import { runtimeFamily } from './runtimes';

/** A reason the handler would not load, in the runtime's own words. */
export interface HandlerFinding {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

/** Where to look for the handler. */
export interface HandlerLocation {
  readonly handler: string;
  readonly runtime: string;
  readonly codeDir: string;
  readonly layerDirs: readonly string[];
  /** For esbuild-built functions: source entry points, relative to codeDir. */
  readonly entryPoints?: readonly string[];
}

/** Checks that the handler resolves to a file and an export; returns every finding. */
export function checkHandler(loc: HandlerLocation): HandlerFinding[] {
  switch (runtimeFamily(loc.runtime)) {
    case 'node': return checkNodeHandler(loc);
    case 'python': return checkPythonHandler(loc);
    case 'provided': return checkBootstrap(loc);
    default: return [];
  }
}

/** The absolute file a Node handler loads from, or undefined when it cannot be found. */
export function findNodeModuleFile(codeDir: string, handler: string): string | undefined {
  const base = path.basename(handler);
  const moduleRoot = handler.slice(0, handler.length - base.length);
  const m = /^([^.]*)\.(.*)$/.exec(base);
  if (!m) return undefined;
  const p = path.resolve(codeDir, moduleRoot, m[1]!);
  // Same order as the runtime: extensionless, .js (CJS or ESM by package.json), .mjs, .cjs.
  for (const candidate of [p, `${p}.js`, `${p}.mjs`, `${p}.cjs`]) {
    const st = statOrUndefined(candidate);
    if (st?.isFile()) return candidate;
    if (st?.isDirectory() && candidate === p) {
      const index = directoryMain(p);
      if (index) return index;
    }
  }
  return undefined;
}

function checkNodeHandler(loc: HandlerLocation): HandlerFinding[] {
  const h = loc.handler;
  if (h.includes('..')) {
    return [initFailure('handler-malformed', `Runtime.MalformedHandlerName: '${h}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`)];
  }
  const base = path.basename(h);
  const m = /^([^.]*)\.(.*)$/.exec(base);
  if (!m) return [initFailure('handler-malformed', 'Runtime.MalformedHandlerName: Bad handler')];
  const moduleName = m[1]!;
  const exportName = m[2]!.split('.')[0]!;
  if (loc.entryPoints) return checkEntryPoints(loc, h.slice(0, h.length - base.length) + moduleName, exportName);
  const file = findNodeModuleFile(loc.codeDir, h) ?? findInNodeModules(loc, moduleName);
  if (!file) {
    return [initFailure('handler-file-missing', `Runtime.ImportModuleError: Error: Cannot find module '${moduleName}'`)];
  }
  return verdictFindings(scanFile(file, scanJsExport, exportName), `Runtime.HandlerNotFound: ${h} is undefined or not exported`);
}

// esbuild functions: the handler names the bundle, so the source entry point must define the export.
function checkEntryPoints(loc: HandlerLocation, modulePath: string, exportName: string): HandlerFinding[] {
  const entries = (loc.entryPoints ?? []).map((e) => path.resolve(loc.codeDir, e));
  const missing = entries.filter((e) => !statOrUndefined(e)?.isFile());
  if (missing.length > 0) {
    return missing.map((e) => err('build-entry-missing', `esbuild entry point ${path.relative(loc.codeDir, e)} does not exist in ${loc.codeDir}`));
  }
  // esbuild writes each entry at its path relative to the entries' common directory, minus the extension.
  const base = commonDir(entries);
  const entry = entries.find((e) => {
    const rel = path.relative(base, e);
    return rel.slice(0, rel.length - path.extname(rel).length).split(path.sep).join('/') === modulePath;
  });
  if (!entry) {
    return [initFailure('handler-file-missing', `Runtime.ImportModuleError: Error: Cannot find module '${path.basename(modulePath)}' (no esbuild entry point produces it)`)];
  }
  return verdictFindings(scanFile(entry, scanJsExport, exportName), `Runtime.HandlerNotFound: ${loc.handler} is undefined or not exported`);
}

function commonDir(files: readonly string[]): string {
  let dir = path.dirname(files[0]!);
  while (!files.every((f) => f.startsWith(dir + path.sep)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function checkPythonHandler(loc: HandlerLocation): HandlerFinding[] {
  const h = loc.handler;
  const dot = h.lastIndexOf('.');
  if (dot < 0) return [initFailure('handler-malformed', `Runtime.MalformedHandlerName: Bad handler '${h}': not enough values to unpack (expected 2, got 1)`)];
  const moduleName = h.slice(0, dot).replace(/\//g, '.');
  const fn = h.slice(dot + 1);
  const roots = [loc.codeDir, ...loc.layerDirs.map((d) => path.join(d, 'python'))];
  const segments = moduleName.split('.');
  let file: string | undefined;
  let firstMissing = segments.length;
  for (const root of roots) {
    const found = findPythonModule(root, segments);
    if (typeof found === 'string') {
      file = found;
      break;
    }
    firstMissing = Math.min(firstMissing, found);
  }
  if (!file) {
    return [initFailure('handler-file-missing', `Runtime.ImportModuleError: Unable to import module '${moduleName}': No module named '${segments.slice(0, firstMissing + 1).join('.')}'`)];
  }
  return verdictFindings(scanFile(file, scanPythonExport, fn), `Runtime.HandlerNotFound: Handler '${fn}' missing on module '${moduleName}'`);
}

// The module file, or the index of the first segment that could not be found.
function findPythonModule(root: string, segments: readonly string[]): string | number {
  let dir = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const pkg = path.join(dir, seg);
    if (last && statOrUndefined(`${pkg}.py`)?.isFile()) return `${pkg}.py`;
    if (!statOrUndefined(pkg)?.isDirectory()) return i;
    if (last) return statOrUndefined(path.join(pkg, '__init__.py'))?.isFile() ? path.join(pkg, '__init__.py') : i;
    dir = pkg;
  }
  return 0;
}

function checkBootstrap(loc: HandlerLocation): HandlerFinding[] {
  // go1.x started the executable its Handler names, from the code directory.
  if (loc.runtime === 'go1.x') {
    const file = path.resolve(loc.codeDir, loc.handler);
    if (!statOrUndefined(file)?.isFile()) return [err('handler-missing', `fork/exec /var/task/${loc.handler}: no such file or directory: build the Go handler into ${file}`)];
    return [];
  }
  const candidates = [loc.codeDir, ...loc.layerDirs].map((d) => path.join(d, 'bootstrap'));
  const files = candidates.filter((c) => statOrUndefined(c)?.isFile());
  if (files.length === 0) {
    return [initFailure('bootstrap-missing', "Runtime.InvalidEntrypoint: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]")];
  }
  // Windows has no execute bit; the emulator decides there how to start the file.
  if (process.platform !== 'win32' && ((statOrUndefined(files[0]!)?.mode ?? 0) & 0o111) === 0) {
    const where = files[0] === candidates[0] ? '/var/task/bootstrap' : '/opt/bootstrap';
    return [initFailure('bootstrap-not-executable', `Runtime.InvalidEntrypoint: fork/exec ${where}: permission denied`)];
  }
  return [];
}

function findInNodeModules(loc: HandlerLocation, moduleName: string): string | undefined {
  const dirs = [path.join(loc.codeDir, 'node_modules'), ...loc.layerDirs.map((d) => path.join(d, 'nodejs', 'node_modules'))];
  for (const d of dirs) {
    const p = path.join(d, moduleName);
    if (statOrUndefined(p)?.isDirectory()) return directoryMain(p);
    for (const ext of ['', '.js', '.cjs', '.mjs']) if (statOrUndefined(p + ext)?.isFile()) return p + ext;
  }
  return undefined;
}

// What `require(dir)` loads: package.json "main", else index.js.
function directoryMain(dir: string): string | undefined {
  let main = 'index.js';
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: unknown };
    if (typeof pkg.main === 'string') main = pkg.main;
  } catch {
    // no package.json, or unreadable: Node falls back to index.js too
  }
  for (const candidate of [path.join(dir, main), `${path.join(dir, main)}.js`, path.join(dir, 'index.js')]) {
    if (statOrUndefined(candidate)?.isFile()) return candidate;
  }
  return undefined;
}

const scanCache = new Map<string, { key: string; verdict: ExportVerdict }>();

// Re-scans a file only when its size or mtime changed (the language server analyzes on every edit).
function scanFile(file: string, scan: (source: string, name: string) => ExportVerdict, name: string): ExportVerdict {
  const st = statOrUndefined(file);
  if (!st) return 'unknown';
  const key = `${st.size}:${st.mtimeMs}:${name}`;
  const cached = scanCache.get(file);
  if (cached?.key === key) return cached.verdict;
  let verdict: ExportVerdict;
  try {
    verdict = scan(fs.readFileSync(file, 'utf8'), name);
  } catch {
    verdict = 'unknown';
  }
  scanCache.set(file, { key, verdict });
  return verdict;
}

function verdictFindings(verdict: ExportVerdict, message: string): HandlerFinding[] {
  return verdict === 'missing' ? [initFailure('handler-export-missing', message)] : [];
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

// Lambda accepts such a function and fails its init phase at invoke (Runtime.ImportModuleError ...):
// a warning for the editor and `list`, never a reason to refuse the invoke.
function initFailure(code: string, message: string): HandlerFinding {
  return { severity: 'warning', code, message };
}

function err(code: string, message: string): HandlerFinding {
  return { severity: 'error', code, message };
}
