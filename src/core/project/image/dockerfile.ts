// A Dockerfile reader for what a Lambda image needs: instructions with their line numbers, line
// continuations, comments, exec (JSON) and shell forms, flags such as --from=, and ARG/ENV substitution.

/** One instruction, with the 1-based line it starts on. */
export interface DockerInstruction {
  readonly line: number;
  /** Upper case: FROM, COPY, RUN ... */
  readonly keyword: string;
  /** Flags before the arguments (`--from=build` -> from: build). */
  readonly flags: Readonly<Record<string, string>>;
  /** Arguments: the JSON array of the exec form, else the shell form split on whitespace. */
  readonly args: readonly string[];
  /** The argument text as written (shell form), flags removed. */
  readonly text: string;
  /** True for the exec (JSON array) form. */
  readonly exec: boolean;
}

/** Splits Dockerfile text into instructions; heredocs are returned as-is (the mapper refuses them). */
export function parseDockerfile(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  const lines = text.split(/\r?\n/);
  let buffer = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const trimmed = raw.trim();
    if (buffer === '' && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (buffer !== '' && trimmed.startsWith('#')) continue; // comments inside a continued instruction
    if (buffer === '') start = i + 1;
    if (/\\\s*$/.test(raw)) {
      buffer += raw.replace(/\\\s*$/, ' ');
      continue;
    }
    buffer += raw;
    out.push(instruction(buffer.trim(), start));
    buffer = '';
  }
  if (buffer.trim() !== '') out.push(instruction(buffer.trim(), start));
  return out;
}

function instruction(source: string, line: number): DockerInstruction {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(source);
  const keyword = (m?.[1] ?? '').toUpperCase();
  let rest = m?.[2] ?? '';
  const flags: Record<string, string> = {};
  for (;;) {
    const f = /^--([A-Za-z-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!f) break;
    flags[f[1]!] = f[2] ?? 'true';
    rest = rest.slice(f[0].length);
  }
  const text = rest.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return { line, keyword, flags, args: parsed, text, exec: true };
    } catch {
      // Not valid JSON: Docker then treats it as the shell form.
    }
  }
  return { line, keyword, flags, args: text === '' ? [] : splitWords(text), text, exec: false };
}

/** Splits on whitespace as a shell would, honouring quotes anywhere in a word (`A="b c"`) and backslashes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i]!;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Replaces `$VAR` and `${VAR}` (and `${VAR:-default}`) from `vars`; unknown names are kept as written. */
export function substitute(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced?: string, fallback?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    if (name in vars) return vars[name]!;
    return fallback !== undefined ? fallback : whole;
  });
}

/** `KEY=VALUE ...` pairs (ENV, ARG), or the legacy `ENV KEY VALUE` form. */
export function keyValues(ins: DockerInstruction): [string, string | undefined][] {
  if (ins.keyword === 'ENV' && ins.args.length >= 2 && !ins.args[0]!.includes('=')) {
    return [[ins.args[0]!, ins.text.slice(ins.text.indexOf(ins.args[0]!) + ins.args[0]!.length).trim().replace(/^"(.*)"$/, '$1')]];
  }
  return ins.args.map((a) => {
    const eq = a.indexOf('=');
    return eq < 0 ? [a, undefined] : [a.slice(0, eq), a.slice(eq + 1)];
  });
}
