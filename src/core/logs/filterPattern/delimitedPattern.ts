// Space-delimited filter patterns: `[ip, user, ..., status = 4* || status = 5*, bytes > 1000]`.
// Event fields are split on spaces; "quoted" and [bracketed] runs are one field each.
import { compareValue, literalOf, type CompareOp, type PatternScanner, type PatternValue } from './patternValues';

interface Condition {
  readonly field: string;
  readonly op: CompareOp;
  readonly value: PatternValue;
}

/** One column: `...`, or a name with conditions (an OR of ANDs, as written). */
type Column = { readonly ellipsis: true } | { readonly name: string; readonly anyOf: readonly (readonly Condition[])[] };

/** A compiled space-delimited pattern. */
export interface DelimitedPattern {
  matches(message: string): boolean;
  readonly literals: readonly string[];
}

const nameChar = /[A-Za-z0-9_$@-]/;

function parseColumn(s: PatternScanner): Column {
  if (s.eat('...')) return { ellipsis: true };
  s.skipSpace();
  const start = s.pos;
  while (s.pos < s.end && nameChar.test(s.text[s.pos] as string)) s.pos++;
  const name = s.text.slice(start, s.pos);
  if (!name) throw s.error(`expected a field name or ... at position ${start + 1}`);
  if (s.peek(',') || s.atEnd()) return { name, anyOf: [] };
  const anyOf: Condition[][] = [];
  let group: Condition[] = [];
  let field = name;
  for (;;) {
    const op = s.operator();
    group.push({ field, op, value: s.value(',&|') });
    if (s.eat('&&')) {
      /* same group */
    } else if (s.eat('||')) {
      anyOf.push(group);
      group = [];
    } else break;
    s.skipSpace();
    const at = s.pos;
    while (s.pos < s.end && nameChar.test(s.text[s.pos] as string)) s.pos++;
    field = s.text.slice(at, s.pos);
    if (!field) throw s.error(`expected a field name at position ${at + 1}`);
  }
  anyOf.push(group);
  return { name, anyOf };
}

/** Splits an event into fields the way space-delimited patterns see it. */
export function splitFields(message: string): string[] {
  const text = message.replace(/[\r\n]+$/, '');
  const fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    const open = text[i];
    const close = open === '"' ? '"' : open === '[' ? ']' : undefined;
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end >= 0) {
        fields.push(text.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
    fields.push(text.slice(i, j));
    i = j;
  }
  return fields;
}

function assign(columns: readonly Column[], ci: number, fields: readonly string[], fi: number, out: Map<string, string>): boolean {
  if (ci === columns.length) return fi === fields.length;
  const col = columns[ci] as Column;
  if ('ellipsis' in col) {
    for (let k = fi; k <= fields.length; k++) if (assign(columns, ci + 1, fields, k, out)) return true;
    return false;
  }
  if (fi >= fields.length) return false;
  out.set(col.name, fields[fi] as string);
  return assign(columns, ci + 1, fields, fi + 1, out);
}

/** Parses the body of `[ ... ]` (the scanner stands after the opening bracket, `end` at the closing one). */
export function parseDelimitedPattern(s: PatternScanner): DelimitedPattern {
  const columns: Column[] = [];
  if (s.atEnd()) throw s.error('empty space-delimited pattern');
  do columns.push(parseColumn(s));
  while (s.eat(','));
  if (!s.atEnd()) throw s.error(`unexpected '${s.text.slice(s.pos, s.end).trim()}' in space-delimited pattern`);
  const names = new Set<string>();
  for (const c of columns) {
    if ('name' in c) {
      if (names.has(c.name)) throw s.error(`the field name '${c.name}' is used twice`);
      names.add(c.name);
    }
  }
  for (const c of columns) {
    if ('name' in c) for (const g of c.anyOf) for (const cond of g) if (!names.has(cond.field)) throw s.error(`unknown field '${cond.field}'`);
  }
  const conditions = columns.filter((c): c is Extract<Column, { name: string }> => 'name' in c && c.anyOf.length > 0);
  const literals: string[] = [];
  for (const c of conditions) {
    if (c.anyOf.length !== 1) continue;
    for (const cond of c.anyOf[0] ?? []) {
      const lit = cond.op === '=' ? literalOf(cond.value) : undefined;
      if (lit && literals.length === 0) literals.push(lit);
    }
  }
  return {
    literals,
    matches(message) {
      const values = new Map<string, string>();
      if (!assign(columns, 0, splitFields(message), 0, values)) return false;
      return conditions.every((c) => c.anyOf.some((group) => group.every((cond) => compareValue(values.get(cond.field), cond.op, cond.value))));
    },
  };
}
