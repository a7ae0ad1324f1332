// The lines a log event shows when expanded or wrapped: a JSON record or an error payload embedded in
// the line (Node's `ERROR\tInvoke Error \t{...}`) pretty-printed, stack strings split into frames, and
// every line cut to the panel's width in columns. Pure, for the webview bundle and tests.

/** Where a JSON value starts in a log line (the whole line, or after its last tab), if it parses. */
export function embeddedJson(message: string): { prefix: string; value: unknown } | undefined {
  const text = message.replace(/\n$/, '');
  const candidates = [0, text.indexOf('\t{'), text.lastIndexOf('\t{'), text.indexOf(' {')].filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
  for (const at of candidates) {
    const start = text.charCodeAt(at) === 123 /* { */ ? at : at + 1;
    if (text.charCodeAt(start) !== 123 || text.charCodeAt(text.length - 1) !== 125) continue;
    try {
      return { prefix: text.slice(0, start).trimEnd(), value: JSON.parse(text.slice(start)) as unknown };
    } catch {
      // Not JSON from here: try the next candidate.
    }
  }
  return undefined;
}

/** Whether an event has more to show than its one-line row (JSON, several lines, or wider than the panel). */
export function isExpandable(message: string, columns: number): boolean {
  const text = message.replace(/\n$/, '');
  return text.length > columns || text.includes('\n') || embeddedJson(text) !== undefined;
}

/** The expanded lines of an event: pretty JSON (stack strings one frame a line), else the text's lines. */
export function detailLines(message: string, columns: number): string[] {
  const text = message.replace(/\n$/, '');
  const json = embeddedJson(text);
  const lines: string[] = [];
  if (json) {
    if (json.prefix) lines.push(json.prefix);
    for (const l of JSON.stringify(json.value, null, 2).split('\n')) lines.push(...splitEscapedNewlines(l));
  } else {
    lines.push(...text.split('\n'));
  }
  return lines.flatMap((l) => wrapLine(l, columns));
}

/** A line cut into pieces of at most `columns` characters, continuation pieces indented like the line. */
export function wrapLine(line: string, columns: number): string[] {
  const width = Math.max(20, columns);
  if (line.length <= width) return [line];
  const indent = /^\s*/.exec(line)![0].slice(0, Math.floor(width / 2));
  const out = [line.slice(0, width)];
  for (let at = width; at < line.length; at += width - indent.length) out.push(indent + line.slice(at, at + width - indent.length));
  return out;
}

// A JSON string holding a multi-line stack ("Error: x\n    at f (/a.js:1:2)") shown one frame a line.
function splitEscapedNewlines(line: string): string[] {
  if (!line.includes('\\n')) return [line];
  const indent = /^\s*/.exec(line)![0];
  return line.split('\\n').map((part, i) => (i === 0 ? part : `${indent}  ${part}`));
}
