// Lambda REST routes of resource policies (AddPermission, RemovePermission, GetPolicy) and tags
// (TagResource, UntagResource, ListTags).
import type { FunctionManager } from '../../management/functionManager';
import type { PermissionInput } from '../../management/resourcePolicy';
import { jsonBody, qualifierOf } from './functionRoutes';
import type { Route } from '../http/router';

const fn = '/2015-03-31/functions/([^/]+)';

export function policyRoutes(m: FunctionManager): Route[] {
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^${fn}/policy/?$`),
      handler: async (req) => ({
        status: 201,
        body: await m.policies.add(req.params[0] as string, qualifierOf(req), jsonBody<PermissionInput & { RevisionId?: string }>(req), req.caller),
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${fn}/policy/?$`),
      handler: async (req) => ({ status: 200, body: await m.policies.get(req.params[0] as string, qualifierOf(req), req.caller) }),
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^${fn}/policy/([^/]+)/?$`),
      handler: async (req) => {
        await m.policies.remove(req.params[0] as string, req.params[1] as string, qualifierOf(req), req.query.get('RevisionId') ?? undefined, req.caller);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/2017-03-31\/tags\/(.+?)\/?$/,
      handler: async (req) => {
        await m.tags.tag(req.params[0] as string, jsonBody<{ Tags?: unknown }>(req).Tags, req.caller);
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/2017-03-31\/tags\/(.+?)\/?$/,
      handler: async (req) => {
        await m.tags.untag(req.params[0] as string, req.query.getAll('tagKeys'), req.caller);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: /^\/2017-03-31\/tags\/(.+?)\/?$/,
      handler: async (req) => ({ status: 200, body: await m.tags.list(req.params[0] as string, req.caller) }),
    },
  ];
}
