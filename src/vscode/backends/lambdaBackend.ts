// What the function explorer and the invoke commands need from "a place functions live": the local
// engine or an AWS account/region. Both speak in AWS's shapes, so the UI cannot tell them apart.
import type { SourceRange } from '../../core/project';
import type { ReloadMode, ReloadNote } from '../../core/runtime/hotReload';

/** A function as a tree row and a command see it ($LATEST). */
export interface FunctionSummary {
  readonly name: string;
  readonly arn: string;
  readonly runtime: string;
  readonly handler: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly description: string;
  readonly architecture: string;
  readonly codeSha256: string;
  /** ReservedConcurrentExecutions; 0 means throttled. */
  readonly reservedConcurrency: number | undefined;
  readonly logGroup: string;
  /** Workspace facts of local functions (template location, code directory, problems). */
  readonly local?: LocalFacts;
}

/** Where a local function comes from. */
export interface LocalFacts {
  readonly codeDir: string;
  readonly logicalId?: string;
  readonly templateFile?: string;
  readonly range?: SourceRange;
  readonly handlerRange?: SourceRange;
  /** esbuild entry points (relative to codeDir) when the template builds the function. */
  readonly entryPoints?: readonly string[];
  /** Template errors that keep the function from running. */
  readonly problems: readonly string[];
  /** A CDK function's construct path (`MyStack/MyFunction`). */
  readonly constructPath?: string;
  /** A CDK function's handler in the app's own files (the original of its cdk.out copy). */
  readonly appSource?: { readonly file: string; readonly exportName: string };
}

/** A published version. */
export interface VersionSummary {
  readonly version: string;
  readonly arn: string;
  readonly description: string;
  readonly codeSha256: string;
  readonly lastModified: string;
}

/** The second version of an alias and the share of requests it gets (0..1). */
export interface RoutingSplit {
  readonly version: string;
  readonly weight: number;
}

export interface AliasSummary {
  readonly name: string;
  readonly arn: string;
  readonly functionVersion: string;
  readonly description: string;
  readonly routing: RoutingSplit | undefined;
}

/** One chunk of a streamed response as it arrived (`atMs` after the invoke started). */
export interface StreamChunk {
  readonly atMs: number;
  readonly bytes: number;
  /** The chunk as UTF-8 text (shortened for the view). */
  readonly text: string;
}

/** Per-invoke choices (local backend only). */
export interface InvokeOptions {
  /** After a code-only change: recycle the environment or reload the handler module (default: the setting). */
  readonly reload?: ReloadMode;
}

/** One invocation as the result view shows it. */
export interface InvokeResult {
  readonly requestId: string;
  readonly executedVersion: string;
  readonly payload: string;
  /** The error type when the function failed (`Unhandled` when only the header says so). */
  readonly errorType: string | undefined;
  readonly durationMs: number | undefined;
  readonly billedDurationMs: number | undefined;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number | undefined;
  /** undefined when the backend cannot tell (no REPORT line). */
  readonly coldStart: boolean | undefined;
  readonly initDurationMs: number | undefined;
  readonly logLines: readonly string[];
  /** False when the logs are only the last 4 KB Lambda returns with an invoke. */
  readonly completeLog: boolean;
  /** The chunks of a streamed response, in arrival order (backends that stream). */
  readonly chunks?: readonly StreamChunk[];
  /** Local: the first invocation after a change recycled the environment or reloaded the handler module. */
  readonly reload?: ReloadNote;
}

/** Warm and busy execution environments of a function (local only). */
export interface EnvironmentCounts {
  readonly warm: number;
  readonly busy: number;
  /** PER_TENANT functions: environments (warm + busy) per tenant id. */
  readonly byTenant?: ReadonlyMap<string, number>;
}

/** One log event (CloudWatch Logs FilterLogEvents shape). */
export interface LogEventSummary {
  readonly timestamp: number;
  readonly message: string;
  readonly logStreamName: string;
}

import type { ExecutionTimeline } from '../../core/durable/executionTimeline';

/** A durable execution of a function, as the explorer lists it. */
export interface DurableExecutionSummary {
  readonly arn: string;
  readonly name: string;
  readonly version: string;
  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or STOPPED. */
  readonly status: string;
  readonly startTimestamp: number;
  readonly endTimestamp: number | undefined;
  /** What a running execution waits on (`wait nap`, `callback approval`); empty when it runs. */
  readonly waitingOn: readonly string[];
  /** Open callbacks with their ids (local; empty where the backend cannot tell). */
  readonly callbacks: readonly { readonly name: string; readonly callbackId: string }[];
  readonly errorMessage: string | undefined;
}

