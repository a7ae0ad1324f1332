// CloudWatch Logs filter patterns (fidelity 13): terms, "quoted phrases", `?` alternatives, `-` exclusions,
// `%regex%`, JSON patterns `{...}` and space-delimited patterns `[...]`. Used by the API, live tail and the panel.
import { parseDelimitedPattern } from './delimitedPattern';
import { parseJsonPattern } from './jsonPattern';
import { compileRegex, PatternScanner, patternError, plainLiteral } from './patternValues';

/** A compiled filter pattern. */
export interface LogFilter {
  readonly source: string;
  matches(message: string): boolean;
  /**
   * Literals of which at least one occurs in every matching message, as written (not JSON-escaped);
   * empty when no such set is known. Lets scans skip lines without parsing them.
   */
  readonly literals: readonly string[];
}

/** CloudWatch's limit on `filterPattern`. */
export const MAX_FILTER_PATTERN_LENGTH = 1024;

interface Term {
  readonly text: string;
  readonly regex?: RegExp;
}

interface TermGroup {
  readonly include: Term[];
  readonly exclude: Term[];
}

const has = (message: string, t: Term): boolean => (t.regex ? t.regex.test(message) : message.includes(t.text));

function parseTerms(pattern: string): LogFilter {
  const s = new PatternScanner(pattern);
  const groups: TermGroup[] = [];
  let current: TermGroup | undefined;
  let sawOptional = false;
  while (!s.atEnd()) {
    let prefix = '';
    const ch = s.text[s.pos];
    if (ch === '?' || ch === '-') {
      prefix = ch;
      s.pos++;
    }
    let term: Term;
    const next = s.text[s.pos];
    if (next === '"') term = { text: s.quoted() };
    else if (next === '%') {
      const close = s.text.indexOf('%', s.pos + 1);
      if (close < 0) throw s.error('unterminated regular expression (missing closing %)');
      const body = s.text.slice(s.pos + 1, close);
      term = { text: body, regex: compileRegex(body, pattern) };
      s.pos = close + 1;
    } else {
      const start = s.pos;
      while (s.pos < s.end && !/\s/.test(s.text[s.pos] as string)) s.pos++;
      if (s.pos === start) throw s.error(`a term is missing after '${prefix}' at position ${start}`);
      term = { text: s.text.slice(start, s.pos) };
    }
    // `?` opens a new alternative; plain and `-` terms join the alternative being written.
    if (prefix === '?' || !current) {
      if (prefix === '?') sawOptional = true;
      current = { include: [], exclude: [] };
      groups.push(current);
    }
    if (prefix === '-') current.exclude.push(term);
    else current.include.push(term);
  }
  // A lone quoted blank (`" "`) is CloudWatch's way to match every event.
  if (groups.length === 1 && !sawOptional && groups[0]?.exclude.length === 0 && groups[0].include.length === 1 && groups[0].include[0]?.text.trim() === '' && !groups[0].include[0].regex) {
    return { source: pattern, matches: () => true, literals: [] };
  }
  const literals: string[] = [];
  let certain = true;
  for (const g of groups) {
    const best = g.include
      .filter((t) => !t.regex)
      .map((t) => plainLiteral(t.text))
      .filter((t): t is string => t !== undefined)
      .sort((a, b) => b.length - a.length)[0];
    if (best) literals.push(best);
    else certain = false;
  }
  return {
    source: pattern,
    literals: certain ? literals : [],
    matches: (message) => groups.some((g) => g.include.every((t) => has(message, t)) && !g.exclude.some((t) => has(message, t))),
  };
}

/** Compiles a filter pattern; throws InvalidParameterException (with the reason) when it is malformed. */
export function compileFilterPattern(pattern: string | undefined): LogFilter {
  const source = pattern ?? '';
  if (source.length > MAX_FILTER_PATTERN_LENGTH) {
    throw patternError(source.slice(0, 40) + '...', `it is longer than ${MAX_FILTER_PATTERN_LENGTH} characters`);
  }
  const trimmed = source.trim();
  if (trimmed === '') return { source, matches: () => true, literals: [] };
  const first = source.indexOf(trimmed[0] as string);
  const last = first + trimmed.length - 1;
  if (trimmed.startsWith('{')) {
    if (!trimmed.endsWith('}')) throw patternError(source, 'a JSON pattern must end with }');
    const json = parseJsonPattern(scannerAt(source, first + 1, last));
    return {
      source,
      literals: json.literals,
      matches(message) {
        const start = message.search(/\S/);
        if (start < 0 || message[start] !== '{') return false;
        let parsed: unknown;
        try {
          parsed = JSON.parse(message);
        } catch {
          return false;
        }
        return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && json.evaluate(parsed);
      },
    };
  }
  if (trimmed.startsWith('[')) {
    if (!trimmed.endsWith(']')) throw patternError(source, 'a space-delimited pattern must end with ]');
    const delimited = parseDelimitedPattern(scannerAt(source, first + 1, last));
    return { source, literals: delimited.literals, matches: (m) => delimited.matches(m) };
  }
  return parseTerms(source);
}

function scannerAt(text: string, start: number, end: number): PatternScanner {
  const s = new PatternScanner(text, end);
  s.pos = start;
  return s;
}
