// SNS subscription filter policies: which published messages a subscription receives, matched on the
// message attributes (FilterPolicyScope MessageAttributes, the default) or on the JSON message body
// (MessageBody). Exact strings and numbers, prefix, suffix, equals-ignore-case, anything-but, numeric
// ranges, exists, IPv4 cidr and $or, as Amazon SNS documents them.

/** A message as a filter policy sees it: attributes as SNS publishes them, and the body text. */
export interface FilterableMessage {
  readonly attributes: Readonly<Record<string, { readonly Type: string; readonly Value: string | undefined }>>;
  readonly message: string;
}

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** A compiled policy; `matches` tells whether a subscription with it receives the message. */
export interface FilterPolicy {
  matches(message: FilterableMessage): boolean;
}

/** One condition of a key: a test of a value, or (exists) a test of the key's presence. */
type Condition = { readonly test: (value: unknown) => boolean; readonly exists?: undefined } | { readonly exists: boolean };
const test = (fn: (value: unknown) => boolean): Condition => ({ test: fn });
/** A policy node: per key, either conditions (OR) or a nested node (MessageBody); `$or` alternatives. */
interface Node {
  readonly keys: Map<string, readonly Condition[] | Node>;
  readonly or: Node[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function ipv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.some((p) => p > 255) ? undefined : parts.reduce((n, p) => n * 256 + p, 0);
}

function numericCondition(spec: unknown, where: string): (v: unknown) => boolean {
  if (!Array.isArray(spec) || spec.length === 0 || spec.length % 2 !== 0 || spec.length > 4) {
    throw new Error(`${where}: "numeric" takes an operator and a number, or two of each (e.g. [">", 0, "<=", 150]).`);
  }
  const tests: ((n: number) => boolean)[] = [];
  for (let i = 0; i < spec.length; i += 2) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a policy condition (parsed JSON); each operand is checked below
    const [op, bound] = [spec[i], spec[i + 1]];
    if (typeof bound !== 'number') throw new Error(`${where}: "numeric" bounds must be numbers.`);
    const check = { '=': (n: number) => n === bound, '>': (n: number) => n > bound, '>=': (n: number) => n >= bound, '<': (n: number) => n < bound, '<=': (n: number) => n <= bound }[String(op)];
    if (!check) throw new Error(`${where}: unknown "numeric" operator ${JSON.stringify(op)} (use =, <, <=, >, >=).`);
    tests.push(check);
  }
  return (v) => typeof v === 'number' && tests.every((t) => t(v));
}

function condition(spec: unknown, where: string): Condition {
  if (typeof spec === 'string') return test((v) => v === spec);
  if (typeof spec === 'number') return test((v) => v === spec);
  if (spec === null) return test((v) => v === null);
  if (!isObject(spec) || Object.keys(spec).length !== 1) throw new Error(`${where}: each condition is a string, a number, null or an object with one operator.`);
  const [op, arg] = Object.entries(spec)[0] as [string, unknown];
  const str = (): string => {
    if (typeof arg !== 'string') throw new Error(`${where}: "${op}" takes a string.`);
    return arg;
  };
  switch (op) {
    case 'prefix': {
      const p = str();
      return test((v) => typeof v === 'string' && v.startsWith(p));
    }
    case 'suffix': {
      const s = str();
      return test((v) => typeof v === 'string' && v.endsWith(s));
    }
    case 'equals-ignore-case': {
      const s = str().toLowerCase();
      return test((v) => typeof v === 'string' && v.toLowerCase() === s);
    }
    case 'numeric':
      return test(numericCondition(arg, where));
    case 'exists':
      if (typeof arg !== 'boolean') throw new Error(`${where}: "exists" takes true or false.`);
      return { exists: arg };
    case 'anything-but': {
      const inner = (isObject(arg) ? [arg] : Array.isArray(arg) ? arg : [arg]).map((a) => condition(a, where));
      if (inner.some((c) => c.exists !== undefined)) throw new Error(`${where}: "anything-but" cannot hold "exists".`);
      return test((v) => !inner.some((c) => 'test' in c && c.test(v)));
    }
    case 'cidr': {
      const m = /^(.+)\/(\d{1,2})$/.exec(str());
      const base = m ? ipv4(m[1] as string) : undefined;
      const bits = m ? Number(m[2]) : NaN;
      if (base === undefined || !(bits >= 0 && bits <= 32)) throw new Error(`${where}: "cidr" takes an IPv4 block such as 10.0.0.0/24.`);
      const size = 2 ** (32 - bits);
      const start = Math.floor(base / size) * size;
      return test((v) => {
        const ip = typeof v === 'string' ? ipv4(v) : undefined;
        return ip !== undefined && ip >= start && ip < start + size;
      });
    }
    default:
      throw new Error(`${where}: unknown operator "${op}".`);
  }
}

