// The engine's HTTP endpoint: loopback by default, rejects DNS-rebinding Hosts and browser Origins,
// reads SigV4 identities (verifying them in strict mode), routes to REST routes or JSON-protocol
// targets, and renders errors the way the AWS SDKs parse them.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, messageOf } from '../../errors';
import type { ApiReply, ApiRequest, Caller, Route, TargetService } from './router';
import { answerMalformedRequests } from '../../security/malformedRequests';
import { authenticateRequest, authFailureReply, type AccessKey, type Audience, type Protocol } from '../../security/requestAuth';
import { parseAuthorization } from '../../security/sigv4';
import { refuseOtherUsers } from '../../security/peerUser';

export interface AuthSettings {
  /** Only accept requests signed with one of `keys`. */
  readonly strict: boolean;
  readonly keys: readonly AccessKey[];
  /** The region signatures must be scoped to (the engine's; default us-east-1). */
  readonly region?: string;
  /** Milliseconds since the epoch, for the signing-time window (tests move it). */
  readonly now?: () => number;
}

// The SigV4 service name each JSON target must be signed for, and whether it keeps Query error codes.
const TARGET_SERVICES: Record<string, { readonly service: string; readonly queryCompatible: boolean }> = {
  Logs_20140328: { service: 'logs', queryCompatible: false },
  AmazonSQS: { service: 'sqs', queryCompatible: true },
  Kinesis_20131202: { service: 'kinesis', queryCompatible: false },
};

export interface ApiServerOptions {
  readonly host?: string;
  readonly port?: number;
  readonly auth?: AuthSettings;
  /** Extra Host names accepted besides loopback names (only when bound elsewhere on purpose). */
  readonly allowedHosts?: readonly string[];
  /** Called with each denied request, for the audit log. */
  readonly onDenied?: (reason: string, req: http.IncomingMessage) => void;
}

const DEFAULT_BODY_LIMIT = 6 * 1024 * 1024 + 1024;
const loopbackHost = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|[a-z0-9-]+\.localhost)$/i;

export class ApiServer {
  private readonly server: http.Server;
  private readonly routes: Route[] = [];
  private readonly targets = new Map<string, TargetService>();
  private url: string | undefined;

  constructor(private readonly options: ApiServerOptions = {}) {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.headersTimeout = 30_000;
    this.server.requestTimeout = 120_000;
    this.server.maxHeadersCount = 200;
    answerMalformedRequests(this.server);
    // Without strict keys, the endpoint's only guard against other local users is who they are.
    if (!options.auth?.strict) refuseOtherUsers(this.server, (uid) => options.onDenied?.(`Connection refused: uid ${uid} is not the engine's user.`, { method: 'CONNECT', url: '' } as http.IncomingMessage));
  }

  addRoutes(routes: readonly Route[]): void {
    this.routes.push(...routes);
  }

  addTarget(service: TargetService): void {
    this.targets.set(service.prefix, service);
  }

