// The runnable configuration of one function version: everything an execution environment needs.
// $LATEST derives it from the template (or the API); a published version freezes a copy.

export type LogFormat = 'Text' | 'JSON';
export type ApplicationLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
export type SystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';

export interface LoggingConfig {
  readonly logFormat: LogFormat;
  readonly logGroup: string;
  readonly applicationLogLevel?: ApplicationLogLevel;
  readonly systemLogLevel?: SystemLogLevel;
}

export interface LayerConfig {
  /** Logical id or name of the layer, for display. */
  readonly name: string;
  /** Absolute path of the layer's content: what Lambda mounts at /opt. */
  readonly contentDir: string;
}

/** DurableConfig: the function runs durable executions (checkpoint and replay, see src/core/durable). */
export interface DurableConfig {
  /** Seconds a whole execution may run (1..31,622,400). */
  readonly executionTimeout: number;
  /** Days the history is kept after the execution closes (1..90, default 14). */
  readonly retentionPeriodInDays: number;
}

export interface FunctionConfig {
  readonly functionName: string;
  /** `$LATEST` or a published version number. */
  readonly version: string;
  readonly handler: string;
  /** Lambda runtime identifier, e.g. `nodejs20.x`, `python3.12`, `provided.al2023`. */
  readonly runtime: string;
  /** Absolute path of the code directory (LAMBDA_TASK_ROOT). */
  readonly codeDir: string;
  readonly memorySize: number;
  /** Seconds. */
  readonly timeout: number;
  /** Megabytes of /tmp. */
  readonly ephemeralStorage: number;
  readonly environment: Readonly<Record<string, string>>;
  /** Set when the API caller gave `Environment` (AWS then shows it, even empty). */
  readonly environmentDeclared?: boolean;
  readonly layers: readonly LayerConfig[];
  readonly logging: LoggingConfig;
  readonly description: string;
  readonly architectures: readonly string[];
  readonly role: string | undefined;
  /** Content hash of code + layers, `CodeSha256` in base64. */
  readonly codeSha256: string;
  /** DeadLetterConfig.TargetArn; part of a published version's snapshot. */
  readonly deadLetterTargetArn?: string;
  /** KMSKeyArn recorded for functions created through the API (variables are encrypted locally). */
  readonly kmsKeyArn?: string;
  /** Set for durable functions: Invoke starts a durable execution instead of one plain invocation. */
  readonly durableConfig?: DurableConfig;
  /** TenancyConfig.TenantIsolationMode: every invoke names a tenant; environments are never shared across tenants. */
  readonly tenantIsolation?: 'PER_TENANT';
  /** SnapStart.ApplyOn PublishedVersions: published versions start from a snapshot (see snapStart.ts). */
  readonly snapStart?: 'PublishedVersions';
  /** The template's RecursiveLoop (Allow turns recursive loop detection off; Terminate is the default). */
  readonly recursiveLoop?: 'Allow' | 'Terminate';
}

export const defaults = {
  memorySize: 128,
  timeout: 3,
  ephemeralStorage: 512,
} as const;
