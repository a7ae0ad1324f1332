// Validates CreateFunction / UpdateFunctionConfiguration parameters with AWS's messages (fidelity 3, 7)
// and merges them into a configuration.
import { ApiError, invalidParameter, validationError } from '../errors';
import { DEPRECATED_RUNTIMES, LAMBDA_RUNTIMES, RESERVED_ENV_KEYS } from '../project';
import { deprecatedRuntimeMessage, unknownRuntimeMessage } from '../project/runtimes';
import type { ApplicationLogLevel, FunctionConfig, LogFormat, SystemLogLevel } from '../functionConfig';
import { defaults } from '../functionConfig';
import { checkDurableConfig } from '../project/durableConfigSpec';
import { snapStartProblem } from '../snapStart';

/** The configuration parameters of CreateFunction and UpdateFunctionConfiguration. */
export interface ConfigInput {
  readonly Role?: unknown;
  readonly Runtime?: unknown;
  readonly Handler?: unknown;
  readonly Description?: unknown;
  readonly Timeout?: unknown;
  readonly MemorySize?: unknown;
  readonly Environment?: { readonly Variables?: unknown } | null;
  readonly DeadLetterConfig?: { readonly TargetArn?: unknown } | null;
  readonly KMSKeyArn?: unknown;
  readonly Layers?: unknown;
  readonly EphemeralStorage?: { readonly Size?: unknown } | null;
  readonly LoggingConfig?: { readonly LogFormat?: unknown; readonly ApplicationLogLevel?: unknown; readonly SystemLogLevel?: unknown; readonly LogGroup?: unknown } | null;
  readonly Architectures?: unknown;
  readonly PackageType?: unknown;
  readonly ImageConfig?: unknown;
  readonly DurableConfig?: unknown;
  readonly SnapStart?: { readonly ApplyOn?: unknown } | null;
  /** CreateFunction only: UpdateFunctionConfiguration has no such member (the mode is immutable). */
  readonly TenancyConfig?: { readonly TenantIsolationMode?: unknown } | null;
}

