// HTTP requests as Lambda events (fidelity 9.4, 12): API Gateway REST proxy (v1, also HTTP API
// payload 1.0), HTTP API payload 2.0 and function URLs. Sample events are built the same way.
import { randomBytes } from 'node:crypto';

/** An HTTP request as the front (or a sample generator) sees it. */
export interface FrontRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  readonly rawQuery: string;
  /** Header pairs in arrival order, names as sent. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  /** Epoch ms. */
  readonly time: number;
  readonly requestId: string;
}

/** Where the request arrived: the route's API, stage and resource. */
export interface RequestTarget {
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  /** The route's path template (`/items/{id}`), or `$default`. */
  readonly resource: string;
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly domainName: string;
  /** IAM identity of a signed function-URL request. */
  readonly iam?: { readonly accessKey: string; readonly accountId: string };
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's request time. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function queryPairs(raw: string): [string, string][] {
  return raw.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
  });
}

// Text bodies pass as strings; anything that is not valid UTF-8 is base64.
function bodyOf(body: Buffer): { body: string | null; isBase64Encoded: boolean } {
  if (body.length === 0) return { body: null, isBase64Encoded: false };
  const text = body.toString('utf8');
  return Buffer.from(text, 'utf8').equals(body) ? { body: text, isBase64Encoded: false } : { body: body.toString('base64'), isBase64Encoded: true };
}

const header = (r: FrontRequest, name: string): string | undefined => r.headers.find(([k]) => k.toLowerCase() === name)?.[1];

/** The API Gateway REST proxy event (payload format 1.0); empty maps are null, like API Gateway. */
export function apiGatewayV1Event(r: FrontRequest, t: RequestTarget): Record<string, unknown> {
  const headers: Record<string, string> = {};
  const multiHeaders: Record<string, string[]> = {};
  for (const [k, v] of r.headers) {
    headers[k] = v;
    (multiHeaders[k] ??= []).push(v);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of queryPairs(r.rawQuery)) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const path = decode(r.rawPath.replace(/\+/g, '%2B'));
  const orNull = <T extends object>(o: T): T | null => (Object.keys(o).length ? o : null);
  const { body, isBase64Encoded } = bodyOf(r.body);
  return {
    resource: t.resource,
    path,
    httpMethod: r.method,
    headers: orNull(headers),
    multiValueHeaders: orNull(multiHeaders),
    queryStringParameters: orNull(query),
    multiValueQueryStringParameters: orNull(multiQuery),
    pathParameters: orNull({ ...t.pathParameters }),
    stageVariables: null,
    requestContext: {
      resourceId: t.apiId.slice(0, 6),
      resourcePath: t.resource,
      httpMethod: r.method,
      extendedRequestId: randomBytes(12).toString('base64').replace(/[+/]/g, 'A').slice(0, 16) + '=',
      requestTime: clfTime(r.time),
      path: `/${t.stage}${path}`,
      accountId: t.accountId,
      protocol: r.protocol,
      stage: t.stage,
      domainPrefix: t.domainName.split('.')[0],
      requestTimeEpoch: r.time,
      requestId: r.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: r.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: header(r, 'user-agent') ?? null,
        user: null,
        apiKey: null,
      },
      domainName: t.domainName,
      apiId: t.apiId,
    },
    body,
    isBase64Encoded,
  };
}

/** The payload format 2.0 event of HTTP APIs and function URLs (`url` adds their fixed fields). */
export function httpV2Event(r: FrontRequest, t: RequestTarget, url: boolean): Record<string, unknown> {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [k, v] of r.headers) {
    const name = k.toLowerCase();
    if (name === 'cookie') cookies.push(...v.split(/;\s*/).filter(Boolean));
    else headers[name] = headers[name] === undefined ? v : `${headers[name]},${v}`;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of queryPairs(r.rawQuery)) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const { body, isBase64Encoded } = bodyOf(r.body);
  const hasParams = Object.keys(t.pathParameters).length > 0;
  return {
    version: '2.0',
    routeKey: t.routeKey,
    rawPath: r.rawPath,
    rawQueryString: r.rawQuery,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: url ? (t.iam?.accountId ?? 'anonymous') : t.accountId,
      apiId: t.apiId,
      ...(url ? { authentication: null } : {}),
      ...(t.iam ? { authorizer: { iam: { accessKey: t.iam.accessKey, accountId: t.iam.accountId, callerId: t.iam.accessKey, cognitoIdentity: null, principalOrgId: null, userArn: `arn:aws:iam::${t.iam.accountId}:user/local`, userId: t.iam.accessKey } } } : {}),
      domainName: t.domainName,
      domainPrefix: t.domainName.split('.')[0],
      http: { method: r.method, path: r.rawPath, protocol: r.protocol, sourceIp: r.sourceIp, userAgent: header(r, 'user-agent') ?? '' },
      requestId: r.requestId,
      routeKey: t.routeKey,
      stage: t.stage,
      time: clfTime(r.time),
      timeEpoch: r.time,
    },
    ...(body !== null ? { body } : {}),
    ...(url ? { pathParameters: null } : hasParams ? { pathParameters: { ...t.pathParameters } } : {}),
    isBase64Encoded,
    ...(url ? { stageVariables: null } : {}),
  };
}
