// Size of an environment's /tmp directory, to enforce EphemeralStorage without a size-limited mount.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Total bytes of regular files under `dir` (symlinks are not followed); stops early past `limit`. */
export async function directoryBytes(dir: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  const pending = [dir];
  while (pending.length && total <= limit) {
    const current = pending.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(current, e.name);
      if (e.isDirectory()) pending.push(p);
      else if (e.isFile()) {
        try {
          total += (await fs.promises.lstat(p)).size;
        } catch {
          // removed meanwhile
        }
      }
    }
  }
  return total;
}
