// FunctionConfiguration documents (the API shape of a function) for $LATEST and published versions, with
// the RevisionId, LastModified and CodeSize each one has (recorded for versions and API functions,
// observed for template functions).
import { createHash } from 'node:crypto';
import { functionArn, type Partition } from '../arn';
import { directorySize } from '../project/codeSize';
import { durableConfigDocument } from '../project/durableConfigSpec';
import type { FunctionConfig } from '../functionConfig';
import { runsFromSnapshot } from '../snapStart';
import type { FunctionEntry } from '../functions/functionRegistry';
import { lambdaDate, latestRevisionId, type ManagementContext } from './managementContext';

export interface ConfigurationExtras {
  /** Qualify the ARN with the config's version (versions; $LATEST entries of ListVersionsByFunction). */
  readonly qualifiedArn?: boolean;
  /** Qualify the ARN with this qualifier instead (an alias, or `$LATEST` when the caller named it). */
  readonly arnQualifier?: string;
  readonly lastModified?: string;
  readonly revisionId?: string;
  readonly codeSize?: number;
  /** Create responses show `Pending`; everything else is `Active`. */
  readonly pending?: boolean;
  /** A SnapStart version whose snapshot failed: State Failed with this reason. */
  readonly failedReason?: string;
  /** Update responses show `InProgress`; published versions have no update status at all. */
  readonly lastUpdateStatus?: 'Successful' | 'InProgress' | 'None';
  /** ListFunctions and ListVersionsByFunction entries carry no State, update status or runtime version (AWS-recorded). */
  readonly listing?: boolean;
}

/** FunctionConfiguration as GetFunctionConfiguration returns it. */
export function toFunctionConfiguration(p: Partition, c: FunctionConfig, extras: ConfigurationExtras = {}): Record<string, unknown> {
  const qualifier = extras.arnQualifier ?? (extras.qualifiedArn ? c.version : undefined);
  const update = extras.lastUpdateStatus ?? (extras.pending ? 'None' : 'Successful');
  // AWS's RevisionId changes again when a create or update finishes, so the one in a Pending or
  // InProgress answer is never the one the next read shows.
  const transient = extras.pending || update === 'InProgress';
  const revisionId = extras.revisionId ?? '00000000-0000-0000-0000-000000000000';
  const out: Record<string, unknown> = {
    FunctionName: c.functionName,
    FunctionArn: functionArn(p, c.functionName, qualifier),
    Runtime: c.runtime,
    Role: c.role ?? `arn:aws:iam::${p.accountId}:role/lambda-workbench-local`,
    Handler: c.handler,
    CodeSize: extras.codeSize ?? 0,
    Description: c.description,
    Timeout: c.timeout,
    MemorySize: c.memorySize,
    LastModified: extras.lastModified ?? new Date(0).toISOString().replace('Z', '+0000'),
    CodeSha256: c.codeSha256,
    Version: c.version,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: transient ? transientRevision(revisionId) : revisionId,
    State: extras.pending ? 'Pending' : extras.failedReason !== undefined ? 'Failed' : 'Active',
    ...(extras.pending ? { StateReason: 'The function is being created.', StateReasonCode: 'Creating' } : {}),
    // StateReasonCode FunctionError is in the API's enum; which code AWS uses for a failed snapshot is unverified.
    ...(extras.failedReason !== undefined ? { StateReason: extras.failedReason, StateReasonCode: 'FunctionError' } : {}),
    PackageType: 'Zip',
    Architectures: [...c.architectures],
    EphemeralStorage: { Size: c.ephemeralStorage },
    // OptimizationStatus is On only for a published version that runs from a snapshot.
    SnapStart: { ApplyOn: c.snapStart ?? 'None', OptimizationStatus: runsFromSnapshot(c) ? 'On' : 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(p, c.runtime) },
    LoggingConfig: {
      LogFormat: c.logging.logFormat,
      LogGroup: c.logging.logGroup,
      // With JSON logs AWS shows both levels, INFO unless set (recorded).
      ...(c.logging.applicationLogLevel || c.logging.logFormat === 'JSON' ? { ApplicationLogLevel: c.logging.applicationLogLevel ?? 'INFO' } : {}),
      ...(c.logging.systemLogLevel || c.logging.logFormat === 'JSON' ? { SystemLogLevel: c.logging.systemLogLevel ?? 'INFO' } : {}),
    },
  };
  if (update === 'Successful') out.LastUpdateStatus = 'Successful';
  if (update === 'InProgress') Object.assign(out, { LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating' });
  if (Object.keys(c.environment).length || c.environmentDeclared) out.Environment = { Variables: { ...c.environment } };
  if (c.layers.length) out.Layers = c.layers.map((l) => ({ Arn: `arn:aws:lambda:${p.region}:${p.accountId}:layer:${l.name}:1`, CodeSize: 0 }));
  if (extras.listing) {
    for (const k of ['State', 'StateReason', 'StateReasonCode', 'LastUpdateStatus', 'LastUpdateStatusReason', 'LastUpdateStatusReasonCode', 'RuntimeVersionConfig']) delete out[k];
  }
  if (c.deadLetterTargetArn) out.DeadLetterConfig = { TargetArn: c.deadLetterTargetArn };
  if (c.kmsKeyArn) out.KMSKeyArn = c.kmsKeyArn;
  if (c.durableConfig) out.DurableConfig = durableConfigDocument(c.durableConfig);
  if (c.tenantIsolation) out.TenancyConfig = { TenantIsolationMode: c.tenantIsolation };
  return out;
}

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
  const snapshot = ctx.snapshotState?.(name, version);
  return toFunctionConfiguration(ctx.partition, config, {
    qualifiedArn: true,
    ...(snapshot?.state === 'Pending' ? { pending: true } : {}),
    ...(snapshot?.state === 'Failed' ? { failedReason: `SnapStart: the snapshot could not be taken: ${snapshot.reason ?? 'init failed'}` } : {}),
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

/** The RevisionId a create or update answer shows before the change settles. */
export function transientRevision(settled: string): string {
  const h = createHash('sha256').update(`transient\0${settled}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `arn:aws:lambda:REGION::runtime:HASH`: AWS names a runtime build by a 64-hex id; ours is stable per runtime. */
export function runtimeVersionArn(p: Partition, runtime: string): string {
  return `arn:aws:lambda:${p.region}::runtime:${createHash('sha256').update(`lambda-workbench:${runtime}`).digest('hex')}`;
}
