// The functions the engine knows: $LATEST configurations from the workspace template (and, later,
// from the API), resolved from any name form and qualifier the Lambda API accepts.
import { EventEmitter } from 'node:events';
import { functionArn, type FunctionRef, type Partition } from '../arn';
import { functionNotFound } from '../errors';
import type { FunctionSpec, Problem } from '../project/functionSpec';
import type { FunctionConfig } from './functionConfig';

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
  };
}

/** Emits `change` with the names of functions whose $LATEST was added, replaced or removed. */
export class FunctionRegistry extends EventEmitter {
  private readonly entries = new Map<string, FunctionEntry>();

  constructor(readonly partition: Partition) {
    super();
  }

  list(): FunctionEntry[] {
    return [...this.entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): FunctionEntry | undefined {
    return this.entries.get(name);
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
    if (changed.length) this.emit('change', changed);
    return changed;
  }

  /** Adds or replaces one function that does not come from the template. */
  upsert(entry: FunctionEntry): void {
    const old = this.entries.get(entry.name);
    if (old && sameConfig(old, entry)) return;
    this.entries.set(entry.name, entry);
    this.emit('change', [entry.name]);
  }

  remove(name: string): boolean {
    if (!this.entries.delete(name)) return false;
    this.emit('change', [name]);
    return true;
  }

  /** Resolves a parsed function reference; throws ResourceNotFoundException like Lambda. */
  resolve(ref: FunctionRef): ResolvedFunction {
    const entry = this.entries.get(ref.name);
    if (!entry) throw functionNotFound(functionArn(this.partition, ref.name, ref.qualifier ?? '$LATEST'));
    if (ref.qualifier === undefined || ref.qualifier === '$LATEST') {
      return { entry, config: entry.latest, executedVersion: '$LATEST' };
    }
    throw functionNotFound(functionArn(this.partition, ref.name, ref.qualifier));
  }
}

function sameConfig(a: FunctionEntry, b: FunctionEntry): boolean {
  return (
    a.reservedConcurrency === b.reservedConcurrency &&
    JSON.stringify(a.latest) === JSON.stringify(b.latest) &&
    JSON.stringify(a.problems ?? []) === JSON.stringify(b.problems ?? [])
  );
}
