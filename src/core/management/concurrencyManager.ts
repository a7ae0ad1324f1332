// Concurrency (fidelity 7): reserved concurrency per function (0 throttles every invocation), provisioned
// concurrency per version or alias kept warm by ProvisionedConcurrency, and the account settings.
import { ApiError, functionNotFound, invalidParameter, resourceConflict, resourceNotFound, validationError } from '../errors';
import { parseFunctionRef } from '../arn';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import type { FunctionConfig } from '../functionConfig';
import { StateFile } from '../state/stateFile';
import { arnOf, audited, lambdaDate, requireFunction, type ManagementContext } from './managementContext';

const FUNCTIONS_ONLY = 'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.';
const UNPUBLISHED = 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.';
const NOT_ALIAS_OR_VERSION = 'The function resource provided must be an alias or a published version.';

/** Lambda keeps 100 of 1,000 unreserved; locally the same tenth of the configured account limit. */
export const minUnreserved = (account: number): number => Math.min(100, Math.floor(account / 10));

/** Starts, re-targets or stops the provisioned environments of one config from the durable state. */
export function applyProvisioned(ctx: ManagementContext, name: string, qualifier: string, retry = false): void {
  const want = ctx.store.get(name)?.provisioned[qualifier];
  const shares = want && ctx.registry.get(name) ? sharesOf(ctx, name, qualifier, want.requested) : undefined;
  if (!shares) ctx.provisioned.remove(name, qualifier);
  else ctx.provisioned.set(name, qualifier, shares, retry);
}

/** Environments per version config: an alias with routing splits them by weight. */
function sharesOf(ctx: ManagementContext, name: string, qualifier: string, n: number): Map<FunctionConfig, number> | undefined {
  const alias = ctx.store.get(name)?.aliases[qualifier];
  const primary = alias ? alias.functionVersion : qualifier;
  const main = ctx.store.versionConfig(name, primary);
  if (!main) return undefined;
  const shares = new Map<FunctionConfig, number>([[main, n]]);
  const [extraVersion, weight] = Object.entries(alias?.routing ?? {})[0] ?? [];
  const extra = extraVersion === undefined ? undefined : ctx.store.versionConfig(name, extraVersion);
  if (extra && weight !== undefined) {
    const k = Math.round(n * weight);
    shares.set(main, n - k);
    shares.set(extra, k);
  }
  return shares;
}

/** Reserved and provisioned concurrency operations. */
export class ConcurrencyManager {
  constructor(private readonly ctx: ManagementContext) {}

  putReserved(functionName: string, input: { readonly ReservedConcurrentExecutions?: unknown }, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return this.unqualified('PutFunctionConcurrency', functionName, caller, async (name) => {
      const n = input.ReservedConcurrentExecutions;
      if (n === undefined || n === null) throw new ApiError('ValidationException', 400, `1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null`);
      if (typeof n !== 'number' || !Number.isInteger(n)) throw validationError(n, 'reservedConcurrentExecutions', 'Member must be an integer');
      if (n < 0) throw validationError(n, 'reservedConcurrentExecutions', 'Member must have value greater than or equal to 0');
      // AWS names $LATEST in this not-found message (recorded).
      if (!this.ctx.registry.get(name)) throw functionNotFound(arnOf(this.ctx, name, '$LATEST'));
      const account = this.ctx.accountConcurrency;
      if (this.reservedElsewhere(name) + n > account - minUnreserved(account)) {
        // Sent without the `Type` field (recorded).
        throw new ApiError('InvalidParameterValueException', 400, `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minUnreserved(account)}].`, { Type: undefined });
      }
      const provisioned = this.provisionedOf(name);
      // Wording not captured from AWS.
      if (n < provisioned) throw invalidParameter(`Specified ReservedConcurrentExecutions for function is less than the function's total provisioned concurrency [${provisioned}].`);
      await this.setReserved(name, n);
      return { ReservedConcurrentExecutions: n };
    });
  }

  getReserved(functionName: string, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return this.unqualified('GetFunctionConcurrency', functionName, caller, (name) => {
      const n = requireFunction(this.ctx, name).reservedConcurrency;
      return n === undefined ? {} : { ReservedConcurrentExecutions: n };
    });
  }

