// The functions the engine knows: $LATEST configurations from the workspace template or the API, and
// (through the management plane) published versions and aliases, resolved from any qualifier.
import { EventEmitter } from 'node:events';
import { functionArn, type FunctionRef, type Partition } from '../arn';
import { functionNotFound } from '../errors';
import type { FunctionSpec, Problem } from '../project/functionSpec';
import type { FunctionConfig } from '../functionConfig';

export interface FunctionEntry {
  readonly name: string;
  readonly source: 'template' | 'api';
  /** The template resource, for template functions. */
  readonly spec: FunctionSpec | undefined;
  readonly latest: FunctionConfig;
  readonly reservedConcurrency: number | undefined;
  /** Template errors that keep the function from running (shown instead of running it). */
  readonly problems?: readonly Problem[];
}

/** What an invocation runs: the version's config and the names Lambda reports for it. */
export interface ResolvedFunction {
  readonly entry: FunctionEntry;
  readonly config: FunctionConfig;
  /** `$LATEST` or a version number. */
  readonly executedVersion: string;
  /** The alias the caller named, when resolved through one. */
  readonly alias?: string;
}

/** Builds the $LATEST config of a template function. */
export function configFromSpec(spec: FunctionSpec, codeDir: string, codeSha256: string): FunctionConfig {
  return {
    functionName: spec.functionName,
    version: '$LATEST',
    handler: spec.handler,
    runtime: spec.runtime,
    codeDir,
    memorySize: spec.memorySize,
    timeout: spec.timeout,
    ephemeralStorage: spec.ephemeralStorage,
    environment: spec.environment,
    layers: spec.layers.map((l) => ({ name: l.name, contentDir: l.contentDir })),
    logging: spec.logging,
    description: spec.description,
    architectures: spec.architectures,
    role: spec.role,
    codeSha256,
    ...(spec.deadLetterQueue ? { deadLetterTargetArn: spec.deadLetterQueue.targetArn } : {}),
    ...(spec.durableConfig ? { durableConfig: spec.durableConfig } : {}),
    ...(spec.tenantIsolation ? { tenantIsolation: spec.tenantIsolation } : {}),
    ...(spec.recursiveLoop ? { recursiveLoop: spec.recursiveLoop } : {}),
    ...(spec.snapStart ? { snapStart: spec.snapStart } : {}),
  };
}

/** What the management plane adds to the registry: versions, aliases and concurrency overrides. */
export interface ManagedLookup {
  /** The one config object of a published version; undefined when there is none. */
  versionConfig(name: string, version: string): FunctionConfig | undefined;
  alias(name: string, alias: string): { readonly functionVersion: string; readonly routing: readonly [string, number] | undefined } | undefined;
  /** Effective reserved concurrency given the template's value. */
  reservedConcurrency(name: string, fromTemplate: number | undefined): number | undefined;
  isVersionConfig(config: FunctionConfig): boolean;
  /** Uniform [0, 1) draw for weighted alias routing (seedable). */
  random(): number;
}

export interface ResolveOptions {
  /** Apply an alias's weighted routing (the invoker does); otherwise the alias's primary version. */
  readonly route?: boolean;
}

/** Emits `change` with the names of functions whose $LATEST, versions or settings changed. */
export class FunctionRegistry extends EventEmitter {
  private readonly entries = new Map<string, FunctionEntry>();
  private readonly effective = new Map<string, FunctionEntry>();
  private readonly versionEntries = new WeakMap<FunctionEntry, FunctionEntry>();
  private managed: ManagedLookup | undefined;

  constructor(readonly partition: Partition) {
    super();
  }

  /** Connects the management plane (versions, aliases, overrides). */
  attach(managed: ManagedLookup): void {
    this.managed = managed;
    this.effective.clear();
  }

  list(): FunctionEntry[] {
    return [...this.entries.keys()].sort((a, b) => a.localeCompare(b)).map((n) => this.get(n) as FunctionEntry);
  }

  /** The function with management overrides (reserved concurrency) applied. */
  get(name: string): FunctionEntry | undefined {
    const base = this.entries.get(name);
    if (!base || !this.managed) return base;
    const hit = this.effective.get(name);
    if (hit) return hit;
    const reserved = this.managed.reservedConcurrency(name, base.reservedConcurrency);
    const entry = reserved === base.reservedConcurrency ? base : { ...base, reservedConcurrency: reserved };
    this.effective.set(name, entry);
    return entry;
  }

