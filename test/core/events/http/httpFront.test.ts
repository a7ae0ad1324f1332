// The HTTP front: template Api / HttpApi routes and function URLs on a local port. Requests through
// the front give the same result as invoking with the generated sample event; response mapping,
// routing priority, errors, function URL auth and CORS.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { generateEvent } from '../../../../src/core/events/samples/sampleEvents';
import type { InvocationRecord } from '../../../../src/core/invoke/invoker';
import { handlers, samTemplate } from '../eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent } from '../../../support/wait';

const web = `exports.handler = async (event) => {
  const path = event.rawPath ?? event.path;
  if (path.includes('/fail')) throw new Error('route failed');
  const view = { method: event.httpMethod ?? event.requestContext.http.method, path, params: event.pathParameters ?? null,
    query: event.queryStringParameters ?? null, body: event.body ?? null, resource: event.resource ?? event.routeKey };
  if (event.version !== '2.0') {
    return { statusCode: 201, headers: { 'X-Path': event.path }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: JSON.stringify(view) };
  }
  if (path.endsWith('/string')) return 'hello';
  if (path.endsWith('/plain')) return { ok: true, iam: event.requestContext.authorizer ? event.requestContext.authorizer.iam.accessKey : null };
  return { statusCode: 200, cookies: ['c=3'], headers: { 'content-type': 'application/json' }, body: JSON.stringify(view) };
};
`;

const template = samTemplate(`  Web:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: web
      CodeUri: src
      Handler: web.handler
      Runtime: nodejs20.x
      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins:
            - https://app.example
          AllowMethods:
            - GET
            - POST
      Events:
        GetItem:
          Type: Api
          Properties:
            Path: /items/{id}
            Method: get
        Files:
          Type: Api
          Properties:
            Path: /files/{proxy+}
            Method: any
        Latest:
          Type: Api
          Properties:
            Path: /items/latest
            Method: get
        V2:
          Type: HttpApi
          Properties:
            Path: /v2/items/{id}
            Method: POST
  Versioned:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: versioned
      CodeUri: src
      Handler: web.handler
      Runtime: nodejs20.x
      AutoPublishAlias: live
      Events:
        Get:
          Type: Api
          Properties:
            Path: /versioned
            Method: get
  Private:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: private
      CodeUri: src
      Handler: web.handler
      Runtime: nodejs20.x
      FunctionUrlConfig:
        AuthType: AWS_IAM
`);

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

