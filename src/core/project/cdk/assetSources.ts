// Where a CDK function's handler came from in the app: CDK runs functions from copies in cdk.out, but
// the user edits (and sets breakpoints in) the app's own files. A NodejsFunction bundle names its entry
// in its source map or in esbuild's `// path` comments; a Code.fromAsset folder is a copy of an app folder
// holding the same handler file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { handlerSource, type HandlerSource } from '../handlerSource';
import { isFile } from '../pathKind';

// Folders never searched for the original of an asset file.
const SKIP = new Set(['node_modules', 'cdk.out', '.git', '.lambda-workbench', '__pycache__', '.venv', 'venv', '.aws-sam']);
const MAX_ENTRIES = 20_000;

/** The app file the handler in `codeDir` (an asset folder) was made from, with the export to look for. */
export function assetHandlerSource(appDir: string, codeDir: string, runtime: string, handler: string): HandlerSource | undefined {
  const built = handlerSource(codeDir, runtime, handler);
  if (!built || !built.exportName) return undefined;
  const bundled = bundleEntry(appDir, built.file, built.exportName);
  if (bundled) return { file: bundled, exportName: built.exportName };
  const copy = originalOf(appDir, codeDir, built.file);
  return copy ? { file: copy, exportName: built.exportName } : undefined;
}

/** A bundle's entry: of the app sources (not node_modules) its source map or esbuild's path comments name, the one exporting the handler. */
function bundleEntry(appDir: string, bundle: string, exportName: string): string | undefined {
  const named = readMapSources(bundle) ?? commentSources(bundle, appDir);
  const sources = [...new Set(named)].filter((f) => !f.split(path.sep).includes('node_modules') && f.startsWith(appDir + path.sep) && isFile(f));
  if (sources.length === 0) return undefined;
  // A CommonJS bundle names its entry first (the export prologue), an ES module bundle last.
  const ordered = [sources[0]!, sources[sources.length - 1]!, ...sources];
  return ordered.find((f) => exportsName(f, exportName)) ?? sources[sources.length - 1];
}

function exportsName(file: string, name: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const n = name.replace(/[$]/g, '\\$');
  return new RegExp(`export\\s+(?:default\\s+)?(?:async\\s+)?(?:function\\s*\\*?|const|let|var|class)\\s*${n}\\b|export\\s*\\{[^}]*\\b${n}\\b|exports\\.${n}\\s*=`).test(text);
}

function readMapSources(bundle: string): string[] | undefined {
  try {
    const map = JSON.parse(fs.readFileSync(`${bundle}.map`, 'utf8')) as { sources?: unknown; sourceRoot?: unknown };
    if (!Array.isArray(map.sources)) return undefined;
    const root = path.resolve(path.dirname(bundle), typeof map.sourceRoot === 'string' ? map.sourceRoot : '');
    return map.sources.filter((s): s is string => typeof s === 'string').map((s) => path.resolve(root, s.replace(/^file:\/\//, '')));
  } catch {
    return undefined;
  }
}

// esbuild (unminified, as CDK bundles by default) starts each module with `// <path relative to its working directory>`.
function commentSources(bundle: string, appDir: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(bundle, 'utf8');
  } catch {
    return [];
  }
  if (text.length > 20 * 1024 * 1024) return [];
  return [...text.matchAll(/^\/\/ ([^\s]+\.(?:[cm]?[jt]sx?))$/gm)].map((m) => path.resolve(appDir, m[1]!));
}

/** The app file with the same relative path tail and the same bytes as `file` (inside the asset `codeDir`). */
function originalOf(appDir: string, codeDir: string, file: string): string | undefined {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const rel = path.relative(codeDir, file);
  const name = path.basename(file);
  let seen = 0;
  const queue = [appDir];
  while (queue.length > 0 && seen < MAX_ENTRIES) {
    const dir = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      seen++;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) queue.push(p);
      } else if (e.name === name && p.endsWith(path.sep + rel) && sameBytes(p, content)) {
        return p;
      }
    }
  }
  return undefined;
}

function sameBytes(file: string, content: Buffer): boolean {
  try {
    const st = fs.statSync(file);
    return st.size === content.length && fs.readFileSync(file).equals(content);
  } catch {
    return false;
  }
}
