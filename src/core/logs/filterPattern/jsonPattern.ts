// JSON filter patterns: `{ $.a.b[0] = "x*" && ($.n > 3 || $.e IS TRUE) }`, IS NULL, EXISTS / NOT EXISTS,
// `[*]` and `.*` selectors, wildcards and `%regex%` values. They match only messages that are JSON objects.
import { compareValue, literalOf, plainLiteral, type CompareOp, type PatternScanner, type PatternValue } from './patternValues';

type Step = { readonly key: string } | { readonly index: number } | { readonly any: true };

type Node =
  | { readonly op: '&&' | '||'; readonly left: Node; readonly right: Node }
  | { readonly test: 'compare'; readonly path: readonly Step[]; readonly cmp: CompareOp; readonly value: PatternValue }
  | { readonly test: 'is'; readonly path: readonly Step[]; readonly is: true | false | null }
  | { readonly test: 'exists'; readonly path: readonly Step[]; readonly exists: boolean };

/** A compiled JSON pattern: evaluates a parsed message and lists literals every match contains. */
export interface JsonPattern {
  evaluate(value: unknown): boolean;
  /** Literals of which at least one appears in every matching message (empty: no prefilter). */
  readonly literals: readonly string[];
}

const keyChar = /[^\s.[\]=!<>&|()"%]/;

function parsePath(s: PatternScanner): Step[] {
  s.skipSpace();
  if (s.text[s.pos] !== '$') throw s.error(`expected a property selector starting with $ at position ${s.pos + 1}`);
  s.pos++;
  const steps: Step[] = [];
  for (;;) {
    const ch = s.text[s.pos];
    if (ch === '.') {
      s.pos++;
      if (s.text[s.pos] === '*') {
        s.pos++;
        steps.push({ any: true });
        continue;
      }
      const start = s.pos;
      while (s.pos < s.end && keyChar.test(s.text[s.pos] as string)) s.pos++;
      if (s.pos === start) throw s.error(`expected a property name at position ${start + 1}`);
      steps.push({ key: s.text.slice(start, s.pos) });
    } else if (ch === '[') {
      const close = s.text.indexOf(']', s.pos);
      if (close < 0) throw s.error('unterminated [ in property selector');
      const inner = s.text.slice(s.pos + 1, close).trim();
      if (inner === '*') steps.push({ any: true });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else throw s.error(`array index must be a number or *, got '${inner}'`);
      s.pos = close + 1;
    } else break;
  }
  if (steps.length === 0) throw s.error('a property selector needs at least one property after $');
  return steps;
}

function parseTest(s: PatternScanner): Node {
  const path = parsePath(s);
  if (s.eatKeyword('IS')) {
    if (s.eatKeyword('TRUE')) return { test: 'is', path, is: true };
    if (s.eatKeyword('FALSE')) return { test: 'is', path, is: false };
    if (s.eatKeyword('NULL')) return { test: 'is', path, is: null };
    throw s.error(`expected TRUE, FALSE or NULL after IS at position ${s.pos + 1}`);
  }
  if (s.eatKeyword('NOT')) {
    if (!s.eatKeyword('EXISTS')) throw s.error(`expected EXISTS after NOT at position ${s.pos + 1}`);
    return { test: 'exists', path, exists: false };
  }
  if (s.eatKeyword('EXISTS')) return { test: 'exists', path, exists: true };
  const cmp = s.operator();
  const value = s.value('&|()}');
  return { test: 'compare', path, cmp, value };
}

function parseUnary(s: PatternScanner): Node {
  if (s.eat('(')) {
    const inner = parseOr(s);
    s.expect(')');
    return inner;
  }
  return parseTest(s);
}

function parseAnd(s: PatternScanner): Node {
  let left = parseUnary(s);
  while (s.eat('&&')) left = { op: '&&', left, right: parseUnary(s) };
  return left;
}

function parseOr(s: PatternScanner): Node {
  let left = parseAnd(s);
  while (s.eat('||')) left = { op: '||', left, right: parseAnd(s) };
  return left;
}

/** Every value the selector reaches (several with `*`). */
function resolve(root: unknown, path: readonly Step[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- a value parsed from JSON; its shape is checked where it is used
      if ('any' in step) next.push(...(Array.isArray(v) ? v : Object.values(v)));
      else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, step.key)) next.push((v as Record<string, unknown>)[step.key]);
    }
    current = next;
  }
  return current;
}

function evaluate(node: Node, root: unknown): boolean {
  if ('op' in node) return node.op === '&&' ? evaluate(node.left, root) && evaluate(node.right, root) : evaluate(node.left, root) || evaluate(node.right, root);
  const values = resolve(root, node.path);
  if (node.test === 'exists') return values.length > 0 === node.exists;
  if (node.test === 'is') return values.some((v) => v === node.is);
  return values.some((v) => compareValue(v, node.cmp, node.value));
}

/** Alternatives of literals: an `||` needs one from each side, an `&&` the best side's. */
function literals(node: Node): string[] {
  if ('op' in node) {
    const l = literals(node.left);
    const r = literals(node.right);
    if (node.op === '||') return l.length && r.length ? [...l, ...r] : [];
    if (!l.length) return r;
    if (!r.length) return l;
    return l.length <= r.length ? l : r;
  }
  if (node.test === 'exists' && !node.exists) return [];
  if (node.test === 'compare' && node.cmp === '=') {
    const lit = literalOf(node.value);
    if (lit) return [lit];
  }
  const last = [...node.path].reverse().find((p): p is { key: string } => 'key' in p);
  const key = last ? plainLiteral(`"${last.key}"`.slice(1, -1)) : undefined;
  return key ? [key] : [];
}

/** Parses the body of `{ ... }` (the scanner stands after the opening brace, `end` at the closing one). */
export function parseJsonPattern(s: PatternScanner): JsonPattern {
  if (s.atEnd()) throw s.error('empty JSON pattern');
  const root = parseOr(s);
  if (!s.atEnd()) throw s.error(`unexpected '${s.text.slice(s.pos, s.end).trim()}' in JSON pattern`);
  return { evaluate: (v) => evaluate(root, v), literals: literals(root) };
}
