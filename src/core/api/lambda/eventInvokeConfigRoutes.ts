// Lambda REST routes for asynchronous invocation settings: Put / Get / Update / Delete /
// ListFunctionEventInvokeConfig(s) (fidelity 8), over the engine's EventInvokeConfigStore.
import { parseFunctionRef } from '../../arn';
import { invalidParameter, resourceNotFound, validationError } from '../../errors';
import type { FunctionRegistry } from '../../functions/functionRegistry';
import { requireSetting, type EventInvokeConfigInput, type EventInvokeConfigStore } from '../../invoke/eventInvokeConfigs';
import { parseJsonBody, type ApiRequest, type Route } from '../http/router';

const path = /^\/2019-09-25\/functions\/([^/]+)\/event-invoke-config\/?$/;

/** The five EventInvokeConfig operations. */
export function eventInvokeConfigRoutes(registry: FunctionRegistry, store: EventInvokeConfigStore): Route[] {
  const target = (req: ApiRequest, mustExist: boolean): { name: string; qualifier: string | undefined } => {
    const ref = parseFunctionRef(registry.partition, req.params[0] as string, req.query.get('Qualifier') ?? undefined);
    if (mustExist) {
      try {
        registry.resolve(ref);
      } catch {
        throw resourceNotFound("The function doesn't exist.");
      }
    }
    return { name: ref.name, qualifier: ref.qualifier };
  };
  const body = (req: ApiRequest): EventInvokeConfigInput =>
    parseJsonBody<EventInvokeConfigInput>(req, (m) => invalidParameter(`Could not parse request body into json: ${m}`));
  return [
    {
      method: 'PUT',
      pattern: path,
      handler: (req) => {
        const input = body(req);
        requireSetting(input);
        const t = target(req, true);
        return { status: 200, body: store.put(t.name, t.qualifier, input) };
      },
    },
    {
      method: 'POST',
      pattern: path,
      handler: (req) => {
        const input = body(req);
        const t = target(req, true);
        return { status: 200, body: store.update(t.name, t.qualifier, input) };
      },
    },
    {
      method: 'GET',
      pattern: path,
      handler: (req) => {
        const t = target(req, false);
        return { status: 200, body: store.get(t.name, t.qualifier) };
      },
    },
    {
      method: 'DELETE',
      pattern: path,
      handler: (req) => {
        const t = target(req, false);
        store.delete(t.name, t.qualifier);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: /^\/2019-09-25\/functions\/([^/]+)\/event-invoke-config\/list\/?$/,
      handler: (req) => {
        const name = parseFunctionRef(registry.partition, req.params[0] as string).name;
        const raw = req.query.get('MaxItems');
        const max = raw === null ? 50 : Number(raw);
        if (!Number.isInteger(max) || max < 1 || max > 50) throw validationError(raw, 'maxItems', 'Member must have value less than or equal to 50');
        return { status: 200, body: store.list(name, req.query.get('Marker') ?? undefined, max) };
      },
    },
  ];
}
