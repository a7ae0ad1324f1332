// Parses a SAM / CloudFormation template (YAML or JSON) into plain values with long-form intrinsics,
// remembering the source range of every key and value so problems can point at exact text.
import { plainYamlError } from './yamlErrorText';
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { indentFlowContinuations } from './flowIndent';
import type { Problem, SourceRange } from './functionSpec';

/** A location inside the template value: map keys and sequence indexes. */
export type TemplatePath = readonly (string | number)[];

/** A parsed template: its value and the source ranges of its nodes. */
export interface TemplateDocument {
  readonly file: string;
  /** Plain JSON-like value; `!Ref X` is `{ Ref: 'X' }`, `!Sub s` is `{ 'Fn::Sub': s }`. */
  readonly value: unknown;
  /** Syntax errors and warnings, never thrown. */
  readonly problems: readonly Problem[];
  /** Range of the value at `path`, or of its key with `part: 'key'`; undefined when absent. */
  rangeOf(path: TemplatePath, part?: 'value' | 'key'): SourceRange | undefined;
  /** The whole text. */
  readonly fullRange: SourceRange;
}

const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  ...Object.fromEntries(
    ['Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Equals', 'Not', 'And', 'Or', 'Base64', 'ImportValue', 'GetAZs', 'Cidr']
      .map((n) => [`!${n}`, `Fn::${n}`]),
  ),
};

// Each short form may tag a scalar, a sequence or a map; the node is kept as is and rewritten by toPlain.
const customTags = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: (n: unknown) => n as never },
  { tag, collection: 'map' as const, resolve: (n: unknown) => n as never },
]);

interface Spans {
  key?: readonly [number, number];
  value: readonly [number, number];
}

const keyOf = (path: TemplatePath): string => path.join('\u0000');

