// Checks one extracted function against Lambda's limits, with AWS's own messages (fidelity 3, 4.4, 7),
// and checks its code on disk: directory, size, handler file and export, custom-runtime bootstrap.
import { isJavaRuntime, javaCodeKind } from './javaCode';
import * as fs from 'fs';
import * as path from 'path';
import { validationError } from '../errors';
import { snapStartProblem } from '../snapStart';
import { UNZIPPED_LIMIT, directorySize } from './codeSize';
import { checkDurableConfig } from './durableConfigSpec';
import type { ExtractedFunction } from './functionExtraction';
import { checkHandler } from './handlerLookup';
import type { ProblemSink } from './problemSink';
import { DEPRECATED_RUNTIMES, LAMBDA_RUNTIMES, isRunnableLocally, retiredRuntimeWarning, unknownRuntimeMessage } from './runtimes';
import type { TemplatePath } from './templateDocument';
import { isDirectory } from './pathKind';

/** Environment variables Lambda sets itself and refuses from users (fidelity 3, TZ included). */
export const RESERVED_ENV_KEYS: readonly string[] = [
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_EXECUTION_ENV', '_HANDLER',
  'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', '_X_AMZN_TRACE_ID', 'TZ',
];

export const ENV_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]+$/;
const MAX_LAYERS = 5;
const ENV_LIMIT_BYTES = 4096;
const ROLE_PATTERN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const NAME_PATTERN = /^[a-zA-Z0-9-_]+$/;

/** Shared across the functions of one analysis so a directory is measured once. */
export type SizeMemo = Map<string, number>;

