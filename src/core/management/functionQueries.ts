// GetFunction, GetFunctionConfiguration and ListFunctions for $LATEST, versions and aliases.
import { parseFunctionRef } from '../arn';
import { functionNotFound, validationError } from '../errors';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { describeAny, describeVersion } from './describeFunction';
import { sortedVersions } from '../state/stateFile';
import { arnOf, audited, paginate, type ManagementContext } from './managementContext';
import type { TagManager } from './tagManager';

/** Read-only function queries. */
export class FunctionQueries {
  constructor(private readonly ctx: ManagementContext, private readonly tags: TagManager) {}

  /** GetFunction: configuration, code location, tags and reserved concurrency. */
  get(functionName: string, qualifier: string | undefined, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    const ref = parseFunctionRef(this.ctx.partition, functionName, qualifier);
    return audited(this.ctx, 'GetFunction', arnOf(this.ctx, ref.name, ref.qualifier), caller, () => {
      const { configuration, codeDir } = this.configuration(ref.name, ref.qualifier);
      const tags = this.tags.of(ref.name);
      const reserved = this.ctx.registry.get(ref.name)?.reservedConcurrency;
      return {
        Configuration: configuration,
        // AWS reports `S3` for every Zip function; Location is where the code can be read here.
        Code: { RepositoryType: 'S3', Location: `file://${codeDir}` },
        ...(Object.keys(tags).length ? { Tags: tags } : {}),
        ...(reserved !== undefined ? { Concurrency: { ReservedConcurrentExecutions: reserved } } : {}),
      };
    });
  }

  getConfiguration(functionName: string, qualifier: string | undefined, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    const ref = parseFunctionRef(this.ctx.partition, functionName, qualifier);
    return audited(this.ctx, 'GetFunctionConfiguration', arnOf(this.ctx, ref.name, ref.qualifier), caller, () => this.configuration(ref.name, ref.qualifier).configuration);
  }

  /** ListFunctions; `FunctionVersion=ALL` adds every published version. */
  list(options: { readonly FunctionVersion?: string | null; readonly Marker?: string | null; readonly MaxItems?: unknown } = {}, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'ListFunctions', `arn:aws:lambda:${this.ctx.partition.region}:${this.ctx.partition.accountId}:function:*`, caller, () => {
      const all = options.FunctionVersion === 'ALL';
      if (options.FunctionVersion !== undefined && options.FunctionVersion !== null && !all) {
        throw validationError(options.FunctionVersion, 'functionVersion', 'Member must satisfy enum value set: [ALL]');
      }
      const docs: Record<string, unknown>[] = [];
      for (const entry of this.ctx.registry.list()) {
        docs.push(describeAny(this.ctx, entry, '$LATEST', all ? { qualifiedArn: true, listing: true } : { listing: true }));
        const record = all ? this.ctx.store.get(entry.name) : undefined;
        for (const v of record ? sortedVersions(record) : []) {
          const doc = describeVersion(this.ctx, entry.name, v.version, { listing: true });
          if (doc) docs.push(doc);
        }
      }
      const { page, nextMarker } = paginate(docs, (d) => String(d.FunctionArn), options.Marker, options.MaxItems);
      return { Functions: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) };
    });
  }

  private configuration(name: string, qualifier: string | undefined): { configuration: Record<string, unknown>; codeDir: string } {
    const entry = this.ctx.registry.get(name);
    if (!entry) throw functionNotFound(arnOf(this.ctx, name, qualifier));
    const resolved = this.ctx.registry.resolve({ name, qualifier }, { route: false });
    const configuration = describeAny(this.ctx, entry, resolved.executedVersion, qualifier === undefined ? {} : { arnQualifier: qualifier });
    return { configuration, codeDir: resolved.config.codeDir };
  }
}
