// `publish <fn>` (PublishVersion, then AutoPublishAlias or --alias like a deploy) and `versions <fn>`.
import {
  CreateAliasCommand,
  GetAliasCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  type AliasConfiguration,
  type FunctionConfiguration,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import type { Values } from './engineFromArgs';
import { usageError } from './cliOutput';
import { printJson, withSession } from './lambdaApiSession';

/** `name -> 3` or `name -> 3 (90%) / 4 (10%)`. */
export function describeAlias(a: AliasConfiguration): string {
  const [extra, weight] = Object.entries(a.RoutingConfig?.AdditionalVersionWeights ?? {})[0] ?? [];
  if (extra === undefined || weight === undefined) return `${a.Name} -> ${a.FunctionVersion}`;
  const pct = (w: number): string => `${Math.round(w * 1000) / 10}%`;
  return `${a.Name} -> ${a.FunctionVersion} (${pct(1 - weight)}) / ${extra} (${pct(weight)})`;
}

async function allVersions(client: LambdaClient, fn: string): Promise<FunctionConfiguration[]> {
  const out: FunctionConfiguration[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new ListVersionsByFunctionCommand({ FunctionName: fn, ...(Marker ? { Marker } : {}) }));
    out.push(...(page.Versions ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return out;
}

async function pointAlias(client: LambdaClient, fn: string, alias: string, version: string): Promise<AliasConfiguration> {
  try {
    await client.send(new GetAliasCommand({ FunctionName: fn, Name: alias }));
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
    return client.send(new CreateAliasCommand({ FunctionName: fn, Name: alias, FunctionVersion: version }));
  }
  return client.send(new UpdateAliasCommand({ FunctionName: fn, Name: alias, FunctionVersion: version, RoutingConfig: { AdditionalVersionWeights: {} } }));
}

export async function publish(values: Values, positionals: string[]): Promise<number> {
  const fn = positionals[0];
  if (!fn || positionals.length > 1) throw usageError('publish takes one function name: lambda-workbench publish <function> [--description TEXT] [--alias NAME]');
  return withSession(values, async ({ client, autoPublishAlias }) => {
    const before = Math.max(0, ...(await allVersions(client, fn)).map((v) => Number(v.Version)).filter((n) => Number.isFinite(n)));
    const v = await client.send(new PublishVersionCommand({ FunctionName: fn, ...(values.description !== undefined ? { Description: values.description as string } : {}) }));
    const alias = (values.alias as string | undefined) ?? (await autoPublishAlias(fn));
    const pointed = alias ? await pointAlias(client, fn, alias, v.Version as string) : undefined;
    if (printJson(values, pointed ? { Version: v, Alias: pointed } : v)) return 0;
    const unchanged = Number(v.Version) <= before;
    process.stdout.write(
      unchanged
        ? `${fn}: nothing changed since version ${v.Version}; no new version was published.\n`
        : `Published ${fn} version ${v.Version} (CodeSha256 ${v.CodeSha256}${v.Description ? `, "${v.Description}"` : ''}).\n`,
    );
    if (pointed) process.stdout.write(`Alias ${describeAlias(pointed)}\n`);
    return 0;
  });
}

export async function versions(values: Values, positionals: string[]): Promise<number> {
  const fn = positionals[0];
  if (!fn || positionals.length > 1) throw usageError('versions takes one function name: lambda-workbench versions <function>');
  return withSession(values, async ({ client }) => {
    const list = await allVersions(client, fn);
    const aliases = (await client.send(new ListAliasesCommand({ FunctionName: fn }))).Aliases ?? [];
    if (printJson(values, { Versions: list, Aliases: aliases })) return 0;
    const rows = list.map((v) => {
      const names = aliases.filter((a) => a.FunctionVersion === v.Version || (v.Version as string) in (a.RoutingConfig?.AdditionalVersionWeights ?? {})).map((a) => a.Name);
      return [v.Version ?? '', (v.CodeSha256 ?? '').slice(0, 12), v.LastModified ?? '', v.Description ?? '', names.length ? `<- ${names.join(', ')}` : ''];
    });
    const widths = rows.reduce((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), [] as number[]);
    for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd() + '\n');
    for (const a of aliases) process.stdout.write(`alias ${describeAlias(a)}\n`);
    return 0;
  });
}
