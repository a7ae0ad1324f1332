// YAML parser errors in plain words, placed on the line the user has to fix (the parser often reports
// the end of a broken construct: an unclosed quote at the end of the file, a missing colon on the next key).

/** A parser error: its code and message (from the `yaml` package) and its offsets in the text. */
export interface YamlError {
  readonly code: string;
  readonly message: string;
  readonly pos: readonly [number, number];
}

/** What to tell the user and where (offsets in the text). */
export interface PlainYamlError {
  readonly message: string;
  readonly pos: readonly [number, number];
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
const lineEnd = (text: string, offset: number): number => {
  const n = text.indexOf('\n', offset);
  return n < 0 ? text.length : n;
};
const lineNo = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
const indentOf = (line: string): number => /^ */.exec(line)![0].length;
/** The line's content without indentation, as a range (offsets). */
const contentRange = (text: string, offset: number): [number, number] => {
  const s = lineStart(text, offset);
  const line = text.slice(s, lineEnd(text, s));
  return [s + indentOf(line), s + line.trimEnd().length];
};

/** The error in plain words on the line to fix. */
export function plainYamlError(text: string, e: YamlError): PlainYamlError {
  const at = e.pos[0];
  const lineText = text.slice(lineStart(text, at), lineEnd(text, at));
  const line = lineNo(text, at);
  switch (e.code) {
    case 'MULTILINE_IMPLICIT_KEY': {
      const m = /^(\s*)(-\s+)?([A-Za-z0-9_.-]+)(\s+)(\S.*)?$/.exec(lineText);
      if (m && !lineText.includes(':')) {
        const fix = m[5] ? `${m[3]}: ${m[5]}` : `${m[3]}:`;
        return { message: `"${lineText.trim()}" is missing a colon: write "${fix}"`, pos: contentRange(text, at) };
      }
      if (!lineText.includes(':')) return { message: `"${lineText.trim()}" is neither a "Key: value" line nor a list item: add a colon after the key (or finish typing it)`, pos: contentRange(text, at) };
      return { message: `A key must fit on one line and be followed by a colon (line ${line})`, pos: contentRange(text, at) };
    }
    case 'BAD_INDENT': {
      const flow = /^Flow (sequence|mapping)/.exec(e.message);
      if (flow) {
        const close = flow[1] === 'sequence' ? ']' : '}';
        const open = flow[1] === 'sequence' ? '[' : '{';
        const opener = findOpener(text, at, open, close);
        return { message: `The ${flow[1] === 'sequence' ? 'list' : 'mapping'} opened with "${open}"${opener !== undefined ? ` on line ${lineNo(text, opener)}` : ''} is not closed: add "${close}" at its end`, pos: opener !== undefined ? contentRange(text, opener) : contentRange(text, at) };
      }
      const sibling = previousSibling(text, at);
      return { message: `This line is indented ${indentOf(lineText)} spaces but the keys around it ${sibling === undefined ? 'use another indentation' : `use ${sibling}`}: keys of one mapping must start in the same column`, pos: contentRange(text, at) };
    }
    case 'TAB_AS_INDENT':
      return { message: 'A tab is used for indentation: YAML allows only spaces there (replace the tab with spaces)', pos: [lineStart(text, at), lineStart(text, at) + Math.max(1, /^[\t ]*/.exec(lineText)![0].length)] };
    case 'MISSING_CHAR': {
      const quote = /closing (["'])quote/.exec(e.message)?.[1] ?? (/closing "?quote/.test(e.message) ? '"' : undefined);
      if (quote) {
        const opener = unclosedQuote(text, at, quote);
        if (opener !== undefined) return { message: `The ${quote === '"' ? 'double' : 'single'}-quoted value on line ${lineNo(text, opener)} is never closed: add the closing ${quote}`, pos: contentRange(text, opener) };
      }
      if (/Implicit map keys need to be followed by map values/.test(e.message)) return { message: `"${lineText.trim()}" needs a colon after its key`, pos: contentRange(text, at) };
      break;
    }
    case 'BLOCK_AS_IMPLICIT_KEY': {
      if (/block sequence/.test(e.message)) return { message: 'This list item ("-") does not line up with the items above it: list items must start in the same column', pos: contentRange(text, at) };
      const next = nextContentLine(text, at);
      if (next && indentOf(next.text) > indentOf(lineText)) {
        return { message: `This line is indented deeper than "${lineText.trim()}" above it, which already has a value: indent it like that key, or remove the value above`, pos: contentRange(text, next.offset) };
      }
      return { message: 'A plain value cannot contain ": " (it reads as a nested key): put the value in quotes', pos: contentRange(text, at) };
    }
    case 'DUPLICATE_KEY':
      return { message: `${firstLine(e.message)}: remove one of them`, pos: contentRange(text, at) };
    case 'BAD_DQ_ESCAPE':
      return { message: 'Invalid escape in a double-quoted value: use single quotes, or write a backslash as \\\\', pos: contentRange(text, at) };
    case 'UNEXPECTED_TOKEN':
      return { message: `Unexpected "${text.slice(at, Math.max(at + 1, e.pos[1])).trim() || text[at] || ''}" here: ${firstLine(e.message)}`, pos: contentRange(text, at) };
  }
  return { message: firstLine(e.message), pos: e.pos };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

// The indentation of the nearest key above at a different indentation (what the user likely meant).
function previousSibling(text: string, offset: number): number | undefined {
  const lines = text.slice(0, lineStart(text, offset)).split('\n').reverse();
  const own = indentOf(text.slice(lineStart(text, offset)));
  for (const l of lines) if (l.trim() && !l.trim().startsWith('#') && indentOf(l) !== own) return indentOf(l);
  return undefined;
}

function nextContentLine(text: string, offset: number): { text: string; offset: number } | undefined {
  let s = lineEnd(text, offset) + 1;
  while (s < text.length) {
    const e = lineEnd(text, s);
    const l = text.slice(s, e);
    if (l.trim() && !l.trim().startsWith('#')) return { text: l, offset: s };
    s = e + 1;
  }
  return undefined;
}

// The last line before `offset` with an odd number of `quote` characters (where the quote opened).
function unclosedQuote(text: string, offset: number, quote: string): number | undefined {
  let s = lineStart(text, Math.min(offset, text.length));
  for (;;) {
    const l = text.slice(s, lineEnd(text, s)).replace(/\s#.*$/, '');
    if (l.split(quote).length % 2 === 0) return s;
    if (s === 0) return undefined;
    s = lineStart(text, s - 1);
  }
}

// The line of the nearest unbalanced opener before `offset`.
function findOpener(text: string, offset: number, open: string, close: string): number | undefined {
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}
