// The Invoke operation (fidelity 5): validates the request like Lambda, resolves the function and
// qualifier, runs the event in an environment from the pool, and shapes the response.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { functionArn, parseFunctionRef, type FunctionRef, type Partition } from '../arn';
import { ApiError, validationError } from '../errors';
import type { FunctionRegistry, ResolvedFunction } from '../functions/functionRegistry';
import type { EnvironmentPool } from '../runtime/environmentPool';
import type { ExecutionEnvironment } from '../runtime/executionEnvironment';
import type { ReloadMode } from '../runtime/hotReload';
import { EnvironmentLostError } from '../runtime/executionEnvironment';
import type { InvocationInput, InvocationOutcome } from '../runtime/invocation';
import { LAMBDA_STREAM_BANDWIDTH, type ResponseSink, type StreamBandwidth } from '../runtime/streamedResponse';
import { childTrace, RECURSION_LIMIT, RecursiveInvocationError } from './recursionGuard';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeRequest {
  /** Any accepted FunctionName form. */
  readonly functionName: string;
  readonly qualifier?: string;
  readonly payload: Buffer;
  readonly invocationType?: InvocationType;
  readonly logType?: 'None' | 'Tail';
  /** Base64 client context, as in `X-Amz-Client-Context`. */
  readonly clientContext?: string;
  readonly tenantId?: string;
  /** The caller's X-Amzn-Trace-Id (its lineage counts toward recursive loop detection). */
  readonly traceHeader?: string;
  /** This invocation's trace header, already derived (an accepted Event running later). */
  readonly traceId?: string;
  /** An event source that recursive loop detection covers (Event invocations are covered too). */
  readonly eventSource?: 'sqs' | 'sns';
  /** Loop detection stopped this Event: the queue sends it to the DLQ / on-failure destination unrun. */
  readonly recursionDropped?: boolean;
  /** Reuse a request id (async retries keep the same one). */
  readonly requestId?: string;
  /** Run in this environment instead of one from the pool (the debugger's own environment). */
  readonly environment?: ExecutionEnvironment;
  /** Streams the response as it is written (given the executed version); without it a stream is buffered. */
  readonly streamTo?: (executedVersion: string) => ResponseSink;
  /** The API caller (SigV4 identity), checked by `authorize` in strict mode. */
  readonly caller?: { readonly accessKeyId: string; readonly principal?: string | undefined };
  /** `X-Amz-Durable-Execution-Name`: names the durable execution this call starts (idempotent). */
  readonly durableExecutionName?: string;
  /** A replay invocation of a durable execution (runs the function instead of starting an execution). */
  readonly durableReplay?: boolean;
  /** The durable execution whose chained invoke (context.invoke) this is (no synchronous limit applies). */
  readonly durableParent?: string;
  /** After a code-only change: recycle the environment or reload the handler module (default: `reloadMode`). */
  readonly reload?: ReloadMode;
}

export interface InvokeResponse {
  readonly statusCode: 200 | 202 | 204;
  readonly requestId: string;
  readonly executedVersion?: string;
  readonly functionError?: 'Unhandled';
  readonly payload: Buffer;
  readonly contentType?: string;
  /** Base64 of the last 4 KB of the invocation's log, when Tail was asked. */
  readonly logResult?: string;
  readonly outcome?: InvocationOutcome;
  /** `X-Amz-Durable-Execution-Arn` of the execution a durable function's Invoke started. */
  readonly durableExecutionArn?: string;
}

/** Fired after every invocation that ran (sync or async), for logs, metrics and the UI. */
export interface InvocationRecord {
  readonly functionName: string;
  readonly invokedArn: string;
  readonly invocationType: InvocationType;
  readonly payload: Buffer;
  readonly outcome: InvocationOutcome;
}

/** Reported on `throttle` (429 from the pool), `executionStart` and `executionEnd` (metrics). */
export interface ExecutionInfo {
  readonly functionName: string;
  readonly invokedArn: string;
  readonly executedVersion: string;
}

export const SYNC_PAYLOAD_LIMIT = 6291456;
const CLIENT_CONTEXT_LIMIT = 3583;
const TAIL_BYTES = 4096;

/** Queues an Event invocation; the 202 is sent once it resolves (the durable queue replaces the default). */
/** Starts a durable execution for an Invoke of a durable function (the durable engine answers). */
export type DurableStarter = (request: InvokeRequest, requestId: string, target: ResolvedFunction, type: 'RequestResponse' | 'Event') => Promise<InvokeResponse>;

export type EventDispatcher = (request: InvokeRequest, requestId: string, target: ResolvedFunction) => void | Promise<void>;

