// The HTTP front: serves the template's Api / HttpApi routes and function URLs on a local port, like
// `sam local start-api`; requests become API Gateway v1 / v2 or function URL events, results become
// HTTP responses. Function URLs answer on `<function>.lambda-url.localhost` or `/lambda-url/<function>/`.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAuthorization } from '../../security/sigv4';
import type { Partition } from '../../arn';
import type { Clock } from '../../clock';
import { ApiError, messageOf } from '../../errors';
import type { FunctionRegistry } from '../../functions/functionRegistry';
import type { Invoker } from '../../invoke/invoker';
import type { Project } from '../../project/functionSpec';
import type { TargetOf } from '../templateTarget';
import { apiGatewayV1Event, httpV2Event, type FrontRequest, type RequestTarget } from './apiGatewayEvents';
import type { FunctionUrlConfigs } from './functionUrlConfigs';
import { corsHeaders, preflight } from './functionUrlCors';
import { frontFromProject, matchRoute, type FrontRoute, type FunctionUrl } from './httpRoutes';
import { restResponse, v2Response, type HttpReply } from './responseMapping';
import { answerMalformedRequests } from '../../security/malformedRequests';
import { refuseOtherUsers } from '../../security/peerUser';
import { urlResponseStream } from './urlResponseStream';

/** One request served, for the UI and logs. */
export interface FrontRequestLog {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly functionName: string | undefined;
  readonly requestId: string | undefined;
  readonly durationMs: number;
}

export declare interface HttpFront {
  on(event: 'request', fn: (r: FrontRequestLog) => void): this;
  on(event: 'warning', fn: (message: string) => void): this;
  /** Serving started (with the base URL) or stopped. */
  on(event: 'listening', fn: (url: string) => void): this;
  on(event: 'closed', fn: () => void): this;
}

