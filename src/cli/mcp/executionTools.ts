// MCP tools over executions that outlive one call. Today: Event (async) invocations with their attempts.
// Extension point: durable executions add their tools to `executionTools` (list_durable_executions,
// get_durable_execution) over their own /workbench/v1 routes, the same way.
import type { EngineConnection } from './engineConnection';
import { optionalString, stringArg, ToolInputError, type McpTool } from './mcpTool';

export const executionTools: McpTool[] = [
  {
    name: 'list_async_events',
    description:
      'Lists recent Event (asynchronous) invocations, newest first: each event\'s request id, function, status (Queued, Running, WaitingRetry, Succeeded, Failed, Dropped), why it ended (e.g. RetriesExhausted, EventAgeExceeded) and every attempt with its result. ' +
      'Use get_invocation with a request id for the event and the response of an attempt.',
    inputSchema: {
      type: 'object',
      properties: {
        functionName: { type: 'string', description: 'Only events of this function.' },
        limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
      },
      additionalProperties: false,
    },
    annotations: { title: 'List async events', readOnlyHint: true, openWorldHint: false },
    run: async (args, engine: EngineConnection) => {
      const limit = args.limit === undefined ? 50 : Number(args.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ToolInputError('limit must be a whole number from 1 to 1000.');
      const fn = optionalString(args, 'functionName');
      const r = await engine.get<{ Events: unknown[]; Pending: number }>(`/workbench/v1/async-events?MaxItems=${limit}${fn ? `&FunctionName=${encodeURIComponent(fn)}` : ''}`);
      return { pending: r.Pending, events: r.Events };
    },
  },
  {
    name: 'get_async_event',
    description: 'Gets one Event (asynchronous) invocation by request id: its status, attempts, retries, and where its outcome went (destinations, dead-letter queue).',
    inputSchema: { type: 'object', properties: { requestId: { type: 'string' } }, required: ['requestId'], additionalProperties: false },
    annotations: { title: 'Get an async event', readOnlyHint: true, openWorldHint: false },
    run: async (args, engine) => engine.get(`/workbench/v1/async-events/${encodeURIComponent(stringArg(args, 'requestId'))}`),
  },
];
