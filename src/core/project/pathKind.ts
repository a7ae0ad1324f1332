// What a path is, answered without throwing: the template checks and code locators ask it often.
import * as fs from 'node:fs';

/** Whether `p` exists and is a regular file (false for anything unreadable). */
export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Whether `p` exists and is a directory (false for anything unreadable). */
export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
