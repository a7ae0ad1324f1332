// Tags on functions: TagResource, UntagResource, ListTags (by function ARN; versions and aliases carry none).
import { ApiError, functionNotFound, invalidParameter } from '../errors';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { StateFile } from '../state/stateFile';
import { arnOf, audited, type ManagementContext } from './managementContext';

const TAG_LIMIT = 50;
const ARN = /^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}):(\d{12}):function:([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;

/** Tag operations. */
export class TagManager {
  constructor(private readonly ctx: ManagementContext) {}

  tag(resource: string, tags: unknown, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return audited(this.ctx, 'TagResource', resource, caller, async () => {
      const name = this.functionOf(resource);
      if (!tags || typeof tags !== 'object' || Array.isArray(tags)) throw new ApiError('ValidationException', 400, `1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null`);
      const entries = Object.entries(tags as Record<string, unknown>);
      for (const [k, v] of entries) checkTag(k, v);
      const merged = { ...(this.ctx.store.get(name)?.tags ?? {}), ...(tags as Record<string, string>) };
      if (Object.keys(merged).length > TAG_LIMIT) throw invalidParameter(`Number of tags exceeds resource tag limit of ${TAG_LIMIT}.`);
      await this.ctx.store.update((draft) => {
        StateFile.ensure(draft, name).tags = merged;
      });
    });
  }

  untag(resource: string, keys: readonly string[], caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return audited(this.ctx, 'UntagResource', resource, caller, async () => {
      const name = this.functionOf(resource);
      if (keys.length === 0) throw new ApiError('ValidationException', 400, `1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null`);
      if (!this.ctx.store.get(name)) return;
      await this.ctx.store.update((draft) => {
        const r = draft.functions[name];
        if (r) for (const k of keys) delete r.tags[k];
      });
    });
  }

  list(resource: string, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'ListTags', resource, caller, () => ({ Tags: { ...(this.ctx.store.get(this.functionOf(resource))?.tags ?? {}) } }));
  }

  /** The tags of a function, for GetFunction. */
  of(name: string): Record<string, string> {
    return { ...(this.ctx.store.get(name)?.tags ?? {}) };
  }

  private functionOf(resource: string): string {
    const m = ARN.exec(resource);
    if (!m) {
      throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${resource}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)`);
    }
    const name = m[8] as string;
    if (m[2] !== this.ctx.partition.region || m[7] !== this.ctx.partition.accountId || !this.ctx.registry.get(name)) throw functionNotFound(arnOf(this.ctx, name));
    // Wording not captured from AWS: tags belong to the function, not to its versions or aliases.
    if (m[9] !== undefined) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
    return name;
  }
}

function checkTag(key: string, value: unknown): void {
  if (key.length < 1 || key.length > 128) throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${key}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`);
  if (typeof value !== 'string' || value.length > 256) throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${String(value)}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256]`);
  if (key.toLowerCase().startsWith('aws:')) throw invalidParameter(`Tag keys that start with 'aws:' are reserved for AWS use: ${key}`);
}