  /** Reserved concurrency as the template (or `defineFunction`) set it, before API overrides. */
  baseReservedConcurrency(name: string): number | undefined {
    return this.entries.get(name)?.reservedConcurrency;
  }

  /** Tells listeners that managed state of these functions changed (versions, aliases, concurrency). */
  refresh(names: readonly string[]): void {
    for (const n of names) this.effective.delete(n);
    if (names.length) this.emit('change', [...names]);
  }

  /** Replaces all template functions; returns the names whose configuration changed. */
  setTemplateFunctions(entries: readonly FunctionEntry[]): string[] {
    const changed: string[] = [];
    const next = new Map(entries.map((e) => [e.name, e]));
    for (const [name, old] of this.entries) {
      if (old.source !== 'template') continue;
      const replacement = next.get(name);
      if (!replacement) {
        this.entries.delete(name);
        changed.push(name);
      } else if (!sameConfig(old, replacement)) {
        this.entries.set(name, replacement);
        changed.push(name);
      }
      next.delete(name);
    }
    for (const [name, entry] of next) {
      this.entries.set(name, entry);
      changed.push(name);
    }
    for (const n of changed) this.effective.delete(n);
    if (changed.length) this.emit('change', changed);
    return changed;
  }

  /** Adds or replaces one function that does not come from the template. */
  upsert(entry: FunctionEntry): void {
    const old = this.entries.get(entry.name);
    if (old && sameConfig(old, entry)) return;
    this.entries.set(entry.name, entry);
    this.effective.delete(entry.name);
    this.emit('change', [entry.name]);
  }

  remove(name: string): boolean {
    if (!this.entries.delete(name)) return false;
    this.effective.delete(name);
    this.emit('change', [name]);
    return true;
  }

  /** Whether environments of `config` may still be used ($LATEST of a function, or a published version). */
  isLive(config: FunctionConfig): boolean {
    return this.entries.get(config.functionName)?.latest === config || (this.managed?.isVersionConfig(config) ?? false);
  }

  /** Resolves a parsed function reference; throws ResourceNotFoundException like Lambda. */
  resolve(ref: FunctionRef, options: ResolveOptions = {}): ResolvedFunction {
    const entry = this.get(ref.name);
    if (!entry) throw functionNotFound(functionArn(this.partition, ref.name, ref.qualifier ?? '$LATEST'));
    const q = ref.qualifier;
    if (q === undefined || q === '$LATEST') return { entry, config: entry.latest, executedVersion: '$LATEST' };
    const notFound = () => functionNotFound(functionArn(this.partition, ref.name, q));
    if (!this.managed) throw notFound();
    let version = q;
    let alias: string | undefined;
    if (!/^\d+$/.test(q)) {
      const a = this.managed.alias(ref.name, q);
      if (!a) throw notFound();
      alias = q;
      version = a.functionVersion;
      if (options.route && a.routing && this.managed.random() < a.routing[1]) version = a.routing[0];
      if (version === '$LATEST') return { entry, config: entry.latest, executedVersion: '$LATEST', alias };
    }
    const config = this.managed.versionConfig(ref.name, version);
    if (!config) throw notFound();
    return { entry: this.versionEntry(entry), config, executedVersion: version, ...(alias ? { alias } : {}) };
  }

  /** A published version runs its snapshot, so template problems of $LATEST do not apply to it. */
  private versionEntry(entry: FunctionEntry): FunctionEntry {
    if (!entry.problems?.length) return entry;
    let v = this.versionEntries.get(entry);
    if (!v) this.versionEntries.set(entry, (v = { ...entry, problems: [] }));
    return v;
  }
}

function sameConfig(a: FunctionEntry, b: FunctionEntry): boolean {
  return (
    a.reservedConcurrency === b.reservedConcurrency &&
    JSON.stringify(a.latest) === JSON.stringify(b.latest) &&
    JSON.stringify(a.problems ?? []) === JSON.stringify(b.problems ?? [])
  );
}
