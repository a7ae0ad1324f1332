// Compares a response with an AWS recording whose volatile values were replaced by placeholders
// (`<uuid:1>`, `<function-name:1>`, `"date"`): each placeholder binds to one actual value, the same
// numbered placeholder must keep its value and two numbers of one kind must differ; an unnumbered
// one matches anything.

/** Placeholder bindings shared by every match of one test case. */
export class Bindings {
  private readonly values = new Map<string, string>();

  constructor(private readonly accountId: string) {}

  get account(): string {
    return this.accountId;
  }

  value(name: string): string | undefined {
    return this.values.get(name);
  }

  /** Binds `name` to `value`; false when that breaks reference consistency. */
  bind(name: string, value: string): boolean {
    const known = this.values.get(name);
    if (known !== undefined) return known === value;
    const m = /^(.*):(\d+)$/.exec(name);
    if (m) {
      for (const [other, v] of this.values) {
        if (v === value && other !== name && other.startsWith(`${m[1]}:`) && /^\d+$/.test(other.slice(m[1]!.length + 1))) return false;
      }
    }
    this.values.set(name, value);
    return true;
  }
}

const placeholder = /<[^<>]+>/g;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const pyDatetime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?[+-]\d{2}:\d{2}$/;

function matchString(expected: string, actual: unknown, b: Bindings, path: string, out: string[]): void {
  const want = expected.replace(/111111111111/g, b.account);
  if (want === 'date' && typeof actual === 'string' && isoDate.test(actual)) return;
  // A timestamp boto3 parsed into a datetime (recorded as "datetime"; the worker answers its isoformat).
  if (want === 'datetime' && typeof actual === 'string' && pyDatetime.test(actual)) return;
  const text = typeof actual === 'number' ? String(actual) : actual;
  if (typeof text !== 'string') {
    out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return;
  }
  const names = want.match(placeholder);
  if (!names) {
    if (want !== text) out.push(`${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(text)}`);
    return;
  }
  const groups: string[] = [];
  let source = '^';
  let last = 0;
  for (const m of want.matchAll(placeholder)) {
    source += escape(want.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const name = m[0].slice(1, -1);
    // Unnumbered placeholders (`<code-size>`, `<region>`) are plain replacements, not references.
    if (!/:\d+$/.test(name)) {
      source += '(?:.*?)';
      continue;
    }
    const bound = b.value(name);
    const seen = groups.indexOf(name);
    if (bound !== undefined) source += escape(bound);
    else if (seen >= 0) source += `\\${seen + 1}`;
    else {
      groups.push(name);
      source += '(.*?)';
    }
  }
  source += `${escape(want.slice(last))}$`;
  const m = new RegExp(source, 's').exec(text);
  if (!m) {
    out.push(`${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(text)}`);
    return;
  }
  groups.forEach((name, i) => {
    if (!b.bind(name, m[i + 1] as string)) out.push(`${path}: <${name}> = ${JSON.stringify(m[i + 1])} breaks reference consistency`);
  });
}

/** Appends to `out` every difference between the recording and the actual value. */
export function matchValue(expected: unknown, actual: unknown, b: Bindings, path: string, out: string[]): void {
  if (typeof expected === 'string') return matchString(expected, actual, b, path, out);
  if (expected === null || typeof expected !== 'object') {
    if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${path}: expected a list of ${expected.length}, got ${JSON.stringify(actual)?.slice(0, 200)}`);
      return;
    }
    expected.forEach((e, i) => matchValue(e, actual[i], b, `${path}[${i}]`, out));
    return;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
    out.push(`${path}: expected an object, got ${JSON.stringify(actual)?.slice(0, 200)}`);
    return;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const k of Object.keys(e)) {
    if (!(k in a)) out.push(`${path}.${k}: missing (expected ${JSON.stringify(e[k])?.slice(0, 120)})`);
    else matchValue(e[k], a[k], b, `${path}.${k}`, out);
  }
  for (const k of Object.keys(a)) if (!(k in e)) out.push(`${path}.${k}: unexpected (${JSON.stringify(a[k])?.slice(0, 120)})`);
}
