// CloudFormation intrinsic functions evaluated locally (Ref, Fn::Sub, Fn::GetAtt, Fn::If, ...).
// What cannot be known locally is reported and left as the unresolved intrinsic, never invented.
import type { ProblemSeverity } from './functionSpec';
import type { TemplatePath } from './templateDocument';
import { cidr } from './cidr';

/** `Ref: AWS::NoValue`: the enclosing key or list item disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Reports a problem at a path of the value being resolved. */
export type ReportProblem = (at: TemplatePath, severity: ProblemSeverity, code: string, message: string) => void;

/** What the resolver needs to know about the template and the local account. */
export interface ResolveScope {
  readonly region: string;
  /** Pseudo parameters and template parameters; undefined when unknown. */
  ref(name: string, at: TemplatePath, report: ReportProblem): unknown;
  /** `Fn::GetAtt`; undefined after reporting when it cannot be resolved. */
  getAtt(logicalId: string, attribute: string, at: TemplatePath, report: ReportProblem): string | undefined;
  condition(name: string, at: TemplatePath, report: ReportProblem): boolean | undefined;
  readonly mappings: Readonly<Record<string, unknown>>;
}

/** True for a one-key map whose key is `Ref` or `Fn::*` (an intrinsic function call). */
export function isIntrinsic(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** True when the value still contains an intrinsic that could not be resolved. */
export function containsIntrinsic(v: unknown): boolean {
  if (isIntrinsic(v)) return true;
  if (Array.isArray(v)) return v.some(containsIntrinsic);
  if (v && typeof v === 'object') return Object.values(v).some(containsIntrinsic);
  return false;
}

/** Resolves every intrinsic in `value`; `path` locates it for problems. */
export function resolveIntrinsics(value: unknown, scope: ResolveScope, path: TemplatePath, report: ReportProblem): unknown {
  if (Array.isArray(value)) {
    return value.map((v, i) => resolveIntrinsics(v, scope, [...path, i], report)).filter((v) => v !== NO_VALUE);
  }
  if (!value || typeof value !== 'object') return value;
  if (isIntrinsic(value)) {
    const [fn, arg] = Object.entries(value)[0]!;
    return callIntrinsic(fn, arg, scope, [...path, fn], report);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = resolveIntrinsics(v, scope, [...path, k], report);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

/** Evaluates a condition expression (`Fn::Equals`, `Fn::And`, `Condition`, ...) to a boolean. */
export function evaluateCondition(expr: unknown, scope: ResolveScope, path: TemplatePath, report: ReportProblem): boolean | undefined {
  if (expr && typeof expr === 'object' && !Array.isArray(expr)) {
    const entries = Object.entries(expr);
    if (entries.length === 1 && entries[0]![0] === 'Condition' && typeof entries[0]![1] === 'string') {
      return scope.condition(entries[0]![1], [...path, 'Condition'], report);
    }
  }
  const v = resolveIntrinsics(expr, scope, path, report);
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  if (!containsIntrinsic(v)) report(path, 'error', 'condition-invalid', 'Template error: a condition must evaluate to true or false');
  return undefined;
}

function callIntrinsic(fn: string, arg: unknown, scope: ResolveScope, at: TemplatePath, report: ReportProblem): unknown {
  const unresolved = { [fn]: arg };
  const fail = (message: string, severity: ProblemSeverity = 'error', code = 'intrinsic-invalid'): unknown => {
    report(at, severity, code, message);
    return unresolved;
  };
  const sub = (v: unknown, i?: number): unknown => resolveIntrinsics(v, scope, i === undefined ? at : [...at, i], report);
  const cond = (v: unknown, i: number): boolean | undefined => evaluateCondition(v, scope, [...at, i], report);
  const list = (n: number): unknown[] | undefined => (Array.isArray(arg) && arg.length >= n ? arg : undefined);
  switch (fn) {
    case 'Ref': {
      if (typeof arg !== 'string') return fail('Template error: every Ref object must have a single String value.');
      const v = scope.ref(arg, at, report);
      return v === undefined ? unresolved : v;
    }
    case 'Fn::GetAtt': {
      const a = typeof arg === 'string' ? splitAtt(arg) : sub(arg);
      if (!Array.isArray(a) || a.length !== 2 || typeof a[0] !== 'string' || typeof a[1] !== 'string') {
        return containsIntrinsic(a) ? unresolved : fail('Template error: every Fn::GetAtt object requires two non-empty parameters');
      }
      return scope.getAtt(a[0], a[1], at, report) ?? unresolved;
    }
    case 'Fn::Sub':
      return resolveSub(arg, scope, at, report) ?? unresolved;
    case 'Fn::Join': {
      const a = list(2);
      if (!a || typeof a[0] !== 'string') return fail('Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.');
      const items = sub(a[1], 1);
      if (!Array.isArray(items) || containsIntrinsic(items)) return unresolved;
      return items.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(a[0]);
    }
    case 'Fn::Select': {
      const a = list(2);
      if (!a) return fail('Template error: Fn::Select requires a list argument with two elements: an integer index and a list');
      const index = Number(sub(a[0], 0));
      const items = sub(a[1], 1);
      if (!Array.isArray(items)) return containsIntrinsic(items) ? unresolved : fail('Template error: Fn::Select requires a list argument with two elements: an integer index and a list');
      if (!Number.isInteger(index) || index < 0 || index >= items.length) return fail(`Template error: Fn::Select cannot select nonexistent value at index ${String(index)}`);
      return items[index];
    }
    case 'Fn::Split': {
      const a = list(2);
      const s = a ? sub(a[1], 1) : undefined;
      if (!a || typeof a[0] !== 'string') return fail('Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.');
      if (typeof s !== 'string') return containsIntrinsic(s) ? unresolved : fail('Template error: Fn::Split requires a string to split');
      return s.split(a[0]);
    }
    case 'Fn::If': {
      const a = list(3);
      if (!a || typeof a[0] !== 'string') return fail('Template error: Fn::If requires a list argument with three elements');
      const c = scope.condition(a[0], [...at, 0], report);
      if (c === undefined) return unresolved;
      return sub(a[c ? 1 : 2], c ? 1 : 2);
    }
    case 'Fn::FindInMap':
      return findInMap(arg, scope, at, report) ?? unresolved;
    case 'Fn::Base64': {
      const s = sub(arg);
      return typeof s === 'string' ? Buffer.from(s, 'utf8').toString('base64') : containsIntrinsic(s) ? unresolved : fail('Template error: Fn::Base64 requires a string');
    }
    case 'Fn::GetAZs': {
      const r = sub(arg);
      const region = typeof r === 'string' && r !== '' ? r : scope.region;
      return ['a', 'b', 'c'].map((z) => `${region}${z}`);
    }
    case 'Fn::Cidr': {
      const a = sub(arg);
      if (Array.isArray(a) && a.length === 3 && !containsIntrinsic(a)) {
        const r = cidr(String(a[0]), Number(a[1]), Number(a[2]));
        if (r) return r;
      }
      return containsIntrinsic(a) ? unresolved : fail('Template error: Fn::Cidr requires an IPv4 CIDR block, a count and a number of subnet bits');
    }
    case 'Fn::ImportValue':
      return fail('Fn::ImportValue cannot be resolved locally: exports of other stacks are not available', 'warning', 'intrinsic-unresolvable');
    case 'Fn::Equals': {
      const a = list(2);
      if (!a || a.length !== 2) return fail('Template error: Fn::Equals requires a list of two values');
      const x = sub(a[0], 0);
      const y = sub(a[1], 1);
      if (containsIntrinsic(x) || containsIntrinsic(y)) return unresolved;
      return JSON.stringify(normalize(x)) === JSON.stringify(normalize(y));
    }
    case 'Fn::Not': {
      const a = list(1);
      const c = a && a.length === 1 ? cond(a[0], 0) : undefined;
      if (!a || a.length !== 1) return fail('Template error: Fn::Not requires a list argument with one element');
      return c === undefined ? unresolved : !c;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const a = list(2);
      if (!a || a.length > 10) return fail(`Template error: ${fn} requires a list argument with between 2 and 10 elements`);
      const cs = a.map((x, i) => cond(x, i));
      if (cs.some((c) => c === undefined)) return unresolved;
      return fn === 'Fn::And' ? cs.every(Boolean) : cs.some(Boolean);
    }
    case 'Fn::ToJsonString': {
      const v = sub(arg);
      return containsIntrinsic(v) ? unresolved : JSON.stringify(v);
    }
    case 'Fn::Length': {
      const v = sub(arg);
      return Array.isArray(v) ? v.length : unresolved;
    }
    default:
      return fail(`${fn} is not supported by the local emulator`, 'warning', 'intrinsic-unsupported');
  }
}

function splitAtt(s: string): string[] {
  const dot = s.indexOf('.');
  return dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
}

// CloudFormation compares condition operands as strings ("1" equals 1).
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

function findInMap(arg: unknown, scope: ResolveScope, at: TemplatePath, report: ReportProblem): unknown {
  if (!Array.isArray(arg) || arg.length < 3) {
    report(at, 'error', 'intrinsic-invalid', 'Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value');
    return undefined;
  }
  const keys = arg.slice(0, 3).map((k, i) => resolveIntrinsics(k, scope, [...at, i], report));
  if (keys.some((k) => typeof k !== 'string' && typeof k !== 'number')) return undefined;
  const [m, top, second] = keys.map(String) as [string, string, string];
  const level1 = scope.mappings[m];
  const level2 = level1 && typeof level1 === 'object' ? (level1 as Record<string, unknown>)[top] : undefined;
  const value = level2 && typeof level2 === 'object' ? (level2 as Record<string, unknown>)[second] : undefined;
  if (value !== undefined) return value;
  // AWS::LanguageExtensions allows a fourth { DefaultValue: ... } argument.
  const fallback = arg[3] as { DefaultValue?: unknown } | undefined;
  if (fallback && typeof fallback === 'object' && 'DefaultValue' in fallback) {
    return resolveIntrinsics(fallback.DefaultValue, scope, [...at, 3, 'DefaultValue'], report);
  }
  const message = level1 === undefined
    ? `Template error: Mapping named '${m}' is not present in the 'Mappings' section of template.`
    : `Template error: Unable to get mapping for ${m}::${top}::${second}`;
  report(at, 'error', 'mapping-missing', message);
  return undefined;
}

function resolveSub(arg: unknown, scope: ResolveScope, at: TemplatePath, report: ReportProblem): string | undefined {
  let text: unknown = arg;
  let vars: Record<string, unknown> = {};
  if (Array.isArray(arg)) {
    text = arg[0];
    const v = resolveIntrinsics(arg[1] ?? {}, scope, [...at, 1], report);
    if (v && typeof v === 'object' && !Array.isArray(v)) vars = v as Record<string, unknown>;
  }
  if (typeof text !== 'string') {
    report(at, 'error', 'intrinsic-invalid', 'Template error: One or more Fn::Sub intrinsic functions don\'t specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string');
    return undefined;
  }
  let failed = false;
  const out = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const key = name.trim();
    let v: unknown;
    if (key in vars) v = vars[key];
    else if (key.includes('.') && !key.startsWith('AWS::')) {
      const [id, attr] = splitAtt(key) as [string, string];
      v = scope.getAtt(id, attr, at, report);
    } else v = scope.ref(key, at, report);
    if (v === undefined || containsIntrinsic(v)) {
      failed = true;
      return whole;
    }
    if (typeof v === 'object' && v !== null) {
      report(at, 'error', 'intrinsic-invalid', `Template error: variable ${key} in Fn::Sub expression does not resolve to a string`);
      failed = true;
      return whole;
    }
    return String(v);
  });
  return failed ? undefined : out;
}
