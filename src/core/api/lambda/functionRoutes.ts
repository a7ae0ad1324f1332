// Lambda REST routes of the function lifecycle and queries: CreateFunction, GetFunction,
// GetFunctionConfiguration, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction,
// ListFunctions and GetAccountSettings, over the engine's FunctionManager.
import { ApiError } from '../../errors';
import { CODE_REQUEST_LIMIT } from '../../management/codeSource';
import type { FunctionManager } from '../../management/functionManager';
import { parseJsonBody, type ApiRequest, type Route } from '../http/router';
import type { CodeLocations } from './codeLocations';

const fn = '/2015-03-31/functions/([^/]+)';

/** Reads a JSON request body; a malformed one is Lambda's InvalidRequestContentException. */
export function jsonBody<T>(req: ApiRequest): T {
  return parseJsonBody<T>(req, (m) => new ApiError('InvalidRequestContentException', 400, `Could not parse request body into json: ${m}`));
}

/** `?Qualifier=` when present. */
export const qualifierOf = (req: ApiRequest): string | undefined => req.query.get('Qualifier') ?? undefined;

export function functionRoutes(m: FunctionManager, codeLocations?: CodeLocations): Route[] {
  const codeTooLarge = (op: string) => (): Error => new ApiError('RequestEntityTooLargeException', 413, `Request must be smaller than ${CODE_REQUEST_LIMIT} bytes for the ${op} operation`);
  return [
    {
      method: 'POST',
      pattern: /^\/2015-03-31\/functions\/?$/,
      bodyLimit: CODE_REQUEST_LIMIT,
      tooLarge: codeTooLarge('CreateFunction'),
      handler: async (req) => ({ status: 201, body: await m.functions.create(jsonBody(req), req.caller) }),
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/?$/,
      handler: async (req) => ({
        status: 200,
        body: await m.queries.list({ FunctionVersion: req.query.get('FunctionVersion'), Marker: req.query.get('Marker'), MaxItems: req.query.get('MaxItems') }, req.caller),
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${fn}/configuration/?$`),
      handler: async (req) => ({ status: 200, body: await m.queries.getConfiguration(req.params[0] as string, qualifierOf(req), req.caller) }),
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^${fn}/configuration/?$`),
      handler: async (req) => ({ status: 200, body: await m.functions.updateConfiguration(req.params[0] as string, jsonBody(req), req.caller) }),
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^${fn}/code/?$`),
      bodyLimit: CODE_REQUEST_LIMIT,
      tooLarge: codeTooLarge('UpdateFunctionCode'),
      handler: async (req) => ({ status: 200, body: await m.functions.updateCode(req.params[0] as string, jsonBody(req), req.caller) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${fn}/?$`),
      handler: async (req) => {
        const doc = await m.queries.get(req.params[0] as string, qualifierOf(req), req.caller);
        return { status: 200, body: codeLocations ? codeLocations.presign(doc, req) : doc };
      },
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^${fn}/?$`),
      handler: async (req) => {
        await m.functions.delete(req.params[0] as string, qualifierOf(req), req.caller);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: /^\/2016-08-19\/account-settings\/?$/,
      handler: () => ({ status: 200, body: m.concurrency.accountSettings() }),
    },
  ];
}
