// Source maps of the function's code (esbuild bundles, tsc output), read up front so breakpoints in
// `.ts` sources can be set on the generated file before it loads (Node's inspector gives no hook to
// stop a CommonJS module before it runs). Positions: lines 1-based, columns 0-based.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachMapping, generatedPositionFor, originalPositionFor, LEAST_UPPER_BOUND, TraceMap } from '@jridgewell/trace-mapping';

/** A position in a file: line 1-based, column 0-based. */
export interface FilePosition {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

const MAX_SCANNED_FILES = 5000;
const MAX_INLINE_SCAN_BYTES = 20 * 1024 * 1024;
const mapComment = /\/\/[#@] sourceMappingURL=(\S+)\s*$/;

/** Reads the map a generated file points at (a sibling file or an inline data URL); undefined if none. */
function loadMapFor(generatedPath: string, mapUrl?: string): TraceMap | undefined {
  try {
    let url = mapUrl;
    if (url === undefined) {
      const size = fs.statSync(generatedPath).size;
      if (size > MAX_INLINE_SCAN_BYTES) return undefined;
      const text = fs.readFileSync(generatedPath, 'utf8');
      url = mapComment.exec(text.slice(-Math.min(text.length, 4 * 1024 * 1024)))?.[1];
      if (!url) return undefined;
    }
    if (url.startsWith('data:')) {
      const comma = url.indexOf(',');
      const meta = url.slice(5, comma);
      const body = url.slice(comma + 1);
      const json = meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
      return new TraceMap(json, generatedPath);
    }
    const mapPath = url.startsWith('file:') ? fileURLToPath(url) : path.resolve(path.dirname(generatedPath), url);
    return new TraceMap(fs.readFileSync(mapPath, 'utf8'), mapPath);
  } catch {
    return undefined;
  }
}

/** Generated files and the original sources their maps name, both ways. */
export class SourceMapIndex {
  private readonly maps = new Map<string, TraceMap>();
  private readonly byOriginal = new Map<string, Set<string>>();
  private readonly checked = new Set<string>();

  /** Indexes every JavaScript file with a map under `dirs` (node_modules and dot folders skipped). */
  static scan(dirs: readonly string[]): SourceMapIndex {
    const index = new SourceMapIndex();
    let budget = MAX_SCANNED_FILES;
    const walk = (dir: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (budget <= 0) return;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(full);
        } else if (/\.[cm]?js$/.test(e.name)) {
          budget--;
          index.loadFile(full);
        }
      }
    };
    for (const dir of dirs) walk(dir);
    return index;
  }

  /** Loads the map of a generated file once (`mapUrl` from the inspector, else the file's own comment). */
  loadFile(generatedPath: string, mapUrl?: string): boolean {
    if (this.maps.has(generatedPath)) return true;
    if (this.checked.has(generatedPath) && mapUrl === undefined) return false;
    this.checked.add(generatedPath);
    const map = loadMapFor(generatedPath, mapUrl);
    if (!map) return false;
    this.maps.set(generatedPath, map);
    for (const source of map.resolvedSources) {
      if (!source) continue;
      const original = path.normalize(source);
      let set = this.byOriginal.get(original);
      if (!set) this.byOriginal.set(original, (set = new Set()));
      set.add(generatedPath);
    }
    return true;
  }

  /** Whether `file` is an original source named by some map. */
  isOriginal(file: string): boolean {
    return this.byOriginal.has(path.normalize(file));
  }

  hasMap(generatedPath: string): boolean {
    return this.maps.has(generatedPath);
  }

  /** Original sources of one generated file. */
  sourcesOf(generatedPath: string): string[] {
    return (this.maps.get(generatedPath)?.resolvedSources ?? []).filter((s): s is string => !!s).map((s) => path.normalize(s));
  }

  /**
   * Where an original line runs in generated code: one position per generated file, the first mapping on
   * that line at or after `column` (indented lines start after column 0). Empty when no code came from it.
   */
  generatedFor(original: string, line: number, column = 0): FilePosition[] {
    const file = path.normalize(original);
    const out: FilePosition[] = [];
    for (const generated of this.byOriginal.get(file) ?? []) {
      const map = this.maps.get(generated);
      if (!map) continue;
      const source = map.resolvedSources.find((s) => s && path.normalize(s) === file);
      if (!source) continue;
      const pos = generatedPositionFor(map, { source, line, column, bias: LEAST_UPPER_BOUND });
      if (pos.line !== null) out.push({ path: generated, line: pos.line, column: pos.column });
    }
    return out;
  }

  /** The original position of a generated one, if the file has a map and the position maps. */
  originalFor(generatedPath: string, line: number, column: number): FilePosition | undefined {
    const map = this.maps.get(generatedPath);
    if (!map) return undefined;
    const pos = originalPositionFor(map, { line, column });
    if (pos.source === null) {
      // Positions between mappings (e.g. a line's indentation): take the next mapping on the line.
      const next = originalPositionFor(map, { line, column, bias: LEAST_UPPER_BOUND });
      if (next.source === null) return undefined;
      return { path: path.normalize(next.source), line: next.line, column: next.column };
    }
    return { path: path.normalize(pos.source), line: pos.line, column: pos.column };
  }

  /** The first generated position that runs user code (not node_modules): where module init starts. */
  firstUserPosition(generatedPath: string): FilePosition | undefined {
    const map = this.maps.get(generatedPath);
    if (!map) return undefined;
    let found: FilePosition | undefined;
    eachMapping(map, (m) => {
      if (found || m.source === null || /[\\/]node_modules[\\/]/.test(m.source)) return;
      found = { path: generatedPath, line: m.generatedLine, column: m.generatedColumn };
    });
    return found;
  }
}
