// Maps positions in bundled JavaScript (call sites, stack frames) back to the original sources through
// the bundle's `.js.map` (esbuild writes one beside TypeScript builds); maps are cached by mtime.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { SourcePosition } from './stackFrames';

export type { SourcePosition } from './stackFrames';
/** Maps bundled positions to original ones (identity when there is no map). */

export class SourceMapper {
  private readonly maps = new Map<string, { mtimeMs: number; map: TraceMap | undefined }>();

  /** The original position of `pos`, or `pos` itself when the file has no source map. */
  map(pos: SourcePosition): SourcePosition {
    const file = pos.file.startsWith('file://') ? fileURLToPath(pos.file) : pos.file;
    const map = this.load(file);
    if (!map) return { ...pos, file };
    for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
      const o = originalPositionFor(map, { line: pos.line, column: Math.max(0, pos.column - 1), bias });
      if (o.source && o.line !== null) {
        const source = o.source.startsWith('file://') ? fileURLToPath(o.source) : path.resolve(path.dirname(file), o.source);
        return { file: source, line: o.line, column: (o.column ?? 0) + 1 };
      }
    }
    return { ...pos, file };
  }

  private load(file: string): TraceMap | undefined {
    const mapFile = `${file}.map`;
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(mapFile).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.maps.get(mapFile);
    if (cached && cached.mtimeMs === mtimeMs) return cached.map;
    let map: TraceMap | undefined;
    try {
      map = new TraceMap(fs.readFileSync(mapFile, 'utf8'), mapFile);
    } catch {
      map = undefined;
    }
    this.maps.set(mapFile, { mtimeMs, map });
    return map;
  }
}
