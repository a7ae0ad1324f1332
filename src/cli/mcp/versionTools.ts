// MCP tools for the management plane: publish a version, point (create or move) an alias, list versions.
import { CreateAliasCommand, GetAliasCommand, ListAliasesCommand, ListVersionsByFunctionCommand, PublishVersionCommand, ResourceNotFoundException, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import type { EngineConnection } from './engineConnection';
import { optionalString, stringArg, ToolInputError, type McpTool } from './mcpTool';

const functionName = { type: 'string', description: 'Function name (see list_functions).' };
const strip = <T extends object>(r: T): Omit<T, '$metadata'> => {
  const { $metadata: _m, ...rest } = r as T & { $metadata?: unknown };
  return rest;
};

async function lambdaOf(engine: EngineConnection) {
  return (await engine.endpoint()).lambda;
}

export const versionTools: McpTool[] = [
  {
    name: 'list_versions',
    description: 'Lists the published versions of a function ($LATEST first) and its aliases with their routing weights.',
    inputSchema: { type: 'object', properties: { functionName }, required: ['functionName'], additionalProperties: false },
    annotations: { title: 'List versions and aliases', readOnlyHint: true, openWorldHint: false },
    run: async (args, engine) => {
      const lambda = await lambdaOf(engine);
      const fn = stringArg(args, 'functionName');
      const versions = (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fn }))).Versions ?? [];
      const aliases = (await lambda.send(new ListAliasesCommand({ FunctionName: fn }))).Aliases ?? [];
      return {
        versions: versions.map((v) => ({ version: v.Version, description: v.Description, codeSha256: v.CodeSha256, lastModified: v.LastModified })),
        aliases: aliases.map((a) => ({ name: a.Name, version: a.FunctionVersion, additionalVersionWeights: a.RoutingConfig?.AdditionalVersionWeights })),
      };
    },
  },
  {
    name: 'publish_version',
    description: "Publishes a version of a function: an immutable snapshot of its current code and configuration (PublishVersion). Publishing with nothing changed returns the latest version instead of a new one.",
    inputSchema: { type: 'object', properties: { functionName, description: { type: 'string', description: 'Description of the version.' } }, required: ['functionName'], additionalProperties: false },
    annotations: { title: 'Publish a version', readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, engine) => {
      const description = optionalString(args, 'description');
      return strip(await (await lambdaOf(engine)).send(new PublishVersionCommand({ FunctionName: stringArg(args, 'functionName'), ...(description !== undefined ? { Description: description } : {}) })));
    },
  },
  {
    name: 'set_alias',
    description:
      'Points an alias of a function at a version, creating the alias if needed; optionally sends a share of its traffic to one other version (weighted routing, e.g. {"2": 0.1} sends 10% to version 2). ' +
      'Moving an alias changes what every caller of that alias runs.',
    inputSchema: {
      type: 'object',
      properties: {
        functionName,
        name: { type: 'string', description: 'Alias name, e.g. "live".' },
        version: { type: 'string', description: 'Version number the alias points at (not $LATEST for weighted routing).' },
        additionalVersionWeights: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 }, description: 'At most one other version and its weight; {} removes routing.' },
        description: { type: 'string' },
      },
      required: ['functionName', 'name', 'version'],
      additionalProperties: false,
    },
    annotations: { title: 'Point an alias', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: async (args, engine) => {
      const lambda = await lambdaOf(engine);
      const FunctionName = stringArg(args, 'functionName');
      const Name = stringArg(args, 'name');
      const FunctionVersion = stringArg(args, 'version');
      const weights = args.additionalVersionWeights;
      if (weights !== undefined && (typeof weights !== 'object' || weights === null || Array.isArray(weights))) throw new ToolInputError('additionalVersionWeights must be an object such as {"2": 0.1}.');
      const description = optionalString(args, 'description');
      const common = { FunctionName, Name, FunctionVersion, ...(description !== undefined ? { Description: description } : {}), ...(weights ? { RoutingConfig: { AdditionalVersionWeights: weights as Record<string, number> } } : {}) };
      try {
        await lambda.send(new GetAliasCommand({ FunctionName, Name }));
      } catch (e) {
        if (!(e instanceof ResourceNotFoundException)) throw e;
        return { created: true, alias: strip(await lambda.send(new CreateAliasCommand(common))) };
      }
      return { created: false, alias: strip(await lambda.send(new UpdateAliasCommand(common))) };
    },
  },
];
