// A small, strict zip reader for deployment packages: central directory (zip64 too), stored and deflated
// entries, CRC checks, Unix modes and symlinks, and extraction that never writes outside its target.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** A malformed, unsupported or unsafe archive; the message says which entry and why. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipEntry {
  /** Normalized relative path ('/'-separated, no '.' or '..' segments); directories end without '/'. */
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'symlink';
  /** Unix permission bits (0o644 when the archive carries none). */
  readonly mode: number;
  readonly size: number;
  readonly compressedSize: number;
  readonly method: number;
  readonly crc32: number;
  readonly dataOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** Lists the entries of a zip archive held in memory. */
export function readZipEntries(buf: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === MAX16 || cdSize === MAX32 || cdOffset === MAX32) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw new ZipFormatError('zip64 end of central directory locator missing');
    const z64 = safeNumber(buf.readBigUInt64LE(locator + 8));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== SIG_ZIP64_EOCD) throw new ZipFormatError('zip64 end of central directory record missing');
    count = safeNumber(buf.readBigUInt64LE(z64 + 32));
    cdSize = safeNumber(buf.readBigUInt64LE(z64 + 40));
    cdOffset = safeNumber(buf.readBigUInt64LE(z64 + 48));
  }
  if (cdOffset + cdSize > buf.length) throw new ZipFormatError('central directory lies outside the archive');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipFormatError(`central directory entry ${i} is corrupt`);
    const madeBy = buf.readUInt16LE(p + 4);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    let localOffset = buf.readUInt32LE(p + 42);
    const rawName = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    const extra = buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    ({ size, compressedSize, localOffset } = applyZip64Extra(extra, size, compressedSize, localOffset));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw new ZipFormatError(`${rawName}: encrypted entries are not supported`);
    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    const isDir = rawName.endsWith('/') || rawName.endsWith('\\') || (unixMode & 0o170000) === 0o040000 || (external & 0x10) !== 0;
    const kind = isDir ? 'directory' : (unixMode & 0o170000) === 0o120000 ? 'symlink' : 'file';
    const name = normalizeName(rawName);
    if (name === '' && kind !== 'directory') throw new ZipFormatError(`an entry has an empty name`);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== SIG_LOCAL) throw new ZipFormatError(`${rawName}: local header missing`);
    const dataOffset = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > buf.length) throw new ZipFormatError(`${rawName}: data runs past the end of the archive`);
    const mode = unixMode & 0o777 || (isDir ? 0o755 : 0o644);
    entries.push({ name, kind, mode, size, compressedSize, method, crc32: crc, dataOffset });
  }
  return entries;
}

/** The uncompressed bytes of one entry, checked against its size and CRC-32. */
export function readEntryData(buf: Buffer, e: ZipEntry): Buffer {
  const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size + 1) });
    } catch (err) {
      throw new ZipFormatError(`${e.name}: cannot inflate (${(err as Error).message})`);
    }
  } else throw new ZipFormatError(`${e.name}: compression method ${e.method} is not supported (stored and deflate only)`);
  if (data.length !== e.size) throw new ZipFormatError(`${e.name}: size is ${data.length} bytes, the directory says ${e.size}`);
  if (zlib.crc32(data) >>> 0 !== e.crc32) throw new ZipFormatError(`${e.name}: CRC-32 mismatch`);
  return data;
}

/** Total uncompressed size the directory declares (checked before anything is inflated). */
export function declaredSize(entries: readonly ZipEntry[]): number {
  return entries.reduce((sum, e) => sum + (e.kind === 'directory' ? 0 : e.size), 0);
}

/** Extracts `buf` into the existing empty directory `dest`; rejects anything that would land outside it. */
export function extractZip(buf: Buffer, dest: string): ZipEntry[] {
  const entries = readZipEntries(buf);
  const root = fs.realpathSync(dest);
  const inside = (p: string): boolean => p === root || p.startsWith(root + path.sep);
  for (const e of entries) {
    const target = path.join(root, e.name);
    if (!inside(target)) throw new ZipFormatError(`${e.name}: escapes the target directory`);
    if (e.kind === 'directory') {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    const parent = path.dirname(target);
    fs.mkdirSync(parent, { recursive: true });
    // A symlink extracted earlier could redirect this write: check where the parent really is.
    const realParent = fs.realpathSync(parent);
    if (!inside(realParent)) throw new ZipFormatError(`${e.name}: escapes the target directory through a symbolic link`);
    const data = readEntryData(buf, e);
    fs.rmSync(target, { force: true });
    if (e.kind === 'symlink') {
      const link = data.toString('utf8');
      if (path.isAbsolute(link) || !inside(path.resolve(realParent, link))) throw new ZipFormatError(`${e.name}: symbolic link to ${link} points outside the package`);
      fs.symlinkSync(link, target);
    } else fs.writeFileSync(target, data, { mode: e.mode & 0o111 ? 0o755 : 0o644 });
  }
  return entries;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const last = buf.length - 22;
  if (last < 0) throw new ZipFormatError('not a zip archive (too short)');
  for (let i = last; i >= Math.max(0, last - MAX16); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  throw new ZipFormatError('not a zip archive (no end of central directory record)');
}

function applyZip64Extra(extra: Buffer, size: number, compressedSize: number, localOffset: number): { size: number; compressedSize: number; localOffset: number } {
  let q = 0;
  while (q + 4 <= extra.length) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = (): number => {
        if (r + 8 > q + 4 + len) throw new ZipFormatError('zip64 extra field is truncated');
        const v = safeNumber(extra.readBigUInt64LE(r));
        r += 8;
        return v;
      };
      if (size === MAX32) size = next();
      if (compressedSize === MAX32) compressedSize = next();
      if (localOffset === MAX32) localOffset = next();
    }
    q += 4 + len;
  }
  return { size, compressedSize, localOffset };
}

function normalizeName(raw: string): string {
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) throw new ZipFormatError(`${raw}: absolute paths are not allowed`);
  const parts = name.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new ZipFormatError(`${raw}: '..' segments are not allowed`);
  if (parts.some((s) => s.includes('\0'))) throw new ZipFormatError(`${raw}: NUL in a name`);
  return parts.join('/');
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('zip64 value too large');
  return Number(v);
}
