// Where the cursor is in a YAML template, from the text alone (it is often half-typed and does not
// parse): the enclosing keys by indentation, and whether a key or a value is being typed.

/** The cursor's place: the mapping path that encloses it and what is being typed. */
export interface CursorContext {
  /** Keys of the enclosing mappings, outermost first (`['Resources', 'Fn', 'Properties']`). */
  readonly path: readonly string[];
  /** Typing a value of `key` (`Runtime: nod|`), or a new key (`    Mem|`). */
  readonly kind: 'value' | 'key';
  readonly key?: string;
  /** What was typed so far of the key or value. */
  readonly prefix: string;
  /** Zero-based line of the cursor. */
  readonly line: number;
}

const KEY_LINE = /^(\s*)(-\s+)?("[^"]+"|'[^']+'|[^\s#'"-][^:#]*?):(?:\s|$)/;
const unquote = (k: string): string => k.replace(/^["']|["']$/g, '').trim();

/** The cursor context at (line, character), or undefined in comments, flow collections and blank text. */
export function cursorContext(text: string, line: number, character: number): CursorContext | undefined {
  const lines = text.split(/\r?\n/);
  const before = (lines[line] ?? '').slice(0, character);
  if (before.includes('#') || /[{[]/.test(before)) return undefined;
  let indent: number;
  let result: Omit<CursorContext, 'path' | 'line'>;
  const value = /^(\s*)(-\s+)?([^\s#'"-][^:#]*?):\s*(.*)$/.exec(before);
  const key = /^(\s*)(-\s+)?([\w.:-]*)$/.exec(before);
  if (value) {
    indent = (value[1] as string).length + (value[2]?.length ?? 0);
    result = { kind: 'value', key: unquote(value[3] as string), prefix: (value[4] as string).replace(/^["']/, '') };
  } else if (key) {
    indent = (key[1] as string).length + (key[2]?.length ?? 0);
    result = { kind: 'key', prefix: key[3] as string };
  } else {
    return undefined;
  }
  return { ...result, path: parentKeys(lines, line, indent), line };
}

/** The keys of the mappings enclosing a line indented by `indent`, outermost first. */
export function parentKeys(lines: readonly string[], line: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const l = lines[i] as string;
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const m = KEY_LINE.exec(l);
    const own = l.length - l.trimStart().length;
    if (own >= limit) continue;
    if (!m) {
      limit = own;
      continue;
    }
    path.unshift(unquote(m[3] as string));
    limit = own;
  }
  return path;
}

/** Keys already present in the mapping that holds `line` (same indentation, same block). */
export function siblingKeys(text: string, line: number): Set<string> {
  const lines = text.split(/\r?\n/);
  const indentOf = (l: string): number => l.length - l.trimStart().length;
  const own = indentOf(lines[line] ?? '');
  const keys = new Set<string>();
  const scan = (from: number, step: number): void => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const l = lines[i] as string;
      if (!l.trim() || l.trimStart().startsWith('#')) continue;
      const ind = indentOf(l);
      if (ind < own) return;
      const m = KEY_LINE.exec(l);
      if (ind === own && m) keys.add(unquote(m[3] as string));
    }
  };
  scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

/** The value of `key` directly inside the mapping at `path` (textual; for half-typed templates). */
export function valueAt(text: string, path: readonly string[], key: string): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = KEY_LINE.exec(lines[i] as string);
    if (!m || unquote(m[3] as string) !== key) continue;
    const indent = (m[1] as string).length + (m[2]?.length ?? 0);
    const parents = parentKeys(lines, i, indent);
    if (parents.length !== path.length || parents.some((p, j) => p !== path[j])) continue;
    const raw = (lines[i] as string).slice((m[0]).length).replace(/\s+#.*$/, '').trim();
    return raw.replace(/^["']|["']$/g, '') || undefined;
  }
  return undefined;
}