describe('HTTP front', function () {
  this.timeout(30_000);
  let t: TestEngine;
  let base: string;
  const request = (method: string, path: string, body = '', headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const lastEvent = (): Promise<any> => nextEvent<[InvocationRecord]>(t, 'invocation').then(([r]) => JSON.parse(r.payload.toString('utf8')));
  const invokeWith = async (event: unknown): Promise<any> => JSON.parse((await t.invoke({ functionName: 'web', payload: Buffer.from(JSON.stringify(event)) })).payload.toString('utf8'));

  before(async () => {
    t = await startTestEngine({ listen: true, template, files: { ...handlers, 'src/web.js': web } });
    base = await t.events.http.listen(0);
  });
  after(async () => t.dispose());

  it('serves a REST route like invoking with the generated aws-proxy event', async () => {
    const seen = lastEvent();
    const reply = await request('GET', '/items/42?a=1&a=2');
    const event = await seen;
    const sample = generateEvent('apigateway', 'aws-proxy', { path: '/items/42', resource: '/items/{id}', query: 'a=1&a=2' }, t.partition);
    assert.deepEqual(Object.keys(event), Object.keys(sample));
    assert.deepEqual(Object.keys(event.requestContext), Object.keys(sample['requestContext'] as object));
    const direct = await invokeWith(sample);
    assert.equal(reply.status, direct.statusCode);
    assert.equal(reply.text, direct.body);
    assert.deepEqual(JSON.parse(reply.text), { method: 'GET', path: '/items/42', params: { id: '42' }, query: { a: '2' }, body: null, resource: '/items/{id}' });
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '2'] });
    assert.equal(event.requestContext.stage, 'Prod');
    assert.equal(event.requestContext.path, '/Prod/items/42');
    assert.equal(reply.headers['x-path'], '/items/42');
    assert.deepEqual(reply.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(reply.headers['content-type'], 'application/json');
  });

  it('prefers literal routes, supports {proxy+}, and answers unknown routes and errors like API Gateway', async () => {
    assert.equal(JSON.parse((await request('GET', '/items/latest')).text).resource, '/items/latest');
    const files = JSON.parse((await request('DELETE', '/files/a/b/c.txt')).text);
    assert.deepEqual([files.method, files.params], ['DELETE', { proxy: 'a/b/c.txt' }]);
    const missing = await request('GET', '/nowhere');
    assert.deepEqual([missing.status, JSON.parse(missing.text)], [404, { message: 'Not Found' }]);
    const failed = await request('GET', '/items/fail');
    assert.deepEqual([failed.status, JSON.parse(failed.text)], [502, { message: 'Internal server error' }]);
  });

  it('serves an HTTP API route like invoking with the generated http-api-proxy event', async () => {
    const seen = lastEvent();
    const reply = await request('POST', '/v2/items/7?x=1&x=2', '{"n":1}', { Cookie: 'k=v; j=w' });
    const event = await seen;
    const sample = generateEvent('apigateway', 'http-api-proxy', { method: 'POST', path: '/v2/items/7', route: '/v2/items/{id}', query: 'x=1&x=2', body: '{"n":1}', headers: '{"Cookie":"k=v; j=w"}' }, t.partition);
    assert.deepEqual(Object.keys(event), Object.keys(sample));
    const direct = await invokeWith(sample);
    assert.equal(reply.status, direct.statusCode);
    assert.equal(reply.text, direct.body);
    assert.equal(event.routeKey, 'POST /v2/items/{id}');
    assert.deepEqual(event.cookies, ['k=v', 'j=w']);
    assert.deepEqual(event.queryStringParameters, { x: '1,2' });
    assert.deepEqual(reply.headers['set-cookie'], ['c=3']);
  });

  it('serves function URLs by path prefix and by host, with their response rules and CORS', async () => {
    const seen = lastEvent();
    const plain = await request('GET', '/lambda-url/web/plain', '', { Origin: 'https://app.example' });
    const event = await seen;
    const sample = generateEvent('lambda-url', 'request', { path: '/plain' }, t.partition);
    assert.deepEqual(Object.keys(event), Object.keys(sample));
    assert.deepEqual(Object.keys(event.requestContext), Object.keys(sample['requestContext'] as object));
    assert.equal(event.rawPath, '/plain');
    assert.equal(event.requestContext.accountId, 'anonymous');
    assert.deepEqual([plain.status, plain.headers['content-type'], JSON.parse(plain.text)], [200, 'application/json', { ok: true, iam: null }]);
    assert.equal(plain.headers['access-control-allow-origin'], 'https://app.example');
    const text = await request('GET', '/string', '', { Host: 'web.lambda-url.localhost' });
    assert.deepEqual([text.status, text.text], [200, 'hello'], 'a bare string is the body as is');
    const pre = await request('OPTIONS', '/lambda-url/web/x', '', { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' });
    assert.equal(pre.status, 200);
    assert.equal(pre.headers['access-control-allow-methods'], 'GET,POST');
    const failed = await request('GET', '/lambda-url/web/fail');
    assert.equal(failed.status, 502);
  });

  it('runs $LATEST for a function with AutoPublishAlias until a version is published', async () => {
    assert.deepEqual(t.events.http.list().routes.filter((r) => r.functionName === 'versioned').map((r) => r.target), ['versioned']);
    assert.equal((await request('GET', '/versioned')).status, 201);
  });

  it('requires a signed request for an AWS_IAM function URL', async () => {
    const denied = await request('GET', '/lambda-url/private/plain');
    assert.equal(denied.status, 403);
    assert.equal(denied.headers['x-amzn-errortype'], 'AccessDeniedException');
    assert.deepEqual(JSON.parse(denied.text), { Message: 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' });
    const signed = await request('GET', '/lambda-url/private/plain', '', {
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIDCALLER/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
    });
    assert.deepEqual([signed.status, JSON.parse(signed.text)], [200, { ok: true, iam: 'AKIDCALLER' }]);
  });
});
