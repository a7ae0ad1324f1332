// CodeSha256 of a function: SHA-256 (base64) over the sorted relative paths and contents of its code
// and layer directories. File digests are cached by (path, size, mtimeMs), so re-hashing an unchanged
// tree only stats files.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isIgnoredEntry } from './ignoredPaths';

interface CachedDigest {
  readonly size: number;
  readonly mtimeMs: number;
  readonly digest: string;
}

interface FileEntry {
  readonly rel: string;
  readonly abs: string;
  readonly stat: fs.Stats;
}

/** One file covered by a code hash: where it is, what it was when hashed, and its hex SHA-256. */
export interface ManifestFile {
  /** Index of the directory in the hashed list (0 = code, then layers). */
  readonly dirIndex: number;
  readonly rel: string;
  readonly abs: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly executable: boolean;
  readonly digest: string;
}

export interface CodeManifest {
  /** CodeSha256, base64. */
  readonly sha256: string;
  readonly files: readonly ManifestFile[];
}

/** Hashes directory trees, remembering file digests between calls. */
export class CodeHasher {
  private readonly cache = new Map<string, CachedDigest>();
  /** Files whose contents were read, since creation (for tests and diagnostics). */
  filesRead = 0;

  /** Base64 SHA-256 of the directories, in the given order (code first, then layers). */
  async hash(dirs: readonly string[]): Promise<string> {
    return (await this.manifest(dirs)).sha256;
  }

  /** The hash plus every file it covers with its digest (what a content-addressed snapshot copies). */
  async manifest(dirs: readonly string[]): Promise<CodeManifest> {
    const outer = createHash('sha256');
    const out: ManifestFile[] = [];
    for (const [i, dir] of dirs.entries()) {
      const files = await listFiles(dir);
      files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
      const digests = await mapLimited(files, 16, (f) => this.digest(f));
      files.forEach((f, j) => {
        // The execute bit matters: a custom runtime's bootstrap must be executable.
        const executable = (f.stat.mode & 0o111) !== 0;
        outer.update(`${i}\0${f.rel}\0${executable ? 'x' : '-'}\0${digests[j]!}\n`);
        out.push({ dirIndex: i, rel: f.rel, abs: f.abs, size: f.stat.size, mtimeMs: f.stat.mtimeMs, executable, digest: digests[j]! });
      });
    }
    return { sha256: outer.digest('base64'), files: out };
  }

  private async digest(f: FileEntry): Promise<string> {
    const hit = this.cache.get(f.abs);
    if (hit && hit.size === f.stat.size && hit.mtimeMs === f.stat.mtimeMs) return hit.digest;
    this.filesRead++;
    const h = createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      fs.createReadStream(f.abs)
        .on('data', (chunk) => h.update(chunk))
        .on('error', reject)
        .on('end', resolve);
    });
    const digest = h.digest('hex');
    this.cache.set(f.abs, { size: f.stat.size, mtimeMs: f.stat.mtimeMs, digest });
    return digest;
  }
}

const shared = new CodeHasher();

/** CodeSha256 (base64) of code plus layer directories; unchanged files are not re-read. */
export function codeSha256(dirs: readonly string[]): Promise<string> {
  return shared.hash(dirs);
}

/** The CodeSha256 and per-file digests of code plus layer directories, from the same cache. */
export function codeManifest(dirs: readonly string[]): Promise<CodeManifest> {
  return shared.manifest(dirs);
}

// Regular files under `root`, with '/'-separated paths. Symlinks are followed; a symlinked directory is
// entered once per real path, so links back to an ancestor cannot loop forever.
async function listFiles(root: string): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  const seen = new Set<string>([await fs.promises.realpath(root).catch(() => root)]);
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => [] as fs.Dirent[]);
    await Promise.all(entries.map(async (e) => {
      if (isIgnoredEntry(dir, e.name)) return;
      const abs = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) return walk(abs, r);
      if (!e.isFile() && !e.isSymbolicLink()) return;
      const stat = await fs.promises.stat(abs).catch(() => undefined);
      if (stat?.isFile()) out.push({ rel: r, abs, stat });
      else if (stat?.isDirectory()) {
        const real = await fs.promises.realpath(abs).catch(() => abs);
        if (seen.has(real)) return;
        seen.add(real);
        await walk(abs, r);
      }
    }));
  };
  await walk(root, '');
  return out;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
