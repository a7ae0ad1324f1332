// Lambda REST routes for function URLs (fidelity 12): Create (201), Get, Update, Delete (204) and
// List under /2021-10-31/functions/{name}/url(s); the HTTP front serves what they configure.
import { parseFunctionRef } from '../../arn';
import { ApiError, invalidParameter, resourceNotFound, validationError } from '../../errors';
import { checkQualifier, type FunctionUrlConfigs } from '../../events/http/functionUrlConfigs';
import type { FunctionRegistry } from '../../functions/functionRegistry';
import { parseJsonBody, type ApiRequest, type Route } from '../http/router';

const one = /^\/2021-10-31\/functions\/([^/]+)\/url\/?$/;

/** The five FunctionUrlConfig operations. */
export function functionUrlRoutes(registry: FunctionRegistry, urls: FunctionUrlConfigs): Route[] {
  // AWS-recorded (test_url_config_exceptions): Create, Update and List name a missing function or alias
  // "Function does not exist"; Get and Delete answer with the URL's own not-found message.
  const target = (req: ApiRequest, notFound = 'Function does not exist'): { name: string; qualifier: string | undefined } => {
    const ref = parseFunctionRef(registry.partition, req.params[0] as string, req.query.get('Qualifier') ?? undefined);
    checkQualifier(ref.qualifier);
    try {
      registry.resolve(ref);
    } catch (e) {
      if (e instanceof ApiError && e.type === 'ResourceNotFoundException') throw resourceNotFound(notFound);
      throw e;
    }
    return { name: ref.name, qualifier: ref.qualifier };
  };
  const resourceMissing = 'The resource you requested does not exist.';
  // Create and Update echo InvokeMode only when the request gave it (AWS-recorded); Get and List always show it.
  const echoed = (input: Record<string, unknown>, out: Record<string, unknown>): Record<string, unknown> => {
    if (!('InvokeMode' in input)) delete out.InvokeMode;
    return out;
  };
  const body = (req: ApiRequest): Record<string, unknown> =>
    parseJsonBody<Record<string, unknown>>(req, (m) => invalidParameter(`Could not parse request body into json: ${m}`));
  return [
    {
      method: 'POST',
      pattern: one,
      handler: (req) => {
        const input = body(req);
        const t = target(req);
        return { status: 201, body: echoed(input, urls.create(t.name, t.qualifier, input)) };
      },
    },
    {
      method: 'GET',
      pattern: one,
      handler: (req) => {
        const t = target(req, resourceMissing);
        return { status: 200, body: urls.get(t.name, t.qualifier) };
      },
    },
    {
      method: 'PUT',
      pattern: one,
      handler: (req) => {
        const input = body(req);
        const t = target(req);
        return { status: 200, body: echoed(input, urls.update(t.name, t.qualifier, input)) };
      },
    },
    {
      method: 'DELETE',
      pattern: one,
      handler: (req) => {
        const t = target(req, resourceMissing);
        urls.delete(t.name, t.qualifier);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: /^\/2021-10-31\/functions\/([^/]+)\/urls\/?$/,
      handler: (req) => {
        const raw = req.query.get('MaxItems');
        const max = raw === null ? 50 : Number(raw);
        if (!Number.isInteger(max) || max < 1 || max > 50) throw validationError(raw, 'maxItems', 'Member must have value less than or equal to 50');
        return { status: 200, body: urls.list(target(req).name, req.query.get('Marker') ?? undefined, max) };
      },
    },
  ];
}