export class Invoker extends EventEmitter {
  /** Maximum Event payload; AWS raised it from 256 KB to 1 MB in 2025. */
  asyncPayloadLimit = 1048576;
  /** Streamed responses are held to Lambda's bandwidth (6 MB burst, then 2 MB/s); undefined lifts the cap. */
  streamBandwidth: StreamBandwidth | undefined = LAMBDA_STREAM_BANDWIDTH;
  /** RecursiveLoop of a function (Get/PutFunctionRecursionConfig, template); Terminate drops loops. */
  recursiveLoop: (functionName: string) => 'Allow' | 'Terminate' = () => 'Terminate';
  /** What invocations without their own `reload` do after a code-only change (the setting). */
  reloadMode: ReloadMode = 'recycle';
  /** Strict-mode authorization of API callers (resource policies); throws AccessDeniedException. */
  authorize: ((ref: FunctionRef, caller: NonNullable<InvokeRequest['caller']>) => void) | undefined;
  /** Runs before an invocation takes an environment (the engine builds the function's code there). */
  prepare: ((config: ResolvedFunction['config']) => Promise<void>) | undefined;
  /** Refuses a version that cannot run yet (SnapStart: its snapshot is pending or failed). */
  checkReady: ((config: ResolvedFunction['config']) => void) | undefined;
  /** Set by the engine: Invoke of a function with DurableConfig starts a durable execution. */
  startDurable: DurableStarter | undefined;
  dispatchEvent: EventDispatcher = (request, requestId) => {
    if (!request.recursionDropped) void this.invoke({ ...request, invocationType: 'RequestResponse', requestId }, 'Event').catch(() => undefined);
  };

  constructor(
    private readonly partition: Partition,
    private readonly registry: FunctionRegistry,
    private readonly pool: EnvironmentPool,
  ) {
    super();
  }

  /** Validates and runs one Invoke call; throws ApiError for request errors (never for function errors). */
  async invoke(request: InvokeRequest, recordAs?: InvocationType): Promise<InvokeResponse> {
    const type = request.invocationType ?? 'RequestResponse';
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      throw validationError(type, 'invocationType', 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]');
    }
    const ref = parseFunctionRef(this.partition, request.functionName, request.qualifier);
    if (request.caller && this.authorize) this.authorize(ref, request.caller);
    const target = this.registry.resolve(ref, { route: true });
    const problem = target.entry.problems?.[0];
    if (problem) {
      throw new ApiError(
        'InvalidParameterValueException',
        400,
        `The function ${ref.name} cannot run until its template is fixed: ${problem.message} (${problem.file}:${problem.range.start.line + 1}:${problem.range.start.character + 1})`,
      );
    }
    const limit = type === 'Event' ? this.asyncPayloadLimit : SYNC_PAYLOAD_LIMIT;
    if (request.payload.length > limit) {
      throw type === 'Event'
        ? new ApiError('RequestEntityTooLargeException', 413, `${request.payload.length} byte payload is too large for the Event invocation type (limit ${limit} bytes)`)
        : new ApiError('RequestEntityTooLargeException', 413, `Request must be smaller than ${SYNC_PAYLOAD_LIMIT} bytes for the InvokeFunction operation`);
    }
    checkTenant(target.config.tenantIsolation, request.tenantId);
    const payload = request.payload.length === 0 ? Buffer.from('{}') : request.payload;
    checkJson(payload);
    const clientContext = decodeClientContext(request.clientContext);
    const requestId = request.requestId ?? randomUUID();
    if (type === 'DryRun') return { statusCode: 204, requestId, payload: Buffer.alloc(0) };
    if (target.config.durableConfig && !request.durableReplay && this.startDurable) return this.startDurable({ ...request, payload }, requestId, target, type);
    const trace = request.traceId ?? this.traceFor(request, target.config.functionName, type);
    if (type === 'Event') {
      // A stopped loop still answers 202; the queue reports the event to its DLQ / OnFailure unrun.
      const dropped = trace === undefined ? { recursionDropped: true } : { traceId: trace };
      await this.dispatchEvent({ ...request, payload, ...dropped }, requestId, target);
      return { statusCode: 202, requestId, payload: Buffer.alloc(0) };
    }
    const invokedArn = functionArn(this.partition, ref.name, ref.qualifier);
    const input: InvocationInput = {
      requestId,
      payload,
      invokedFunctionArn: invokedArn,
      traceId: trace ?? traceId(),
      ...(clientContext !== undefined ? { clientContext } : {}),
      ...(request.tenantId !== undefined ? { tenantId: request.tenantId } : {}),
      ...(request.streamTo ? { responseSink: request.streamTo(target.executedVersion) } : {}),
    };
    if (!request.environment) this.checkReady?.(target.config);
    if (!request.environment && this.prepare) await this.prepare(target.config);
    const outcome = request.environment ? await request.environment.invoke(input) : await this.runOnPool(target, input, request.reload ?? this.reloadMode);
    const record: InvocationRecord = { functionName: ref.name, invokedArn, invocationType: recordAs ?? type, payload, outcome };
    this.emit('invocation', record);
    const response: InvokeResponse = {
      statusCode: 200,
      requestId,
      executedVersion: target.executedVersion,
      payload: outcome.payload,
      contentType: outcome.contentType,
      outcome,
      ...(outcome.errorType !== undefined ? { functionError: 'Unhandled' as const } : {}),
    };
    return request.logType === 'Tail' ? { ...response, logResult: tail(outcome.logLines) } : response;
  }

  /**
   * The trace header of this invocation, its lineage counting this function once more. Past the limit an
   * event-driven invocation of a Terminate function is stopped: undefined for Event (dropped after the
   * 202), RecursiveInvocationError for event sources (they drop the records).
   */
  private traceFor(request: InvokeRequest, functionName: string, type: InvocationType): string | undefined {
    const trace = childTrace(request.traceHeader, functionName, Date.now() / 1000);
    const covered = type === 'Event' || request.eventSource !== undefined;
    if (!covered || trace.count <= RECURSION_LIMIT || this.recursiveLoop(functionName) === 'Allow') return trace.header;
    this.emit('recursionDropped', { functionName, count: trace.count, source: request.eventSource ?? 'lambda', traceHeader: trace.header });
    if (type === 'Event') return undefined;
    throw new RecursiveInvocationError(functionName, trace.count);
  }

  /** Runs on a pooled environment; a warm runtime that died before taking the event is replaced. */
  private async runOnPool(target: ResolvedFunction, input: InvocationInput, reload: ReloadMode): Promise<InvocationOutcome> {
    const info: ExecutionInfo = { functionName: target.config.functionName, invokedArn: input.invokedFunctionArn, executedVersion: target.executedVersion };
    for (let attempt = 0; ; attempt++) {
      let env: ExecutionEnvironment;
      try {
        env = this.pool.acquire(target.config, target.entry.reservedConcurrency, input.tenantId, reload);
      } catch (e) {
        if (e instanceof ApiError && e.type === 'TooManyRequestsException') this.emit('throttle', info);
        throw e;
      }
      this.emit('executionStart', info);
      try {
        return await env.invoke(input);
      } catch (e) {
        // Each lost environment is dead and out of the pool, and a new one cannot be lost (it takes the
        // event as its first /next), so this ends; the bound only guards against a bug elsewhere.
        if (!(e instanceof EnvironmentLostError) || attempt >= 100) throw e;
      } finally {
        this.pool.release(env);
        this.emit('executionEnd', info);
      }
    }
  }
}