/** Everything of a FunctionConfig except what the code determines. */
export type ConfigWithoutCode = Omit<FunctionConfig, 'codeDir' | 'codeSha256' | 'version'>;

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ARN_OR_EMPTY = /^((arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|())$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
const APP_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const SYSTEM_LEVELS = ['DEBUG', 'INFO', 'WARN'];

/** Validates `input` and applies it over `base` (or Lambda's defaults when creating). */
export function applyConfigInput(name: string, input: ConfigInput, base: ConfigWithoutCode | undefined): ConfigWithoutCode {
  if (input.PackageType !== undefined && input.PackageType !== 'Zip') {
    if (input.PackageType === 'Image') throw invalidParameter('Lambda Workbench runs Zip packages only: container images (PackageType Image) are not supported locally.');
    throw validationError(input.PackageType, 'packageType', 'Member must satisfy enum value set: [Image, Zip]');
  }
  const architectures = input.Architectures === undefined ? base?.architectures ?? ['x86_64'] : checkArchitectures(input.Architectures);
  const environment = input.Environment === undefined ? base?.environment ?? {} : checkEnvironment(input.Environment?.Variables ?? {});
  if (input.Layers !== undefined && (!Array.isArray(input.Layers) || input.Layers.length > 0)) {
    if (Array.isArray(input.Layers) && input.Layers.length > 5) throw invalidParameter('Cannot reference more than 5 layers.');
    throw invalidParameter('Layers are not supported for functions created through the API in Lambda Workbench; declare the function and its layers in the template instead.');
  }
  const role = input.Role === undefined ? base?.role : checkRole(input.Role);
  if (role === undefined) throw new ApiError('ValidationException', 400, "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null");
  const runtime = input.Runtime === undefined ? base?.runtime : checkRuntime(input.Runtime);
  if (runtime === undefined) throw invalidParameter('Runtime is required for the Zip package type.');
  const handler = input.Handler === undefined ? base?.handler : checkHandler(input.Handler);
  if (handler === undefined) throw invalidParameter('Handler is required for the Zip package type.');
  const description = input.Description === undefined ? base?.description ?? '' : checkString(input.Description, 'description', 256);
  const timeout = input.Timeout === undefined ? base?.timeout ?? defaults.timeout : checkInt(input.Timeout, 'timeout', 1, 900);
  const memorySize = input.MemorySize === undefined ? base?.memorySize ?? defaults.memorySize : checkInt(input.MemorySize, 'memorySize', 128, 10240);
  const ephemeralStorage = input.EphemeralStorage?.Size === undefined ? base?.ephemeralStorage ?? defaults.ephemeralStorage : checkInt(input.EphemeralStorage.Size, 'ephemeralStorage.size', 512, 10240);
  const dlq = input.DeadLetterConfig === undefined ? base?.deadLetterTargetArn : checkArn(input.DeadLetterConfig?.TargetArn ?? '', 'deadLetterConfig.targetArn');
  const kms = input.KMSKeyArn === undefined ? base?.kmsKeyArn : checkArn(input.KMSKeyArn, 'kMSKeyArn');
  const durable = input.DurableConfig === undefined || input.DurableConfig === null ? base?.durableConfig : checkDurableConfig(input.DurableConfig, base?.durableConfig);
  const snapStart = checkSnapStart(input.SnapStart, base?.snapStart, runtime, ephemeralStorage);
  // Only CreateFunction sets it; an update keeps the function's mode whatever the request says.
  const tenancy = base ? base.tenantIsolation : checkTenancy(input.TenancyConfig);
  return {
    functionName: name,
    handler,
    runtime,
    memorySize,
    timeout,
    ephemeralStorage,
    environment,
    ...(input.Environment !== undefined || base?.environmentDeclared ? { environmentDeclared: true } : {}),
    layers: [],
    logging: checkLogging(name, input.LoggingConfig, base?.logging),
    description,
    architectures,
    role,
    ...(dlq ? { deadLetterTargetArn: dlq } : {}),
    ...(kms ? { kmsKeyArn: kms } : {}),
    ...(durable ? { durableConfig: durable } : {}),
    ...(tenancy ? { tenantIsolation: tenancy } : {}),
    ...(snapStart ? { snapStart } : {}),
  };
}

function checkSnapStart(v: ConfigInput['SnapStart'], base: 'PublishedVersions' | undefined, runtime: string, ephemeralStorage: number): 'PublishedVersions' | undefined {
  const applyOn = v === undefined ? base ?? 'None' : v === null ? 'None' : v.ApplyOn;
  const problem = snapStartProblem(applyOn, runtime, ephemeralStorage);
  if (problem) throw problem;
  return applyOn === 'PublishedVersions' ? 'PublishedVersions' : undefined;
}

function checkTenancy(v: ConfigInput['TenancyConfig']): 'PER_TENANT' | undefined {
  if (v === undefined || v === null) return undefined;
  const mode = v.TenantIsolationMode;
  if (mode === undefined || mode === null) throw new ApiError('ValidationException', 400, "1 validation error detected: Value null at 'tenancyConfig.tenantIsolationMode' failed to satisfy constraint: Member must not be null");
  if (mode !== 'PER_TENANT') throw validationError(mode, 'tenancyConfig.tenantIsolationMode', 'Member must satisfy enum value set: [PER_TENANT]');
  return mode;
}

function checkArchitectures(v: unknown): string[] {
  const list = Array.isArray(v) ? v.map(String) : [String(v)];
  const shown = `[${list.join(', ')}]`;
  if (list.length !== 1) throw validationError(shown, 'architectures', 'Member must have length less than or equal to 1');
  if (list[0] !== 'x86_64' && list[0] !== 'arm64') throw validationError(shown, 'architectures', 'Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]');
  return list;
}

function checkEnvironment(vars: unknown): Record<string, string> {
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) throw validationError(vars, 'environment.variables', 'Member must be a map');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars as Record<string, unknown>)) {
    if (!ENV_KEY.test(k)) {
      throw new ApiError('ValidationException', 400, "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
    }
    out[k] = String(v);
  }
  const reserved = Object.keys(out).filter((k) => RESERVED_ENV_KEYS.includes(k));
  if (reserved.length) {
    throw invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`);
  }
  const measured = JSON.stringify(out);
  if (Buffer.byteLength(measured) > 4096) {
    throw invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`);
  }
  return out;
}

