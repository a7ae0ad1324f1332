// Lambda REST routes of the data plane: Invoke (and the legacy InvokeAsync). Function queries and the
// management plane live in functionRoutes, versionRoutes, policyRoutes and concurrencyRoutes.
import { ApiError, validationError } from '../../errors';
import { SYNC_PAYLOAD_LIMIT, type Invoker } from '../../invoke/invoker';
import type { ApiReply, ApiRequest, Route } from '../http/router';
import { responseStreamRoute } from './responseStreamRoute';
import { parseReloadMode, RELOAD_MODES } from '../../runtime/hotReload';

/** Our own request header: the hot reload mode of this invoke; the response says what happened in the same header. */
export const RELOAD_REQUEST_HEADER = 'x-lambda-workbench-reload';

const header = (req: ApiRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

async function invoke(invoker: Invoker, req: ApiRequest): Promise<ApiReply> {
  const type = header(req, 'x-amz-invocation-type');
  const logType = header(req, 'x-amz-log-type');
  if (logType !== undefined && logType !== 'None' && logType !== 'Tail') {
    throw validationError(logType, 'logType', 'Member must satisfy enum value set: [Tail, None]');
  }
  const clientContext = header(req, 'x-amz-client-context');
  const tenantId = header(req, 'x-amz-tenant-id');
  const durableName = header(req, 'x-amz-durable-execution-name');
  const traceHeader = header(req, 'x-amzn-trace-id');
  const reloadHeader = header(req, RELOAD_REQUEST_HEADER);
  const reload = parseReloadMode(reloadHeader);
  if (reloadHeader !== undefined && !reload) throw validationError(reloadHeader, 'reload', `Member must satisfy enum value set: [${RELOAD_MODES.join(', ')}]`);
  const result = await invoker.invoke({
    functionName: req.params[0] as string,
    payload: req.body,
    ...(req.query.has('Qualifier') ? { qualifier: req.query.get('Qualifier') as string } : {}),
    ...(type !== undefined ? { invocationType: type as 'Event' } : {}),
    ...(logType !== undefined ? { logType } : {}),
    ...(clientContext !== undefined ? { clientContext } : {}),
    ...(tenantId !== undefined ? { tenantId } : {}),
    ...(durableName !== undefined ? { durableExecutionName: durableName } : {}),
    ...(traceHeader !== undefined ? { traceHeader } : {}),
    ...(reload ? { reload } : {}),
    requestId: req.requestId,
    caller: req.caller,
  });
  const headers: Record<string, string> = {};
  if (result.executedVersion !== undefined) headers['X-Amz-Executed-Version'] = result.executedVersion;
  if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
  if (result.logResult !== undefined) headers['X-Amz-Log-Result'] = result.logResult;
  if (result.durableExecutionArn !== undefined) headers['X-Amz-Durable-Execution-Arn'] = result.durableExecutionArn;
  if (result.outcome?.reload) headers['X-Lambda-Workbench-Reload'] = `${result.outcome.reload.action}; cause=${result.outcome.reload.cause}`;
  if (result.statusCode === 200) headers['Content-Type'] = result.contentType ?? 'application/json';
  return { status: result.statusCode, headers, body: result.payload };
}

export function lambdaRoutes(invoker: Invoker): Route[] {
  const tooLarge = (): Error =>
    new ApiError('RequestEntityTooLargeException', 413, `Request must be smaller than ${SYNC_PAYLOAD_LIMIT} bytes for the InvokeFunction operation`);
  return [
    { method: 'POST', pattern: /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/, bodyLimit: SYNC_PAYLOAD_LIMIT, tooLarge, handler: (req) => invoke(invoker, req) },
    responseStreamRoute(invoker),
    {
      method: 'POST',
      pattern: /^\/2014-11-13\/functions\/([^/]+)\/invoke-async\/?$/,
      handler: async (req) => {
        await invoker.invoke({ functionName: req.params[0] as string, payload: req.body, invocationType: 'Event', requestId: req.requestId, caller: req.caller });
        return { status: 202, body: { Status: 202 } };
      },
    },
  ];
}