  deleteReserved(functionName: string, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return this.unqualified('DeleteFunctionConcurrency', functionName, caller, async (name) => {
      requireFunction(this.ctx, name);
      await this.setReserved(name, null);
    });
  }

  putProvisioned(functionName: string, qualifier: string | undefined, input: { readonly ProvisionedConcurrentExecutions?: unknown }, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return this.qualified('PutProvisionedConcurrencyConfig', functionName, qualifier, caller, UNPUBLISHED, async (name, q) => {
      const n = input.ProvisionedConcurrentExecutions;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw validationError(n ?? 'null', 'provisionedConcurrentExecutions', 'Member must have value greater than or equal to 1');
      const record = this.ctx.store.get(name);
      const alias = record?.aliases[q];
      if (alias?.functionVersion === '$LATEST') throw invalidParameter(UNPUBLISHED);
      const others = this.provisionedOf(name) - (record?.provisioned[q]?.requested ?? 0);
      const reserved = requireFunction(this.ctx, name).reservedConcurrency;
      if (reserved !== undefined && reserved < others + n) throw invalidParameter('Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function');
      const account = this.ctx.accountConcurrency;
      // Both sent without the `Type` field (AWS-recorded, test_provisioned_concurrency_limits).
      if (n > account) throw new ApiError('InvalidParameterValueException', 400, `Specified ConcurrentExecutions for function is greater than account's unreserved concurrency [${account}].`, { Type: undefined });
      if (n > this.unreserved(name, q) - minUnreserved(account)) {
        throw new ApiError('InvalidParameterValueException', 400, `Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minUnreserved(account)}].`, { Type: undefined });
      }
      if (alias && record?.provisioned[alias.functionVersion]) throw resourceConflict("Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version");
      if (!alias && Object.values(record?.aliases ?? {}).some((a) => a.functionVersion === q && record?.provisioned[a.name])) throw resourceConflict('Version is pointed by a Provisioned Concurrency alias');
      const lastModified = lambdaDate(this.ctx.clock.now());
      await this.ctx.store.update((draft) => {
        StateFile.ensure(draft, name).provisioned[q] = { requested: n, lastModified };
      });
      applyProvisioned(this.ctx, name, q, true);
      return this.statusOut(name, q);
    });
  }

  getProvisioned(functionName: string, qualifier: string | undefined, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return this.qualified('GetProvisionedConcurrencyConfig', functionName, qualifier, caller, NOT_ALIAS_OR_VERSION, (name, q) => {
      if (!this.ctx.store.get(name)?.provisioned[q]) throw new ApiError('ProvisionedConcurrencyConfigNotFoundException', 404, 'No Provisioned Concurrency Config found for this function');
      return this.statusOut(name, q);
    });
  }

  deleteProvisioned(functionName: string, qualifier: string | undefined, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return this.qualified('DeleteProvisionedConcurrencyConfig', functionName, qualifier, caller, NOT_ALIAS_OR_VERSION, async (name, q) => {
      if (!this.ctx.store.get(name)?.provisioned[q]) return;
      await this.ctx.store.update((draft) => {
        delete draft.functions[name]?.provisioned[q];
      });
      this.ctx.provisioned.remove(name, q);
    });
  }

  listProvisioned(functionName: string, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return this.unqualified('ListProvisionedConcurrencyConfigs', functionName, caller, (name) => {
      requireFunction(this.ctx, name);
      const configs = Object.keys(this.ctx.store.get(name)?.provisioned ?? {}).map((q) => ({ FunctionArn: arnOf(this.ctx, name, q), ...this.statusOut(name, q) }));
      return { ProvisionedConcurrencyConfigs: configs };
    });
  }

