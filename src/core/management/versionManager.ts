// Published versions (fidelity 6): PublishVersion with content-addressed snapshots, "nothing changed"
// returning the latest version, never-reused numbers, preconditions; ListVersionsByFunction; deleting.
import { randomUUID } from 'node:crypto';
import { ApiError, invalidParameter, resourceConflict } from '../errors';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { CodeChangedError } from '../state/codeSnapshots';
import { describeLatest, describeVersion } from './describeFunction';
import { runsFromSnapshot } from '../snapStart';
import { StateFile, sortedVersions } from '../state/stateFile';
import { arnOf, audited, checkRevision, fingerprint, lambdaDate, latestRevisionId, paginate, requireFunction, type ManagementContext } from './managementContext';

export interface PublishInput {
  readonly CodeSha256?: string;
  readonly Description?: string;
  readonly RevisionId?: string;
}

/** Version operations of the management plane. */
export class VersionManager {
  constructor(private readonly ctx: ManagementContext) {}

  /** PublishVersion: snapshots $LATEST (or returns the latest version when nothing changed). */
  publish(name: string, input: PublishInput = {}, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'PublishVersion', arnOf(this.ctx, name), caller, () => this.publishNow(name, input));
  }

  /** ListVersionsByFunction: $LATEST first, then versions in ascending order. */
  list(name: string, options: { readonly Marker?: string | null; readonly MaxItems?: unknown } = {}, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'ListVersionsByFunction', arnOf(this.ctx, name), caller, () => {
      const entry = requireFunction(this.ctx, name);
      const record = this.ctx.store.get(name);
      const versions = ['$LATEST', ...(record ? sortedVersions(record).map((v) => v.version) : [])];
      const { page, nextMarker } = paginate(versions, (v) => v, options.Marker, options.MaxItems);
      const docs = page.map((v) => (v === '$LATEST' ? describeLatest(this.ctx, entry, { qualifiedArn: true, listing: true }) : describeVersion(this.ctx, name, v, { listing: true })));
      return { Versions: docs, ...(nextMarker ? { NextMarker: nextMarker } : {}) };
    });
  }

  /** Deletes one version (DeleteFunction with a numeric Qualifier); refused while an alias uses it. */
  delete(name: string, version: string, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return audited(this.ctx, 'DeleteFunction', arnOf(this.ctx, name, version), caller, () => this.deleteNow(name, version));
  }

  private async deleteNow(name: string, version: string): Promise<void> {
    const ctx = this.ctx;
    requireFunction(ctx, name);
    const record = ctx.store.get(name);
    // AWS answers 204 for a version that does not exist: deleting it is idempotent.
    if (!record?.versions[version]) return;
    const users = Object.values(record.aliases).filter((a) => a.functionVersion === version || (a.routing && version in a.routing)).map((a) => a.name);
    // AWS's wording for this 409 was not captured; this names the aliases in the same spirit.
    if (users.length) throw resourceConflict(`Unable to delete version because the following aliases reference it: [${users.join(', ')}]`);
    await ctx.store.update((draft) => {
      const r = draft.functions[name];
      if (!r) return;
      delete r.versions[version];
      delete r.policies[version];
      delete r.provisioned[version];
    });
    ctx.provisioned.remove(name, version);
    ctx.registry.refresh([name]);
    void ctx.store.exclusive(() => ctx.snapshots.collectGarbage(ctx.store.liveSnapshots()));
  }

  private async publishNow(name: string, input: PublishInput): Promise<Record<string, unknown>> {
    const ctx = this.ctx;
    const entry = requireFunction(ctx, name);
    const problem = entry.problems?.[0];
    if (problem) throw invalidParameter(`The function ${name} cannot be published until its template is fixed: ${problem.message} (${problem.file}:${problem.range.start.line + 1}:${problem.range.start.character + 1})`);
    if (input.Description !== undefined && input.Description.length > 256) {
      throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${input.Description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`);
    }
    checkRevision(input.RevisionId, latestRevisionId(ctx, entry));
    const latest = entry.latest;
    if (entry.source === 'template' && ctx.prepareCode) {
      try {
        await ctx.prepareCode(latest);
      } catch (e) {
        throw resourceConflict(`The function ${name} cannot be published: its local build failed. ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const version = await ctx.store.update(async (draft) => {
      const record = StateFile.ensure(draft, name);
      let snap;
      if (entry.source === 'api' && record.api) snap = { key: record.api.snapshot, codeSha256: latest.codeSha256, codeSize: record.api.codeSize };
      else {
        try {
          snap = await ctx.snapshots.snapshotDirs([latest.codeDir, ...latest.layers.map((l) => l.contentDir)]);
        } catch (e) {
          if (e instanceof CodeChangedError) throw resourceConflict(`The code of ${name} changed while it was being published (${e.file}). Publish again.`);
          throw e;
        }
      }
      if (input.CodeSha256 !== undefined && input.CodeSha256 !== snap.codeSha256) {
        throw invalidParameter(`CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${snap.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
      }
      const print = fingerprint({ ...latest, codeSha256: snap.codeSha256 });
      const last = record.versions[String(record.lastVersion)];
      if (last && last.fingerprint === print) return last.version;
      const n = String(record.lastVersion + 1);
      record.lastVersion += 1;
      const config = { ...latest, version: n, codeSha256: snap.codeSha256, description: input.Description ?? latest.description };
      record.versions[n] = { version: n, snapshot: snap.key, config: ctx.store.seal(config), lastModified: lambdaDate(ctx.clock.now()), codeSize: snap.codeSize, fingerprint: print, revisionId: randomUUID() };
      // Publishing bumps $LATEST's RevisionId too (AWS-recorded).
      record.revisionSalt = randomUUID();
      return n;
    });
    ctx.registry.refresh([name]);
    // SnapStart: init and the before-snapshot hooks run now; the version is Pending until the snapshot is taken.
    const published = ctx.store.versionConfig(name, version);
    if (published && runsFromSnapshot(published) && !ctx.snapshotState?.(name, version)) ctx.takeSnapshot?.(name, version);
    return describeVersion(ctx, name, version) as Record<string, unknown>;
  }
}