function compileNode(policy: unknown, scope: FilterPolicyScope, where: string): Node {
  if (!isObject(policy) || Object.keys(policy).length === 0) throw new Error(`${where}: a filter policy is a non-empty JSON object.`);
  const node: Node = { keys: new Map(), or: [] };
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) throw new Error(`${where}: "$or" takes a list of at least two policies.`);
      for (const alt of value) node.or.push(compileNode(alt, scope, `${where}.$or`));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new Error(`${where}.${key}: the list of conditions is empty.`);
      node.keys.set(key, value.map((c) => condition(c, `${where}.${key}`)));
    } else if (isObject(value) && scope === 'MessageBody') {
      node.keys.set(key, compileNode(value, scope, `${where}.${key}`));
    } else {
      throw new Error(`${where}.${key}: the value must be a list of conditions${scope === 'MessageBody' ? ' or a nested object' : ''}.`);
    }
  }
  return node;
}

/** Values an attribute offers to conditions: a String.Array offers each element, a Number its number. */
function attributeValues(attr: { Type: string; Value: string | undefined } | undefined): unknown[] | undefined {
  if (!attr || attr.Value === undefined || attr.Type.startsWith('Binary')) return undefined;
  if (attr.Type.startsWith('Number')) return [Number(attr.Value)];
  if (attr.Type === 'String.Array') {
    try {
      const arr = JSON.parse(attr.Value) as unknown;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- a value parsed from JSON; its shape is checked where it is used
      return Array.isArray(arr) ? arr : [attr.Value];
    } catch {
      return [attr.Value];
    }
  }
  return [attr.Value];
}

/** A key matches when one of its conditions does; `values` is undefined when the key is absent. */
function matchKey(conditions: readonly Condition[], values: unknown[] | undefined): boolean {
  return conditions.some((c) => ('test' in c ? values !== undefined && values.some((v) => c.test(v)) : c.exists === (values !== undefined)));
}

/** Every key matches (AND) and, with `$or`, one alternative does too. */
function matchNode(node: Node, values: (key: string) => unknown[] | undefined, nested: (key: string) => Record<string, unknown> | undefined): boolean {
  for (const [key, rule] of node.keys) {
    if (Array.isArray(rule)) {
      if (!matchKey(rule, values(key))) return false;
    } else {
      const child = nested(key);
      if (!child || !matchBody(rule as Node, child)) return false;
    }
  }
  return node.or.length === 0 || node.or.some((alt) => matchNode(alt, values, nested));
}

/** MessageBody scope: keys are JSON properties, nested objects descend, an array offers each element. */
function matchBody(node: Node, body: Record<string, unknown>): boolean {
  return matchNode(
    node,
    (key) => (key in body ? (Array.isArray(body[key]) ? (body[key] as unknown[]) : [body[key]]) : undefined),
    (key) => (isObject(body[key]) ? body[key] : undefined),
  );
}

/**
 * Compiles a FilterPolicy (object or JSON text) for a FilterPolicyScope as given (undefined means
 * MessageAttributes); throws an Error that says what is wrong with either.
 */
export function compileFilterPolicy(policy: unknown, scopeGiven: unknown = 'MessageAttributes'): FilterPolicy {
  const scope = scopeGiven ?? 'MessageAttributes';
  if (scope !== 'MessageAttributes' && scope !== 'MessageBody') throw new Error(`FilterPolicyScope must be MessageAttributes or MessageBody, got ${JSON.stringify(scope)}.`);
  let parsed = policy;
  if (typeof policy === 'string') {
    try {
      parsed = JSON.parse(policy) as unknown;
    } catch {
      throw new Error('FilterPolicy is not valid JSON.');
    }
  }
  const root = compileNode(parsed, scope, 'FilterPolicy');
  if (scope === 'MessageBody') {
    return {
      matches: (m) => {
        let body: unknown;
        try {
          body = JSON.parse(m.message);
        } catch {
          return false;
        }
        return isObject(body) && matchBody(root, body);
      },
    };
  }
  return { matches: (m) => matchNode(root, (key) => attributeValues(m.attributes[key]), () => undefined) };
}
