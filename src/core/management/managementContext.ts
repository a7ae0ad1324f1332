// What every management operation shares (registry, durable store, snapshots, audit log, clock) and the
// helpers they have in common: ARNs, lookups with Lambda's not-found errors, RevisionIds, auditing.
import { createHash } from 'node:crypto';
import { functionArn, type Partition } from '../arn';
import type { Clock } from '../clock';
import { ApiError, functionNotFound, preconditionFailed, validationError } from '../errors';
import type { AuditLog, CallerIdentity } from '../state/auditLog';
import type { RoutingRandom } from './aliasRouting';
import type { CodeSnapshots } from '../state/codeSnapshots';
import type { FunctionConfig } from '../functionConfig';
import type { FunctionEntry, FunctionRegistry } from '../functions/functionRegistry';
import type { StateFile } from '../state/stateFile';
import type { ProvisionedConcurrency } from './provisionedConcurrency';

export interface ManagementContext {
  readonly partition: Partition;
  readonly registry: FunctionRegistry;
  readonly store: StateFile;
  readonly snapshots: CodeSnapshots;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly random: RoutingRandom;
  readonly provisioned: ProvisionedConcurrency;
  /** Account-wide concurrent executions (the "account limit" of the settings). */
  readonly accountConcurrency: number;
  /** Where S3-style code locations resolve: `<bucketsDir>/<S3Bucket>/<S3Key>`. */
  readonly bucketsDir: string;
  /** Builds a template function's code (npm, pip...) so PublishVersion snapshots the built output. */
  readonly prepareCode?: (config: FunctionEntry['latest']) => Promise<void>;
  /** SnapStart: starts taking a published version's snapshot (init and before-snapshot hooks). */
  readonly takeSnapshot?: (name: string, version: string) => void;
  /** SnapStart: the state of a version's snapshot (its State in GetFunctionConfiguration). */
  readonly snapshotState?: (name: string, version: string) => SnapshotState | undefined;
}

import type { SnapshotState } from '../runtime/snapshotStates';

export const REVISION_MISMATCH = 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id';

export const arnOf = (ctx: ManagementContext, name: string, qualifier?: string): string => functionArn(ctx.partition, name, qualifier);

/** The function's entry, or ResourceNotFoundException with its unqualified ARN. */
export function requireFunction(ctx: ManagementContext, name: string): FunctionEntry {
  const entry = ctx.registry.get(name);
  if (!entry) throw functionNotFound(arnOf(ctx, name));
  return entry;
}

/** Lambda's timestamp format: `2024-01-31T12:34:56.789+0000`. */
export function lambdaDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** A UUID-shaped id derived from `text` (stable RevisionIds for unchanged state). */
export function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What identifies a $LATEST configuration for "nothing changed" checks and RevisionIds. */
export function fingerprint(config: FunctionConfig): string {
  const { codeDir: _c, layers, version: _v, ...rest } = config;
  return createHash('sha256').update(JSON.stringify({ ...rest, layers: layers.map((l) => l.name) })).digest('hex');
}

/** $LATEST's RevisionId: changes with its configuration and with every management change to it. */
export function latestRevisionId(ctx: ManagementContext, entry: FunctionEntry): string {
  return uuidFrom(`${fingerprint(entry.latest)}\0${ctx.store.get(entry.name)?.revisionSalt ?? ''}`);
}

/** 412 unless `given` is absent or equals `current`. */
export function checkRevision(given: unknown, current: string, message = REVISION_MISMATCH): void {
  if (given !== undefined && given !== null && given !== current) throw preconditionFailed(message);
}

/** Runs a management operation and appends its outcome to the audit log. */
export async function audited<T>(ctx: ManagementContext, operation: string, target: string, caller: CallerIdentity, run: () => T | Promise<T>): Promise<T> {
  try {
    const result = await run();
    ctx.audit.append({ caller, operation, target, outcome: 'Success' });
    return result;
  } catch (e) {
    ctx.audit.append({ caller, operation, target, outcome: e instanceof ApiError ? e.type : 'ServiceException', message: (e as Error).message });
    throw e;
  }
}

/** Checks MaxItems (1..10000) and returns the page of `items` after `marker` (an item key). */
export function paginate<T>(items: readonly T[], keyOf: (t: T) => string, marker: string | undefined | null, maxItems: unknown): { page: T[]; nextMarker: string | undefined } {
  let max = 50;
  if (maxItems !== undefined && maxItems !== null && maxItems !== '') {
    max = Number(maxItems);
    if (!Number.isInteger(max)) throw validationError(maxItems, 'maxItems', 'Member must be an integer');
    if (max < 1) throw validationError(max, 'maxItems', 'Member must have value greater than or equal to 1');
    if (max > 10000) throw validationError(max, 'maxItems', 'Member must have value less than or equal to 10000');
  }
  const start = marker ? Math.max(0, items.findIndex((i) => keyOf(i) === marker)) : 0;
  const page = items.slice(start, start + max);
  const next = items[start + max];
  return { page, nextMarker: next === undefined ? undefined : keyOf(next) };
}
