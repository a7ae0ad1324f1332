// Sample HTTP events (API Gateway v1 and v2, function URL, ALB) built by the HTTP front's own
// builders, from editable options.
import { randomUUID } from 'node:crypto';
import { apiGatewayV1Event, httpV2Event, type FrontRequest, type RequestTarget } from '../http/apiGatewayEvents';
import type { SampleContext, SampleType } from './sampleTypes';

const httpOptions = {
  method: { default: 'GET', help: 'HTTP method' },
  path: { default: '/hello', help: 'request path (percent-encoded as sent)' },
  query: { default: '', help: 'query string without "?", e.g. "a=1&b=2"' },
  body: { default: '', help: 'request body' },
  headers: { default: '{}', help: 'extra request headers as a JSON object' },
} as const;

/** The request an HTTP sample stands for, shaped like what the front receives. */
export function sampleRequest(o: Readonly<Record<string, string>>, ctx: SampleContext, host: string): FrontRequest {
  let extra: Record<string, unknown>;
  try {
    extra = JSON.parse(o['headers'] ?? '{}') as Record<string, unknown>;
  } catch {
    throw new Error(`--headers must be a JSON object, got ${o['headers']}`);
  }
  const body = o['body'] ?? '';
  const headers: [string, string][] = [['Host', host], ['User-Agent', 'lambda-workbench-sample'], ...Object.entries(extra).map(([k, v]) => [k, String(v)] as [string, string])];
  if (body) headers.push(['Content-Type', 'application/json']);
  return { method: (o['method'] ?? 'GET').toUpperCase(), rawPath: o['path'] ?? '/', rawQuery: o['query'] ?? '', headers, body: Buffer.from(body), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', time: ctx.now, requestId: randomUUID() };
}

function params(template: string, path: string): Record<string, string> {
  const t = template.split('/').filter(Boolean);
  const p = path.split('/').filter(Boolean);
  const out: Record<string, string> = {};
  t.forEach((seg, i) => {
    const m = /^\{(.+?)(\+)?\}$/.exec(seg);
    if (m) out[m[1] as string] = decodeURIComponent(m[2] ? p.slice(i).join('/') : (p[i] ?? ''));
  });
  return out;
}

/** HTTP sample events by source and type. */
export const httpSamples: Readonly<Record<string, Readonly<Record<string, SampleType>>>> = {
  apigateway: {
    'aws-proxy': {
      help: 'API Gateway REST API proxy integration (payload 1.0)',
      options: { ...httpOptions, resource: { default: '/hello', help: 'route path template, e.g. /items/{id}' }, stage: { default: 'Prod', help: 'stage name' }, 'api-id': { default: '1234567890', help: 'API id' } },
      build: (o, ctx) => {
        const target: RequestTarget = { accountId: ctx.partition.accountId, apiId: o['api-id'] as string, stage: o['stage'] as string, resource: o['resource'] as string, routeKey: '', pathParameters: params(o['resource'] as string, o['path'] as string), domainName: `${o['api-id']}.execute-api.${ctx.partition.region}.amazonaws.com` };
        return apiGatewayV1Event(sampleRequest(o, ctx, target.domainName), target);
      },
    },
    'http-api-proxy': {
      help: 'API Gateway HTTP API (payload 2.0)',
      options: { ...httpOptions, route: { default: '$default', help: 'route path template, or $default' }, stage: { default: '$default', help: 'stage name' }, 'api-id': { default: '1234567890', help: 'API id' } },
      build: (o, ctx) => {
        const route = o['route'] as string;
        const target: RequestTarget = { accountId: ctx.partition.accountId, apiId: o['api-id'] as string, stage: o['stage'] as string, resource: route, routeKey: route === '$default' ? '$default' : `${(o['method'] as string).toUpperCase()} ${route}`, pathParameters: route === '$default' ? {} : params(route, o['path'] as string), domainName: `${o['api-id']}.execute-api.${ctx.partition.region}.amazonaws.com` };
        return httpV2Event(sampleRequest(o, ctx, target.domainName), target, false);
      },
    },
  },
  'lambda-url': {
    request: {
      help: 'Function URL request (payload 2.0)',
      options: { ...httpOptions, 'url-id': { default: 'abcdefghijklmnopqrstuvwxyz012345', help: 'the 32-character URL id' } },
      build: (o, ctx) => {
        const domainName = `${o['url-id']}.lambda-url.${ctx.partition.region}.on.aws`;
        const target: RequestTarget = { accountId: ctx.partition.accountId, apiId: o['url-id'] as string, stage: '$default', resource: '$default', routeKey: '$default', pathParameters: {}, domainName };
        return httpV2Event(sampleRequest(o, ctx, domainName), target, true);
      },
    },
  },
  alb: {
    request: {
      help: 'Application Load Balancer target group request',
      options: { ...httpOptions, 'target-group': { default: 'lambda-target', help: 'target group name' } },
      build: (o, ctx) => {
        const r = sampleRequest(o, ctx, 'lambda-alb-123578498.us-east-1.elb.amazonaws.com');
        const query: Record<string, string> = {};
        for (const pair of r.rawQuery.split('&').filter(Boolean)) {
          const [k, v = ''] = pair.split('=');
          query[k as string] = v;
        }
        return {
          requestContext: { elb: { targetGroupArn: `arn:aws:elasticloadbalancing:${ctx.partition.region}:${ctx.partition.accountId}:targetgroup/${o['target-group']}/943f017f100becff` } },
          httpMethod: r.method,
          path: r.rawPath,
          queryStringParameters: query,
          headers: Object.fromEntries(r.headers.map(([k, v]) => [k.toLowerCase(), v])),
          body: r.body.toString('utf8'),
          isBase64Encoded: false,
        };
      },
    },
  },
};