  /** Starts listening; resolves with the base URL (`http://127.0.0.1:PORT`). */
  async listen(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    if (!isLoopbackAddress(host) && !this.options.auth?.strict) {
      throw new ApiError('InvalidConfiguration', 400, `Refusing to listen on ${host}: binding beyond loopback requires strict authentication (serve --strict, with keys from LAMBDA_WORKBENCH_ACCESS_KEY_ID/LAMBDA_WORKBENCH_SECRET_ACCESS_KEY or --keys-file).`);
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return this.url;
  }

  get baseUrl(): string | undefined {
    return this.url;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const requestId = randomUUID();
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!loopbackHost.test(hostname) && !this.options.allowedHosts?.includes(hostname)) {
      return this.deny(req, res, requestId, `Request rejected: Host '${hostname}' is not a loopback name (DNS rebinding protection).`);
    }
    if (req.headers.origin !== undefined) {
      return this.deny(req, res, requestId, `Request rejected: requests from web pages (Origin ${req.headers.origin}) are not accepted.`);
    }
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    let path: string;
    try {
      path = decodeURIComponent(q < 0 ? rawUrl : rawUrl.slice(0, q));
    } catch {
      return this.send(res, requestId, errorReply(new ApiError('ValidationException', 400, 'Malformed request path')));
    }
    const method = req.method ?? 'GET';
    const target = method === 'POST' && path === '/' ? (req.headers['x-amz-target'] as string | undefined) : undefined;
    let route: Route | undefined;
    let params: string[] = [];
    if (target === undefined) {
      for (const r of this.routes) {
        if (r.method !== method) continue;
        const m = r.pattern.exec(path);
        if (m) {
          route = r;
          params = m.slice(1).map((p) => p ?? '');
          break;
        }
      }
    }
    const limit = route?.bodyLimit ?? DEFAULT_BODY_LIMIT;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > limit) {
        res.shouldKeepAlive = false;
        const err = route?.tooLarge?.() ?? new ApiError('RequestEntityTooLargeException', 413, `Request must be smaller than ${limit} bytes`);
        return this.send(res, requestId, errorReply(err));
      }
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
      const caller = route?.selfAuthenticated ? { accessKeyId: 'anonymous', principal: undefined } : this.authenticate(req, query, body, this.audience(method, path, target));
      if (!('accessKeyId' in caller)) {
        const reply = authFailureReply(caller, caller.protocol, requestId);
        this.options.onDenied?.(`${reply.code}: ${caller.message}`, req);
        return this.send(res, requestId, { status: reply.status, headers: reply.headers, body: reply.body });
      }
      const apiReq: ApiRequest = { method, path, query, headers: req.headers, body, params, requestId, caller, raw: { req, res } };
      if (target !== undefined) return this.dispatchTarget(target, apiReq);
      if (!route) {
        return this.send(res, requestId, errorReply(new ApiError('UnknownOperationException', 404, `No Lambda Workbench API operation matches ${method} ${path}`)));
      }
      let result: ApiReply | Promise<ApiReply>;
      try {
        result = route.handler(apiReq);
      } catch (e) {
        return this.send(res, requestId, errorReply(e));
      }
      if (result instanceof Promise) {
        result.then((r) => this.send(res, requestId, r), (e: unknown) => this.send(res, requestId, errorReply(e)));
      } else this.send(res, requestId, result);
    });
  }

  private dispatchTarget(target: string, req: ApiRequest): void {
    const dot = target.indexOf('.');
    const service = this.targets.get(dot < 0 ? target : target.slice(0, dot));
    const operation = dot < 0 ? '' : target.slice(dot + 1);
    const { res } = req.raw;
    if (!service) {
      return this.send(res, req.requestId, { status: 400, headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: { __type: 'UnknownOperationException', message: `Unknown target ${target}` } });
    }
    const fail = (e: unknown): void => this.send(res, req.requestId, jsonProtocolError(e, service.contentType));
    try {
      const r = service.handle(operation, req);
      if (r instanceof Promise) r.then((v) => this.send(res, req.requestId, v), fail);
      else this.send(res, req.requestId, r);
    } catch (e) {
      fail(e);
    }
  }

  /** Which service and region a request must be signed for, and its protocol's error shape. */
  private audience(method: string, path: string, target: string | undefined): Audience {
    const region = this.options.auth?.region ?? 'us-east-1';
    if (target !== undefined) {
      const prefix = target.split('.')[0] ?? '';
      const known = TARGET_SERVICES[prefix];
      const contentType = this.targets.get(prefix)?.contentType ?? 'application/x-amz-json-1.1';
      return { service: known?.service, region, protocol: { kind: 'json', contentType, queryCompatible: known?.queryCompatible ?? false } };
    }
    // POST / without a target is the Query protocol (SNS); everything else is Lambda's REST API.
    if (method === 'POST' && path === '/') return { service: 'sns', region, protocol: { kind: 'query' } };
    return { service: 'lambda', region, protocol: { kind: 'rest-json' } };
  }

  private authenticate(req: http.IncomingMessage, query: URLSearchParams, body: Buffer, audience: Audience): Caller | { message: string; reason: 'missing' | 'unknown-key' | 'bad-signature' | 'expired' | 'scope'; protocol: Protocol } {
    const settings = this.options.auth;
    if (!settings?.strict) return { accessKeyId: parseAuthorization(req.headers.authorization)?.accessKeyId ?? 'anonymous', principal: undefined };
    const r = authenticateRequest(req, query, body, settings.keys, audience, settings.now?.() ?? Date.now());
    if ('reason' in r) return { ...r, protocol: audience.protocol };
    return { accessKeyId: r.accessKeyId, principal: r.principal };
  }

  private deny(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, message: string): void {
    this.options.onDenied?.(message, req);
    req.resume();
    res.shouldKeepAlive = false;
    this.send(res, requestId, errorReply(new ApiError('AccessDeniedException', 403, message)));
  }

  private send(res: http.ServerResponse, requestId: string, reply: ApiReply): void {
    if (reply.handled || res.headersSent) return;
    const body = reply.body;
    let data: Buffer | string;
    let type: string | undefined;
    if (body === undefined) data = '';
    else if (Buffer.isBuffer(body) || typeof body === 'string') data = body;
    else {
      data = JSON.stringify(body);
      type = 'application/json';
    }
    const headers: http.OutgoingHttpHeaders = { 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(data) };
    if (type) headers['Content-Type'] = type;
    if (reply.headers) Object.assign(headers, reply.headers);
    res.writeHead(reply.status, headers);
    res.end(data);
  }
}

export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** REST-JSON error: `x-amzn-ErrorType` plus `{"Type","Message","message"}` (both casings parse). */
export function errorReply(e: unknown): ApiReply {
  const err = e instanceof ApiError ? e : new ApiError('ServiceException', 500, messageOf(e));
  const body: Record<string, unknown> = err.type === 'ValidationException' ? { message: err.message } : { Type: 'User', Message: err.message, message: err.message };
  Object.assign(body, err.extra);
  return { status: err.statusCode, headers: { 'x-amzn-ErrorType': err.type, ...err.headers }, body };
}

/** JSON 1.0/1.1 protocol error: `{"__type","message"}`. */
export function jsonProtocolError(e: unknown, contentType: string): ApiReply {
  const err = e instanceof ApiError ? e : new ApiError('ServiceUnavailableException', 500, messageOf(e));
  return { status: err.statusCode, headers: { 'Content-Type': contentType, 'x-amzn-ErrorType': err.type, ...err.headers }, body: { __type: err.type, message: err.message, ...err.extra } };
}
