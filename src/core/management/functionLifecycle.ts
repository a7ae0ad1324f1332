// CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration and DeleteFunction (fidelity 6, 7):
// functions created through the API live in the durable state; template functions are read-only here.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { checkCreateFunctionName, parseFunctionRef } from '../arn';
import { ApiError, functionNotFound, invalidParameter, resourceConflict } from '../errors';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { snapshotCode, type CodeInput } from './codeSource';
import { describeLatest, transientRevision } from './describeFunction';
import type { FunctionConfig } from '../functionConfig';
import { applyConfigInput, type ConfigInput } from './functionInput';
import type { FunctionEntry } from '../functions/functionRegistry';
import { StateFile } from '../state/stateFile';
import { arnOf, audited, checkRevision, lambdaDate, latestRevisionId, requireFunction, type ManagementContext } from './managementContext';
import type { TagManager } from './tagManager';
import type { VersionManager } from './versionManager';

export interface CreateFunctionInput extends ConfigInput {
  readonly FunctionName?: unknown;
  readonly Code?: CodeInput;
  readonly Publish?: boolean;
  readonly Tags?: unknown;
}

export interface UpdateCodeInput extends CodeInput {
  readonly Publish?: boolean;
  readonly DryRun?: boolean;
  readonly RevisionId?: string;
  readonly Architectures?: unknown;
}

/** The lifecycle of API-managed functions. */
export class FunctionLifecycle {
  constructor(private readonly ctx: ManagementContext, private readonly versions: VersionManager, private readonly tags: TagManager) {}

  /** Registers the API-created functions of the durable state (at start). */
  registerStored(): void {
    for (const name of this.ctx.store.names()) {
      if (!this.ctx.store.get(name)?.api || this.ctx.registry.get(name)) continue;
      this.register(name);
    }
  }

  create(input: CreateFunctionInput, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    const raw = typeof input.FunctionName === 'string' ? input.FunctionName : '';
    return audited(this.ctx, 'CreateFunction', arnOf(this.ctx, raw), caller, async () => {
      if (typeof input.FunctionName !== 'string') throw new ApiError('ValidationException', 400, "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null");
      checkCreateFunctionName(input.FunctionName);
      const ref = createRef(this.ctx, input.FunctionName);
      if (ref.name.length > 64) {
        throw new ApiError('InvalidParameterValueException', 400, `1 validation error detected: Value '${ref.name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`);
      }
      if (ref.qualifier !== undefined) throw invalidParameter('Qualified function names are not supported for CreateFunction; give the function name only.');
      const name = ref.name;
      const base = applyConfigInput(name, input, undefined);
      if (!input.Code) throw new ApiError('ValidationException', 400, "1 validation error detected: Value null at 'code' failed to satisfy constraint: Member must not be null");
      if (this.ctx.registry.get(name) || this.ctx.store.get(name)?.api) throw resourceConflict(`Function already exist: ${name}`);
      if (input.Tags !== undefined && (typeof input.Tags !== 'object' || input.Tags === null)) throw invalidParameter('Tags must be a map of strings.');
      const snap = await snapshotCode(this.ctx.snapshots, this.ctx.bucketsDir, input.Code);
      const config: FunctionConfig = { ...base, version: '$LATEST', codeDir: this.ctx.snapshots.codeDir(snap.key), codeSha256: snap.codeSha256 };
      await this.ctx.store.update((draft) => {
        const r = StateFile.ensure(draft, name);
        r.api = { snapshot: snap.key, config: this.ctx.store.seal(config), lastModified: lambdaDate(this.ctx.clock.now()), codeSize: snap.codeSize };
        r.revisionSalt = randomUUID();
      });
      const entry = this.register(name);
      if (input.Tags && Object.keys(input.Tags).length) await this.tags.tag(arnOf(this.ctx, name), input.Tags, caller);
      if (input.Publish) {
        return pendingVersion(await this.versions.publish(name, {}, caller), arnOf(this.ctx, name));
      }
      return describeLatest(this.ctx, entry, { pending: true });
    });
  }

  updateCode(functionName: string, input: UpdateCodeInput, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    const name = parseFunctionRef(this.ctx.partition, functionName).name;
    return audited(this.ctx, 'UpdateFunctionCode', arnOf(this.ctx, name), caller, async () => {
      const entry = this.writable(name);
      checkRevision(input.RevisionId, latestRevisionId(this.ctx, entry));
      const base = input.Architectures === undefined ? entry.latest : { ...entry.latest, ...applyConfigInput(name, { Architectures: input.Architectures }, entry.latest) };
      const snap = await snapshotCode(this.ctx.snapshots, this.ctx.bucketsDir, input);
      const config: FunctionConfig = { ...base, codeDir: this.ctx.snapshots.codeDir(snap.key), codeSha256: snap.codeSha256 };
      if (input.DryRun) return { ...describeLatest(this.ctx, entry), CodeSha256: snap.codeSha256, CodeSize: snap.codeSize };
      return this.commit(name, config, { snapshot: snap.key, codeSize: snap.codeSize }, input.Publish === true, caller);
    });
  }

