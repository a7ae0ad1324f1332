// `alias create|update|delete|list`: manage aliases and their weighted routing from the shell.
import { CreateAliasCommand, DeleteAliasCommand, ListAliasesCommand, UpdateAliasCommand, type AliasConfiguration } from '@aws-sdk/client-lambda';
import type { Values } from './engineFromArgs';
import { emitJson, usageError } from './cliOutput';
import { printJson, withSession } from './lambdaApiSession';
import { describeAlias } from './publishCommand';

export const aliasUsage =
  'lambda-workbench alias create <function> <name> <version> [--description TEXT] [--routing VERSION=WEIGHT]\n' +
  '  lambda-workbench alias update <function> <name> [--version N] [--description TEXT] [--routing VERSION=WEIGHT | --no-routing]\n' +
  '  lambda-workbench alias delete <function> <name>\n' +
  '  lambda-workbench alias list <function>';

/** `--routing 2=0.1` to AdditionalVersionWeights. */
function routing(values: Values): { AdditionalVersionWeights: Record<string, number> } | undefined {
  if (values['no-routing']) return { AdditionalVersionWeights: {} };
  const raw = values.routing as string | undefined;
  if (raw === undefined) return undefined;
  const m = /^([^=]+)=([0-9.]+)$/.exec(raw);
  if (!m) throw usageError(`--routing expects VERSION=WEIGHT (for example 2=0.1), got '${raw}'.`);
  return { AdditionalVersionWeights: { [m[1] as string]: Number(m[2]) } };
}

function show(values: Values, a: AliasConfiguration, verb: string): number {
  if (!printJson(values, a)) process.stdout.write(`${verb} alias ${describeAlias(a)}\n`);
  return 0;
}

export async function alias(values: Values, positionals: string[]): Promise<number> {
  const [sub, fn, name, version, ...extra] = positionals;
  const need = (ok: boolean): void => {
    if (!ok || extra.length) throw usageError(`Usage: ${aliasUsage}`);
  };
  const description = values.description !== undefined ? { Description: values.description as string } : {};
  switch (sub) {
    case 'create':
      need(!!fn && !!name && !!version);
      return withSession(values, async ({ client }) => {
        const r = routing(values);
        const a = await client.send(new CreateAliasCommand({ FunctionName: fn, Name: name, FunctionVersion: version, ...description, ...(r ? { RoutingConfig: r } : {}) }));
        return show(values, a, 'Created');
      });
    case 'update':
      need(!!fn && !!name && version === undefined);
      return withSession(values, async ({ client }) => {
        const r = routing(values);
        const v = values.version as string | undefined;
        const a = await client.send(new UpdateAliasCommand({ FunctionName: fn, Name: name, ...(v ? { FunctionVersion: v } : {}), ...description, ...(r ? { RoutingConfig: r } : {}) }));
        return show(values, a, 'Updated');
      });
    case 'delete':
      need(!!fn && !!name && version === undefined);
      return withSession(values, async ({ client }) => {
        await client.send(new DeleteAliasCommand({ FunctionName: fn, Name: name }));
        if (!emitJson(values, { deleted: { functionName: fn, name } })) process.stdout.write(`Deleted alias ${name} of ${fn}.\n`);
        return 0;
      });
    case 'list':
      need(!!fn && name === undefined);
      return withSession(values, async ({ client }) => {
        const aliases: AliasConfiguration[] = [];
        let Marker: string | undefined;
        do {
          const page = await client.send(new ListAliasesCommand({ FunctionName: fn, ...(Marker ? { Marker } : {}) }));
          aliases.push(...(page.Aliases ?? []));
          Marker = page.NextMarker;
        } while (Marker);
        if (printJson(values, { Aliases: aliases })) return 0;
        if (!aliases.length) process.stdout.write(`${fn} has no aliases.\n`);
        for (const a of aliases) process.stdout.write(`${describeAlias(a)}${a.Description ? `  "${a.Description}"` : ''}\n`);
        return 0;
      });
    default:
      throw usageError(`Usage: ${aliasUsage}`);
  }
}
