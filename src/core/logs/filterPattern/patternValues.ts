// Pieces shared by the three filter pattern forms: a small scanner, literal values (quoted strings,
// numbers, `*` wildcards, `%regex%`) and how a value compares with a field of a log event.
import { logsError, type ApiError } from '../../errors';

/** A comparison operator of JSON and space-delimited patterns. */
export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A literal on the right of a comparison. */
export type PatternValue =
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'string'; readonly value: string; readonly glob: RegExp | undefined }
  | { readonly kind: 'regex'; readonly regex: RegExp; readonly source: string };

export const patternError = (pattern: string, reason: string): ApiError =>
  logsError('InvalidParameterException', `Invalid filter pattern '${pattern}': ${reason}`);

const numberText = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// The regex subset CloudWatch accepts: no groups, ASCII only (FilterAndPatternSyntax).
const allowedRegexChar = /^[A-Za-z0-9_#=@/;,:\-^$?[\]{}|\\*+. \t'"<>!&~`%]$/;

/** Compiles a `%...%` body after checking it uses only what CloudWatch supports. */
export function compileRegex(body: string, pattern: string): RegExp {
  for (const ch of body) {
    if (ch === '(' || ch === ')') throw patternError(pattern, 'parentheses are not supported in regular expressions');
    if (ch.codePointAt(0)! > 0x7e) throw patternError(pattern, 'multi-byte characters are not supported in regular expressions');
    if (!allowedRegexChar.test(ch)) throw patternError(pattern, `the character '${ch}' is not supported in regular expressions`);
  }
  if (body === '') throw patternError(pattern, 'empty regular expression');
  try {
    return new RegExp(body);
  } catch (e) {
    throw patternError(pattern, `bad regular expression: ${(e as Error).message}`);
  }
}

/** `*` matches any run of characters; the rest is literal and the whole value must match. */
function globOf(text: string): RegExp | undefined {
  if (!text.includes('*')) return undefined;
  const body = text.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 's');
}

export function stringValue(text: string): PatternValue {
  return { kind: 'string', value: text, glob: globOf(text) };
}

/** Interprets an unquoted literal: a number when it reads as one, otherwise a (wildcard) string. */
export function bareValue(text: string): PatternValue {
  if (numberText.test(text)) return { kind: 'number', value: Number(text), text };
  return stringValue(text);
}

/** Compares a JSON value or a delimited field with a literal; `undefined` means "absent". */
export function compareValue(actual: unknown, op: CompareOp, v: PatternValue): boolean {
  if (actual === undefined) return false;
  if (v.kind === 'regex') {
    if (op !== '=' && op !== '!=') return false;
    if (typeof actual !== 'string' && typeof actual !== 'number') return false;
    return v.regex.test(String(actual)) === (op === '=');
  }
  if (v.kind === 'number') {
    const n = typeof actual === 'number' ? actual : typeof actual === 'string' && numberText.test(actual.trim()) ? Number(actual) : NaN;
    if (Number.isNaN(n)) return op === '!=' && (typeof actual === 'string' || typeof actual === 'number') ? actual !== v.text : false;
    switch (op) {
      case '=':
        return n === v.value;
      case '!=':
        return n !== v.value;
      case '<':
        return n < v.value;
      case '>':
        return n > v.value;
      case '<=':
        return n <= v.value;
      case '>=':
        return n >= v.value;
    }
  }
  if (op !== '=' && op !== '!=') return false;
  if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean') return false;
  const s = String(actual);
  const equal = v.glob ? v.glob.test(s) : s === v.value;
  return equal === (op === '=');
}

/** Character scanner over a pattern, with the pattern kept for error messages. */
export class PatternScanner {
  pos = 0;
  constructor(readonly text: string, readonly end = text.length) {}

  skipSpace(): void {
    while (this.pos < this.end && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.end;
  }

  peek(s: string): boolean {
    this.skipSpace();
    return this.text.startsWith(s, this.pos) && this.pos + s.length <= this.end;
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string, what = `'${s}'`): void {
    if (!this.eat(s)) throw this.error(`expected ${what} at position ${this.pos + 1}`);
  }

  /** Case-insensitive keyword followed by a non-word character. */
  eatKeyword(word: string): boolean {
    this.skipSpace();
    const slice = this.text.slice(this.pos, this.pos + word.length);
    const after = this.text[this.pos + word.length];
    if (slice.toUpperCase() !== word || (after !== undefined && /\w/.test(after) && this.pos + word.length < this.end)) return false;
    this.pos += word.length;
    return true;
  }

  error(reason: string): ApiError {
    return patternError(this.text, reason);
  }

  /** `"..."` with backslash escapes; the scanner is on the opening quote. */
  quoted(): string {
    this.pos++;
    let out = '';
    while (this.pos < this.end) {
      const ch = this.text[this.pos++] as string;
      if (ch === '"') return out;
      if (ch === '\\' && this.pos < this.end) out += this.text[this.pos++];
      else out += ch;
    }
    throw this.error('unterminated quoted string');
  }

  /** `%...%`; the scanner is on the opening percent sign. */
  regex(): PatternValue {
    const close = this.text.indexOf('%', this.pos + 1);
    if (close < 0 || close >= this.end) throw this.error('unterminated regular expression (missing closing %)');
    const source = this.text.slice(this.pos + 1, close);
    this.pos = close + 1;
    return { kind: 'regex', regex: compileRegex(source, this.text), source };
  }

  /** A literal value: quoted string, regex, or a bare token ended by whitespace or one of `stops`. */
  value(stops: string): PatternValue {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '"') return stringValue(this.quoted());
    if (ch === '%') return this.regex();
    const start = this.pos;
    while (this.pos < this.end && !/\s/.test(this.text[this.pos] as string) && !stops.includes(this.text[this.pos] as string)) this.pos++;
    if (this.pos === start) throw this.error(`expected a value at position ${start + 1}`);
    return bareValue(this.text.slice(start, this.pos));
  }

  operator(): CompareOp {
    for (const op of ['!=', '<=', '>=', '=', '<', '>'] as const) if (this.eat(op)) return op;
    throw this.error(`expected a comparison operator (=, !=, <, >, <=, >=) at position ${this.pos + 1}`);
  }
}

/** A literal that is safe to look for in the stored (JSON-escaped) line: plain printable ASCII. */
export function plainLiteral(text: string): string | undefined {
  return text.length > 0 && /^[\x20-\x7e]+$/.test(text) && !/["\\]/.test(text) ? text : undefined;
}

/** The longest wildcard-free piece of a string value, for the prefilter. */
export function literalOf(v: PatternValue): string | undefined {
  // A number can be written many ways (200, 2e2, 200.0): no literal is certain to appear.
  if (v.kind !== 'string') return undefined;
  const pieces = v.value.split('*').sort((a, b) => b.length - a.length);
  return plainLiteral(pieces[0] ?? '');
}