/** A listener for changes; `names` undefined means "anything may have changed". */
export type ChangeListener = (names: readonly string[] | undefined) => void;

/** A place functions live; every method maps to one Lambda API operation (or a local equivalent). */
export interface LambdaBackend {
  /** Stable id (`local`, `aws:<profile>:<region>`). */
  readonly id: string;
  readonly label: string;
  readonly kind: 'local' | 'aws';
  /** The template the functions come from (local). */
  readonly templatePath?: string;
  /** Why the local template does not parse right now (the last good functions stay listed meanwhile). */
  templateErrors?(): readonly string[];
  /** Subscribes to changes; returns the unsubscribe function. */
  onDidChange(listener: ChangeListener): () => void;
  listFunctions(): Promise<FunctionSummary[]>;
  /** Published versions, oldest first ($LATEST excluded). */
  listVersions(name: string): Promise<VersionSummary[]>;
  listAliases(name: string): Promise<AliasSummary[]>;
  publishVersion(name: string, description: string): Promise<VersionSummary>;
  createAlias(name: string, alias: string, version: string, description: string): Promise<AliasSummary>;
  /** Points the alias at `functionVersion` and/or sets (`null`: clears) its routing. */
  updateAlias(name: string, alias: string, change: { readonly functionVersion?: string; readonly routing?: RoutingSplit | null }): Promise<AliasSummary>;
  deleteVersion(name: string, version: string): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
  /** Sets reserved concurrency (0 throttles); undefined removes it. */
  setReservedConcurrency(name: string, value: number | undefined): Promise<void>;
  /** `onChunk` sees a streamed response as it is written (backends that can stream; others ignore it). */
  invoke(name: string, qualifier: string | undefined, payload: Buffer, onChunk?: (chunk: StreamChunk) => void, options?: InvokeOptions): Promise<InvokeResult>;
  /** Recent events of a log group, matching a CloudWatch filter pattern. */
  fetchLogEvents?(logGroup: string, options?: { readonly filterPattern?: string; readonly startTime?: number; readonly limit?: number }): Promise<LogEventSummary[]>;
  /** Shuts down the function's environments so the next invocation starts cold (local). */
  forceColdStart?(name: string): void;
  /** Durable executions of a function, newest first (backends that know them). */
  listDurableExecutions?(name: string): Promise<DurableExecutionSummary[]>;
  stopDurableExecution?(arn: string): Promise<void>;
  /** The execution's history as timeline lines. */
  durableHistory?(arn: string): Promise<string[]>;
  /** The execution's history as a timeline model (the history view). */
  durableTimeline?(arn: string): Promise<ExecutionTimeline>;
  /** Completes a callback: `result` is JSON; `error` fails it with that message. */
  completeDurableCallback?(callbackId: string, outcome: { readonly result: string } | { readonly error: string }): Promise<void>;
  /** Fires the execution's pending waits and retry delays now (local: the engine's clock). */
  skipDurableWaits?(arn: string): Promise<number>;
  /** CloudWatch Logs of the account (AWS backends), for the log panel. */
  cloudLogs?(): import('./cloudLogsApi').CloudLogsApi;
  /** Invocations made from this window (AWS backends), by request id. */
  readonly recent?: import('./recentInvocations').RecentInvocations;
  /** Environment counts, for backends that run functions here; no I/O. */
  environmentCounts?(name: string): EnvironmentCounts;
  dispose(): void;
}

/** An error the user should read as is (from the backend, with AWS's exception name when there is one). */
export class BackendError extends Error {
  readonly isBackendError = true;
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/** The exception name of a backend error. Not `instanceof`: the AWS backend is its own bundle, with its own copy of the class. */
export function backendErrorCode(e: unknown): string | undefined {
  return e instanceof Error && (e as Partial<BackendError>).isBackendError ? (e as BackendError).code : undefined;
}

/** The id of the backend for an AWS profile, region and optional endpoint. */
export const awsBackendId = (t: { readonly profile: string; readonly region: string; readonly endpointUrl?: string }): string =>
  `aws:${t.profile}:${t.region}${t.endpointUrl ? `:${t.endpointUrl}` : ''}`;
