// FunctionConfiguration documents for $LATEST and published versions, with the RevisionId, LastModified
// and CodeSize each one has (recorded for versions and API functions, observed for template functions).
import { directorySize } from '../project/codeSize';
import type { FunctionConfig } from './functionConfig';
import { toFunctionConfiguration, type ConfigurationExtras } from './functionConfiguration';
import type { FunctionEntry } from './functionRegistry';
import { lambdaDate, latestRevisionId, type ManagementContext } from './managementContext';

const firstSeen = new WeakMap<FunctionConfig, string>();
const sizes = new WeakMap<FunctionConfig, number>();

type Extras = Omit<ConfigurationExtras, 'revisionId' | 'lastModified' | 'codeSize'>;

/** $LATEST of a function. */
export function describeLatest(ctx: ManagementContext, entry: FunctionEntry, extras: Extras = {}): Record<string, unknown> {
  const c = entry.latest;
  const api = ctx.store.get(entry.name)?.api;
  let lastModified = api?.lastModified ?? firstSeen.get(c);
  if (!lastModified) firstSeen.set(c, (lastModified = lambdaDate(ctx.clock.now())));
  let codeSize = api?.codeSize ?? sizes.get(c);
  if (codeSize === undefined) {
    try {
      codeSize = directorySize(c.codeDir);
    } catch {
      codeSize = 0;
    }
    sizes.set(c, codeSize);
  }
  return toFunctionConfiguration(ctx.partition, c, { ...extras, revisionId: latestRevisionId(ctx, entry), lastModified, codeSize });
}

/** A published version (undefined when it does not exist). */
export function describeVersion(ctx: ManagementContext, name: string, version: string, extras: Extras = {}): Record<string, unknown> | undefined {
  const record = ctx.store.get(name)?.versions[version];
  const config = ctx.store.versionConfig(name, version);
  if (!record || !config) return undefined;
  return toFunctionConfiguration(ctx.partition, config, {
    qualifiedArn: true,
    ...extras,
    revisionId: record.revisionId,
    lastModified: record.lastModified,
    codeSize: record.codeSize,
  });
}

/** $LATEST or a version, by the version string. */
export function describeAny(ctx: ManagementContext, entry: FunctionEntry, version: string, extras: Extras = {}): Record<string, unknown> {
  if (version === '$LATEST') return describeLatest(ctx, entry, extras);
  return describeVersion(ctx, entry.name, version, extras) ?? describeLatest(ctx, entry, extras);
}
