// Resources the SAM transform creates and templates refer to by name: a function's Role, Version and
// Alias (`Fn.Version`, `Fn.Alias`), an API's Stage and Deployment (`Api.Stage`, `ApiProdStage`) and the
// implicit ServerlessRestApi / ServerlessHttpApi. Refs to them resolve as they would after the transform.
import { functionArn, type Partition } from '../arn';
import type { LocalResource } from './localResources';
import type { RawResource } from './templateScope';

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const API_TYPES = new Set(['AWS::Serverless::Api', 'AWS::Serverless::HttpApi']);

/** A resource SAM would generate under `logicalId`, or undefined. `nameOf` gives a function's physical name. */
export function samImplicitResource(logicalId: string, resources: Readonly<Record<string, RawResource>>, p: Partition, nameOf: (fnId: string) => string, globalsApi: unknown): LocalResource | undefined {
  const fnOf = (id: string): RawResource | undefined => (resources[id]?.Type === 'AWS::Serverless::Function' ? resources[id] : undefined);
  const make = (type: string, ref: string): LocalResource => ({ type, logicalId, name: ref, properties: {}, ref });
  if (logicalId.endsWith('Role')) {
    const fn = fnOf(logicalId.slice(0, -'Role'.length));
    if (fn && asRecord(fn.Properties)['Role'] === undefined) return { type: 'AWS::IAM::Role', logicalId, name: logicalId, properties: {} };
  }
  const dot = logicalId.indexOf('.');
  if (dot > 0) {
    const [id, what] = [logicalId.slice(0, dot), logicalId.slice(dot + 1)];
    const fn = fnOf(id);
    if (fn && (what === 'Version' || what === 'Alias')) {
      const alias = String(asRecord(fn.Properties)['AutoPublishAlias'] ?? 'live');
      return make(what === 'Version' ? 'AWS::Lambda::Version' : 'AWS::Lambda::Alias', `${functionArn(p, nameOf(id))}:${what === 'Version' ? '1' : alias}`);
    }
    const api = resources[id];
    if (api && API_TYPES.has(String(api.Type)) && (what === 'Stage' || what === 'Deployment')) {
      return what === 'Stage' ? make('AWS::ApiGateway::Stage', stageOf(api, globalsApi)) : make('AWS::ApiGateway::Deployment', 'local-deployment');
    }
  }
  if (logicalId === 'ServerlessRestApi' || logicalId === 'ServerlessHttpApi') return make(logicalId === 'ServerlessRestApi' ? 'AWS::ApiGateway::RestApi' : 'AWS::ApiGatewayV2::Api', logicalId.toLowerCase().slice(0, 10));
  // `<Api><StageName>Stage`, e.g. MyApiProdStage, ServerlessRestApiProdStage.
  if (logicalId.endsWith('Stage')) {
    for (const [id, r] of Object.entries(resources)) {
      if (!API_TYPES.has(String(r.Type)) || !logicalId.startsWith(id)) continue;
      const stage = stageOf(r, globalsApi);
      if (logicalId === `${id}${stage.replace(/[^A-Za-z0-9]/g, '')}Stage`) return make('AWS::ApiGateway::Stage', stage);
    }
    if (logicalId.startsWith('ServerlessRestApi')) return make('AWS::ApiGateway::Stage', logicalId.slice('ServerlessRestApi'.length, -'Stage'.length) || 'Prod');
  }
  return undefined;
}

function stageOf(api: RawResource, globalsApi: unknown): string {
  const own = asRecord(api.Properties)['StageName'] ?? asRecord(globalsApi)['StageName'];
  if (typeof own === 'string') return own;
  return api.Type === 'AWS::Serverless::HttpApi' ? '$default' : 'Prod';
}