/** Parses template text; syntax errors become problems with their positions. */
export function parseTemplate(original: string, file: string): TemplateDocument {
  let text = original;
  let lines = new LineCounter();
  let doc = parseDocument(text, { customTags, lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  let reindented = false;
  if (doc.errors.some((e) => e.code === 'BAD_INDENT' && /^Flow (sequence|mapping) in block collection must be sufficiently indented/.test(e.message))) {
    const fixed = indentFlowContinuations(text);
    const lines2 = new LineCounter();
    const doc2 = parseDocument(fixed, { customTags, lineCounter: lines2, uniqueKeys: false, prettyErrors: false });
    if (fixed !== text && doc2.errors.length === 0) [text, lines, doc, reindented] = [fixed, lines2, doc2, true];
  }
  const toPos = (offset: number): { line: number; character: number } => {
    const p = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line - 1, character: p.col - 1 };
  };
  const toRange = ([s, e]: readonly [number, number]): SourceRange => ({ start: toPos(s), end: toPos(Math.max(s, e)) });
  const fullRange = toRange([0, text.length]);
  const problems: Problem[] = [];
  const errorLines = new Set<number>();
  for (const [list, severity] of [[doc.errors, 'error'], [doc.warnings, 'warning']] as const) {
    for (const e of list) {
      // One typo often yields several parser errors on one line: the first, in plain words, says it.
      const plain = plainYamlError(text, e);
      const range = toRange(plain.pos);
      const reported = toPos(e.pos[0]).line;
      if (severity === 'error' && (errorLines.has(range.start.line) || errorLines.has(reported))) continue;
      if (severity === 'error') errorLines.add(range.start.line).add(reported);
      problems.push({ severity, message: plain.message, file, range, code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning' });
    }
  }
  if (reindented) {
    const message = 'A flow collection ([...] or {...}) continues on lines indented no deeper than its key: SAM (PyYAML) reads it, so it is read here too, but other YAML tools refuse it; indent those lines under the key';
    problems.push({ severity: 'warning', message, file, range: fullRange, code: 'yaml-flow-indent' });
  }
  const spans = new Map<string, Spans>();
  let value: unknown = null;
  if (doc.errors.length === 0) {
    const converter = new Converter(doc, text, spans);
    value = converter.toPlain(doc.contents, []);
    for (const d of converter.duplicates) {
      const message = `Duplicate key ${d.key} (also on line ${toPos(d.first[0]).line + 1}): this later value wins, as SAM reads the template; remove one of them`;
      problems.push({ severity: 'warning', message, file, range: toRange(d.span), code: 'duplicate-key' });
    }
    if (converter.aliasBomb) {
      const message = `The template expands YAML aliases more than ${MAX_ALIAS_EXPANSIONS} times (an alias bomb?); it is not analyzed.`;
      problems.push({ severity: 'error', message, file, range: fullRange, code: 'yaml-aliases' });
    }
  }
  return {
    file,
    value,
    problems,
    fullRange,
    rangeOf(path, part = 'value') {
      const s = spans.get(keyOf(path));
      if (!s) return undefined;
      return toRange(part === 'key' && s.key ? s.key : s.value);
    },
  };
}


/** Alias resolutions per document: real templates use a few; "billion laughs" needs billions. */
const MAX_ALIAS_EXPANSIONS = 1000;

class Converter {
  private depth = 0;
  private aliases = 0;
  /** The alias budget ran out: the remaining aliases became null. */
  aliasBomb = false;
  /** Keys given twice in one map: the span of the earlier (overridden) key and of the later one. */
  readonly duplicates: { key: string; first: readonly [number, number]; span: readonly [number, number] }[] = [];
  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly spans: Map<string, Spans>,
  ) {}

  toPlain(node: unknown, path: TemplatePath, keySpan?: readonly [number, number]): unknown {
    if (isAlias(node)) {
      // Aliases may nest (a depth guard) and fan out ("billion laughs", a count guard): both stay finite.
      if (++this.aliases > MAX_ALIAS_EXPANSIONS) {
        this.aliasBomb = true;
        return null;
      }
      if (++this.depth > 1000) return null;
      const target = node.resolve(this.doc);
      const result = this.toPlain(target, path, keySpan);
      this.depth--;
      if (node.range) this.record(path, [node.range[0], node.range[1]], keySpan);
      return result;
    }
    if (!node || typeof node !== 'object') return null;
    const n = node as Node;
    const long = n.tag !== undefined ? SHORT_FORMS[n.tag] : undefined;
    // Children of `!If [...]` live under `.../Fn::If/0`, exactly as in the long form.
    const inner = long === undefined ? path : [...path, long];
    let plain: unknown;
    if (isMap(n)) {
      const obj: Record<string, unknown> = {};
      const keySpans = new Map<string, readonly [number, number]>();
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const kr = isScalar(pair.key) && pair.key.range ? ([pair.key.range[0], pair.key.range[1]] as const) : undefined;
        const earlier = keySpans.get(key);
        if (earlier && kr) this.duplicates.push({ key, first: earlier, span: kr });
        if (kr) keySpans.set(key, kr);
        // The later value wins, so its spans must not keep children of the earlier one.
        if (earlier) this.forget([...inner, key]);
        obj[key] = this.toPlain(pair.value, [...inner, key], kr);
        if (pair.value === null && kr) this.record([...inner, key], [kr[1], kr[1]], kr);
      }
      plain = obj;
    } else if (isSeq(n)) {
      plain = n.items.map((item, i) => this.toPlain(item, [...inner, i]));
    } else if (isScalar(n)) {
      plain = n.value;
    } else {
      plain = null;
    }
    const range = n.range ? this.withTag(n, [n.range[0], n.range[1]]) : undefined;
    if (range) this.record(path, range, keySpan);
    if (long === undefined) return plain;
    if (range) this.record([...path, long], range);
    if (long === 'Fn::GetAtt' && typeof plain === 'string') {
      const dot = plain.indexOf('.');
      plain = dot < 0 ? [plain] : [plain.slice(0, dot), plain.slice(dot + 1)];
    }
    return { [long]: plain };
  }

  /** Extends a tagged node's range back over its `!Tag`, so problems underline the whole intrinsic. */
  private withTag(n: Node, range: readonly [number, number]): readonly [number, number] {
    if (!n.tag || !n.tag.startsWith('!')) return range;
    const at = this.text.lastIndexOf(n.tag, range[0]);
    if (at < 0 || this.text.slice(at + n.tag.length, range[0]).trim() !== '') return range;
    return [at, Math.max(range[1], at + n.tag.length)];
  }

  private forget(path: TemplatePath): void {
    const prefix = keyOf(path);
    for (const k of [...this.spans.keys()]) if (k === prefix || k.startsWith(prefix + '\u0000')) this.spans.delete(k);
  }

  private record(path: TemplatePath, value: readonly [number, number], key?: readonly [number, number]): void {
    const k = keyOf(path);
    const existing = this.spans.get(k);
    this.spans.set(k, { value, key: key ?? existing?.key });
  }
}
