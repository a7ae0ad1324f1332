// Local environment-variable overrides: a `.env` file (applies to every function) and a SAM-style
// `--env-vars` JSON file (`{"LogicalId": {...}, "Parameters": {...}}`), both with source positions.
import type { Problem, SourceRange } from './functionSpec';
import { parseTemplate } from './templateDocument';

/** One variable from an env file, with where it was written. */
export interface EnvFileEntry {
  readonly key: string;
  readonly value: string;
  readonly range: SourceRange;
}

/** Overrides read from one file, applied on top of the template's variables. */
export interface EnvOverrides {
  readonly file: string;
  /** Variables for every function. */
  readonly all: readonly EnvFileEntry[];
  /** Variables by function logical id or function name. */
  readonly byFunction: Readonly<Record<string, { readonly range: SourceRange; readonly entries: readonly EnvFileEntry[] }>>;
  /** SAM semantics for `--env-vars`: only variables the template declares are overridden. */
  readonly declaredOnly: boolean;
}

/** Overrides plus what was wrong with the file. */
export interface ParsedEnvFile {
  readonly overrides: EnvOverrides;
  readonly problems: readonly Problem[];
}

const line = (n: number, from: number, to: number): SourceRange => ({ start: { line: n, character: from }, end: { line: n, character: to } });

/** Parses `.env` text: `KEY=VALUE`, optional `export `, single/double quotes, `#` comments. */
export function parseDotEnv(text: string, file: string): ParsedEnvFile {
  const lines = text.split(/\r?\n/);
  const entries: EnvFileEntry[] = [];
  const problems: Problem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) {
      if (raw.trim() !== '' && !raw.trim().startsWith('#')) {
        problems.push({ severity: 'warning', code: 'dotenv-syntax', message: 'Expected KEY=VALUE', file, range: line(i, 0, raw.length) });
      }
      continue;
    }
    const key = m[2]!;
    const range = line(i, m[1]!.length, m[1]!.length + key.length);
    let rest = m[3]!;
    const quote = rest[0];
    let value: string;
    if (quote === '"' || quote === "'") {
      // A quoted value may continue over several lines until its closing quote.
      let body = rest.slice(1);
      let close = findClose(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i]!}`;
        close = findClose(body, quote);
      }
      if (close < 0) problems.push({ severity: 'warning', code: 'dotenv-syntax', message: `Unterminated ${quote} quote`, file, range });
      rest = close < 0 ? body : body.slice(0, close);
      value = quote === '"' ? rest.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c) : rest;
    } else {
      value = rest.replace(/\s+#.*$/, '').trim();
    }
    entries.push({ key, value, range });
  }
  return { overrides: { file, all: entries, byFunction: {}, declaredOnly: false }, problems };
}

/** Parses a SAM `--env-vars` JSON file; `Parameters` applies to all functions. */
export function parseEnvVarsJson(text: string, file: string): ParsedEnvFile {
  const doc = parseTemplate(text, file);
  const problems: Problem[] = [...doc.problems];
  const all: EnvFileEntry[] = [];
  const byFunction: Record<string, { range: SourceRange; entries: EnvFileEntry[] }> = {};
  const root = doc.value;
  const where = (path: (string | number)[], part: 'key' | 'value' = 'value'): SourceRange => doc.rangeOf(path, part) ?? doc.fullRange;
  if (root !== null && (typeof root !== 'object' || Array.isArray(root))) {
    problems.push({ severity: 'error', code: 'env-vars-invalid', message: 'The env-vars file must be a JSON object: {"LogicalId": {"VAR": "value"}, "Parameters": {...}}', file, range: doc.fullRange });
  }
  for (const [id, vars] of Object.entries(root && typeof root === 'object' ? (root as Record<string, unknown>) : {})) {
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) {
      problems.push({ severity: 'error', code: 'env-vars-invalid', message: `"${id}" must map variable names to values`, file, range: where([id]) });
      continue;
    }
    const entries: EnvFileEntry[] = [];
    for (const [key, v] of Object.entries(vars as Record<string, unknown>)) {
      if (v !== null && typeof v === 'object') {
        problems.push({ severity: 'error', code: 'env-vars-invalid', message: `Value of ${key} must be a string`, file, range: where([id, key]) });
        continue;
      }
      entries.push({ key, value: v === null ? '' : String(v), range: where([id, key], 'key') });
    }
    if (id === 'Parameters') all.push(...entries);
    else byFunction[id] = { range: where([id], 'key'), entries };
  }
  return { overrides: { file, all, byFunction, declaredOnly: true }, problems };
}

function findClose(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (quote === '"' && body[i] === '\\') i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}
