// Event filtering for event source mappings (FilterCriteria): EventBridge-style patterns with exact
// values, prefix, suffix, anything-but, numeric ranges, exists and equals-ignore-case.
import { invalidParameter } from '../../errors';

type Pattern = { readonly [key: string]: Pattern | readonly unknown[] };

/** Parses and checks `Filters[].Pattern`; throws Lambda's error for a bad pattern. */
export function parseFilters(criteria: unknown): Pattern[] {
  if (criteria === undefined || criteria === null) return [];
  const filters = (criteria as { Filters?: unknown }).Filters;
  if (filters === undefined) return [];
  if (!Array.isArray(filters) || filters.length > 5) throw invalidParameter('Invalid filter pattern definition.');
  return filters.map((f) => {
    const text = (f as { Pattern?: unknown })?.Pattern;
    if (typeof text !== 'string' || text === '') throw invalidParameter('Invalid filter pattern definition.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidParameter('Invalid filter pattern definition.');
    }
    if (!isValidPattern(parsed)) throw invalidParameter('Invalid filter pattern definition.');
    return parsed as Pattern;
  });
}

/** True when `event` matches any of the patterns (or there are none). */
export function matchesAny(patterns: readonly Pattern[], event: unknown): boolean {
  return patterns.length === 0 || patterns.some((p) => matches(p, event));
}

function isValidPattern(p: unknown): boolean {
  if (!p || typeof p !== 'object' || Array.isArray(p)) return false;
  return Object.values(p as Record<string, unknown>).every((v) => (Array.isArray(v) ? v.length > 0 : isValidPattern(v)));
}

function matches(pattern: Pattern, value: unknown): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    const field = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) {
      if (!rule.some((r) => matchRule(r, field))) return false;
    } else if (!matches(rule as Pattern, field)) return false;
  }
  return true;
}

// A field holding an array matches when any element does.
function matchRule(rule: unknown, field: unknown): boolean {
  if (rule !== null && typeof rule === 'object') {
    const [op, arg] = Object.entries(rule as Record<string, unknown>)[0] ?? [];
    if (op === 'exists') return (field !== undefined) === arg;
    const values = Array.isArray(field) ? field : [field];
    return values.some((v) => v !== undefined && matchOperator(op, arg, v));
  }
  const values = Array.isArray(field) ? field : [field];
  return values.some((v) => v === rule);
}

function matchOperator(op: string | undefined, arg: unknown, v: unknown): boolean {
  switch (op) {
    case 'prefix':
      return typeof v === 'string' && typeof arg === 'string' && v.startsWith(arg);
    case 'suffix':
      return typeof v === 'string' && typeof arg === 'string' && v.endsWith(arg);
    case 'equals-ignore-case':
      return typeof v === 'string' && typeof arg === 'string' && v.toLowerCase() === arg.toLowerCase();
    case 'anything-but':
      if (Array.isArray(arg)) return !arg.includes(v);
      if (arg && typeof arg === 'object') return !matchOperator(Object.keys(arg)[0], Object.values(arg)[0], v);
      return v !== arg;
    case 'numeric':
      return typeof v === 'number' && numeric(arg, v);
    default:
      return false;
  }
}

function numeric(arg: unknown, v: number): boolean {
  if (!Array.isArray(arg)) return false;
  for (let i = 0; i + 1 < arg.length; i += 2) {
    const n = Number(arg[i + 1]);
    const ok = { '<': v < n, '<=': v <= n, '=': v === n, '>': v > n, '>=': v >= n }[String(arg[i])];
    if (!ok) return false;
  }
  return true;
}
