// Paths inside code directories that are never part of a function's code: VCS data, tool caches,
// SAM build output and the emulator's own state. Shared by hashing, sizing and watching.
import * as path from 'path';

/** Directory names skipped wherever they appear. */
export const IGNORED_DIR_NAMES: readonly string[] = ['.git', '.lambda-workbench', '.aws-sam'];

/** Whether a path (absolute or relative) lies in an ignored directory, including `node_modules/.cache`. */
export function isIgnoredPath(p: string): boolean {
  const parts = p.split(/[\\/]+/);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (IGNORED_DIR_NAMES.includes(part)) return true;
    if (part === '.cache' && parts[i - 1] === 'node_modules') return true;
  }
  return false;
}

/** Whether a directory entry name, seen inside `parentDir`, should be skipped. */
export function isIgnoredEntry(parentDir: string, name: string): boolean {
  return IGNORED_DIR_NAMES.includes(name) || (name === '.cache' && path.basename(parentDir) === 'node_modules');
}
