// Static, text-only guesses at what a module exports, so a missing handler export can be flagged
// before anything runs. 'unknown' when the module builds its exports in ways a scan cannot follow.

/** Whether a module defines the name: yes, no, or cannot tell. */
export type ExportVerdict = 'found' | 'missing' | 'unknown';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Looks for `name` among the exports of a CommonJS or ES module (JavaScript or TypeScript source). */
export function scanJsExport(code: string, name: string): ExportVerdict {
  const source = stripJsComments(code);
  const n = esc(name);
  const direct = [
    new RegExp(`(?:^|[^.\\w$])(?:module\\.)?exports\\s*(?:\\.\\s*${n}|\\[\\s*['"\`]${n}['"\`]\\s*\\])\\s*=[^=]`, 'm'),
    new RegExp(`^\\s*export\\s+(?:declare\\s+)?(?:const|let|var|class|(?:async\\s+)?function\\s*\\*?)\\s*${n}\\b`, 'm'),
    new RegExp(`Object\\.defineProperty\\(\\s*(?:module\\.)?exports\\s*,\\s*['"]${n}['"]`),
  ];
  if (direct.some((r) => r.test(source))) return 'found';
  if (name === 'default' && /^\s*export\s+default\b/m.test(source)) return 'found';
  // `export { a, b as name }` and `export { name } from './x'`
  for (const m of source.matchAll(/^\s*export\s*(?:type\s*)?\{([^}]*)\}/gm)) {
    if (listNames(m[1]!).includes(name)) return 'found';
  }
  // `module.exports = { name, other: fn }` and esbuild's `__export(target, { name: () => name })`
  for (const m of source.matchAll(/(?:module\.exports\s*=\s*|__export\(\s*[\w$]+\s*,\s*)\{/g)) {
    const body = balanced(source, m.index + m[0].length - 1);
    if (body !== undefined && objectHasKey(body, name)) return 'found';
  }
  const opaque = [
    /^\s*export\s*\*\s*(?:as\s+[\w$]+\s*)?from/m,
    /module\.exports\s*=(?!\s*\{)/,
    /module\.exports\s*=\s*\{[^}]*\.\.\./,
    /Object\.assign\(\s*(?:module\.)?exports/,
    /(?:module\.)?exports\s*\[\s*[^'"`\s]/,
    /__exportStar|__reExport|__toCommonJS/,
  ];
  return opaque.some((r) => r.test(source)) ? 'unknown' : 'missing';
}

/** Looks for a top-level `def name`, `async def name`, `name =`, `class name` or import of `name`. */
export function scanPythonExport(source: string, name: string): ExportVerdict {
  const n = esc(name);
  const defined = [
    new RegExp(`^(?:async\\s+)?def\\s+${n}\\s*\\(`, 'm'),
    new RegExp(`^class\\s+${n}\\b`, 'm'),
    new RegExp(`^${n}\\s*(?::[^=\\n]*)?=(?!=)`, 'm'),
    new RegExp(`^(?:[\\w.]+\\s*,\\s*)*${n}\\s*(?:,\\s*[\\w.]+\\s*)*=(?!=)`, 'm'),
    new RegExp(`^import\\s+(?:[\\w.]+\\s+as\\s+)?${n}\\b`, 'm'),
  ];
  if (defined.some((r) => r.test(source))) return 'found';
  for (const m of source.matchAll(/^from\s+[\w.]+\s+import\s+(\([^)]*\)|[^\n]*)/gm)) {
    const names = m[1]!.replace(/[()\\]/g, ' ').split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!.trim());
    if (names.includes(name)) return 'found';
  }
  return /^from\s+[\w.]+\s+import\s+\*|^\s*globals\(\)/m.test(source) ? 'unknown' : 'missing';
}

// Drops comments (keeping line breaks) so commented-out exports do not count.
function stripJsComments(s: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      out += c;
      if (c === '\\' && i + 1 < s.length) out += s[++i];
      else if (c === quote) quote = undefined;
    } else if (c === '/' && s[i + 1] === '/') {
      const end = s.indexOf('\n', i);
      i = (end < 0 ? s.length : end) - 1;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      const stop = end < 0 ? s.length : end + 2;
      out += s.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else {
      if (c === '"' || c === "'" || c === '`') quote = c;
      out += c;
    }
  }
  return out;
}

function listNames(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim().replace(/^type\s+/, ''))
    .filter(Boolean)
    .map((s) => (s.split(/\s+as\s+/).pop() ?? s).trim().replace(/^['"]|['"]$/g, ''));
}

// Text between the brace at `open` and its match, skipping strings; undefined when unbalanced.
function balanced(s: string, open: number): string | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      if (--depth === 0) return s.slice(open + 1, i);
    }
  }
  return undefined;
}

// Keys at the top level of an object literal body: `name`, `name: v`, `name() {}`, `async name() {}`, `'name': v`.
function objectHasKey(body: string, name: string): boolean {
  let depth = 0;
  let start = 0;
  const entries: string[] = [];
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === undefined || (c === ',' && depth === 0)) {
      entries.push(body.slice(start, i));
      start = i + 1;
    } else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
  }
  const n = esc(name);
  const key = new RegExp(`^\\s*(?:async\\s+|get\\s+)?(?:\\*\\s*)?(?:${n}|['"]${n}['"])\\s*(?:$|[:(])`);
  return entries.some((e) => key.test(e));
}
