// The HTTP front's routing table, from template Api (REST, v1), HttpApi (v2 or 1.0 payloads) events
// and FunctionUrlConfig: path templates with {param} and {proxy+}, ANY, and API Gateway's priority.
import { createHash } from 'node:crypto';
import type { Project } from '../../project/functionSpec';
import type { TargetOf } from '../templateTarget';

/** REST API (payload 1.0) or HTTP API route. */
export type FrontKind = 'rest' | 'http';

/** One API route to a function. */
export interface FrontRoute {
  readonly kind: FrontKind;
  readonly method: string;
  /** Path template (`/items/{id}`), or `$default` for the HTTP API catch-all. */
  readonly path: string;
  readonly functionName: string;
  /** What to invoke (`name` or `name:alias`). */
  readonly target: string;
  readonly payloadFormat: '1.0' | '2.0';
  readonly stage: string;
  readonly apiId: string;
}

/** A function URL served by the front. */
export interface FunctionUrl {
  readonly functionName: string;
  readonly target: string;
  readonly authType: 'NONE' | 'AWS_IAM';
  readonly urlId: string;
  readonly cors: Readonly<Record<string, unknown>> | undefined;
  readonly invokeMode: string;
  /** Created through CreateFunctionUrlConfig (AuthType NONE then needs a public policy statement). */
  readonly fromApi?: boolean;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const idOf = (key: string, length: number): string => createHash('sha256').update(key).digest('hex').replace(/[^a-z0-9]/g, '').slice(0, length);

/** Routes and function URLs of a project; problems are reported through `warn`. */
export function frontFromProject(project: Project, targetOf: TargetOf, warn: (message: string) => void): { routes: FrontRoute[]; urls: FunctionUrl[] } {
  const routes: FrontRoute[] = [];
  const urls: FunctionUrl[] = [];
  for (const fn of project.functions) {
    const target = targetOf(fn);
    for (const ev of fn.events) {
      if (ev.type !== 'Api' && ev.type !== 'HttpApi') continue;
      const p = ev.properties;
      const rest = ev.type === 'Api';
      const apiRef = typeof p[rest ? 'RestApiId' : 'ApiId'] === 'string' ? (p[rest ? 'RestApiId' : 'ApiId'] as string) : rest ? 'ServerlessRestApi' : 'ServerlessHttpApi';
      const apiProps = asRecord(project.resources[apiRef]?.properties);
      const path = typeof p['Path'] === 'string' ? p['Path'] : undefined;
      const method = typeof p['Method'] === 'string' ? p['Method'].toUpperCase() : undefined;
      if (rest && (path === undefined || method === undefined)) {
        warn(`${fn.logicalId} event ${ev.name} (Api): Path and Method are required.`);
        continue;
      }
      if (path !== undefined && !/^\/[^\s]*$/.test(path)) {
        warn(`${fn.logicalId} event ${ev.name}: Path must start with "/" (got ${path}).`);
        continue;
      }
      routes.push({
        kind: rest ? 'rest' : 'http',
        method: method === undefined || method === '*' ? 'ANY' : method,
        path: path ?? '$default',
        functionName: fn.functionName,
        target,
        payloadFormat: rest ? '1.0' : String(p['PayloadFormatVersion'] ?? apiProps['PayloadFormatVersion'] ?? '2.0') === '1.0' ? '1.0' : '2.0',
        stage: typeof apiProps['StageName'] === 'string' ? apiProps['StageName'] : rest ? 'Prod' : '$default',
        apiId: idOf(apiRef, 10),
      });
    }
    const url = fn.functionUrlConfig;
    if (url) {
      const auth = String(url['AuthType'] ?? '');
      if (auth !== 'NONE' && auth !== 'AWS_IAM') {
        warn(`${fn.logicalId} FunctionUrlConfig: AuthType must be NONE or AWS_IAM (got ${auth || 'nothing'}).`);
        continue;
      }
      urls.push({ functionName: fn.functionName, target, authType: auth, urlId: idOf(`url/${fn.functionName}`, 32), cors: url['Cors'] === undefined ? undefined : asRecord(url['Cors']), invokeMode: String(url['InvokeMode'] ?? 'BUFFERED') });
    }
  }
  return { routes, urls };
}

/** The best route for a request, API Gateway style: literal segments beat {params}, which beat {proxy+}. */
export function matchRoute(routes: readonly FrontRoute[], method: string, path: string): { route: FrontRoute; params: Record<string, string> } | undefined {
  let best: { route: FrontRoute; params: Record<string, string>; score: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const m = route.path === '$default' ? { params: {}, score: [-1, 0, 0] } : matchPath(route.path, path);
    if (!m) continue;
    const score = [...m.score, route.method === 'ANY' ? 0 : 1];
    if (!best || compare(score, best.score) > 0) best = { route, params: m.params, score };
  }
  return best && { route: best.route, params: best.params };
}

function matchPath(template: string, path: string): { params: Record<string, string>; score: number[] } | undefined {
  const t = template.split('/').filter(Boolean);
  const p = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] as string;
    const greedy = /^\{(.+)\+\}$/.exec(seg);
    if (greedy) {
      if (i !== t.length - 1 || p.length <= i) return undefined;
      params[greedy[1] as string] = p.slice(i).map(safeDecode).join('/');
      return { params, score: [0, literals, i] };
    }
    const value = p[i];
    if (value === undefined) return undefined;
    const param = /^\{(.+)\}$/.exec(seg);
    if (param) params[param[1] as string] = safeDecode(value);
    else if (seg === value) literals++;
    else return undefined;
  }
  return p.length === t.length ? { params, score: [1, literals, t.length] } : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
