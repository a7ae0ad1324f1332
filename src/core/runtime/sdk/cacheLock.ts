// A lock directory shared by every engine on the machine, so two of them never install into the same
// cache folder at once; a lock left by a dead process is taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` while holding `<target>.lock`; waits (polling) while another live process holds it. */
export async function withCacheLock<T>(target: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = `${target}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    signal?.throwIfAborted();
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // the owner is between mkdir and writing its pid
      }
      if (Number.isInteger(owner) && !alive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      // Another engine is installing (seconds to a minute): check again shortly.
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
