// Turns one function resource (AWS::Serverless::Function with Globals merged, or AWS::Lambda::Function)
// into a FunctionSpec with defaults applied; intrinsics are resolved, nothing is validated here.
import * as path from 'path';
import { defaults, type ApplicationLogLevel, type LogFormat, type SystemLogLevel } from '../functionConfig';
import type { EventSpec, FunctionSpec, LayerSpec, SourceRange } from './functionSpec';
import { mergeGlobals } from './globalsMerge';
import { containsIntrinsic, resolveIntrinsics } from './intrinsics';
import type { ProblemSink } from './problemSink';
import type { TemplatePath } from './templateDocument';
import type { RawResource, TemplateScope } from './templateScope';

/** What extraction needs besides the resource itself. */
export interface ExtractionContext {
  readonly sink: ProblemSink;
  readonly scope: TemplateScope;
  readonly templateDir: string;
  readonly globalsFunction: unknown;
  /** Local layers by logical id and by layer name. */
  readonly layers: ReadonlyMap<string, LayerSpec>;
}

/** A function spec plus what validation needs: resolved raw properties and template locations. */
export interface ExtractedFunction {
  readonly spec: FunctionSpec;
  readonly properties: Readonly<Record<string, unknown>>;
  /** Template path of a property path (Globals-aware). */
  locate(relPath: TemplatePath): TemplatePath;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Extracts a function; undefined (after reporting why) when it cannot be run locally at all. */
export function extractFunction(logicalId: string, raw: RawResource, ctx: ExtractionContext): ExtractedFunction | undefined {
  const { sink, scope } = ctx;
  const type = raw.Type as FunctionSpec['resourceType'];
  const resourcePath: TemplatePath = ['Resources', logicalId];
  const resourceKey = { path: resourcePath, part: 'key' as const };
  const propsPath: TemplatePath = [...resourcePath, 'Properties'];
  const own = asRecord(raw.Properties);
  const merged = type === 'AWS::Serverless::Function'
    ? mergeGlobals(ctx.globalsFunction, own, propsPath)
    : { properties: own, locate: (rel: TemplatePath) => [...propsPath, ...rel] };
  const at = (rel: TemplatePath): TemplatePath => merged.locate(rel);
  const report = (rel: TemplatePath, severity: 'error' | 'warning' | 'info', code: string, message: string): void =>
    sink.add(severity, code, message, at(rel), logicalId);
  const p = asRecord(resolveIntrinsics(merged.properties, scope, [], report));

  const codeDir = locateCode(type, p, ctx.templateDir, (rel, code, message) => report(rel, 'error', code, message));
  if (codeDir === null) {
    sink.add('error', 'code-required', `Properties validation failed for resource ${logicalId} with message: #: required key [Code] not found`, resourceKey, logicalId);
  }
  if (!codeDir) return undefined;
  const handler = str(p['Handler']);
  const runtime = str(p['Runtime']);
  if (handler === undefined || runtime === undefined) {
    sink.add('error', 'handler-runtime-required', 'Runtime and Handler are mandatory parameters for functions created with deployment packages.', resourceKey, logicalId);
    return undefined;
  }
  const functionName = str(p['FunctionName']) ?? logicalId;
  const logging = asRecord(p['LoggingConfig']);
  const dlq = type === 'AWS::Serverless::Function' ? asRecord(p['DeadLetterQueue']) : asRecord(p['DeadLetterConfig']);
  const dlqArn = str(dlq['TargetArn']);
  const spec: FunctionSpec = {
    logicalId,
    resourceType: type,
    functionName,
    handler,
    runtime,
    codeDir,
    memorySize: num(p['MemorySize']) ?? defaults.memorySize,
    timeout: num(p['Timeout']) ?? defaults.timeout,
    ephemeralStorage: num(asRecord(p['EphemeralStorage'])['Size']) ?? defaults.ephemeralStorage,
    environment: environmentOf(p, report),
    layers: layersOf(p['Layers'], ctx.layers, report),
    reservedConcurrency: num(p['ReservedConcurrentExecutions']),
    description: str(p['Description']) ?? '',
    logging: {
      logFormat: (str(logging['LogFormat']) ?? 'Text') as LogFormat,
      logGroup: str(logging['LogGroup']) ?? `/aws/lambda/${functionName}`,
      ...(logging['ApplicationLogLevel'] !== undefined ? { applicationLogLevel: String(logging['ApplicationLogLevel']) as ApplicationLogLevel } : {}),
      ...(logging['SystemLogLevel'] !== undefined ? { systemLogLevel: String(logging['SystemLogLevel']) as SystemLogLevel } : {}),
    },
    ...(asRecord(p['TenancyConfig'])['TenantIsolationMode'] === 'PER_TENANT' ? { tenantIsolation: 'PER_TENANT' as const } : {}),
    ...(p['RecursiveLoop'] === 'Allow' || p['RecursiveLoop'] === 'Terminate' ? { recursiveLoop: p['RecursiveLoop'] } : {}),
    architectures: Array.isArray(p['Architectures']) ? p['Architectures'].map(String) : ['x86_64'],
    role: str(p['Role']),
    vpcConfig: p['VpcConfig'],
    events: eventsOf(p['Events'], at, sink),
    autoPublishAlias: str(p['AutoPublishAlias']),
    deadLetterQueue: dlqArn === undefined ? undefined : { type: str(dlq['Type']) ?? (dlqArn.startsWith('arn:aws:sns:') ? 'SNS' : 'SQS'), targetArn: dlqArn },
    eventInvokeConfig: p['EventInvokeConfig'] === undefined ? undefined : asRecord(p['EventInvokeConfig']),
    functionUrlConfig: p['FunctionUrlConfig'] === undefined ? undefined : asRecord(p['FunctionUrlConfig']),
    metadata: raw.Metadata === undefined ? undefined : asRecord(raw.Metadata),
    file: sink.doc.file,
    range: rangeOfResource(sink, resourcePath),
    handlerRange: sink.doc.rangeOf(at(['Handler'])),
  };
  return { spec, properties: p, locate: at };
}

// The code directory; null when the required property is absent, undefined when it is not local.
function locateCode(
  type: string,
  p: Record<string, unknown>,
  templateDir: string,
  fail: (rel: TemplatePath, code: string, message: string) => void,
): string | null | undefined {
  if (p['PackageType'] === 'Image' || p['ImageUri'] !== undefined || asRecord(p['Code'])['ImageUri'] !== undefined) {
    fail(['PackageType'], 'image-unsupported', 'Container image functions (PackageType: Image) cannot be run locally without Docker');
    return undefined;
  }
  const [prop, value] = type === 'AWS::Serverless::Function'
    ? (p['InlineCode'] !== undefined ? ['InlineCode', { ZipFile: p['InlineCode'] }] : ['CodeUri', p['CodeUri']])
    : ['Code', p['Code']];
  if (value === undefined) return type === 'AWS::Serverless::Function' ? templateDir : null;
  if (typeof value === 'string') return path.resolve(templateDir, value);
  const code = asRecord(value);
  if (code['ZipFile'] !== undefined) {
    fail([prop], 'inline-code-unsupported', `Inline code (${prop === 'Code' ? 'Code.ZipFile' : 'InlineCode'}) is not supported locally: put the code in a directory and point ${type === 'AWS::Lambda::Function' ? 'Code' : 'CodeUri'} at it`);
  } else if (!containsIntrinsic(code)) {
    fail([prop], 'code-not-local', `${prop} points at S3; the emulator needs a local directory`);
  }
  return undefined;
}

function environmentOf(p: Record<string, unknown>, report: (rel: TemplatePath, s: 'warning', code: string, m: string) => void): Record<string, string> {
  const vars = asRecord(asRecord(p['Environment'])['Variables']);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (v === null) out[k] = '';
    // An unresolvable intrinsic was already reported where it is; the variable is left out.
    else if (!containsIntrinsic(v)) report(['Environment', 'Variables', k], 'warning', 'env-value-invalid', `Environment variable ${k} must be a string`);
  }
  return out;
}

