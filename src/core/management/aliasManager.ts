// Aliases (fidelity 6): CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias with every validation
// AWS applies, including weighted RoutingConfig between two published versions.
import { randomUUID } from 'node:crypto';
import { ApiError, functionNotFound, invalidParameter, resourceConflict, resourceNotFound } from '../errors';
import { parseRoutingConfig, routingConfigOut } from './aliasRouting';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { applyProvisioned } from './concurrencyManager';
import { StateFile } from '../state/stateFile';
import type { AliasRecord } from '../state/managedState';
import { arnOf, audited, checkRevision, paginate, requireFunction, type ManagementContext } from './managementContext';

export interface AliasInput {
  readonly Name?: string;
  readonly FunctionVersion?: string;
  readonly Description?: string;
  readonly RoutingConfig?: unknown;
  readonly RevisionId?: string;
}

const validation = (value: unknown, field: string, constraint: string): ApiError =>
  new ApiError('ValidationException', 400, `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`);

/** Alias operations of the management plane. */
export class AliasManager {
  constructor(private readonly ctx: ManagementContext) {}

  create(name: string, input: AliasInput, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'CreateAlias', arnOf(this.ctx, name, input.Name), caller, async () => {
      const alias = checkName(input.Name);
      const version = checkVersion(input.FunctionVersion);
      checkDescription(input.Description);
      // AWS names the version in the not-found message even when the function itself is missing (recorded).
      if (!this.ctx.registry.get(name)) throw functionNotFound(arnOf(this.ctx, name, version));
      requireFunction(this.ctx, name);
      this.requireVersion(name, version);
      if (this.ctx.store.get(name)?.aliases[alias]) throw resourceConflict(`Alias already exists: ${arnOf(this.ctx, name, alias)}`);
      const routing = this.checkRouting(name, input.RoutingConfig, version);
      const record: AliasRecord = { name: alias, functionVersion: version, description: input.Description ?? '', routing: routing ? { [routing[0]]: routing[1] } : undefined, revisionId: randomUUID() };
      await this.ctx.store.update((draft) => {
        StateFile.ensure(draft, name).aliases[alias] = record;
      });
      this.ctx.registry.refresh([name]);
      return this.out(name, record);
    });
  }

  get(name: string, alias: string, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'GetAlias', arnOf(this.ctx, name, alias), caller, () => {
      requireFunction(this.ctx, name);
      const record = this.ctx.store.get(name)?.aliases[alias];
      if (!record) throw resourceNotFound(`Cannot find alias arn: ${arnOf(this.ctx, name, alias)}`);
      return this.out(name, record);
    });
  }

  list(name: string, options: { readonly FunctionVersion?: string | null; readonly Marker?: string | null; readonly MaxItems?: unknown } = {}, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'ListAliases', arnOf(this.ctx, name), caller, () => {
      requireFunction(this.ctx, name);
      if (options.FunctionVersion !== undefined && options.FunctionVersion !== null) checkVersion(options.FunctionVersion);
      const all = Object.values(this.ctx.store.get(name)?.aliases ?? {})
        .filter((a) => options.FunctionVersion === undefined || options.FunctionVersion === null || a.functionVersion === options.FunctionVersion)
        .sort((a, b) => a.name.localeCompare(b.name));
      const { page, nextMarker } = paginate(all, (a) => a.name, options.Marker, options.MaxItems);
      return { Aliases: page.map((a) => this.out(name, a)), ...(nextMarker ? { NextMarker: nextMarker } : {}) };
    });
  }

  update(name: string, alias: string, input: AliasInput, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'UpdateAlias', arnOf(this.ctx, name, alias), caller, async () => {
      checkName(alias);
      if (input.FunctionVersion !== undefined) checkVersion(input.FunctionVersion);
      checkDescription(input.Description);
      requireFunction(this.ctx, name);
      const current = this.ctx.store.get(name)?.aliases[alias];
      if (!current) throw resourceNotFound(`Alias not found: ${arnOf(this.ctx, name, alias)}`);
      checkRevision(input.RevisionId, current.revisionId);
      const version = input.FunctionVersion ?? current.functionVersion;
      this.requireVersion(name, version);
      const routingInput = input.RoutingConfig !== undefined ? input.RoutingConfig : current.routing ? { AdditionalVersionWeights: current.routing } : undefined;
      const routing = this.checkRouting(name, routingInput, version);
      const record: AliasRecord = {
        name: alias,
        functionVersion: version,
        description: input.Description ?? current.description,
        routing: routing ? { [routing[0]]: routing[1] } : undefined,
        revisionId: randomUUID(),
      };
      await this.ctx.store.update((draft) => {
        StateFile.ensure(draft, name).aliases[alias] = record;
      });
      this.ctx.registry.refresh([name]);
      applyProvisioned(this.ctx, name, alias);
      return this.out(name, record);
    });
  }

  /** DeleteAlias: 204 even when the alias does not exist. */
  delete(name: string, alias: string, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return audited(this.ctx, 'DeleteAlias', arnOf(this.ctx, name, alias), caller, async () => {
      checkName(alias);
      requireFunction(this.ctx, name);
      if (!this.ctx.store.get(name)?.aliases[alias]) return;
      await this.ctx.store.update((draft) => {
        const r = draft.functions[name];
        if (!r) return;
        delete r.aliases[alias];
        delete r.policies[alias];
        delete r.provisioned[alias];
      });
      this.ctx.provisioned.remove(name, alias);
      this.ctx.registry.refresh([name]);
    });
  }

  /** Creates the alias or points it at `version` without routing (what a SAM deploy does for AutoPublishAlias). */
  async point(name: string, alias: string, version: string, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    if (this.ctx.store.get(name)?.aliases[alias]) return this.update(name, alias, { FunctionVersion: version, RoutingConfig: {} }, caller);
    return this.create(name, { Name: alias, FunctionVersion: version }, caller);
  }

  private requireVersion(name: string, version: string): void {
    if (version !== '$LATEST' && !this.ctx.store.versionConfig(name, version)) throw functionNotFound(arnOf(this.ctx, name, version));
  }

  private checkRouting(name: string, routingConfig: unknown, primary: string): readonly [string, number] | undefined {
    const routing = parseRoutingConfig(routingConfig, primary);
    if (!routing) return undefined;
    const extra = this.ctx.store.versionConfig(name, routing[0]);
    if (!extra) throw functionNotFound(arnOf(this.ctx, name, routing[0]));
    const main = this.ctx.store.versionConfig(name, primary);
    // DG: both versions need the same execution role and dead-letter configuration (wording not captured).
    if (main && (main.role !== extra.role || main.deadLetterTargetArn !== extra.deadLetterTargetArn)) {
      throw invalidParameter(`Invalid function version ${routing[0]}. Versions ${primary} and ${routing[0]} of ${name} must have the same execution role and dead-letter configuration to share an alias.`);
    }
    return routing;
  }

  private out(name: string, a: AliasRecord): Record<string, unknown> {
    const routing = routingConfigOut(a.routing);
    return {
      AliasArn: arnOf(this.ctx, name, a.name),
      Name: a.name,
      FunctionVersion: a.functionVersion,
      Description: a.description,
      RevisionId: a.revisionId,
      ...(routing ? { RoutingConfig: routing } : {}),
    };
  }
}

const missing = (field: string): ApiError => new ApiError('ValidationException', 400, `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);

function checkName(name: unknown): string {
  if (name === undefined || name === null) throw missing('name');
  if (typeof name !== 'string' || name.length < 1 || name.length > 128 || /^[0-9]+$/.test(name) || !/^[a-zA-Z0-9-_]+$/.test(name)) {
    throw validation(name, 'name', 'Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)');
  }
  return name;
}

function checkVersion(version: unknown): string {
  if (version === undefined || version === null) throw missing('functionVersion');
  if (typeof version !== 'string' || version.length < 1 || version.length > 1024 || !/^(\$LATEST(\.PUBLISHED)?|[0-9]+)$/.test(version)) {
    throw validation(version, 'functionVersion', 'Member must satisfy regular expression pattern: (\\$LATEST(\\.PUBLISHED)?|[0-9]+)');
  }
  return version;
}

function checkDescription(description: unknown): void {
  if (description !== undefined && (typeof description !== 'string' || description.length > 256)) {
    throw validation(description, 'description', 'Member must have length less than or equal to 256');
  }
}
