// Handlers in a function's code directory: the candidates Handler completion offers (files and their
// exported functions) and the source location go-to-definition jumps to. Reads files; no editor API.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeModuleFile, runtimeFamily } from '../core/project';

const SKIP = new Set(['node_modules', '.git', '.lambda-workbench', '__pycache__', '.venv', 'venv', 'dist', '.aws-sam']);

/** Names a JS/TS module exports as functions or values (what `file.name` can point at). */
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

/** `Handler` values that would resolve in `codeDir` for the runtime (esbuild entry points for bundles). */
export function handlerCandidates(codeDir: string, runtime: string, entryPoints?: readonly string[]): { handler: string; file: string }[] {
  const family = runtimeFamily(runtime);
  const out: { handler: string; file: string }[] = [];
  const read = (f: string): string => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  if (family === 'node') {
    if (entryPoints?.length) {
      const entries = entryPoints.map((e) => path.resolve(codeDir, e));
      const common = commonDir(entries);
      for (const e of entries) {
        const rel = path.relative(common, e).split(path.sep).join('/');
        for (const name of jsExports(read(e))) out.push({ handler: `${rel.slice(0, rel.length - path.extname(rel).length)}.${name}`, file: e });
      }
      return out;
    }
    for (const f of files(codeDir, ['.js', '.mjs', '.cjs'])) {
      const rel = path.relative(codeDir, f).split(path.sep).join('/');
      for (const name of jsExports(read(f))) out.push({ handler: `${rel.slice(0, rel.length - path.extname(rel).length)}.${name}`, file: f });
    }
  } else if (family === 'python') {
    for (const f of files(codeDir, ['.py'])) {
      const mod = path.relative(codeDir, f).slice(0, -3).split(path.sep).join('.').replace(/\.__init__$/, '');
      for (const name of pythonFunctions(read(f))) out.push({ handler: `${mod}.${name}`, file: f });
    }
  }
  return out;
}

/** The file and zero-based line a handler resolves to, if it can be found. */
export function handlerLocation(codeDir: string, runtime: string, handler: string, entryPoints?: readonly string[]): { file: string; line: number } | undefined {
  const family = runtimeFamily(runtime);
  let file: string | undefined;
  let exportName = '';
  if (family === 'node') {
    const base = path.basename(handler);
    exportName = base.slice(base.indexOf('.') + 1).split('.')[0] ?? '';
    file = entryPoints?.length ? handlerCandidates(codeDir, runtime, entryPoints).find((c) => c.handler.split('.')[0] === handler.slice(0, handler.length - base.length) + base.split('.')[0])?.file : findNodeModuleFile(codeDir, handler);
  } else if (family === 'python') {
    const dot = handler.lastIndexOf('.');
    exportName = handler.slice(dot + 1);
    const parts = handler.slice(0, Math.max(0, dot)).replace(/\//g, '.').split('.');
    file = [path.join(codeDir, ...parts) + '.py', path.join(codeDir, ...parts, '__init__.py')].find(isFile);
  } else if (family === 'provided') {
    file = [path.join(codeDir, 'bootstrap')].find(isFile);
  }
  if (!file) return undefined;
  const lines = (() => {
    try {
      return fs.readFileSync(file, 'utf8').split(/\r?\n/);
    } catch {
      return [];
    }
  })();
  const name = exportName.replace(/\$/g, '\\$');
  const defs = family === 'python'
    ? [new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`)]
    : [new RegExp(`export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${name}\\b`), new RegExp(`export\\s+(?:const|let|var)\\s+${name}\\b`), new RegExp(`exports\\.${name}\\s*=`), new RegExp(`(?:function\\s*\\*?\\s*${name}\\s*\\(|(?:const|let|var)\\s+${name}\\s*=)`)];
  for (const re of defs) {
    const i = name ? lines.findIndex((l) => re.test(l)) : -1;
    if (i >= 0) return { file, line: i };
  }
  return { file, line: 0 };
}

function files(dir: string, exts: readonly string[], depth = 3): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return depth > 0 && !SKIP.has(e.name) && !e.name.startsWith('.') ? files(p, exts, depth - 1) : [];
    return exts.includes(path.extname(e.name)) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function commonDir(list: readonly string[]): string {
  let dir = path.dirname(list[0] as string);
  while (!list.every((f) => f.startsWith(dir + path.sep)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
