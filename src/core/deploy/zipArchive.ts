// Deterministic .zip archives of a code folder (what Lambda and CloudFormation take): entries sorted, one
// fixed timestamp and Unix modes kept (an executable `bootstrap` stays executable), so the same files give
// the same bytes and the same S3 key.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { isIgnoredEntry } from '../project/ignoredPaths';

interface Entry {
  readonly name: string;
  readonly data: Buffer;
  readonly mode: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// 1980-01-01 00:00 in DOS date/time: the same for every entry, so archives are reproducible.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function walk(root: string, rel = ''): Entry[] {
  const dir = path.join(root, rel);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !isIgnoredEntry(dir, e.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const name = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(root, name);
      const stat = fs.statSync(full);
      if (stat.isDirectory()) return walk(root, name);
      return stat.isFile() ? [{ name, data: fs.readFileSync(full), mode: stat.mode & 0o777 }] : [];
    });
}

/** The zip of a folder's files (ignored folders such as .git and .lambda-workbench left out). */
export function zipDirectory(dir: string): Buffer {
  return zipEntries(walk(dir));
}

/** The zip of one file, stored under its base name (a single-file CodeUri). */
export function zipFile(file: string): Buffer {
  return zipEntries([{ name: path.basename(file), data: fs.readFileSync(file), mode: fs.statSync(file).mode & 0o777 }]);
}

function zipEntries(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const stored = packed.length >= e.data.length;
    const body = stored ? e.data : packed;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes are modes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
