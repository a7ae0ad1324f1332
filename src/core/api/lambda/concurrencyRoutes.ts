// Lambda REST routes of concurrency: Put/Get/DeleteFunctionConcurrency and
// Put/Get/Delete/ListProvisionedConcurrencyConfig(s).
import type { FunctionManager } from '../../management/functionManager';
import { jsonBody, qualifierOf } from './functionRoutes';
import type { Route } from '../http/router';

export function concurrencyRoutes(m: FunctionManager): Route[] {
  const reserved = (version: string): RegExp => new RegExp(`^/${version}/functions/([^/]+)/concurrency/?$`);
  const provisioned = /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency\/?$/;
  return [
    {
      method: 'PUT',
      pattern: reserved('2017-10-31'),
      handler: async (req) => ({ status: 200, body: await m.concurrency.putReserved(req.params[0] as string, jsonBody(req), req.caller) }),
    },
    {
      method: 'GET',
      pattern: reserved('(?:2019-09-30|2017-10-31)'),
      handler: async (req) => ({ status: 200, body: await m.concurrency.getReserved(req.params[0] as string, req.caller) }),
    },
    {
      method: 'DELETE',
      pattern: reserved('2017-10-31'),
      handler: async (req) => {
        await m.concurrency.deleteReserved(req.params[0] as string, req.caller);
        return { status: 204 };
      },
    },
    {
      method: 'PUT',
      pattern: provisioned,
      handler: async (req) => ({ status: 202, body: await m.concurrency.putProvisioned(req.params[0] as string, qualifierOf(req), jsonBody(req), req.caller) }),
    },
    {
      method: 'GET',
      pattern: provisioned,
      handler: async (req) =>
        req.query.get('List') === 'ALL'
          ? { status: 200, body: await m.concurrency.listProvisioned(req.params[0] as string, req.caller) }
          : { status: 200, body: await m.concurrency.getProvisioned(req.params[0] as string, qualifierOf(req), req.caller) },
    },
    {
      method: 'DELETE',
      pattern: provisioned,
      handler: async (req) => {
        await m.concurrency.deleteProvisioned(req.params[0] as string, qualifierOf(req), req.caller);
        return { status: 204 };
      },
    },
  ];
}
