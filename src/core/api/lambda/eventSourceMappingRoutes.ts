// Lambda REST routes for event source mappings (fidelity 9.1): Create (202), Get, List, Update (202)
// and Delete (202) under /2015-03-31/event-source-mappings.
import { invalidParameter, validationError } from '../../errors';
import type { EventSourceMappings } from '../../events/mappings/eventSourceMappings';
import { parseJsonBody, type ApiRequest, type Route } from '../http/router';

const body = (req: ApiRequest): Record<string, unknown> =>
  parseJsonBody<Record<string, unknown>>(req, (m) => invalidParameter(`Could not parse request body into json: ${m}`));

/** The five EventSourceMapping operations. */
export function eventSourceMappingRoutes(mappings: EventSourceMappings): Route[] {
  const one = /^\/2015-03-31\/event-source-mappings\/([^/]+)\/?$/;
  return [
    { method: 'POST', pattern: /^\/2015-03-31\/event-source-mappings\/?$/, handler: (req) => ({ status: 202, body: mappings.create(body(req)) }) },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/event-source-mappings\/?$/,
      handler: (req) => {
        const raw = req.query.get('MaxItems');
        const max = raw === null ? 100 : Number(raw);
        if (!Number.isInteger(max) || max < 1 || max > 10000) throw validationError(raw, 'maxItems', 'Member must have value less than or equal to 10000');
        const filter = { functionName: req.query.get('FunctionName') ?? undefined, eventSourceArn: req.query.get('EventSourceArn') ?? undefined };
        return { status: 200, body: mappings.list(filter, req.query.get('Marker') ?? undefined, max) };
      },
    },
    { method: 'GET', pattern: one, handler: (req) => ({ status: 200, body: mappings.get(req.params[0] as string) }) },
    { method: 'PUT', pattern: one, handler: (req) => ({ status: 202, body: mappings.update(req.params[0] as string, body(req)) }) },
    { method: 'DELETE', pattern: one, handler: (req) => ({ status: 202, body: mappings.delete(req.params[0] as string) }) },
  ];
}