  /** GetAccountSettings. */
  accountSettings(): Record<string, unknown> {
    const entries = this.ctx.registry.list();
    const codeSize = this.ctx.store.names().reduce((sum, n) => {
      const r = this.ctx.store.get(n);
      return sum + (r?.api?.codeSize ?? 0) + Object.values(r?.versions ?? {}).reduce((s, v) => s + v.codeSize, 0);
    }, 0);
    return {
      AccountLimit: {
        TotalCodeSize: 80530636800,
        CodeSizeUnzipped: 262144000,
        CodeSizeZipped: 52428800,
        ConcurrentExecutions: this.ctx.accountConcurrency,
        UnreservedConcurrentExecutions: this.unreserved(undefined, undefined),
      },
      AccountUsage: { TotalCodeSize: codeSize, FunctionCount: entries.length },
    };
  }

  private statusOut(name: string, q: string): Record<string, unknown> {
    const want = this.ctx.store.get(name)?.provisioned[q];
    const s = this.ctx.provisioned.status(name, q);
    const requested = want?.requested ?? 0;
    const allocated = s?.allocated ?? 0;
    return {
      RequestedProvisionedConcurrentExecutions: requested,
      AvailableProvisionedConcurrentExecutions: allocated,
      AllocatedProvisionedConcurrentExecutions: allocated,
      Status: s?.status ?? 'IN_PROGRESS',
      ...(s?.reason ? { StatusReason: s.reason } : {}),
      LastModified: want?.lastModified,
    };
  }

  private async setReserved(name: string, value: number | null): Promise<void> {
    const template = this.ctx.registry.baseReservedConcurrency(name) ?? null;
    await this.ctx.store.update((draft) => {
      StateFile.ensure(draft, name).reserved = { value, template };
    });
    this.ctx.registry.refresh([name]);
  }

  private reservedElsewhere(name: string): number {
    return this.ctx.registry.list().reduce((sum, e) => sum + (e.name === name ? 0 : (e.reservedConcurrency ?? 0)), 0);
  }

  private provisionedOf(name: string): number {
    return Object.values(this.ctx.store.get(name)?.provisioned ?? {}).reduce((s, p) => s + p.requested, 0);
  }

  /** Account limit minus reserved and provisioned concurrency (excluding one provisioned config). */
  private unreserved(exceptName: string | undefined, exceptQualifier: string | undefined): number {
    let used = this.ctx.registry.list().reduce((sum, e) => sum + (e.reservedConcurrency ?? 0), 0);
    for (const n of this.ctx.store.names()) {
      for (const [q, p] of Object.entries(this.ctx.store.get(n)?.provisioned ?? {})) if (n !== exceptName || q !== exceptQualifier) used += p.requested;
    }
    return this.ctx.accountConcurrency - used;
  }

  private unqualified<T>(operation: string, functionName: string, caller: CallerIdentity, run: (name: string) => T | Promise<T>): Promise<T> {
    const ref = parseFunctionRef(this.ctx.partition, functionName);
    return audited(this.ctx, operation, arnOf(this.ctx, ref.name), caller, () => {
      if (ref.qualifier !== undefined) throw invalidParameter(FUNCTIONS_ONLY);
      return run(ref.name);
    });
  }

  private qualified<T>(operation: string, functionName: string, qualifier: string | undefined, caller: CallerIdentity, latestMessage: string, run: (name: string, q: string) => T | Promise<T>): Promise<T> {
    const ref = parseFunctionRef(this.ctx.partition, functionName, qualifier);
    return audited(this.ctx, operation, arnOf(this.ctx, ref.name, ref.qualifier), caller, () => {
      const q = ref.qualifier;
      if (q === undefined) throw new ApiError('ValidationException', 400, `1 validation error detected: Value null at 'qualifier' failed to satisfy constraint: Member must not be null`);
      if (q === '$LATEST') throw invalidParameter(latestMessage);
      // A missing function is named through the qualifier, as for a missing version or alias (AWS-recorded).
      const record = this.ctx.store.get(ref.name);
      if (/^\d+$/.test(q)) {
        if (!record?.versions[q]) throw resourceNotFound(`Function not found: ${arnOf(this.ctx, ref.name, q)}`);
      } else if (!record?.aliases[q]) throw resourceNotFound(`Cannot find alias arn: ${arnOf(this.ctx, ref.name, q)}`);
      return run(ref.name, q);
    });
  }
}
