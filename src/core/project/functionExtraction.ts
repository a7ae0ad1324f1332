// Turns one function resource (AWS::Serverless::Function with Globals merged, or AWS::Lambda::Function)
// into a FunctionSpec with defaults applied; intrinsics are resolved, nothing is validated here.
import { cachedLayerDir, parseLayerArn } from './arnLayers/layerArn';
import { defaultCacheRoot } from '../cacheRoot';
import { defaults, type ApplicationLogLevel, type DurableConfig, type LogFormat, type SystemLogLevel } from '../functionConfig';
import { checkDurableConfig } from './durableConfigSpec';
import type { EventSpec, FunctionSpec, LayerSpec, SourceRange } from './functionSpec';
import { mergeGlobals } from './globalsMerge';
import { locateCode } from './codeLocation';
import { imageFunctionOf } from './image/imageFunction';
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
  /** Where generated code (zip, inline, image) is materialized: `<state dir>/code`. */
  readonly codeRoot: string;
}

/** A function spec plus what validation needs: resolved raw properties and template locations. */
export interface ExtractedFunction {
  readonly spec: FunctionSpec;
  readonly properties: Readonly<Record<string, unknown>>;
  /** Template path of a property path (Globals-aware). */
  locate(relPath: TemplatePath): TemplatePath;
  /** Its code, handler or runtime cannot be known: listed with its problem, never validated or run. */
  readonly blocked: boolean;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Extracts a function; one that cannot run locally comes back `blocked` after its problem is reported. */
export function extractFunction(logicalId: string, raw: RawResource, ctx: ExtractionContext): ExtractedFunction {
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

  const metadata = asRecord(raw.Metadata);
  const located = locateCode(logicalId, type, p, ctx, metadata);
  // A function whose code or handler cannot be known stays listed, with its problem, and never runs.
  let blocked = false;
  if (located === null) {
    sink.add('error', 'code-required', `Properties validation failed for resource ${logicalId} with message: #: required key [Code] not found`, resourceKey, logicalId);
    blocked = true;
  } else if (!('codeDir' in located)) {
    report(located.at, 'error', located.code, located.message);
    blocked = true;
  }
  const location = located && 'codeDir' in located ? located : { codeDir: ctx.templateDir };
  const image = location.source?.kind === 'image' ? imageFunctionOf(location.source, p, (m) => report(['PackageType'], 'error', 'image-unmappable', m)) : undefined;
  if (location.source?.kind === 'image' && !image) blocked = true;
  const handler = image?.handler ?? str(p['Handler']);
  const runtime = image?.runtime ?? str(p['Runtime']);
  if (!blocked && (handler === undefined || runtime === undefined)) {
    sink.add('error', 'handler-runtime-required', 'Runtime and Handler are mandatory parameters for functions created with deployment packages.', resourceKey, logicalId);
    blocked = true;
  }
  const codeDir = location.codeDir;
  // Without a FunctionName, CloudFormation generates one of at most 64 characters; long logical ids (CDK's
  // hashed ones, e.g. BucketNotificationsHandler...) are cut to Lambda's limit instead of refused.
  const functionName = str(p['FunctionName']) ?? logicalId.slice(0, 64);
  const logging = asRecord(p['LoggingConfig']);
  const dlq = type === 'AWS::Serverless::Function' ? asRecord(p['DeadLetterQueue']) : asRecord(p['DeadLetterConfig']);
  const dlqArn = str(dlq['TargetArn']);
  const spec: FunctionSpec = {
    logicalId,
    resourceType: type,
    functionName,
    handler: handler ?? '',
    runtime: runtime ?? '',
    codeDir,
    ...(location.source ? { codeSource: location.source } : {}),
    ...(location.watch ? { codeWatch: location.watch } : {}),
    ...('file' in location && location.file ? { codeFile: location.file } : {}),
    ...(image ? { image: image.plan } : {}),
    memorySize: num(p['MemorySize']) ?? defaults.memorySize,
    timeout: num(p['Timeout']) ?? defaults.timeout,
    ephemeralStorage: num(asRecord(p['EphemeralStorage'])['Size']) ?? defaults.ephemeralStorage,
    environment: image ? { ...image.environment, ...environmentOf(p, report) } : environmentOf(p, report),
    ...layersOf(p['Layers'], ctx.layers, report),
    reservedConcurrency: num(p['ReservedConcurrentExecutions']),
    description: str(p['Description']) ?? '',
    logging: {
      logFormat: (str(logging['LogFormat']) ?? 'Text') as LogFormat,
      logGroup: str(logging['LogGroup']) ?? `/aws/lambda/${functionName}`,
      ...(logging['ApplicationLogLevel'] !== undefined ? { applicationLogLevel: String(logging['ApplicationLogLevel']) as ApplicationLogLevel } : {}),
      ...(logging['SystemLogLevel'] !== undefined ? { systemLogLevel: String(logging['SystemLogLevel']) as SystemLogLevel } : {}),
    },
    ...(asRecord(p['TenancyConfig'])['TenantIsolationMode'] === 'PER_TENANT' ? { tenantIsolation: 'PER_TENANT' as const } : {}),
    ...(asRecord(p['SnapStart'])['ApplyOn'] === 'PublishedVersions' ? { snapStart: 'PublishedVersions' as const } : {}),
    ...(p['RecursiveLoop'] === 'Allow' || p['RecursiveLoop'] === 'Terminate' ? { recursiveLoop: p['RecursiveLoop'] } : {}),
    architectures: Array.isArray(p['Architectures']) ? p['Architectures'].map(String) : ['x86_64'],
    role: str(p['Role']),
    vpcConfig: p['VpcConfig'],
    events: eventsOf(p['Events'], at, sink),
    autoPublishAlias: str(p['AutoPublishAlias']),
    deadLetterQueue: dlqArn === undefined ? undefined : { type: str(dlq['Type']) ?? (dlqArn.startsWith('arn:aws:sns:') ? 'SNS' : 'SQS'), targetArn: dlqArn },
    eventInvokeConfig: p['EventInvokeConfig'] === undefined ? undefined : asRecord(p['EventInvokeConfig']),
    functionUrlConfig: p['FunctionUrlConfig'] === undefined ? undefined : asRecord(p['FunctionUrlConfig']),
    durableConfig: durableConfigOf(p['DurableConfig']),
    metadata: raw.Metadata === undefined ? undefined : metadata,
    // CDK's construct path (`MyStack/MyFunction/Resource` -> `MyStack/MyFunction`), another name to invoke it by.
    ...(typeof metadata['aws:cdk:path'] === 'string' ? { constructPath: metadata['aws:cdk:path'].replace(/\/Resource$/, '') } : {}),
    file: sink.doc.file,
    range: rangeOfResource(sink, resourcePath),
    handlerRange: sink.doc.rangeOf(at(['Handler'])),
  };
  return { spec, properties: p, locate: at, blocked };
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
): { layers: LayerSpec[]; pendingLayerArns?: string[] } {
  if (!Array.isArray(value)) return { layers: [] };
  const out: LayerSpec[] = [];
  const pending: string[] = [];
  value.forEach((item, i) => {
    if (typeof item !== 'string') return; // unresolved intrinsic, already reported
    const arnName = /^arn:[^:]*:lambda:[^:]*:[^:]*:layer:([^:]+)(?::\d+)?$/.exec(item)?.[1];
    const layer = local.get(item) ?? (arnName !== undefined ? local.get(arnName) : undefined);
    if (layer) return void out.push(layer);
    // A layer by ARN: fetched once into the cache (functions/arnLayers), then mounted from there.
    const cached = arnName !== undefined ? cachedLayerDir(defaultCacheRoot(), item) : undefined;
    if (cached) return void out.push({ logicalId: item, name: arnName!, contentDir: cached });
    if (parseLayerArn(item)) {
      pending.push(item);
      report(['Layers', i], 'warning', 'layer-arn-pending', `Layer ${item} is not in the local cache yet: it is fetched (AWS's public Powertools layers from npm or PyPI, others with your AWS credentials) when the template loads`);
    } else {
      report(['Layers', i], 'warning', 'layer-not-local', `Layer ${item} is not available locally: name a layer version ARN (…:layer:<name>:<version>) or a layer defined in this template`);
    }
  });
  return pending.length ? { layers: out, pendingLayerArns: pending } : { layers: out };
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

// Invalid values are reported by validateFunction; the function then runs as a plain one.
function durableConfigOf(v: unknown): DurableConfig | undefined {
  if (v === undefined) return undefined;
  try {
    return checkDurableConfig(v);
  } catch {
    return undefined;
  }
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
