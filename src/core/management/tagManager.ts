// Tags on functions: TagResource, UntagResource, ListTags (by function ARN; versions and aliases carry none).
import { randomUUID } from 'node:crypto';
import { ApiError, functionNotFound, invalidParameter, resourceNotFound } from '../errors';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { StateFile } from '../state/stateFile';
import { arnOf, audited, type ManagementContext } from './managementContext';

const TAG_LIMIT = 50;
const ARN = /^arn:(aws[a-zA-Z-]*):lambda:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}):(\d{12}):function:([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const OTHER_ARN = /^arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:(layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)$/;
const RESOURCE_PATTERN_TEXT =
  'arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)';

/** Tags of resources other than functions (event source mappings), read and written by ARN suffix. */
export interface TaggedResources {
  tagsOf(id: string): Record<string, string> | undefined;
  setTags(id: string, tags: Readonly<Record<string, string>>): void;
}

const MAPPING_ARN = /^arn:aws[a-zA-Z-]*:lambda:[^:]+:\d{12}:event-source-mapping:([0-9a-fA-F-]{36})$/;

/** Tag operations. */
export class TagManager {
  /** Set by the engine once its event sources exist. */
  mappings: TaggedResources | undefined;

  constructor(private readonly ctx: ManagementContext) {}

  /** Tags of an event source mapping ARN, or undefined when `resource` is not one. */
  private mappingTags(resource: string): { id: string; tags: Record<string, string> } | undefined {
    const id = MAPPING_ARN.exec(resource)?.[1];
    if (!id || !this.mappings) return undefined;
    const tags = this.mappings.tagsOf(id);
    if (!tags) throw otherNotFound(resource);
    return { id, tags };
  }

  tag(resource: string, tags: unknown, caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return audited(this.ctx, 'TagResource', resource, caller, async () => {
      const mapping = this.mappingTags(resource);
      const name = mapping ? '' : this.functionOf(resource);
      if (!tags || typeof tags !== 'object' || Array.isArray(tags)) throw new ApiError('ValidationException', 400, `1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null`);
      const entries = Object.entries(tags as Record<string, unknown>);
      // AWS's answer to an empty tag map (recorded).
      if (entries.length === 0) throw invalidParameter('An error occurred and the request cannot be processed.');
      for (const [k, v] of entries) checkTag(k, v);
      if (mapping) {
        const merged = { ...mapping.tags, ...(tags as Record<string, string>) };
        if (Object.keys(merged).length > TAG_LIMIT) throw invalidParameter('Number of tags exceeds resource tag limit.');
        this.mappings?.setTags(mapping.id, merged);
        return;
      }
      const merged = { ...(this.ctx.store.get(name)?.tags ?? {}), ...(tags as Record<string, string>) };
      if (Object.keys(merged).length > TAG_LIMIT) throw invalidParameter('Number of tags exceeds resource tag limit.');
      await this.ctx.store.update((draft) => {
        const r = StateFile.ensure(draft, name);
        r.tags = merged;
        // Tagging changes the function's RevisionId (AWS-recorded).
        r.revisionSalt = randomUUID();
      });
    });
  }

  untag(resource: string, keys: readonly string[], caller: CallerIdentity = LOCAL_CALLER): Promise<void> {
    return audited(this.ctx, 'UntagResource', resource, caller, async () => {
      const mapping = this.mappingTags(resource);
      const name = mapping ? '' : this.functionOf(resource);
      if (keys.length === 0) throw new ApiError('ValidationException', 400, `1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null`);
      if (mapping) {
        const left = { ...mapping.tags };
        for (const k of keys) delete left[k];
        this.mappings?.setTags(mapping.id, left);
        return;
      }
      if (!this.ctx.store.get(name)) return;
      await this.ctx.store.update((draft) => {
        const r = draft.functions[name];
        if (!r || !keys.some((k) => k in r.tags)) return;
        for (const k of keys) delete r.tags[k];
        r.revisionSalt = randomUUID();
      });
    });
  }

  list(resource: string, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return audited(this.ctx, 'ListTags', resource, caller, () => {
      const mapping = this.mappingTags(resource);
      return { Tags: mapping ? mapping.tags : { ...(this.ctx.store.get(this.functionOf(resource))?.tags ?? {}) } };
    });
  }

  /** The tags of a function, for GetFunction. */
  of(name: string): Record<string, string> {
    return { ...(this.ctx.store.get(name)?.tags ?? {}) };
  }

  private functionOf(resource: string): string {
    const m = ARN.exec(resource);
    if (!m) {
      if (OTHER_ARN.test(resource)) throw otherNotFound(resource);
      throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${resource}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: ${RESOURCE_PATTERN_TEXT}`);
    }
    const name = m[9] as string;
    // AWS refuses a qualified ARN before it looks the function up (recorded).
    if (m[10] !== undefined) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
    if (m[2] !== this.ctx.partition.region || m[8] !== this.ctx.partition.accountId || !this.ctx.registry.get(name)) throw functionNotFound(arnOf(this.ctx, name));
    return name;
  }
}

function checkTag(key: string, value: unknown): void {
  if (key.length < 1 || key.length > 128) throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${key}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`);
  if (typeof value !== 'string' || value.length > 256) throw new ApiError('ValidationException', 400, `1 validation error detected: Value '${String(value)}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256]`);
  if (key.toLowerCase().startsWith('aws:')) throw invalidParameter(`Tag keys that start with 'aws:' are reserved for AWS use: ${key}`);
}

/** Mappings, capacity providers, layers and signing configs carry no tags here: they are reported missing the way AWS words it. */
function otherNotFound(resource: string): ApiError {
  const kind = resource.split(':')[5];
  const what = kind === 'event-source-mapping' ? 'Event source mapping' : kind === 'capacity-provider' ? 'Capacity provider' : kind === 'layer' ? 'Layer' : 'Code signing configuration';
  return resourceNotFound(`${what} not found: ${resource}`);
}
