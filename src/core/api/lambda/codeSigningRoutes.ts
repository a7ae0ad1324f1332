// Lambda REST routes of code signing configurations (/2020-04-22/code-signing-configs) and of a
// function's configuration (/2020-06-30/functions/{name}/code-signing-config).
import type { CodeSigningConfigs } from '../../management/codeSigningConfigs';
import type { Route } from '../http/router';
import { jsonBody } from './functionRoutes';

/** The nine code signing operations. */
export function codeSigningRoutes(c: CodeSigningConfigs): Route[] {
  const one = /^\/2020-04-22\/code-signing-configs\/([^/]+)\/?$/;
  const fn = /^\/2020-06-30\/functions\/([^/]+)\/code-signing-config\/?$/;
  return [
    { method: 'POST', pattern: /^\/2020-04-22\/code-signing-configs\/?$/, handler: (req) => ({ status: 201, body: c.create(jsonBody(req)) }) },
    { method: 'GET', pattern: /^\/2020-04-22\/code-signing-configs\/?$/, handler: () => ({ status: 200, body: c.list() }) },
    { method: 'GET', pattern: one, handler: (req) => ({ status: 200, body: c.get(req.params[0] as string) }) },
    { method: 'PUT', pattern: one, handler: (req) => ({ status: 200, body: c.update(req.params[0] as string, jsonBody(req)) }) },
    {
      method: 'DELETE',
      pattern: one,
      handler: (req) => {
        c.delete(req.params[0] as string);
        return { status: 204 };
      },
    },
    { method: 'GET', pattern: /^\/2020-04-22\/code-signing-configs\/([^/]+)\/functions\/?$/, handler: (req) => ({ status: 200, body: c.listFunctions(req.params[0] as string) }) },
    { method: 'PUT', pattern: fn, handler: (req) => ({ status: 200, body: c.putFunction(req.params[0] as string, String(jsonBody<{ CodeSigningConfigArn?: string }>(req).CodeSigningConfigArn ?? '')) }) },
    { method: 'GET', pattern: fn, handler: (req) => ({ status: 200, body: c.getFunction(req.params[0] as string) }) },
    {
      method: 'DELETE',
      pattern: fn,
      handler: (req) => {
        c.deleteFunction(req.params[0] as string);
        return { status: 204 };
      },
    },
  ];
}