/** From the tenant-isolation troubleshooting guide: one message for a missing and for an unexpected tenant id. */
export const TENANT_MISMATCH = 'Tenant ID configuration not specified or passed to a function when tenant isolation is not enabled.';
const TENANT_ID = /^[a-zA-Z0-9._:/=+\-@ ]+$/;

function checkTenant(mode: 'PER_TENANT' | undefined, tenantId: string | undefined): void {
  if (tenantId !== undefined) {
    if (tenantId.length < 1) throw validationError(tenantId, 'tenantId', 'Member must have length greater than or equal to 1');
    if (tenantId.length > 256) throw validationError(tenantId, 'tenantId', 'Member must have length less than or equal to 256');
    if (!TENANT_ID.test(tenantId)) throw validationError(tenantId, 'tenantId', 'Member must satisfy regular expression pattern: [a-zA-Z0-9\\._:\\/=+\\-@ ]+');
  }
  if ((mode === 'PER_TENANT') !== (tenantId !== undefined)) throw new ApiError('InvalidParameterValueException', 400, TENANT_MISMATCH);
}

function checkJson(payload: Buffer): void {
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw new ApiError(
      'InvalidRequestContentException',
      400,
      `Could not parse request body into json: Could not parse payload into json: ${(e as Error).message}`,
    );
  }
}

function decodeClientContext(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > CLIENT_CONTEXT_LIMIT) {
    throw validationError(raw, 'clientContext', `Member must have length less than or equal to ${CLIENT_CONTEXT_LIMIT}`);
  }
  const text = Buffer.from(raw, 'base64').toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new ApiError('InvalidRequestContentException', 400, 'Client context must be a valid Base64-encoded JSON object.');
  }
  return text;
}

/** An X-Ray-shaped trace header; Lambda sends one on every invocation. */
function traceId(): string {
  // randomUUID draws from a cached entropy pool, several times cheaper than randomBytes per call.
  const a = randomUUID().replace(/-/g, '');
  const b = randomUUID().replace(/-/g, '');
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${a.slice(0, 24)};Parent=${b.slice(0, 16)};Sampled=0`;
}

function tail(lines: readonly string[]): string {
  const all = Buffer.from(lines.join(''));
  return (all.length > TAIL_BYTES ? all.subarray(all.length - TAIL_BYTES) : all).toString('base64');
}
