// Lambda REST routes of the data plane and read-only function queries: Invoke (and the legacy
// InvokeAsync), GetFunction, GetFunctionConfiguration, ListFunctions.
import { parseFunctionRef } from '../arn';
import { ApiError, validationError } from '../errors';
import { toFunctionConfiguration } from '../functions/functionConfiguration';
import type { FunctionRegistry } from '../functions/functionRegistry';
import { SYNC_PAYLOAD_LIMIT, type Invoker } from '../invoke/invoker';
import type { ApiReply, ApiRequest, Route } from './router';

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
  const result = await invoker.invoke({
    functionName: req.params[0] as string,
    payload: req.body,
    ...(req.query.has('Qualifier') ? { qualifier: req.query.get('Qualifier') as string } : {}),
    ...(type !== undefined ? { invocationType: type as 'Event' } : {}),
    ...(logType !== undefined ? { logType } : {}),
    ...(clientContext !== undefined ? { clientContext } : {}),
    ...(tenantId !== undefined ? { tenantId } : {}),
    requestId: req.requestId,
  });
  const headers: Record<string, string> = {};
  if (result.executedVersion !== undefined) headers['X-Amz-Executed-Version'] = result.executedVersion;
  if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
  if (result.logResult !== undefined) headers['X-Amz-Log-Result'] = result.logResult;
  if (result.statusCode === 200) headers['Content-Type'] = result.contentType ?? 'application/json';
  return { status: result.statusCode, headers, body: result.payload };
}

export function lambdaRoutes(registry: FunctionRegistry, invoker: Invoker): Route[] {
  const p = registry.partition;
  const resolve = (req: ApiRequest) =>
    registry.resolve(parseFunctionRef(p, req.params[0] as string, req.query.get('Qualifier') ?? undefined));
  const tooLarge = (): Error =>
    new ApiError('RequestEntityTooLargeException', 413, `Request must be smaller than ${SYNC_PAYLOAD_LIMIT} bytes for the InvokeFunction operation`);
  return [
    { method: 'POST', pattern: /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/, bodyLimit: SYNC_PAYLOAD_LIMIT, tooLarge, handler: (req) => invoke(invoker, req) },
    {
      method: 'POST',
      pattern: /^\/2014-11-13\/functions\/([^/]+)\/invoke-async\/?$/,
      handler: async (req) => {
        await invoker.invoke({ functionName: req.params[0] as string, payload: req.body, invocationType: 'Event', requestId: req.requestId });
        return { status: 202, body: { Status: 202 } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/([^/]+)\/configuration\/?$/,
      handler: (req) => {
        const r = resolve(req);
        return { status: 200, body: toFunctionConfiguration(p, r.config, { qualifiedArn: r.executedVersion !== '$LATEST' }) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/([^/]+)\/?$/,
      handler: (req) => {
        const r = resolve(req);
        const body: Record<string, unknown> = {
          Configuration: toFunctionConfiguration(p, r.config, { qualifiedArn: r.executedVersion !== '$LATEST' }),
          Code: { RepositoryType: 'Local', Location: `file://${r.config.codeDir}` },
        };
        if (r.entry.reservedConcurrency !== undefined) body.Concurrency = { ReservedConcurrentExecutions: r.entry.reservedConcurrency };
        return { status: 200, body };
      },
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/?$/,
      handler: (req) => {
        const maxItems = Number(req.query.get('MaxItems') ?? 50);
        if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10000) {
          throw validationError(req.query.get('MaxItems'), 'maxItems', 'Member must have value less than or equal to 10000');
        }
        const all = registry.list();
        const marker = req.query.get('Marker');
        const start = marker ? Math.max(0, all.findIndex((e) => e.name === marker)) : 0;
        const page = all.slice(start, start + maxItems);
        const next = all[start + maxItems];
        return {
          status: 200,
          body: { Functions: page.map((e) => toFunctionConfiguration(p, e.latest)), ...(next ? { NextMarker: next.name } : {}) },
        };
      },
    },
  ];
}
