// The management operations consumers call on local functions (versions, aliases, reserved
// concurrency), flat over the FunctionManager so the UI never reaches into its managers.
import type { AliasInput } from './aliasManager';
import type { FunctionManager } from './functionManager';

/** Lambda API documents (the shapes ListVersionsByFunction, CreateAlias... return) per operation. */
export interface ManagementOperations {
  listVersions(name: string): Promise<Record<string, unknown>[]>;
  publishVersion(name: string, description?: string): Promise<Record<string, unknown>>;
  deleteVersion(name: string, version: string): Promise<void>;
  listAliases(name: string): Promise<Record<string, unknown>[]>;
  createAlias(name: string, input: AliasInput): Promise<Record<string, unknown>>;
  updateAlias(name: string, alias: string, input: AliasInput): Promise<Record<string, unknown>>;
  deleteAlias(name: string, alias: string): Promise<void>;
  /** Puts reserved concurrency, or deletes it when `value` is undefined. */
  setReservedConcurrency(name: string, value: number | undefined): Promise<void>;
}

/** The operations of one FunctionManager, as the local caller. */
export function managementOperations(m: FunctionManager): ManagementOperations {
  return {
    listVersions: async (name) => ((await m.versions.list(name, { MaxItems: 10000 })) as { Versions: Record<string, unknown>[] }).Versions,
    publishVersion: (name, description) => m.versions.publish(name, description ? { Description: description } : {}),
    deleteVersion: (name, version) => m.versions.delete(name, version),
    listAliases: async (name) => ((await m.aliases.list(name, { MaxItems: 10000 })) as { Aliases: Record<string, unknown>[] }).Aliases,
    createAlias: (name, input) => m.aliases.create(name, input),
    updateAlias: (name, alias, input) => m.aliases.update(name, alias, input),
    deleteAlias: (name, alias) => m.aliases.delete(name, alias),
    setReservedConcurrency: async (name, value) => {
      if (value === undefined) await m.concurrency.deleteReserved(name);
      else await m.concurrency.putReserved(name, { ReservedConcurrentExecutions: value });
    },
  };
}
