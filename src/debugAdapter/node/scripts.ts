// The scripts the inspector reported (`Debugger.scriptParsed`), by id and by file, and the translation
// of inspector locations into the DAP sources the user sees (through source maps when there are some).
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ScriptParsedEvent } from './cdpTypes';
import type { SourceMapIndex } from './sourceMaps';

/** One parsed script. */
export interface ScriptInfo {
  readonly scriptId: string;
  readonly url: string;
  /** File path for scripts loaded from disk. */
  readonly path: string | undefined;
  /** Node internals and our runtime bootstrap: shown dimmed, skipped when stepping. */
  readonly internal: boolean;
}

/** A location as DAP reports it: 1-based line and column. */
export interface DapLocation {
  readonly source: DebugProtocol.Source;
  readonly line: number;
  readonly column: number;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A regex matching the inspector URL of `file` (CommonJS and ES modules both report file:// URLs). */
export function urlRegexFor(file: string): string {
  return `^(?:${escapeRegex(pathToFileURL(file).href)}|${escapeRegex(file)})$`;
}

function pathOfUrl(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(url) ? url : undefined;
}

/** Known scripts and their source references (for sources without a file, like node:internal). */
export class Scripts {
  private readonly byId = new Map<string, ScriptInfo>();
  private readonly byFile = new Map<string, ScriptInfo[]>();
  private readonly references = new Map<string, number>();
  private readonly referenced = new Map<number, string>();

  constructor(readonly maps: SourceMapIndex, private readonly runtimeDir: string) {}

  /** Records a parsed script; loads its source map if it names one. */
  add(e: ScriptParsedEvent): ScriptInfo {
    const file = pathOfUrl(e.url);
    const internal = e.url.startsWith('node:') || (file !== undefined && file.startsWith(this.runtimeDir + path.sep));
    const info: ScriptInfo = { scriptId: e.scriptId, url: e.url, path: file, internal };
    this.byId.set(e.scriptId, info);
    if (file) {
      const list = this.byFile.get(file) ?? [];
      list.push(info);
      this.byFile.set(file, list);
      if (e.sourceMapURL && !internal) this.maps.loadFile(file, e.sourceMapURL);
    }
    return info;
  }

  get(scriptId: string): ScriptInfo | undefined {
    return this.byId.get(scriptId);
  }

  /** Scripts loaded from `file`. */
  byPath(file: string): readonly ScriptInfo[] {
    return this.byFile.get(file) ?? [];
  }

  /** The scriptId behind a DAP sourceReference. */
  scriptForReference(reference: number): string | undefined {
    return this.referenced.get(reference);
  }

  /** The DAP source and position of an inspector location (0-based line and column). */
  toDap(scriptId: string, line0: number, column0: number): DapLocation | undefined {
    const script = this.byId.get(scriptId);
    if (!script) return undefined;
    if (script.path) {
      const original = script.internal ? undefined : this.maps.originalFor(script.path, line0 + 1, column0);
      if (original) return { source: this.sourceOfPath(original.path, false), line: original.line, column: original.column + 1 };
      return { source: this.sourceOfPath(script.path, script.internal), line: line0 + 1, column: column0 + 1 };
    }
    return { source: this.referenceSource(script), line: line0 + 1, column: column0 + 1 };
  }

  /** A DAP source for a file; internal ones are dimmed. */
  sourceOfPath(file: string, internal: boolean): DebugProtocol.Source {
    return internal
      ? { name: path.basename(file), path: file, presentationHint: 'deemphasize', origin: 'Lambda runtime' }
      : { name: path.basename(file), path: file };
  }

  private referenceSource(script: ScriptInfo): DebugProtocol.Source {
    let ref = this.references.get(script.scriptId);
    if (ref === undefined) {
      ref = this.references.size + 1;
      this.references.set(script.scriptId, ref);
      this.referenced.set(ref, script.scriptId);
    }
    return { name: script.url || `<eval ${script.scriptId}>`, sourceReference: ref, presentationHint: 'deemphasize', ...(script.url.startsWith('node:') ? { origin: 'Node.js internals' } : {}) };
  }
}
