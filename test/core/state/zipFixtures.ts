// Builds real zip archives with Python's zipfile (an independent writer), for zip reader and
// CreateFunction tests: stored or deflated entries, Unix modes, symlinks, hostile names.
import { execFileSync } from 'node:child_process';

export interface ZipSpecEntry {
  readonly name: string;
  readonly content?: string;
  /** Unix mode bits, e.g. 0o755. */
  readonly mode?: number;
  /** Makes the entry a symbolic link to this target. */
  readonly symlink?: string;
}

const script = `
import io, json, sys, zipfile
spec = json.load(sys.stdin)
buf = io.BytesIO()
method = zipfile.ZIP_STORED if spec['method'] == 'stored' else zipfile.ZIP_DEFLATED
with zipfile.ZipFile(buf, 'w', method, allowZip64=spec.get('zip64', False)) as z:
    for e in spec['entries']:
        info = zipfile.ZipInfo(e['name'], date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = method
        if e.get('symlink') is not None:
            info.external_attr = (0o120777 << 16)
            info.create_system = 3
            z.writestr(info, e['symlink'])
            continue
        info.external_attr = ((0o100000 | e.get('mode', 0o644)) << 16)
        info.create_system = 3
        z.writestr(info, e.get('content', ''))
sys.stdout.buffer.write(buf.getvalue())
`;

/** A zip archive of `entries`. */
export function makeZip(entries: readonly ZipSpecEntry[], method: 'stored' | 'deflated' = 'deflated'): Buffer {
  return execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ entries, method }), maxBuffer: 512 * 1024 * 1024 });
}
