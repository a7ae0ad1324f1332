// PutFunctionRecursionConfig / GetFunctionRecursionConfig (2024-08-31 API): the setting is kept and
// answered as AWS does (default Terminate); the engine does not detect recursive loops itself.
import { ApiError } from '../../errors';
import type { FunctionManager } from '../../management/functionManager';
import { jsonBody } from './functionRoutes';
import type { Route } from '../http/router';

const path = /^\/2024-08-31\/functions\/([^/]+)\/recursion-config\/?$/;

/** The two routes; settings live as long as the engine (per function name). */
export function recursionRoutes(m: FunctionManager): Route[] {
  const settings = new Map<string, string>();
  return [
    {
      method: 'PUT',
      pattern: path,
      handler: async (req) => {
        const value = jsonBody<{ RecursiveLoop?: unknown }>(req).RecursiveLoop;
        if (value !== 'Allow' && value !== 'Terminate') {
          throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${String(value)}' at 'recursiveLoop' failed to satisfy constraint: Member must satisfy enum value set: [Terminate, Allow]`);
        }
        const name = String((await m.queries.getConfiguration(req.params[0] as string, undefined, req.caller)).FunctionName);
        settings.set(name, value);
        return { status: 200, body: { RecursiveLoop: value } };
      },
    },
    {
      method: 'GET',
      pattern: path,
      handler: async (req) => {
        const name = String((await m.queries.getConfiguration(req.params[0] as string, undefined, req.caller)).FunctionName);
        return { status: 200, body: { RecursiveLoop: settings.get(name) ?? 'Terminate' } };
      },
    },
  ];
}