const BODY_LIMIT = 10 * 1024 * 1024;
const forbidden = { Message: 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' };

/** Routes template HTTP events to functions. */
export class HttpFront extends EventEmitter {
  private routes: FrontRoute[] = [];
  private urls: FunctionUrl[] = [];
  private server: http.Server | undefined;
  private address: string | undefined;

  constructor(
    private readonly partition: Partition,
    private readonly clock: Clock,
    private readonly registry: FunctionRegistry,
    private readonly invoker: Invoker,
    private readonly urlConfigs: FunctionUrlConfigs,
    /** Whether a resource policy lets anyone call an API-created AuthType NONE URL. */
    private readonly publicUrlAllowed: (functionName: string, qualifier: string | undefined) => boolean = () => true,
  ) {
    super();
  }

  /** Takes the routes and function URLs of a (re)loaded template. */
  apply(project: Project, targetOf: TargetOf): void {
    const front = frontFromProject(project, targetOf, (m) => this.emit('warning', m));
    this.routes = front.routes;
    this.urls = front.urls;
    this.urlConfigs.setTemplateUrls(front.urls);
  }

  /** The URL a function URL id answers on: local while the front listens, else its AWS form. */
  localUrlOf(urlId: string): string {
    const port = this.address && new URL(this.address).port;
    return port ? `http://${urlId}.lambda-url.localhost:${port}/` : `https://${urlId}.lambda-url.${this.partition.region}.on.aws/`;
  }

  /** What is served: `METHOD /path -> function`, and each function URL. */
  list(): { routes: readonly FrontRoute[]; urls: readonly (FunctionUrl & { localUrl: string | undefined })[] } {
    return { routes: this.routes, urls: this.allUrls().map((u) => ({ ...u, localUrl: this.address && `${this.address}/lambda-url/${u.functionName}/` })) };
  }

  get url(): string | undefined {
    return this.address;
  }

  /** Starts serving on loopback; resolves with the base URL (and emits 'listening' with it). */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.address) return this.address;
    const server = http.createServer((req, res) => this.handle(req, res));
    answerMalformedRequests(server);
    refuseOtherUsers(server);
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.address = `http://${host}:${(server.address() as AddressInfo).port}`;
    this.emit('listening', this.address);
    return this.address;
  }

  /** Stops serving (and emits 'closed' when it was serving). */
  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.address = undefined;
    if (!server) return Promise.resolve();
    this.emit('closed');
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= BODY_LIMIT) chunks.push(c);
    });
    req.on('end', () => {
      const raw = req.url ?? '/';
      const q = raw.indexOf('?');
      const request: FrontRequest = {
        method: req.method ?? 'GET',
        rawPath: q < 0 ? raw : raw.slice(0, q),
        rawQuery: q < 0 ? '' : raw.slice(q + 1),
        headers: pairs(req.rawHeaders),
        body: Buffer.concat(chunks),
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        protocol: `HTTP/${req.httpVersion}`,
        time: this.clock.now(),
        requestId: randomUUID(),
      };
      const done = (reply: HttpReply, functionName?: string, invokeId?: string, written = false): void => {
        if (!written) write(res, reply);
        if (reply.problem) this.emit('warning', `${request.method} ${request.rawPath} -> ${functionName ?? 'no function'}: ${reply.problem}`);
        this.emit('request', { method: request.method, path: request.rawPath, status: reply.status, functionName, requestId: invokeId, durationMs: performance.now() - started });
      };
      if (size > BODY_LIMIT) return done(json(413, { message: 'Request Too Long' }));
      this.route(request, req.headers.host ?? '127.0.0.1', res).then(
        (r) => done(r.reply, r.functionName, r.requestId, r.written),
        (e: unknown) => done(json(500, { message: `Lambda Workbench could not serve the request: ${messageOf(e)}` })),
      );
    });
  }

  private async route(request: FrontRequest, host: string, res: http.ServerResponse): Promise<{ reply: HttpReply; functionName?: string; requestId?: string; written?: boolean }> {
    const url = this.functionUrlFor(request, host);
    if (url) return this.serveUrl(url.config, { ...request, rawPath: url.rawPath }, host, res);
    const match = matchRoute(this.routes, request.method, request.rawPath);
    if (!match) {
      return this.routes.some((r) => r.kind === 'http') ? { reply: json(404, { message: 'Not Found' }) } : { reply: json(403, { message: 'Missing Authentication Token' }) };
    }
    const { route, params } = match;
    const target: RequestTarget = {
      accountId: this.partition.accountId,
      apiId: route.apiId,
      stage: route.stage,
      resource: route.path,
      routeKey: route.path === '$default' ? '$default' : `${route.method} ${route.path}`,
      pathParameters: params,
      domainName: host.replace(/:\d+$/, ''),
    };
    const v1 = route.payloadFormat === '1.0';
    const event = v1 ? apiGatewayV1Event(request, target) : httpV2Event(request, target, false);
    return this.invoke(route.target, route.functionName, event, (p, err) => (v1 ? restResponse(p, err) : v2Response(p, err, 'http')), { message: 'Too Many Requests' });
  }

  private allUrls(): FunctionUrl[] {
    return [...this.urls, ...this.urlConfigs.served()];
  }

  private functionUrlFor(request: FrontRequest, host: string): { config: FunctionUrl; rawPath: string } | undefined {
    const label = /^([^.]+)\.lambda-url\./i.exec(host)?.[1]?.toLowerCase();
    if (label !== undefined) {
      const config = this.allUrls().find((u) => u.urlId === label || u.functionName.toLowerCase() === label);
      return config && { config, rawPath: request.rawPath };
    }
    const m = /^\/lambda-url\/([^/]+)(\/.*)?$/.exec(request.rawPath);
    const config = m ? this.allUrls().find((u) => u.functionName === decodeURIComponent(m[1] as string)) : undefined;
    return config && { config, rawPath: m?.[2] ?? '/' };
  }

  private async serveUrl(url: FunctionUrl, request: FrontRequest, host: string, res: http.ServerResponse): Promise<{ reply: HttpReply; functionName?: string; requestId?: string; written?: boolean }> {
    const origin = request.headers.find(([k]) => k.toLowerCase() === 'origin')?.[1];
    const pre = preflight(url.cors, request, origin);
    if (pre) return { reply: pre, functionName: url.functionName };
    const auth = parseAuthorization(request.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1]);
    const qualifier = url.target.includes(':') ? url.target.slice(url.target.indexOf(':') + 1) : undefined;
    if (url.fromApi && url.authType === 'NONE' && !this.publicUrlAllowed(url.functionName, qualifier)) {
      return { reply: { ...json(403, forbidden), headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException' }, problem: 'AuthType NONE needs a policy statement for lambda:InvokeFunctionUrl with Principal "*" (aws lambda add-permission --function-url-auth-type NONE).' }, functionName: url.functionName };
    }
    if (url.authType === 'AWS_IAM' && !auth) return { reply: { ...json(403, forbidden), headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException' } }, functionName: url.functionName };
    if (this.registry.get(url.functionName)?.reservedConcurrency === 0) {
      return { reply: { ...json(403, forbidden), headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException' }, problem: 'Reserved concurrency 0 disables the function URL.' }, functionName: url.functionName };
    }
    const target: RequestTarget = {
      accountId: this.partition.accountId,
      apiId: url.urlId,
      stage: '$default',
      resource: '$default',
      routeKey: '$default',
      pathParameters: {},
      domainName: host.replace(/:\d+$/, ''),
      ...(url.authType === 'AWS_IAM' && auth ? { iam: { accessKey: auth.accessKeyId, accountId: this.partition.accountId } } : {}),
    };
    const cors = corsHeaders(url.cors, origin);
    if (url.invokeMode === 'RESPONSE_STREAM') return this.streamUrl(url, httpV2Event(request, target, true), res, cors);
    const result = await this.invoke(url.target, url.functionName, httpV2Event(request, target, true), (p, err) => v2Response(p, err, 'url'), { Message: 'Rate Exceeded.' });
    return Object.keys(cors).length ? { ...result, reply: { ...result.reply, headers: { ...result.reply.headers, ...cors } } } : result;
  }

  /** A RESPONSE_STREAM URL: the response is written to `res` as the function streams it. */
  private async streamUrl(url: FunctionUrl, event: unknown, res: http.ServerResponse, cors: Record<string, string>): Promise<{ reply: HttpReply; functionName: string; requestId?: string; written?: boolean }> {
    const stream = urlResponseStream(res, cors, this.invoker.streamBandwidth);
    try {
      const r = await this.invoker.invoke({ functionName: url.target, payload: Buffer.from(JSON.stringify(event)), streamTo: () => stream.sink });
      const end = stream.finish(r.payload, r.functionError !== undefined);
      return { reply: { status: end.status, headers: {}, body: Buffer.alloc(0), ...(end.problem ? { problem: end.problem } : {}) }, functionName: url.functionName, requestId: r.requestId, written: true };
    } catch (e) {
      if (res.headersSent) {
        res.end();
        return { reply: json(500, {}, `The function could not be invoked: ${messageOf(e)}`), functionName: url.functionName, written: true };
      }
      if (e instanceof ApiError && e.statusCode === 429) return { reply: json(429, { Message: 'Rate Exceeded.' }), functionName: url.functionName };
      return { reply: json(502, { message: 'Internal server error' }, `The function could not be invoked: ${messageOf(e)}`), functionName: url.functionName };
    }
  }

  private async invoke(target: string, functionName: string, event: unknown, map: (payload: Buffer, functionError: boolean) => HttpReply, throttled: unknown): Promise<{ reply: HttpReply; functionName: string; requestId?: string }> {
    try {
      const r = await this.invoker.invoke({ functionName: target, payload: Buffer.from(JSON.stringify(event)) });
      return { reply: map(r.payload, r.functionError !== undefined), functionName, requestId: r.requestId };
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 429) return { reply: json(429, throttled), functionName };
      return { reply: json(502, { message: 'Internal server error' }, `The function could not be invoked: ${messageOf(e)}`), functionName };
    }
  }
}

function pairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

function json(status: number, value: unknown, problem?: string): HttpReply {
  return { status, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(value)), ...(problem ? { problem } : {}) };
}

function write(res: http.ServerResponse, reply: HttpReply): void {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(reply.headers)) headers[k] = typeof v === 'string' ? v : [...v];
  headers['Content-Length'] = reply.body.length;
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}
