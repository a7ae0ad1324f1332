// The durable management state (state.json): per function, what the API created or attached to it
// (API-created $LATEST, published versions, aliases, policies, concurrency, tags). Schema-versioned.
import type { FunctionConfig } from '../functionConfig';
import type { SealedEnvironment } from './envCipher';

/** Bumped on every incompatible change of the on-disk format. */
export const SCHEMA_VERSION = 1;

export interface StateDocument {
  readonly schemaVersion: number;
  functions: Record<string, FunctionRecord>;
}

/** A FunctionConfig as stored: no paths (they come from the snapshot) and sealed variables. */
export interface StoredConfig extends Omit<FunctionConfig, 'codeDir' | 'layers' | 'environment' | 'version'> {
  readonly layers: readonly { readonly name: string }[];
  readonly environment: SealedEnvironment;
}

export interface VersionRecord {
  readonly version: string;
  /** Snapshot key (hex CodeSha256) of the code and layers. */
  readonly snapshot: string;
  readonly config: StoredConfig;
  readonly lastModified: string;
  readonly codeSize: number;
  /** Fingerprint of the $LATEST it was published from: an unchanged $LATEST publishes nothing new. */
  readonly fingerprint: string;
  revisionId: string;
}

export interface AliasRecord {
  readonly name: string;
  functionVersion: string;
  description: string;
  /** AdditionalVersionWeights: at most one version and its weight. */
  routing: Record<string, number> | undefined;
  revisionId: string;
}

/** One resource-policy statement, exactly as GetPolicy returns it. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: '*' | { readonly Service: string } | { readonly AWS: string };
  readonly Action: string;
  readonly Resource: string;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface ProvisionedRecord {
  readonly requested: number;
  readonly lastModified: string;
}

/** The $LATEST of a function created through CreateFunction. */
export interface ApiFunctionRecord {
  readonly snapshot: string;
  readonly config: StoredConfig;
  readonly lastModified: string;
  readonly codeSize: number;
}

export interface FunctionRecord {
  readonly name: string;
  api: ApiFunctionRecord | undefined;
  /** Rotated on every change of the unqualified resource; part of $LATEST's RevisionId. */
  revisionSalt: string;
  /** RevisionId of the unqualified function's policy: set by each policy change, kept by later function changes (AWS-recorded). */
  policyRevision?: string;
  /** Highest version number ever published (numbers are never reused). */
  lastVersion: number;
  versions: Record<string, VersionRecord>;
  aliases: Record<string, AliasRecord>;
  /** Statements per qualifier: '' is the unqualified function, else a version number or alias name. */
  policies: Record<string, PolicyStatement[]>;
  /**
   * Reserved concurrency set through the API (`value` null: none), with the template's value when it was
   * set: a later template change wins, like a new deploy would.
   */
  reserved?: { readonly value: number | null; readonly template: number | null };
  provisioned: Record<string, ProvisionedRecord>;
  tags: Record<string, string>;
  /** PutFunctionRecursionConfig's value (overrides the template's RecursiveLoop). */
  recursiveLoop?: 'Allow' | 'Terminate';
}

/** A fresh record for a function that had nothing managed yet. */
export function emptyRecord(name: string, salt: string): FunctionRecord {
  return { name, api: undefined, revisionSalt: salt, lastVersion: 0, versions: {}, aliases: {}, policies: {}, provisioned: {}, tags: {} };
}
