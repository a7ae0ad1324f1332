// InvokeWithResponseStream (POST /2021-11-15/functions/{fn}/response-streaming-invocations): the
// function's response as an AWS event stream of PayloadChunk events, written as the runtime streams,
// closed by one InvokeComplete {ErrorCode, ErrorDetails, LogResult} (BOTO; fidelity 5.3).
import { ApiError, validationError } from '../../errors';
import { SYNC_PAYLOAD_LIMIT, type Invoker } from '../../invoke/invoker';
import type { ResponseSink } from '../../runtime/streamedResponse';
import { encodeEventMessage, jsonEvent } from '../http/eventStream';
import type { ApiReply, ApiRequest, Route } from '../http/router';

const header = (req: ApiRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** One PayloadChunk event: the bytes are the event's payload as they are (an `eventpayload` blob). */
export const payloadChunk = (bytes: Buffer): Buffer =>
  encodeEventMessage({ ':message-type': 'event', ':event-type': 'PayloadChunk', ':content-type': 'application/octet-stream' }, bytes);

/** The message of a function error payload (`errorMessage`), or the payload text itself. */
function errorDetails(payload: Buffer): string {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // not JSON: the raw text is the detail
  }
  return payload.toString('utf8');
}

async function invokeWithResponseStream(invoker: Invoker, req: ApiRequest): Promise<ApiReply> {
  const type = header(req, 'x-amz-invocation-type');
  if (type !== undefined && type !== 'RequestResponse' && type !== 'DryRun') {
    throw validationError(type, 'invocationType', 'Member must satisfy enum value set: [RequestResponse, DryRun]');
  }
  const logType = header(req, 'x-amz-log-type');
  if (logType !== undefined && logType !== 'None' && logType !== 'Tail') {
    throw validationError(logType, 'logType', 'Member must satisfy enum value set: [Tail, None]');
  }
  const { res } = req.raw;
  let executed = '$LATEST';
  let opened = false;
  // Headers go out when the runtime starts its stream: the Content-Type is the stream's own type.
  const open = (contentType: string): void => {
    if (opened) return;
    opened = true;
    res.writeHead(200, { 'Content-Type': contentType, 'X-Amz-Executed-Version': executed, 'x-amzn-RequestId': req.requestId });
    res.socket?.setNoDelay(true);
    res.flushHeaders();
  };
  const sink = (version: string): ResponseSink => {
    executed = version;
    return {
      start: open,
      write: (chunk) => (res.destroyed ? true : res.write(payloadChunk(chunk))),
      whenDrained: (resume) => {
        const go = (): void => {
          res.off('drain', go).off('close', go);
          resume();
        };
        res.on('drain', go).on('close', go);
      },
      bandwidth: invoker.streamBandwidth,
    };
  };
  const clientContext = header(req, 'x-amz-client-context');
  const tenantId = header(req, 'x-amz-tenant-id');
  let result;
  try {
    result = await invoker.invoke({
    functionName: req.params[0] as string,
    payload: req.body,
    ...(req.query.has('Qualifier') ? { qualifier: req.query.get('Qualifier') as string } : {}),
    ...(type === 'DryRun' ? { invocationType: 'DryRun' as const } : {}),
    ...(logType !== undefined ? { logType } : {}),
    ...(clientContext !== undefined ? { clientContext } : {}),
    ...(tenantId !== undefined ? { tenantId } : {}),
    requestId: req.requestId,
    caller: req.caller,
    streamTo: sink,
    });
  } catch (e) {
    // Request errors come before the stream opens and render as REST-JSON errors; after that only the
    // InvokeComplete event can carry them.
    if (!opened) throw e;
    res.end(jsonEvent('InvokeComplete', { ErrorCode: 'ServiceException', ErrorDetails: e instanceof Error ? e.message : String(e) }));
    return { status: 200, handled: true };
  }
  if (result.statusCode === 204) return { status: 204, headers: {} };
  if (res.destroyed) return { status: 200, handled: true };
  const outcome = result.outcome;
  open(outcome?.contentType ?? 'application/json');
  // A function that did not stream (a buffered handler) arrives whole, as one chunk.
  if (!outcome?.streamed && !result.functionError && result.payload.length) res.write(payloadChunk(result.payload));
  const complete: Record<string, string> = {};
  if (result.functionError && outcome?.errorType) {
    complete.ErrorCode = outcome.errorType;
    complete.ErrorDetails = errorDetails(result.payload);
  }
  if (result.logResult !== undefined) complete.LogResult = result.logResult;
  res.end(jsonEvent('InvokeComplete', complete));
  return { status: 200, handled: true };
}

/** The route, with InvokeWithResponseStream's request size limit. */
export function responseStreamRoute(invoker: Invoker): Route {
  return {
    method: 'POST',
    pattern: /^\/2021-11-15\/functions\/([^/]+)\/response-streaming-invocations\/?$/,
    bodyLimit: SYNC_PAYLOAD_LIMIT,
    tooLarge: () => new ApiError('RequestEntityTooLargeException', 413, `Request must be smaller than ${SYNC_PAYLOAD_LIMIT} bytes for the InvokeWithResponseStream operation`),
    handler: (req) => invokeWithResponseStream(invoker, req),
  };
}
