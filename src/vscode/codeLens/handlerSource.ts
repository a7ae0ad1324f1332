// Where a function's handler lives in the workspace: the source file (the esbuild entry point for
// bundled TypeScript) and the line that defines the exported handler. Pure: reads files, no vscode.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeModuleFile, runtimeFamily } from '../../core/project';
import type { FunctionSummary } from '../backends/lambdaBackend';

/** A handler's source file and the name it must export. */
export interface HandlerSource {
  readonly file: string;
  readonly exportName: string;
}

/** Finds the source of a local function's handler, or undefined when it cannot be found. */
export function handlerSourceOf(fn: Pick<FunctionSummary, 'handler' | 'runtime' | 'local'>): HandlerSource | undefined {
  const local = fn.local;
  if (!local) return undefined;
  const family = runtimeFamily(fn.runtime);
  if (family === 'node') return nodeSource(fn.handler, local.codeDir, local.entryPoints);
  if (family === 'python') return pythonSource(fn.handler, local.codeDir);
  if (family === 'provided') {
    const bootstrap = path.join(local.codeDir, 'bootstrap');
    return isFile(bootstrap) ? { file: bootstrap, exportName: '' } : undefined;
  }
  return undefined;
}

function nodeSource(handler: string, codeDir: string, entryPoints: readonly string[] | undefined): HandlerSource | undefined {
  const base = path.basename(handler);
  const dot = base.indexOf('.');
  if (dot < 0) return undefined;
  const exportName = base.slice(dot + 1).split('.')[0] ?? '';
  const modulePath = handler.slice(0, handler.length - base.length) + base.slice(0, dot);
  if (entryPoints?.length) {
    // esbuild writes each entry at its path relative to the entries' common directory, minus the extension.
    const entries = entryPoints.map((e) => path.resolve(codeDir, e));
    const common = commonDir(entries);
    const entry = entries.find((e) => {
      const rel = path.relative(common, e);
      return rel.slice(0, rel.length - path.extname(rel).length).split(path.sep).join('/') === modulePath;
    });
    return entry && isFile(entry) ? { file: entry, exportName } : undefined;
  }
  const file = findNodeModuleFile(codeDir, handler);
  if (file) return { file, exportName };
  // A TypeScript source beside where the runtime would look (built elsewhere).
  for (const ext of ['.ts', '.mts', '.cts']) {
    const ts = path.resolve(codeDir, modulePath + ext);
    if (isFile(ts)) return { file: ts, exportName };
  }
  return undefined;
}

function pythonSource(handler: string, codeDir: string): HandlerSource | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot < 0) return undefined;
  const parts = handler.slice(0, dot).replace(/\//g, '.').split('.');
  const file = path.join(codeDir, ...parts) + '.py';
  const init = path.join(codeDir, ...parts, '__init__.py');
  const found = isFile(file) ? file : isFile(init) ? init : undefined;
  return found ? { file: found, exportName: handler.slice(dot + 1) } : undefined;
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

function commonDir(files: readonly string[]): string {
  let dir = path.dirname(files[0] as string);
  while (!files.every((f) => f.startsWith(dir + path.sep)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
