// CORS for function URLs (FunctionUrlConfig.Cors): preflight answers and the headers added to
// responses when the request's Origin is allowed.
import type { FrontRequest } from './apiGatewayEvents';
import type { HttpReply } from './responseMapping';

type Cors = Readonly<Record<string, unknown>> | undefined;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function allowedOrigin(cors: Cors, origin: string | undefined): string | undefined {
  if (!cors || origin === undefined) return undefined;
  const origins = list(cors['AllowOrigins']);
  if (origins.includes('*')) return cors['AllowCredentials'] === true ? origin : '*';
  return origins.includes(origin) ? origin : undefined;
}

/** The Access-Control headers of a normal response (none when the origin is not allowed). */
export function corsHeaders(cors: Cors, origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigin(cors, origin);
  if (!cors || !allowed) return {};
  return {
    'Access-Control-Allow-Origin': allowed,
    ...(cors['AllowCredentials'] === true ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    ...(list(cors['ExposeHeaders']).length ? { 'Access-Control-Expose-Headers': list(cors['ExposeHeaders']).join(',') } : {}),
    ...(allowed !== '*' ? { Vary: 'Origin' } : {}),
  };
}

/** The answer to a CORS preflight (OPTIONS with Access-Control-Request-Method), or undefined. */
export function preflight(cors: Cors, r: FrontRequest, origin: string | undefined): HttpReply | undefined {
  const requested = r.headers.find(([k]) => k.toLowerCase() === 'access-control-request-method')?.[1];
  if (!cors || r.method !== 'OPTIONS' || requested === undefined) return undefined;
  const allowed = allowedOrigin(cors, origin);
  const methods = list(cors['AllowMethods']);
  if (!allowed || !(methods.includes('*') || methods.includes(requested.toUpperCase()))) return { status: 200, headers: {}, body: Buffer.alloc(0) };
  return {
    status: 200,
    headers: {
      ...corsHeaders(cors, origin),
      'Access-Control-Allow-Methods': methods.join(','),
      ...(list(cors['AllowHeaders']).length ? { 'Access-Control-Allow-Headers': list(cors['AllowHeaders']).join(',') } : {}),
      ...(typeof cors['MaxAge'] === 'number' ? { 'Access-Control-Max-Age': String(cors['MaxAge']) } : {}),
    },
    body: Buffer.alloc(0),
  };
}
