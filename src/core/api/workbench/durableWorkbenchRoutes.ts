// Workbench-only route of durable executions: fire pending waits (and retry delays) now, for one
// execution or all, so a workflow that waits a day is tested in a second.
import { ApiError } from '../../errors';
import type { DurableEngine } from '../../durable/durableEngine';
import { parseJsonBody, type Route } from '../http/router';

/** POST /workbench/v1/durable-executions/skip-waits {"DurableExecutionArn"?: string} -> {"Fired": n}. */
export function durableWorkbenchRoutes(engine: DurableEngine): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/workbench\/v1\/durable-executions\/skip-waits\/?$/,
      handler: async (req) => {
        const b = parseJsonBody<{ DurableExecutionArn?: unknown }>(req, (m) => new ApiError('ValidationException', 400, `The request body is not a JSON object: ${m}`));
        const arn = typeof b.DurableExecutionArn === 'string' ? b.DurableExecutionArn : undefined;
        return { status: 200, body: { Fired: await engine.skipWaits(arn) } };
      },
    },
  ];
}
