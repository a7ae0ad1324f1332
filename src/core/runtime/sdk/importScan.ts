// Finds which runtime-provided SDK packages a function's code imports, by reading its sources once per
// change (size + mtime), so an environment start knows what to provide before the code runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NODE_SDK_SCOPES, PYTHON_SDK_MODULES } from './sdkVersions';

const SKIP_DIRS = new Set(['node_modules', '.git', '.aws-sam', '.lambda-workbench', '__pycache__', '.venv', 'venv', 'cdk.out', 'coverage']);
const MAX_FILES = 5000;
const MAX_BYTES = 4 * 1024 * 1024;
const NODE_EXT = /\.(c|m)?(j|t)sx?$/;
const NODE_SPEC = /(?:require\s*\(\s*|import\s*\(\s*|from\s+|import\s+)['"](@(?:aws-sdk|smithy|aws-lambda-powertools)\/[a-z0-9][a-z0-9._-]*|aws-sdk)(?:\/[^'"]*)?['"]/g;
const PY_IMPORT = new RegExp(`^\\s*(?:import|from)\\s+(${PYTHON_SDK_MODULES.join('|')})\\b`, 'gm');

const cache = new Map<string, { key: string; found: readonly string[] }>();

function scanFile(file: string, st: fs.Stats, python: boolean): readonly string[] {
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit.found;
  let text = '';
  try {
    text = st.size > MAX_BYTES ? '' : fs.readFileSync(file, 'utf8');
  } catch {
    // unreadable: nothing imported from here
  }
  const found = new Set<string>();
  for (const m of text.matchAll(python ? PY_IMPORT : NODE_SPEC)) {
    found.add(m[1]!);
  }
  const list = [...found];
  cache.set(file, { key, found: list });
  return list;
}

/** Runtime-SDK packages (`@aws-sdk/client-s3`, `boto3`, ...) imported by the sources under `dir`. */
export function scanSdkImports(dir: string, language: 'nodejs' | 'python'): string[] {
  const all = scanImports(dir, language);
  return language === 'python' ? all : all.filter((p) => NODE_SDK_SCOPES.test(p));
}

/** Every scanned import under `dir`: SDK packages, plus `@aws-lambda-powertools/*` and v2's `aws-sdk` for Node. */
export function scanImports(dir: string, language: 'nodejs' | 'python'): string[] {
  const python = language === 'python';
  const found = new Set<string>();
  let files = 0;
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (files >= MAX_FILES) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p);
      } else if (python ? e.name.endsWith('.py') : NODE_EXT.test(e.name) && !e.name.endsWith('.d.ts')) {
        files++;
        try {
          for (const f of scanFile(p, fs.statSync(p), python)) found.add(f);
        } catch {
          // vanished while scanning
        }
      }
    }
  };
  walk(dir);
  return [...found].sort();
}