function layersOf(
  value: unknown,
  local: ReadonlyMap<string, LayerSpec>,
  report: (rel: TemplatePath, s: 'warning', code: string, m: string) => void,
): LayerSpec[] {
  if (!Array.isArray(value)) return [];
  const out: LayerSpec[] = [];
  value.forEach((item, i) => {
    if (typeof item !== 'string') return; // unresolved intrinsic, already reported
    const arnName = /^arn:[^:]*:lambda:[^:]*:[^:]*:layer:([^:]+)(?::\d+)?$/.exec(item)?.[1];
    const layer = local.get(item) ?? (arnName !== undefined ? local.get(arnName) : undefined);
    if (layer) out.push(layer);
    else report(['Layers', i], 'warning', 'layer-not-local', `Layer ${item} is not available locally: only layers defined in this template can be mounted`);
  });
  return out;
}

function eventsOf(value: unknown, at: (rel: TemplatePath) => TemplatePath, sink: ProblemSink): EventSpec[] {
  return Object.entries(asRecord(value)).map(([name, ev]) => {
    const e = asRecord(ev);
    const where = at(['Events', name]);
    return {
      name,
      type: str(e['Type']) ?? '',
      properties: asRecord(e['Properties']),
      range: sink.doc.rangeOf(where, 'key') ?? sink.rangeFor(where),
    };
  });
}

function rangeOfResource(sink: ProblemSink, resourcePath: TemplatePath): SourceRange {
  return sink.doc.rangeOf(resourcePath, 'key') ?? sink.rangeFor(resourcePath);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

// CloudFormation accepts "128" where an integer is expected; non-numbers are left to validation.
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}
