// Unzipped size of code and layer directories, for Lambda's 250 MB limit. Stats only (no reads)
// and stops as soon as the limit is passed, so a huge node_modules costs one walk at most.
import * as fs from 'fs';
import * as path from 'path';
import { isIgnoredEntry } from './ignoredPaths';

/** Lambda's limit on code plus layers, unzipped. */
export const UNZIPPED_LIMIT = 262_144_000;

/** Total size in bytes of the files under `dir`, or a value above `limit` as soon as it is exceeded. */
export function directorySize(dir: string, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const seen = new Set<string>([realpath(dir)]);
  const stack = [dir];
  while (stack.length > 0 && total <= limit) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (isIgnoredEntry(current, e.name)) continue;
      const p = path.join(current, e.name);
      if (e.isDirectory()) {
        stack.push(p);
        continue;
      }
      if (!e.isFile() && !e.isSymbolicLink()) continue;
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch {
        continue; // dangling link
      }
      if (st.isFile()) total += st.size;
      else if (st.isDirectory() && !seen.has(realpath(p))) {
        // A symlinked directory is entered once per real path, so links to an ancestor cannot loop.
        seen.add(realpath(p));
        stack.push(p);
      }
    }
  }
  return total;
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
