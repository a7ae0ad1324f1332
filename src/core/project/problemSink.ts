// Collects template problems, mapping template paths to the narrowest source range that exists
// (the offending value, else its key, else the nearest enclosing node) and dropping duplicates.
import type { Problem, ProblemSeverity, SourceRange } from './functionSpec';
import type { TemplateDocument, TemplatePath } from './templateDocument';

/** Where a problem points: a path in the template (its key with `part: 'key'`), or an explicit range in any file. */
export type ProblemLocation =
  | TemplatePath
  | { readonly path: TemplatePath; readonly part: 'key' }
  | { readonly file: string; readonly range: SourceRange };

/** Accumulates problems for one analysis. */
export class ProblemSink {
  private readonly items: Problem[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly doc: TemplateDocument) {
    for (const p of doc.problems) this.push(p);
  }

  /** All problems so far, in discovery order. */
  get problems(): readonly Problem[] {
    return this.items;
  }

  /** Records a problem at `at`; `resource` is the logical id concerned. */
  add(severity: ProblemSeverity, code: string, message: string, at: ProblemLocation, resource?: string): void {
    const { file, range } = isPath(at)
      ? { file: this.doc.file, range: this.rangeFor(at) }
      : 'path' in at
        ? { file: this.doc.file, range: this.doc.rangeOf(at.path, 'key') ?? this.rangeFor(at.path) }
        : at;
    this.push({ severity, code, message, file, range, ...(resource !== undefined ? { resource } : {}) });
  }

  /** Range for a path: the value if present, else the key, else the nearest ancestor's key or value. */
  rangeFor(path: TemplatePath): SourceRange {
    const own = this.doc.rangeOf(path) ?? this.doc.rangeOf(path, 'key');
    if (own) return own;
    for (let n = path.length - 1; n > 0; n--) {
      const prefix = path.slice(0, n);
      const r = this.doc.rangeOf(prefix, 'key') ?? this.doc.rangeOf(prefix);
      if (r) return r;
    }
    return this.doc.fullRange;
  }

  private push(p: Problem): void {
    const key = `${p.code}\u0000${p.message}\u0000${p.file}\u0000${JSON.stringify(p.range)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(p);
  }
}

function isPath(at: ProblemLocation): at is TemplatePath {
  return Array.isArray(at);
}
