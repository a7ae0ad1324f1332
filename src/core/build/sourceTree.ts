// The source files of a build: what is copied into the build directory and what the cache hash covers
// (installed dependencies, virtualenvs, caches and our own state are neither).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IGNORED_DIR_NAMES } from '../project/ignoredPaths';

/** Directory names never copied from a source folder nor hashed. */
const SKIPPED = new Set([...IGNORED_DIR_NAMES, 'node_modules', '__pycache__', '.venv', 'venv', '.pytest_cache', '.mypy_cache']);

/** Whether a source entry is left out; `extra` adds names (e.g. cargo's `target`). */
function skipped(name: string, extra: ReadonlySet<string>): boolean {
  return SKIPPED.has(name) || extra.has(name);
}

/** Copies the source folder into `dest` (created), leaving out installed dependencies and caches. */
export async function copySource(sourceDir: string, dest: string, extra: ReadonlySet<string> = new Set()): Promise<void> {
  await copyInto(path.resolve(sourceDir), path.resolve(dest), path.resolve(dest), extra);
}

// Entry by entry, because fs.cp refuses (EINVAL) a source that contains the destination, which is the case
// when CodeUri is the project folder and a custom state directory lies inside it; such a folder is walked.
async function copyInto(from: string, to: string, dest: string, extra: ReadonlySet<string>): Promise<void> {
  await fs.promises.mkdir(to, { recursive: true });
  for (const e of await fs.promises.readdir(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    if (skipped(e.name, extra) || src === dest) continue;
    if (e.isDirectory() && dest.startsWith(src + path.sep)) {
      await copyInto(src, path.join(to, e.name), dest, extra);
      continue;
    }
    // Keep symlinks as links (a workspace may link shared code).
    await fs.promises.cp(src, path.join(to, e.name), { recursive: true, verbatimSymlinks: true, filter: (s) => s === src || !skipped(path.basename(s), extra) });
  }
}

/** SHA-256 (hex) of every source file's relative path, mode and content, plus `salt` (the build's settings). */
export async function sourceHash(sourceDir: string, salt: string, extra: ReadonlySet<string> = new Set()): Promise<string> {
  const hash = createHash('sha256').update(salt).update('\0');
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (skipped(e.name, extra)) continue;
      const abs = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        await walk(abs, r);
      } else if (e.isFile()) {
        const st = await fs.promises.stat(abs);
        hash.update(`${r}\0${st.mode & 0o111 ? 'x' : '-'}\0`).update(await fs.promises.readFile(abs)).update('\0');
      } else if (e.isSymbolicLink()) {
        hash.update(`${r}\0->${await fs.promises.readlink(abs)}\0`);
      }
    }
  };
  await walk(path.resolve(sourceDir), '');
  return hash.digest('hex');
}