  updateConfiguration(functionName: string, input: ConfigInput & { readonly RevisionId?: string }, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    const name = parseFunctionRef(this.ctx.partition, functionName).name;
    return audited(this.ctx, 'UpdateFunctionConfiguration', arnOf(this.ctx, name), caller, async () => {
      const entry = this.writable(name);
      checkRevision(input.RevisionId, latestRevisionId(this.ctx, entry));
      const config: FunctionConfig = { ...entry.latest, ...applyConfigInput(name, input, entry.latest) };
      const api = this.ctx.store.get(name)?.api;
      return this.commit(name, config, { snapshot: api?.snapshot ?? '', codeSize: api?.codeSize ?? 0 }, false, caller);
    });
  }

  /** DeleteFunction: the whole function, or one version (aliases and $LATEST cannot be deleted alone). */
  delete(functionName: string, qualifier: string | undefined, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    const ref = parseFunctionRef(this.ctx.partition, functionName, qualifier);
    const q = ref.qualifier;
    if (q !== undefined && /^\d+$/.test(q) && this.ctx.registry.get(ref.name)) return this.versions.delete(ref.name, q, caller);
    return audited(this.ctx, 'DeleteFunction', arnOf(this.ctx, ref.name, q), caller, async () => {
      if (q === '$LATEST') throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
      if (!this.ctx.registry.get(ref.name)) throw functionNotFound(arnOf(this.ctx, ref.name));
      if (q !== undefined) throw invalidParameter('Deletion of aliases is not currently supported.');
      this.writable(ref.name);
      await this.ctx.store.update((draft) => {
        delete draft.functions[ref.name];
      });
      this.ctx.provisioned.removeFunction(ref.name);
      this.ctx.store.forget(ref.name);
      this.ctx.registry.remove(ref.name);
      void this.ctx.store.exclusive(() => this.ctx.snapshots.collectGarbage(this.ctx.store.liveSnapshots()));
    });
  }

  private async commit(name: string, config: FunctionConfig, code: { snapshot: string; codeSize: number }, publish: boolean, caller: CallerIdentity): Promise<Record<string, unknown>> {
    await this.ctx.store.update((draft) => {
      const r = StateFile.ensure(draft, name);
      r.api = { snapshot: code.snapshot, config: this.ctx.store.seal(config), lastModified: lambdaDate(this.ctx.clock.now()), codeSize: code.codeSize };
      r.revisionSalt = randomUUID();
    });
    const entry = this.register(name);
    void this.ctx.store.exclusive(() => this.ctx.snapshots.collectGarbage(this.ctx.store.liveSnapshots()));
    if (publish) {
      const v = await this.versions.publish(name, {}, caller);
      return pendingVersion(v, String(v.FunctionArn));
    }
    return describeLatest(this.ctx, entry, { lastUpdateStatus: 'InProgress' });
  }

  /** Puts the stored $LATEST of an API function into the registry. */
  private register(name: string): FunctionEntry {
    let latest: FunctionConfig;
    let problems: FunctionEntry['problems'];
    try {
      latest = this.ctx.store.apiLatestConfig(name) as FunctionConfig;
    } catch (e) {
      // Variables that cannot be decrypted: keep the function visible, refuse to run it, say why.
      const api = this.ctx.store.get(name)?.api;
      latest = { ...(api?.config as unknown as FunctionConfig), functionName: name, version: '$LATEST', codeDir: this.ctx.snapshots.codeDir(api?.snapshot ?? ''), layers: [], environment: {} };
      problems = [{ severity: 'error', message: (e as Error).message, file: this.ctx.store.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, code: 'env-decrypt' }];
    }
    const entry: FunctionEntry = { name, source: 'api', spec: undefined, latest, reservedConcurrency: undefined, ...(problems ? { problems } : {}) };
    this.ctx.registry.upsert(entry);
    return requireFunction(this.ctx, name);
  }

  /** The entry of a function the API may change; template and host-defined functions are read-only. */
  private writable(name: string): FunctionEntry {
    const entry = requireFunction(this.ctx, name);
    if (entry.source === 'template') {
      const where = entry.spec ? `${path.basename(entry.spec.file)} (${entry.spec.logicalId})` : 'the template';
      throw invalidParameter(`The function ${name} is defined in ${where}. Template functions are read-only through the API: change the template instead (versions, aliases, permissions, concurrency and tags can still be managed).`);
    }
    if (!this.ctx.store.get(name)?.api) {
      throw invalidParameter(`The function ${name} was defined by the program hosting Lambda Workbench, not through CreateFunction, so the API cannot change it.`);
    }
    return entry;
  }
}

/** A version published by CreateFunction or UpdateFunctionCode is still being created when the call answers (AWS-recorded). */
function pendingVersion(v: Record<string, unknown>, functionArn: string): Record<string, unknown> {
  const { LastUpdateStatus: _s, ...rest } = v;
  return { ...rest, FunctionArn: functionArn, RevisionId: transientRevision(String(v.RevisionId)), State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
}

/** CreateFunction's name: an ARN of another account is refused with a 403 whose body is `{"Message":null}` (AWS-recorded, test_function_arns). */
function createRef(ctx: ManagementContext, raw: string): ReturnType<typeof parseFunctionRef> {
  try {
    return parseFunctionRef(ctx.partition, raw);
  } catch (e) {
    if (e instanceof ApiError && e.type === 'AccessDeniedException') throw new ApiError('AccessDeniedException', 403, '', { Type: undefined, Message: null, message: undefined });
    throw e;
  }
}
