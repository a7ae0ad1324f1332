// API Gateway events beside the HTTP proxy ones: Lambda authorizers (REST API TOKEN and REQUEST, HTTP
// API payload format 2.0) and WebSocket API routes, in the shapes of the API Gateway developer guide.
import { randomUUID } from 'node:crypto';
import type { SampleContext, SampleType } from './sampleTypes';

const options = {
  token: { default: 'allow', help: 'the Authorization header value' },
  method: { default: 'GET', help: 'HTTP method' },
  path: { default: '/hello', help: 'request path' },
  'api-id': { default: 'abcdef123', help: 'API id' },
  stage: { default: 'Prod', help: 'stage' },
};

function methodArn(o: Readonly<Record<string, string>>, ctx: SampleContext): string {
  return `arn:aws:execute-api:${ctx.partition.region}:${ctx.partition.accountId}:${o['api-id']}/${o['stage']}/${(o['method'] ?? 'GET').toUpperCase()}${o['path']}`;
}

/** `generate-event apigateway authorizer-token|authorizer-request|http-api-authorizer`. */
export const authorizerSamples: Readonly<Record<string, SampleType>> = {
  'authorizer-token': {
    help: 'REST API Lambda authorizer, TOKEN type',
    options,
    build: (o, ctx) => ({ type: 'TOKEN', authorizationToken: o['token'], methodArn: methodArn(o, ctx) }),
  },
  'authorizer-request': {
    help: 'REST API Lambda authorizer, REQUEST type',
    options,
    build: (o, ctx) => {
      const headers = { Authorization: o['token'] ?? '', Host: `${o['api-id']}.execute-api.${ctx.partition.region}.amazonaws.com` };
      return {
        type: 'REQUEST',
        methodArn: methodArn(o, ctx),
        resource: o['path'],
        path: o['path'],
        httpMethod: (o['method'] ?? 'GET').toUpperCase(),
        headers,
        multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
        queryStringParameters: {},
        multiValueQueryStringParameters: {},
        pathParameters: {},
        stageVariables: {},
        requestContext: { path: `/${o['stage']}${o['path']}`, accountId: ctx.partition.accountId, resourceId: 'abc123', stage: o['stage'], requestId: randomUUID(), identity: { sourceIp: '127.0.0.1', userAgent: 'lambda-workbench-sample' }, resourcePath: o['path'], httpMethod: (o['method'] ?? 'GET').toUpperCase(), apiId: o['api-id'] },
      };
    },
  },
  'http-api-authorizer': {
    help: 'HTTP API Lambda authorizer (payload format 2.0)',
    options: { ...options, stage: { default: '$default', help: 'stage' } },
    build: (o, ctx) => {
      const method = (o['method'] ?? 'GET').toUpperCase();
      const host = `${o['api-id']}.execute-api.${ctx.partition.region}.amazonaws.com`;
      return {
        version: '2.0',
        type: 'REQUEST',
        routeArn: methodArn(o, ctx),
        identitySource: [o['token']],
        routeKey: `${method} ${o['path']}`,
        rawPath: o['path'],
        rawQueryString: '',
        headers: { authorization: o['token'], host },
        requestContext: { accountId: ctx.partition.accountId, apiId: o['api-id'], domainName: host, domainPrefix: o['api-id'], http: { method, path: o['path'], protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'lambda-workbench-sample' }, requestId: randomUUID(), routeKey: `${method} ${o['path']}`, stage: o['stage'], time: new Date(ctx.now).toISOString(), timeEpoch: ctx.now },
        pathParameters: {},
        stageVariables: {},
      };
    },
  },
};

const WEBSOCKET_EVENT_TYPES: Readonly<Record<string, string>> = { $connect: 'CONNECT', $disconnect: 'DISCONNECT' };

/** `generate-event apigateway websocket`: an API Gateway WebSocket API route event ($connect, $disconnect or a message route). */
export const websocketSample: SampleType = {
  help: 'API Gateway WebSocket API route ($connect, $disconnect or a message route such as $default)',
  options: { 'route-key': { default: '$default', help: 'route key' }, body: { default: '{"action":"sendmessage","data":"hello"}', help: 'message body (message routes)' }, 'api-id': { default: 'abcdef123', help: 'API id' }, stage: { default: 'production', help: 'stage' } },
  build: (o, ctx) => {
    const routeKey = o['route-key'] ?? '$default';
    const eventType = WEBSOCKET_EVENT_TYPES[routeKey] ?? 'MESSAGE';
    const domainName = `${o['api-id']}.execute-api.${ctx.partition.region}.amazonaws.com`;
    const headers = { Host: domainName, 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13', 'X-Forwarded-For': '127.0.0.1' };
    const requestContext: Record<string, unknown> = {
      routeKey,
      eventType,
      extendedRequestId: randomUUID(),
      requestTime: new Date(ctx.now).toUTCString(),
      messageDirection: 'IN',
      stage: o['stage'],
      connectedAt: ctx.now,
      requestTimeEpoch: ctx.now,
      identity: { sourceIp: '127.0.0.1', userAgent: 'lambda-workbench-sample' },
      requestId: randomUUID(),
      domainName,
      connectionId: 'ZZ1a2bCDEFGhIJ=',
      apiId: o['api-id'],
      ...(eventType === 'MESSAGE' ? { messageId: 'ZZ1b2cDEFGhIJK=' } : {}),
      ...(eventType === 'DISCONNECT' ? { disconnectStatusCode: 1005, disconnectReason: 'Client-side close frame status not set' } : {}),
    };
    return {
      ...(eventType !== 'MESSAGE' ? { headers, multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])) } : {}),
      requestContext,
      isBase64Encoded: false,
      ...(eventType === 'MESSAGE' ? { body: o['body'] } : {}),
    };
  },
};
