// Lambda REST routes of durable executions (2025-12-01): the SDK's CheckpointDurableExecution and
// GetDurableExecutionState, the read APIs, Stop/Pause/ResumeDurableExecution and the Send*Callback operations.
import { functionArn, type Partition } from '../../arn';
import { ApiError, invalidParameter } from '../../errors';
import type { DurableEngine } from '../../durable/durableEngine';
import { executionDocument, executionSummary, historyEvent } from '../../durable/durableDocuments';
import type { ErrorObject, OperationUpdate } from '../../durable/durableTypes';
import { parseJsonBody, type ApiRequest, type Route } from '../http/router';

const base = '/2025-12-01';
const flag = (req: ApiRequest, name: string, fallback: boolean): boolean => (req.query.has(name) ? req.query.get(name) === 'true' : fallback);
const body = <T>(req: ApiRequest): T => parseJsonBody<T>(req, (m) => invalidParameter(`Could not parse request body into json: ${m}`));
const maxItems = (req: ApiRequest): number | undefined => (req.query.has('MaxItems') ? Number(req.query.get('MaxItems')) : undefined);

export function durableRoutes(engine: DurableEngine, partition: Partition, functionExists: (name: string) => boolean): Route[] {
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^${base}/durable-executions/(.+)/checkpoint$`),
      handler: async (req) => {
        const b = body<{ CheckpointToken?: string; Updates?: OperationUpdate[] }>(req);
        return { status: 200, body: await engine.checkpoint(req.params[0] as string, b.CheckpointToken, b.Updates ?? []) };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${base}/durable-executions/(.+)/state$`),
      handler: (req) => ({ status: 200, body: engine.state(req.params[0] as string, req.query.get('CheckpointToken') ?? undefined, req.query.get('Marker') ?? undefined, maxItems(req)) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${base}/durable-executions/(.+)/history$`),
      handler: (req) => {
        const e = engine.get(req.params[0] as string);
        const events = flag(req, 'ReverseOrder', false) ? [...e.events].reverse() : e.events;
        const from = Number(req.query.get('Marker') ?? 0) || 0;
        const size = maxItems(req) ?? 1000;
        const page = events.slice(from, from + size).map((ev) => historyEvent(ev, flag(req, 'IncludeExecutionData', true)));
        return { status: 200, body: { Events: page, ...(from + size < events.length ? { NextMarker: String(from + size) } : {}) } };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${base}/durable-executions/(.+)/stop$`),
      handler: async (req) => {
        const b = body<{ ErrorMessage?: string; ErrorType?: string }>(req);
        const error: ErrorObject | undefined = b.ErrorMessage || b.ErrorType ? { ...b } : undefined;
        return { status: 200, body: { StopTimestamp: (await engine.stop(req.params[0] as string, error)) / 1000 } };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${base}/durable-executions/(.+)/pause$`),
      handler: async (req) => {
        const b = body<{ Reason?: string; ExecutionTimeoutPaused?: boolean }>(req);
        await engine.pauseExecution(req.params[0] as string, b.Reason, b.ExecutionTimeoutPaused ?? true);
        return { status: 202, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${base}/durable-executions/(.+)/resume$`),
      handler: async (req) => {
        await engine.resumeExecution(req.params[0] as string, body<{ Reason?: string }>(req).Reason);
        return { status: 202, body: {} };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${base}/durable-executions/(.+)$`),
      handler: (req) => ({ status: 200, body: executionDocument(partition, engine.get(req.params[0] as string).header, flag(req, 'IncludeExecutionData', true)) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${base}/functions/([^/]+)/durable-executions$`),
      handler: (req) => {
        const name = (req.params[0] as string).replace(/^arn:[^:]*:lambda:[^:]*:[^:]*:function:/, '').split(':')[0];
        if (!name || !functionExists(name)) throw new ApiError('ResourceNotFoundException', 404, `Function not found: ${functionArn(partition, name ?? '')}`);
        const statuses = req.query.getAll('Statuses');
        const qualifier = req.query.get('Qualifier');
        const wanted = req.query.get('DurableExecutionName');
        const all = engine
          .list()
          .map((e) => e.header)
          .filter((h) => h.functionName === name && (!statuses.length || statuses.includes(h.status)) && (!qualifier || h.qualifier === qualifier || h.version === qualifier) && (!wanted || h.name === wanted));
        const ordered = flag(req, 'ReverseOrder', false) ? all : all.reverse();
        const from = Number(req.query.get('Marker') ?? 0) || 0;
        const size = maxItems(req) ?? 50;
        return { status: 200, body: { DurableExecutions: ordered.slice(from, from + size).map((h) => executionSummary(partition, h)), ...(from + size < ordered.length ? { NextMarker: String(from + size) } : {}) } };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${base}/durable-execution-callbacks/([^/]+)/succeed$`),
      handler: async (req) => {
        await engine.completeCallback(req.params[0] as string, 'SUCCEEDED', req.body.length ? req.body.toString('utf8') : undefined);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${base}/durable-execution-callbacks/([^/]+)/fail$`),
      handler: async (req) => {
        await engine.completeCallback(req.params[0] as string, 'FAILED', undefined, body<ErrorObject>(req));
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${base}/durable-execution-callbacks/([^/]+)/heartbeat$`),
      handler: (req) => {
        engine.heartbeat(req.params[0] as string);
        return { status: 200, body: {} };
      },
    },
  ];
}