function checkRole(v: unknown): string {
  if (typeof v !== 'string' || !ROLE.test(v)) {
    throw validationError(v, 'role', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+');
  }
  return v;
}

function checkRuntime(v: unknown): string {
  const r = String(v);
  // Lambda refuses retired runtimes on create/update even though existing functions keep running.
  if (DEPRECATED_RUNTIMES.includes(r)) throw invalidParameter(deprecatedRuntimeMessage(r));
  if (!LAMBDA_RUNTIMES.includes(r)) throw invalidParameter(unknownRuntimeMessage(r));
  return r;
}

function checkHandler(v: unknown): string {
  const h = String(v);
  if (h.length > 128) throw validationError(h, 'handler', 'Member must have length less than or equal to 128');
  if (!/^[^\s]+$/.test(h)) throw validationError(h, 'handler', 'Member must satisfy regular expression pattern: [^\\s]+');
  return h;
}

function checkString(v: unknown, field: string, max: number): string {
  const s = String(v);
  if (s.length > max) throw validationError(s, field, `Member must have length less than or equal to ${max}`);
  return s;
}

function checkInt(v: unknown, field: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : Number.NaN;
  if (!Number.isInteger(n)) throw validationError(v, field, 'Member must be an integer');
  if (n < min) throw validationError(n, field, `Member must have value greater than or equal to ${min}`);
  if (n > max) throw validationError(n, field, `Member must have value less than or equal to ${max}`);
  return n;
}

function checkArn(v: unknown, field: string): string | undefined {
  const s = String(v);
  if (!ARN_OR_EMPTY.test(s)) throw validationError(s, field, 'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()');
  return s === '' ? undefined : s;
}

function checkLogging(name: string, lc: ConfigInput['LoggingConfig'], base: FunctionConfig['logging'] | undefined): FunctionConfig['logging'] {
  const current = base ?? { logFormat: 'Text' as LogFormat, logGroup: `/aws/lambda/${name}` };
  if (!lc) return current;
  const logFormat = (lc.LogFormat ?? current.logFormat) as LogFormat;
  if (logFormat !== 'Text' && logFormat !== 'JSON') throw validationError(logFormat, 'loggingConfig.logFormat', 'Member must satisfy enum value set: [JSON, Text]');
  const app = lc.ApplicationLogLevel ?? (logFormat === 'JSON' ? current.applicationLogLevel : undefined);
  const sys = lc.SystemLogLevel ?? (logFormat === 'JSON' ? current.systemLogLevel : undefined);
  if (app !== undefined && !APP_LEVELS.includes(String(app))) throw validationError(app, 'loggingConfig.applicationLogLevel', `Member must satisfy enum value set: [${APP_LEVELS.join(', ')}]`);
  if (sys !== undefined && !SYSTEM_LEVELS.includes(String(sys))) throw validationError(sys, 'loggingConfig.systemLogLevel', `Member must satisfy enum value set: [${SYSTEM_LEVELS.join(', ')}]`);
  if ((app !== undefined || sys !== undefined) && logFormat !== 'JSON') {
    throw invalidParameter('LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "JSON" and try again.');
  }
  const group = String(lc.LogGroup ?? current.logGroup);
  if (group.length > 512 || !/^[.\-_/#A-Za-z0-9]+$/.test(group)) throw validationError(group, 'loggingConfig.logGroup', 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+');
  return {
    logFormat,
    logGroup: group,
    ...(app !== undefined ? { applicationLogLevel: app as ApplicationLogLevel } : {}),
    ...(sys !== undefined ? { systemLogLevel: sys as SystemLogLevel } : {}),
  };
}
