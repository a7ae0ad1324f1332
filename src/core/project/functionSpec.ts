// What the project loader extracts from a SAM / CloudFormation template, with source ranges so the
// language server and "Reveal in Template" can point at the exact text.
import type { DurableConfig, LoggingConfig } from '../functionConfig';
import type { CodeSource } from './codeLocation';
import type { ImagePlan } from './image/imageFunction';

/** A zero-based line/character range in a template file (LSP convention). */
export interface SourceRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** A validation finding in a template, with its location. */
export interface Problem {
  readonly severity: ProblemSeverity;
  readonly message: string;
  readonly file: string;
  readonly range: SourceRange;
  /** Logical id of the resource concerned, when there is one. */
  readonly resource?: string;
  /** Stable code for the kind of problem, e.g. `memory-range`. */
  readonly code: string;
}

export interface LayerSpec {
  readonly logicalId: string;
  readonly name: string;
  /** Absolute path of the layer content directory. */
  readonly contentDir: string;
  /** Raw `Metadata` of the layer resource (SAM `BuildMethod`), when it has one. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** A .zip content, unpacked into `contentDir` by loadProject. */
  readonly source?: Extract<CodeSource, { kind: 'zip' }>;
}

/** A template event source (`Events:` entry); interpreted by the event-source subsystem. */
export interface EventSpec {
  readonly name: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly range: SourceRange;
}

export interface FunctionSpec {
  readonly logicalId: string;
  readonly resourceType: 'AWS::Serverless::Function' | 'AWS::Lambda::Function';
  readonly functionName: string;
  readonly handler: string;
  readonly runtime: string;
  /** Absolute path of the code directory. */
  readonly codeDir: string;
  /** Code that is generated into `codeDir` (a .zip, inline code, an image); absent for a plain directory. */
  readonly codeSource?: CodeSource;
  /** What to watch instead of `codeDir` (the source of generated code, a single-file CodeUri). */
  readonly codeWatch?: readonly string[];
  /** A single-file CodeUri: the package is this file (sized alone), run from `codeDir`, its folder. */
  readonly codeFile?: string;
  /** A container-image function's mapped Dockerfile. */
  readonly image?: ImagePlan;
  readonly memorySize: number;
  readonly timeout: number;
  readonly ephemeralStorage: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly layers: readonly LayerSpec[];
  /** Layer version ARNs not in this template and not fetched into the cache yet (functions/arnLayers). */
  readonly pendingLayerArns?: readonly string[];
  readonly reservedConcurrency: number | undefined;
  readonly description: string;
  readonly logging: LoggingConfig;
  /** TenancyConfig.TenantIsolationMode (PER_TENANT), validated by functionValidation. */
  readonly tenantIsolation?: 'PER_TENANT';
  /** SnapStart.ApplyOn PublishedVersions (validated by functionValidation). */
  readonly snapStart?: 'PublishedVersions';
  /** RecursiveLoop: Allow | Terminate. */
  readonly recursiveLoop?: 'Allow' | 'Terminate';
  readonly architectures: readonly string[];
  readonly role: string | undefined;
  readonly vpcConfig: unknown;
  readonly events: readonly EventSpec[];
  readonly autoPublishAlias: string | undefined;
  readonly deadLetterQueue: { readonly type: string; readonly targetArn: string } | undefined;
  readonly eventInvokeConfig: Readonly<Record<string, unknown>> | undefined;
  /** SAM `FunctionUrlConfig` (AuthType, Cors, InvokeMode), served by the HTTP front. */
  readonly functionUrlConfig?: Readonly<Record<string, unknown>> | undefined;
  /** `DurableConfig`: a durable function (undefined when absent or invalid; problems say why). */
  readonly durableConfig?: DurableConfig | undefined;
  /** Raw `Metadata` of the resource (e.g. SAM esbuild BuildMethod). */
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  /** A CDK function's construct path (`MyStack/MyFunction`), from its `aws:cdk:path` metadata. */
  readonly constructPath?: string;
  /** A CDK function: its handler's file in the app (the original of the cdk.out copy), for editor features. */
  readonly appSource?: { readonly file: string; readonly exportName: string };
  /** Where the resource is declared. */
  readonly file: string;
  readonly range: SourceRange;
  /** Range of the Handler value, for go-to-definition and problems. */
  readonly handlerRange: SourceRange | undefined;
}

/** The result of loading a template: functions that could be built, and every problem found. */
export interface Project {
  readonly templatePath: string;
  readonly functions: readonly FunctionSpec[];
  readonly problems: readonly Problem[];
  /** Other resources by logical id (queues, topics, layers...), resolved, for later subsystems. */
  readonly resources: Readonly<Record<string, { readonly type: string; readonly properties: Readonly<Record<string, unknown>> }>>;
  /** Template Parameters that had no Default and no override (they resolve to ""). */
  readonly missingParameters?: readonly string[];
}
