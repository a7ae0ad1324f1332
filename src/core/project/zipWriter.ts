// Writes a directory as a deployment-package zip (deflate, Unix modes kept so a `bootstrap` stays
// executable), in memory; the counterpart of zipReader. Symlinks are stored as the files they point to.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { isIgnoredEntry } from './ignoredPaths';

interface Written {
  readonly name: Buffer;
  readonly crc: number;
  readonly size: number;
  readonly compressedSize: number;
  readonly method: number;
  readonly mode: number;
  readonly offset: number;
}

// A fixed timestamp (1980-01-01, DOS time 0 date 33) keeps the archive's bytes a function of its contents.
const DOS_TIME = 0;
const DOS_DATE = 33;
const ZIP32_LIMIT = 0xffffffff;

/** The files under `dir` (relative '/'-separated names, sorted), skipping VCS data and tool caches. */
export function packageFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (isIgnoredEntry(abs, e.name)) continue;
      const p = path.join(abs, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch {
        continue; // dangling link
      }
      if (st.isDirectory()) walk(p, r);
      else if (st.isFile()) out.push(r);
    }
  };
  walk(dir, '');
  return out;
}

/** Zips every file under `dir` into one Buffer (throws past 4 GB: Lambda's limits are far below). */
export function zipDirectory(dir: string): Buffer {
  return zipEntries(dir, packageFiles(dir).map((rel) => ({ rel, abs: path.join(dir, rel) })));
}

/** The zip of one file, stored under its base name (a single-file CodeUri). */
export function zipFile(file: string): Buffer {
  return zipEntries(file, [{ rel: path.basename(file), abs: file }]);
}

function zipEntries(dir: string, files: readonly { readonly rel: string; readonly abs: string }[]): Buffer {
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const { rel, abs } of files) {
    const data = fs.readFileSync(abs);
    const deflated = zlib.deflateRawSync(data);
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const name = Buffer.from(rel, 'utf8');
    const entry: Written = { name, crc: zlib.crc32(data) >>> 0, size: data.length, compressedSize: body.length, method, mode: fs.statSync(abs).mode & 0o777, offset };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, body);
    written.push(entry);
    offset += 30 + name.length + body.length;
    if (offset > ZIP32_LIMIT) throw new Error(`${dir} is larger than 4 GB: too large for a deployment package.`);
  }
  if (written.length > 0xffff) throw new Error(`${dir} holds ${written.length} files: more than a zip without zip64 can list (65,535).`);
  const cdStart = offset;
  for (const e of written) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes carry the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.compressedSize, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(e.name.length, 28);
    central.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(e.offset, 42);
    parts.push(central, e.name);
    offset += 46 + e.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  parts.push(end);
  return Buffer.concat(parts);
}
