// Route types for the engine's HTTP API: REST routes (Lambda, matched by method and path) and JSON
// protocol targets (CloudWatch Logs, SQS; matched by the X-Amz-Target prefix on POST /).
import type * as http from 'node:http';

/** Who called, from the SigV4 credential (or `anonymous` for unsigned requests). */
export interface Caller {
  readonly accessKeyId: string;
  /** Principal ARN mapped from the access key in strict mode. */
  readonly principal: string | undefined;
}

export interface ApiRequest {
  readonly method: string;
  /** Decoded path. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** Decoded regex capture groups of the route pattern. */
  readonly params: readonly string[];
  readonly requestId: string;
  readonly caller: Caller;
  /** Low-level access for routes that stream (live tail). */
  readonly raw: { readonly req: http.IncomingMessage; readonly res: http.ServerResponse };
}

export interface ApiReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Buffers and strings are sent as they are; anything else as JSON. */
  readonly body?: unknown;
  /** The route wrote the response itself (streaming). */
  readonly handled?: boolean;
}

export type RouteHandler = (req: ApiRequest) => ApiReply | Promise<ApiReply>;

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: RouteHandler;
  /** Largest body accepted; larger requests get `tooLarge`. */
  readonly bodyLimit?: number;
  readonly tooLarge?: () => Error;
  /** The route checks its own credential (a presigned-style token), so strict mode does not ask for SigV4. */
  readonly selfAuthenticated?: boolean;
}

/** A JSON-protocol service on POST / (e.g. prefix `Logs_20140328`, operation `FilterLogEvents`). */
export interface TargetService {
  readonly prefix: string;
  readonly handle: (operation: string, req: ApiRequest) => ApiReply | Promise<ApiReply>;
  /** Error rendering differs per protocol (JSON 1.0/1.1 use `__type`). */
  readonly contentType: string;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiReply =>
  headers ? { status, body, headers } : { status, body };

/** Parses a JSON request body; an empty body is `{}`. */
export function parseJsonBody<T>(req: ApiRequest, onError: (message: string) => Error): T {
  if (req.body.length === 0) return {} as T;
  try {
    const value = JSON.parse(req.body.toString('utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected a JSON object');
    return value as T;
  } catch (e) {
    throw onError((e as Error).message);
  }
}
