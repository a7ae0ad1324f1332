// Lambda REST routes of published versions and aliases: PublishVersion, ListVersionsByFunction,
// CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias.
import type { AliasInput } from '../../management/aliasManager';
import type { FunctionManager } from '../../management/functionManager';
import type { PublishInput } from '../../management/versionManager';
import { jsonBody } from './functionRoutes';
import type { Route } from '../http/router';

const fn = '/2015-03-31/functions/([^/]+)';

export function versionRoutes(m: FunctionManager): Route[] {
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^${fn}/versions/?$`),
      handler: async (req) => ({ status: 201, body: await m.versions.publish(req.params[0] as string, jsonBody<PublishInput>(req), req.caller) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${fn}/versions/?$`),
      handler: async (req) => ({ status: 200, body: await m.versions.list(req.params[0] as string, { Marker: req.query.get('Marker'), MaxItems: req.query.get('MaxItems') }, req.caller) }),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${fn}/aliases/?$`),
      handler: async (req) => ({ status: 201, body: await m.aliases.create(req.params[0] as string, jsonBody<AliasInput>(req), req.caller) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${fn}/aliases/?$`),
      handler: async (req) => ({
        status: 200,
        body: await m.aliases.list(req.params[0] as string, { FunctionVersion: req.query.get('FunctionVersion'), Marker: req.query.get('Marker'), MaxItems: req.query.get('MaxItems') }, req.caller),
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${fn}/aliases/([^/]+)/?$`),
      handler: async (req) => ({ status: 200, body: await m.aliases.get(req.params[0] as string, req.params[1] as string, req.caller) }),
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^${fn}/aliases/([^/]+)/?$`),
      handler: async (req) => ({ status: 200, body: await m.aliases.update(req.params[0] as string, req.params[1] as string, jsonBody<AliasInput>(req), req.caller) }),
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^${fn}/aliases/([^/]+)/?$`),
      handler: async (req) => {
        await m.aliases.delete(req.params[0] as string, req.params[1] as string, req.caller);
        return { status: 204 };
      },
    },
  ];
}
