// Where a handler lives in the workspace, for editor features: the source file (the esbuild entry for
// bundled TypeScript), the line that defines the export, and the handlers a code directory offers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeModuleFile } from './handlerLookup';
import { runtimeFamily } from './runtimes';
import { isFile } from './pathKind';

/** A handler's source file and the name it must export (empty for a `provided` bootstrap). */
export interface HandlerSource {
  readonly file: string;
  readonly exportName: string;
}

const SKIP = new Set(['node_modules', '.git', '.lambda-workbench', '__pycache__', '.venv', 'venv', 'dist', '.aws-sam']);

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function commonDir(list: readonly string[]): string {
  let dir = path.dirname(list[0] as string);
  while (!list.every((f) => f.startsWith(dir + path.sep)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** esbuild writes each entry at its path relative to the entries' common directory, minus the extension. */
function entryModules(codeDir: string, entryPoints: readonly string[]): { module: string; file: string }[] {
  const entries = entryPoints.map((e) => path.resolve(codeDir, e));
  const common = commonDir(entries);
  return entries.map((file) => {
    const rel = path.relative(common, file).split(path.sep).join('/');
    return { module: rel.slice(0, rel.length - path.extname(rel).length), file };
  });
}

/** Finds the source of a handler in `codeDir`, or undefined when it cannot be found. */
export function handlerSource(codeDir: string, runtime: string, handler: string, entryPoints?: readonly string[]): HandlerSource | undefined {
  const family = runtimeFamily(runtime);
  if (family === 'node') {
    const base = path.basename(handler);
    const dot = base.indexOf('.');
    if (dot < 0) return undefined;
    const exportName = base.slice(dot + 1).split('.')[0] ?? '';
    const modulePath = handler.slice(0, handler.length - base.length) + base.slice(0, dot);
    if (entryPoints?.length) {
      const entry = entryModules(codeDir, entryPoints).find((e) => e.module === modulePath)?.file;
      return entry && isFile(entry) ? { file: entry, exportName } : undefined;
    }
    const file = findNodeModuleFile(codeDir, handler);
    if (file) return { file, exportName };
    // A TypeScript source beside where the runtime would look (built elsewhere).
    const ts = ['.ts', '.mts', '.cts'].map((ext) => path.resolve(codeDir, modulePath + ext)).find(isFile);
    return ts ? { file: ts, exportName } : undefined;
  }
  if (family === 'python') {
    const dot = handler.lastIndexOf('.');
    if (dot < 0) return undefined;
    const parts = handler.slice(0, dot).replace(/\//g, '.').split('.');
    const file = [path.join(codeDir, ...parts) + '.py', path.join(codeDir, ...parts, '__init__.py')].find(isFile);
    return file ? { file, exportName: handler.slice(dot + 1) } : undefined;
  }
  if (family === 'provided') {
    const bootstrap = path.join(codeDir, 'bootstrap');
    return isFile(bootstrap) ? { file: bootstrap, exportName: '' } : undefined;
  }
  return undefined;
}

/** Zero-based line where `exportName` is defined in a JS/TS or Python source, if found. */
export function findExportLine(text: string, exportName: string, python: boolean): number | undefined {
  if (!exportName) return undefined;
  const name = exportName.replace(/[$]/g, '\\$');
  const patterns = python
    ? [new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`), new RegExp(`^${name}\\s*=`)]
    : [
        new RegExp(`^\\s*export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${name}\\b`),
        new RegExp(`^\\s*export\\s+(?:const|let|var)\\s+${name}\\b`),
        new RegExp(`^\\s*(?:module\\.)?exports\\.${name}\\s*=`),
        new RegExp(`^\\s*(?:async\\s+)?function\\s*\\*?\\s*${name}\\s*\\(`),
        new RegExp(`^\\s*(?:const|let|var)\\s+${name}\\s*=`),
        new RegExp(`^\\s*export\\s*\\{[^}]*\\b${name}\\b`),
        new RegExp(`^\\s*module\\.exports\\s*=`),
      ];
  const lines = text.split(/\r?\n/);
  for (const re of patterns) {
    const i = lines.findIndex((l) => re.test(l));
    if (i >= 0) return i;
  }
  return undefined;
}

/** The file and zero-based line a handler resolves to (line 0 when the definition is not found). */
export function handlerLocation(codeDir: string, runtime: string, handler: string, entryPoints?: readonly string[]): { file: string; line: number } | undefined {
  const src = handlerSource(codeDir, runtime, handler, entryPoints);
  if (!src) return undefined;
  return { file: src.file, line: findExportLine(read(src.file), src.exportName, src.file.endsWith('.py')) ?? 0 };
}

/** Names a JS/TS module exports (what `file.name` can point at). */
export function jsExports(source: string): string[] {
  const names = new Set<string>();
  for (const re of [/^\s*(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/gm, /^\s*export\s+(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm, /^\s*export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm]) {
    for (const m of source.matchAll(re)) names.add(m[1] as string);
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] as string).split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && /^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  }
  const obj = /module\.exports\s*=\s*\{([^}]*)\}/.exec(source);
  for (const part of obj?.[1]?.split(',') ?? []) {
    const name = /^\s*([A-Za-z_$][\w$]*)/.exec(part)?.[1];
    if (name) names.add(name);
  }
  return [...names];
}

/** Top-level functions of a Python module. */
export function pythonFunctions(source: string): string[] {
  return [...source.matchAll(/^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/gm)].map((m) => m[1] as string);
}

function sourceFiles(dir: string, exts: readonly string[], depth = 3): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return depth > 0 && !SKIP.has(e.name) && !e.name.startsWith('.') ? sourceFiles(p, exts, depth - 1) : [];
    return exts.includes(path.extname(e.name)) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** `Handler` values that would resolve in `codeDir` for the runtime (esbuild entry points for bundles). */
export function handlerCandidates(codeDir: string, runtime: string, entryPoints?: readonly string[]): { handler: string; file: string }[] {
  const family = runtimeFamily(runtime);
  if (family === 'node') {
    const modules = entryPoints?.length
      ? entryModules(codeDir, entryPoints)
      : sourceFiles(codeDir, ['.js', '.mjs', '.cjs']).map((file) => {
          const rel = path.relative(codeDir, file).split(path.sep).join('/');
          return { module: rel.slice(0, rel.length - path.extname(rel).length), file };
        });
    return modules.flatMap(({ module, file }) => jsExports(read(file)).map((name) => ({ handler: `${module}.${name}`, file })));
  }
  if (family === 'python') {
    return sourceFiles(codeDir, ['.py']).flatMap((file) => {
      const mod = path.relative(codeDir, file).slice(0, -3).split(path.sep).join('.').replace(/\.__init__$/, '');
      return pythonFunctions(read(file)).map((name) => ({ handler: `${mod}.${name}`, file }));
    });
  }
  return [];
}
