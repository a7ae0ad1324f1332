// Size of an environment's /tmp directory, to enforce EphemeralStorage without a size-limited mount:
// checked after invocations (at most once a second), an environment past the limit is reset.
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

/** The log line to write when `dir` holds more than `limitMb`, or undefined when it is within it. */
export async function ephemeralStorageNotice(dir: string, limitMb: number): Promise<string | undefined> {
  const limit = limitMb * 1024 * 1024;
  const bytes = await directoryBytes(dir, limit);
  if (bytes <= limit) return undefined;
  return `[Lambda Workbench] /tmp holds ${Math.ceil(bytes / 1048576)} MB, more than EphemeralStorage (${limitMb} MB). On Lambda, writes past the limit fail with ENOSPC. This environment is reset.\n`;
}
