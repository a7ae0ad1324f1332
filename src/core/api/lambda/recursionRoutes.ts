// Lambda REST routes of recursive loop detection: Get/PutFunctionRecursionConfig.
import type { FunctionManager } from '../../management/functionManager';
import { jsonBody } from './functionRoutes';
import type { Route } from '../http/router';

/** The two routes, answered by the management plane's recursion settings (default Terminate). */
export function recursionRoutes(m: FunctionManager): Route[] {
  const pattern = /^\/2024-08-31\/functions\/([^/]+)\/recursion-config\/?$/;
  return [
    { method: 'GET', pattern, handler: async (req) => ({ status: 200, body: await m.recursion.get(req.params[0] as string, req.caller) }) },
    { method: 'PUT', pattern, handler: async (req) => ({ status: 200, body: await m.recursion.put(req.params[0] as string, jsonBody(req), req.caller) }) },
  ];
}
