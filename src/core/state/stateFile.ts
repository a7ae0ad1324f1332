// The durable management state: loads state.json (checking its schema version), applies changes one at
// a time on a copy that is written atomically before it replaces the live state, and builds one stable
// FunctionConfig object per published version from its snapshot.
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, WorkbenchError, messageOf } from '../errors';
import { removeStaleTemporaries, writeFileAtomic } from './atomicFile';
import type { CodeSnapshots } from './codeSnapshots';
import type { EnvCipher } from './envCipher';
import type { FunctionConfig } from '../functionConfig';
import { SCHEMA_VERSION, emptyRecord, type FunctionRecord, type StateDocument, type StoredConfig, type VersionRecord } from './managedState';

/** The state file plus the config objects derived from it. */
export class StateFile {
  readonly file: string;
  private state: StateDocument;
  /** The text last written (or read), to skip writing an unchanged state. */
  private written: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly configs = new Map<string, { readonly stamp: string; readonly config: FunctionConfig }>();
  private readonly versionObjects = new WeakSet<FunctionConfig>();

  constructor(dir: string, private readonly cipher: EnvCipher, readonly snapshots: CodeSnapshots) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, 'state.json');
    removeStaleTemporaries(dir);
    this.state = load(this.file);
    this.written = JSON.stringify(this.state);
  }

  /** Committed record of a function, if anything is managed for it. */
  get(name: string): FunctionRecord | undefined {
    return this.state.functions[name];
  }

  names(): string[] {
    return Object.keys(this.state.functions);
  }

  /**
   * Runs `change` on a copy of the state, writes it atomically and makes it live; changes run one at a
   * time. If `change` throws, nothing is written.
   */
  update<T>(change: (draft: StateDocument) => T | Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.state);
      const result = await change(draft);
      const text = JSON.stringify(draft);
      // An unchanged state (a republish with nothing new) costs no write and no fsync.
      if (text !== this.written) {
        writeFileAtomic(this.file, text);
        this.written = text;
      }
      this.state = draft;
      return result;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Runs `task` in the same queue as updates, without writing (garbage collection, long reads). */
  exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const p = this.queue.then(task, task);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** The record of `name` in `draft`, created empty when missing. */
  static ensure(draft: StateDocument, name: string): FunctionRecord {
    return (draft.functions[name] ??= emptyRecord(name, randomUUID()));
  }

  /** Seals a runnable config for storage. */
  seal(config: FunctionConfig): StoredConfig {
    const { codeDir: _c, layers, environment, version: _v, ...rest } = config;
    return { ...rest, layers: layers.map((l) => ({ name: l.name })), environment: this.cipher.seal(environment) };
  }

  /** The one FunctionConfig object of a published version (undefined if there is no such version). */
  versionConfig(name: string, version: string): FunctionConfig | undefined {
    const v = this.state.functions[name]?.versions[version];
    if (!v) return undefined;
    return this.cached(`v\0${name}\0${version}`, v.snapshot, () => this.unseal(v.config, name, version, v.snapshot));
  }

  /** The $LATEST config of an API-created function (stable while its record does not change). */
  apiLatestConfig(name: string): FunctionConfig | undefined {
    const api = this.state.functions[name]?.api;
    if (!api) return undefined;
    const stamp = `${api.snapshot}\0${api.lastModified}\0${createHash('sha1').update(JSON.stringify(api.config)).digest('hex')}`;
    return this.cached(`l\0${name}`, stamp, () => this.unseal(api.config, name, '$LATEST', api.snapshot));
  }

  /** Whether `config` is the config of a version that still exists. */
  isVersionConfig(config: FunctionConfig): boolean {
    if (!this.versionObjects.has(config)) return false;
    try {
      return this.versionConfig(config.functionName, config.version) === config;
    } catch {
      return false;
    }
  }

  /** Forgets derived configs of a deleted function (a re-created one starts again at version 1). */
  forget(name: string): void {
    for (const key of [...this.configs.keys()]) if (key.split('\0')[1] === name) this.configs.delete(key);
  }

  /** Every snapshot key the state refers to. */
  liveSnapshots(): Set<string> {
    const live = new Set<string>();
    for (const r of Object.values(this.state.functions)) {
      if (r.api) live.add(r.api.snapshot);
      for (const v of Object.values(r.versions)) live.add(v.snapshot);
    }
    return live;
  }

  private cached(key: string, stamp: string, build: () => FunctionConfig): FunctionConfig {
    const hit = this.configs.get(key);
    if (hit && hit.stamp === stamp) return hit.config;
    const config = build();
    this.configs.set(key, { stamp, config });
    if (key.startsWith('v')) this.versionObjects.add(config);
    return config;
  }

  private unseal(stored: StoredConfig, name: string, version: string, snapshot: string): FunctionConfig {
    let environment: Record<string, string>;
    try {
      environment = this.cipher.open(stored.environment);
    } catch (e) {
      throw new ApiError(
        'KMSAccessDeniedException',
        502,
        `Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function's KMS key settings. KMS Exception: ${messageOf(e)}`,
      );
    }
    const { layers, environment: _sealed, ...rest } = stored;
    return Object.freeze({
      ...rest,
      functionName: name,
      version,
      codeDir: this.snapshots.codeDir(snapshot),
      layers: layers.map((l, i) => ({ name: l.name, contentDir: this.snapshots.layerDir(snapshot, i) })),
      environment,
    });
  }
}

/** Reads state.json; a missing file is an empty state. */
function load(file: string): StateDocument {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { schemaVersion: SCHEMA_VERSION, functions: {} };
    throw e;
  }
  let state: StateDocument;
  try {
    state = JSON.parse(text) as StateDocument;
  } catch (e) {
    throw new WorkbenchError(`${file} is not valid JSON (${messageOf(e)}). Restore it from a backup or move it away to start with an empty state.`, 'StateCorrupt');
  }
  if (typeof state.schemaVersion !== 'number' || typeof state.functions !== 'object' || state.functions === null) {
    throw new WorkbenchError(`${file} is not a Lambda Workbench state file (no schemaVersion). Move it away to start with an empty state.`, 'StateCorrupt');
  }
  if (state.schemaVersion > SCHEMA_VERSION) {
    throw new WorkbenchError(
      `${file} was written by a newer Lambda Workbench (state schema ${state.schemaVersion}; this one reads up to ${SCHEMA_VERSION}). Upgrade, or use another state directory.`,
      'StateSchema',
    );
  }
  return state;
}

/** Versions of a record in ascending numeric order. */
export function sortedVersions(r: FunctionRecord): VersionRecord[] {
  return Object.values(r.versions).sort((a, b) => Number(a.version) - Number(b.version));
}
