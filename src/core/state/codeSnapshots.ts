// Content-addressed code snapshots: every distinct file is stored once under objects/<sha256>, and a
// snapshot is a tree of hard links to objects named after its CodeSha256. Unchanged content is never
// copied twice, and a snapshot appears only once complete (built aside, then renamed into place).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeHasher, codeManifest, type CodeManifest, type ManifestFile } from '../project';
import { fsyncDirectory } from './atomicFile';
import { declaredSize, extractZip, readZipEntries } from '../project/zipReader';

/** A stored snapshot: its key (hex CodeSha256), CodeSha256 (base64) and code size in bytes. */
export interface Snapshot {
  readonly key: string;
  readonly codeSha256: string;
  readonly codeSize: number;
}

/** A source file changed between hashing and copying: the snapshot would not match its hash. */
export class CodeChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while it was being copied`);
    this.name = 'CodeChangedError';
  }
}

/** The unzipped package is larger than Lambda allows. */
export class UnzippedTooLargeError extends Error {}

export const UNZIPPED_LIMIT = 262_144_000;

/** The snapshot store under `<root>/objects` and `<root>/snapshots`. */
export class CodeSnapshots {
  readonly objectsDir: string;
  readonly snapshotsDir: string;

  constructor(readonly root: string) {
    this.objectsDir = path.join(root, 'objects');
    this.snapshotsDir = path.join(root, 'snapshots');
    fs.mkdirSync(this.objectsDir, { recursive: true, mode: 0o700 });
    fs.mkdirSync(this.snapshotsDir, { recursive: true, mode: 0o700 });
  }

  /** Directory of a snapshot; `code/` holds the function, `layer-<i>/` its layers. */
  dir(key: string): string {
    return path.join(this.snapshotsDir, key);
  }

  codeDir(key: string): string {
    return path.join(this.dir(key), 'code');
  }

  layerDir(key: string, index: number): string {
    return path.join(this.dir(key), `layer-${index}`);
  }

  has(key: string): boolean {
    return fs.existsSync(this.dir(key));
  }

  /** Snapshots a code directory and its layers (hashing through the shared, cached hasher). */
  async snapshotDirs(dirs: readonly string[]): Promise<Snapshot> {
    return this.build(await codeManifest(dirs), dirs.length, false);
  }

  /** Unpacks a deployment package (zip bytes) into a snapshot. */
  async importZip(zip: Buffer): Promise<Snapshot> {
    const entries = readZipEntries(zip);
    if (declaredSize(entries) > UNZIPPED_LIMIT) throw new UnzippedTooLargeError(`Unzipped size must be smaller than ${UNZIPPED_LIMIT} bytes`);
    const tmp = fs.mkdtempSync(path.join(this.root, '.import-'));
    try {
      extractZip(zip, tmp);
      return await this.build(await new CodeHasher().manifest([tmp]), 1, true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** Snapshots a directory outside the workspace (an S3-style local folder). */
  async importDirectory(dir: string): Promise<Snapshot> {
    return this.build(await new CodeHasher().manifest([dir]), 1, false);
  }

  /** Removes snapshots not in `live`, interrupted builds, and objects no snapshot links to. */
  collectGarbage(live: ReadonlySet<string>): void {
    for (const name of fs.readdirSync(this.snapshotsDir)) {
      if (!live.has(name)) fs.rmSync(path.join(this.snapshotsDir, name), { recursive: true, force: true });
    }
    for (const name of fs.readdirSync(this.root)) {
      if (name.startsWith('.import-')) fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
    }
    for (const name of fs.readdirSync(this.objectsDir)) {
      const file = path.join(this.objectsDir, name);
      try {
        if (name.startsWith('.tmp-') || fs.statSync(file).nlink <= 1) fs.rmSync(file, { force: true });
      } catch {
        // gone already
      }
    }
  }

  private async build(manifest: CodeManifest, dirCount: number, move: boolean): Promise<Snapshot> {
    const key = Buffer.from(manifest.sha256, 'base64').toString('hex');
    const codeSize = manifest.files.reduce((sum, f) => sum + (f.dirIndex === 0 ? f.size : 0), 0);
    const result = { key, codeSha256: manifest.sha256, codeSize };
    if (this.has(key)) return result;
    const tmp = path.join(this.snapshotsDir, `.tmp-${randomBytes(8).toString('hex')}`);
    const sub = (i: number): string => (i === 0 ? 'code' : `layer-${i - 1}`);
    try {
      const parents = new Set<string>();
      for (let i = 0; i < dirCount; i++) parents.add(path.join(tmp, sub(i)));
      for (const f of manifest.files) parents.add(path.dirname(path.join(tmp, sub(f.dirIndex), f.rel)));
      for (const p of parents) fs.mkdirSync(p, { recursive: true });
      await forEachLimited(manifest.files, 8, async (f) => {
        const object = await this.store(f, move);
        const target = path.join(tmp, sub(f.dirIndex), f.rel);
        try {
          await fs.promises.link(object, target);
        } catch {
          await fs.promises.copyFile(object, target);
        }
      });
      try {
        fs.renameSync(tmp, this.dir(key));
      } catch (e) {
        // Built concurrently by someone else: theirs is identical.
        if (!this.has(key)) throw e;
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      fsyncDirectory(this.snapshotsDir);
      return result;
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  /** Puts one file's content into objects/ (once per digest and execute bit); returns the object path. */
  private async store(f: ManifestFile, move: boolean): Promise<string> {
    const object = path.join(this.objectsDir, f.digest + (f.executable ? '.x' : ''));
    if (fs.existsSync(object)) return object;
    const tmp = path.join(this.objectsDir, `.tmp-${randomBytes(8).toString('hex')}`);
    const moveIt = move && !(await fs.promises.lstat(f.abs)).isSymbolicLink();
    if (moveIt) await fs.promises.rename(f.abs, tmp);
    else {
      await fs.promises.copyFile(f.abs, tmp, fs.constants.COPYFILE_FICLONE);
      const after = await fs.promises.stat(f.abs);
      if (after.size !== f.size || after.mtimeMs !== f.mtimeMs) {
        await fs.promises.rm(tmp, { force: true });
        throw new CodeChangedError(f.abs);
      }
    }
    await fs.promises.chmod(tmp, f.executable ? 0o555 : 0o444);
    await fs.promises.rename(tmp, object);
    return object;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