/** Reports every problem of one function. */
export function validateFunction(fn: ExtractedFunction, sink: ProblemSink, sizes: SizeMemo): void {
  const { spec, properties: p } = fn;
  const add = (rel: TemplatePath, code: string, message: string, severity: 'error' | 'warning' = 'error'): void =>
    sink.add(severity, code, message, fn.locate(rel), spec.logicalId);
  const range = (rel: TemplatePath, field: string, value: unknown, min: number, max: number): void => {
    if (value === undefined) return;
    const n = Number(value);
    if (typeof value === 'boolean' || !Number.isInteger(n)) add(rel, `${field}-invalid`, validationError(value, field, 'Member must be an integer').message);
    else if (n < min) add(rel, `${field}-range`, validationError(n, field, `Member must have value greater than or equal to ${min}`).message);
    else if (n > max) add(rel, `${field}-range`, validationError(n, field, `Member must have value less than or equal to ${max}`).message);
  };

  const runtime = spec.runtime;
  if (DEPRECATED_RUNTIMES.includes(runtime)) {
    // Lambda keeps running existing functions on retired runtimes, so a local tool runs them too.
    add(['Runtime'], 'runtime-deprecated', retiredRuntimeWarning(runtime), isRunnableLocally(runtime) ? 'warning' : 'error');
  }
  else if (!LAMBDA_RUNTIMES.includes(runtime)) add(['Runtime'], 'runtime-unknown', unknownRuntimeMessage(runtime));
  else if (!isRunnableLocally(runtime)) {
    add(['Runtime'], 'runtime-not-local', `${runtime} is a valid Lambda runtime, but Lambda Workbench cannot run it locally (Node.js, Python, Java, Ruby and provided runtimes only)`, 'warning');
  }
  if (spec.handler.length > 128) add(['Handler'], 'handler-invalid', validationError(spec.handler, 'handler', 'Member must have length less than or equal to 128').message);
  else if (!/^[^\s]+$/.test(spec.handler)) add(['Handler'], 'handler-invalid', validationError(spec.handler, 'handler', 'Member must satisfy regular expression pattern: [^\\s]+').message);
  if (spec.functionName.length > 64) add(['FunctionName'], 'function-name-invalid', validationError(spec.functionName, 'functionName', 'Member must have length less than or equal to 64').message);
  else if (!NAME_PATTERN.test(spec.functionName)) add(['FunctionName'], 'function-name-invalid', validationError(spec.functionName, 'functionName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+').message);

  range(['MemorySize'], 'memorySize', p['MemorySize'], 128, 10240);
  range(['Timeout'], 'timeout', p['Timeout'], 1, 900);
  range(['EphemeralStorage', 'Size'], 'ephemeralStorage.size', record(p['EphemeralStorage'])['Size'], 512, 10240);
  range(['ReservedConcurrentExecutions'], 'reservedConcurrentExecutions', p['ReservedConcurrentExecutions'], 0, Number.MAX_SAFE_INTEGER);
  if (spec.description.length > 256) add(['Description'], 'description-invalid', validationError(spec.description, 'description', 'Member must have length less than or equal to 256').message);
  checkArchitectures(spec.architectures, add);
  if (typeof p['Role'] === 'string' && !ROLE_PATTERN.test(p['Role'])) {
    add(['Role'], 'role-invalid', validationError(p['Role'], 'role', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+').message);
  }
  checkEnvironment(fn, sink);
  if (Array.isArray(p['Layers']) && p['Layers'].length > MAX_LAYERS) add(['Layers'], 'layers-too-many', 'Cannot reference more than 5 layers.');
  checkLogging(record(p['LoggingConfig']), add);
  if (p['DurableConfig'] !== undefined) {
    try {
      checkDurableConfig(p['DurableConfig']);
    } catch (e) {
      add(['DurableConfig'], 'durable-config-invalid', (e as Error).message);
    }
  }
  if (p['RecursiveLoop'] !== undefined && p['RecursiveLoop'] !== 'Allow' && p['RecursiveLoop'] !== 'Terminate') {
    add(['RecursiveLoop'], 'recursive-loop-invalid', validationError(p['RecursiveLoop'], 'recursiveLoop', 'Member must satisfy enum value set: [Terminate, Allow]').message);
  }
  if (p['SnapStart'] !== undefined) {
    const problem = snapStartProblem(record(p['SnapStart'])['ApplyOn'], spec.runtime, spec.ephemeralStorage);
    if (problem) add(['SnapStart', 'ApplyOn'], 'snapstart-invalid', problem.message);
  }
  const tenancy = p['TenancyConfig'];
  if (tenancy !== undefined && record(tenancy)['TenantIsolationMode'] !== 'PER_TENANT') {
    const mode = record(tenancy)['TenantIsolationMode'];
    add(['TenancyConfig', 'TenantIsolationMode'], 'tenancy-invalid', mode === undefined
      ? "1 validation error detected: Value null at 'tenancyConfig.tenantIsolationMode' failed to satisfy constraint: Member must not be null"
      : validationError(mode, 'tenancyConfig.tenantIsolationMode', 'Member must satisfy enum value set: [PER_TENANT]').message);
  }
  checkCode(fn, sink, sizes);
}

function checkArchitectures(archs: readonly string[], add: (rel: TemplatePath, code: string, message: string) => void): void {
  const shown = `[${archs.join(', ')}]`;
  if (archs.length !== 1) {
    add(['Architectures'], 'architectures-invalid', validationError(shown, 'architectures', `Member must have length ${archs.length === 0 ? 'greater than or equal to 1' : 'less than or equal to 1'}`).message);
  } else if (archs[0] !== 'x86_64' && archs[0] !== 'arm64') {
    add(['Architectures'], 'architectures-invalid', validationError(shown, 'architectures', 'Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]').message);
  }
}

function checkEnvironment(fn: ExtractedFunction, sink: ProblemSink): void {
  const vars = fn.spec.environment;
  const keyAt = (k: string) => ({ path: fn.locate(['Environment', 'Variables', k]), part: 'key' as const });
  for (const k of Object.keys(vars).filter((key) => !ENV_KEY_PATTERN.test(key))) {
    sink.add('error', 'env-key-invalid', "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]", keyAt(k), fn.spec.logicalId);
  }
  const reserved = Object.keys(vars).filter((k) => RESERVED_ENV_KEYS.includes(k));
  const message = `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`;
  for (const k of reserved) sink.add('error', 'env-key-reserved', message, keyAt(k), fn.spec.logicalId);
  const measured = JSON.stringify(vars);
  if (Buffer.byteLength(measured, 'utf8') > ENV_LIMIT_BYTES) {
    sink.add('error', 'env-too-large', `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`, fn.locate(['Environment', 'Variables']), fn.spec.logicalId);
  }
}

function checkLogging(lc: Record<string, unknown>, add: (rel: TemplatePath, code: string, message: string) => void): void {
  const format = lc['LogFormat'];
  if (format !== undefined && format !== 'Text' && format !== 'JSON') {
    add(['LoggingConfig', 'LogFormat'], 'logging-invalid', validationError(format, 'loggingConfig.logFormat', 'Member must satisfy enum value set: [JSON, Text]').message);
  }
  const levels: [string, string, readonly string[]][] = [
    ['ApplicationLogLevel', 'applicationLogLevel', ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']],
    ['SystemLogLevel', 'systemLogLevel', ['DEBUG', 'INFO', 'WARN']],
  ];
  for (const [prop, field, allowed] of levels) {
    const v = lc[prop];
    if (v === undefined) continue;
    if (!allowed.includes(String(v))) {
      add(['LoggingConfig', prop], 'logging-invalid', validationError(v, `loggingConfig.${field}`, `Member must satisfy enum value set: [${allowed.join(', ')}]`).message);
    } else if (format !== 'JSON') {
      add(['LoggingConfig', prop], 'logging-level-with-text', 'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "JSON" and try again.');
    }
  }
  const group = lc['LogGroup'];
  if (typeof group === 'string' && (group.length > 512 || !/^[.\-_/#A-Za-z0-9]+$/.test(group))) {
    add(['LoggingConfig', 'LogGroup'], 'logging-invalid', validationError(group, 'loggingConfig.logGroup', 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+').message);
  }
}

function checkCode(fn: ExtractedFunction, sink: ProblemSink, sizes: SizeMemo): void {
  const { spec } = fn;
  const codeProp = spec.resourceType === 'AWS::Serverless::Function' ? 'CodeUri' : 'Code';
  const add = (at: TemplatePath, code: string, message: string): void => sink.add('error', code, message, at, spec.logicalId);
  // Generated code is checked once it has been materialized (loadProject analyzes again then).
  if (spec.codeSource && !isDirectory(spec.codeDir)) return;
  if (!isDirectory(spec.codeDir) && !(isJavaRuntime(spec.runtime) && javaCodeKind(spec.codeDir) === 'archive')) {
    add(fn.locate([codeProp]), 'code-missing', `${codeProp} ${path.relative(path.dirname(spec.file), spec.codeDir) || '.'} does not exist (${spec.codeDir})`);
    return;
  }
  const sizeOf = (dir: string): number => {
    let s = sizes.get(dir);
    if (s === undefined) sizes.set(dir, (s = directorySize(dir, UNZIPPED_LIMIT)));
    return s;
  };
  const own = spec.codeFile ? fileSize(spec.codeFile) : sizeOf(spec.codeDir);
  const total = spec.layers.map((l) => l.contentDir).reduce((sum, d) => (sum > UNZIPPED_LIMIT ? sum : sum + sizeOf(d)), own);
  if (total > UNZIPPED_LIMIT) add(fn.locate([codeProp]), 'code-too-large', `Unzipped size must be smaller than ${UNZIPPED_LIMIT} bytes`);
  if (!isRunnableLocally(spec.runtime) || isJavaRuntime(spec.runtime)) return;
  // These builds produce the handler (compiled code, a bootstrap): the sources cannot be checked for it.
  if (['makefile', 'go1.x', 'rust-cargolambda'].includes(String(record(spec.metadata)['BuildMethod']).toLowerCase())) return;
  const build = record(record(spec.metadata)['BuildProperties']);
  const esbuild = record(spec.metadata)['BuildMethod'] === 'esbuild';
  const entryPoints = esbuild && Array.isArray(build['EntryPoints']) ? build['EntryPoints'].map(String) : undefined;
  const findings = checkHandler({ handler: spec.handler, runtime: spec.runtime, codeDir: spec.codeDir, layerDirs: spec.layers.map((l) => l.contentDir), ...(entryPoints ? { entryPoints } : {}) });
  const metadataAt: TemplatePath = ['Resources', spec.logicalId, 'Metadata', 'BuildProperties', 'EntryPoints'];
  for (const f of findings) sink.add(f.severity, f.code, f.message, f.code.startsWith('build-') ? metadataAt : fn.locate(['Handler']), spec.logicalId);
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
