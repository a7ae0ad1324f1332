// Finds source locations in log messages (stack traces of Node and Python); pure, so the log panel's
// webview bundle can use it too.

/** A one-based line and column in a file, as stack traces print them. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Stack-frame locations in a log message: Node `at fn (/file.js:12:5)` / `at /file.js:1:2`, Python `File "x.py", line 6`. */
export function findStackFrames(message: string): { start: number; end: number; pos: SourcePosition }[] {
  const out: { start: number; end: number; pos: SourcePosition }[] = [];
  const node = /((?:file:\/\/)?\/[^\s():"]+\.(?:[cm]?js|[cm]?ts|jsx|tsx)):(\d+):(\d+)/g;
  for (let m = node.exec(message); m; m = node.exec(message)) {
    out.push({ start: m.index, end: m.index + m[0].length, pos: { file: m[1] as string, line: Number(m[2]), column: Number(m[3]) } });
  }
  const py = /File "([^"]+\.py)", line (\d+)/g;
  for (let m = py.exec(message); m; m = py.exec(message)) {
    out.push({ start: m.index, end: m.index + m[0].length, pos: { file: m[1] as string, line: Number(m[2]), column: 1 } });
  }
  return out.sort((a, b) => a.start - b.start);
}
