// The engine's state directory holds logs, event payloads and (encrypted) environment variables: only
// the user may enter it. Created 0700; an existing one that others could read is tightened.
import * as fs from 'node:fs';

/** Creates `dir` (and parents) if needed and makes it accessible to its owner only; true if it was looser. */
export function securePrivateDir(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = fs.statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return false;
  fs.chmodSync(dir, mode & 0o700);
  return true;
}
