// SAM `Globals.Function` merged into each AWS::Serverless::Function the way SAM does it: the
// resource's scalars win, maps merge key by key, lists are global items then the resource's own.
import { isIntrinsic } from './intrinsics';
import type { ProblemSink } from './problemSink';
import type { TemplatePath } from './templateDocument';

/** Properties SAM accepts under `Globals.Function`. */
export const GLOBAL_FUNCTION_PROPERTIES: readonly string[] = [
  'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig',
  'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'Layers', 'AutoPublishAlias',
  'AutoPublishAliasAllProperties', 'AutoPublishCodeSha256', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary',
  'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig',
  'Architectures', 'EphemeralStorage', 'FunctionUrlConfig', 'RuntimeManagementConfig', 'SnapStart', 'LoggingConfig',
  'RecursiveLoop', 'SourceKMSKeyArn',
];

/** Merged properties of one function, and where each merged value came from in the template. */
export interface MergedProperties {
  readonly properties: Record<string, unknown>;
  /** Template path of the value at `relPath` inside the merged properties. */
  locate(relPath: TemplatePath): TemplatePath;
}

const GLOBALS_PATH: TemplatePath = ['Globals', 'Function'];

/** Warns about `Globals.Function` keys SAM would reject. */
export function checkGlobals(globalsFunction: unknown, sink: ProblemSink): void {
  if (!isPlainMap(globalsFunction)) return;
  for (const key of Object.keys(globalsFunction)) {
    if (!GLOBAL_FUNCTION_PROPERTIES.includes(key)) {
      sink.add('warning', 'globals-unsupported', `'Globals' section is invalid. '${key}' is not a supported property of 'Function'. Must be one of the following values - [${GLOBAL_FUNCTION_PROPERTIES.join(', ')}]`, [...GLOBALS_PATH, key]);
    }
  }
}

/** Merges `Globals.Function` (may be undefined) into a function's own properties. */
export function mergeGlobals(globalsFunction: unknown, properties: Record<string, unknown>, propertiesPath: TemplatePath): MergedProperties {
  const origins = new Map<string, TemplatePath>();
  const key = (p: TemplatePath): string => p.join('\u0000');
  const merge = (g: unknown, l: unknown, rel: TemplatePath, gPath: TemplatePath, lPath: TemplatePath): unknown => {
    if (l === undefined || g === undefined) {
      origins.set(key(rel), l === undefined ? gPath : lPath);
      return l === undefined ? g : l;
    }
    origins.set(key(rel), lPath);
    if (isPlainMap(g) && isPlainMap(l)) {
      const out: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(g), ...Object.keys(l)])) {
        out[k] = merge(g[k], l[k], [...rel, k], [...gPath, k], [...lPath, k]);
      }
      return out;
    }
    if (Array.isArray(g) && Array.isArray(l)) {
      g.forEach((_, i) => origins.set(key([...rel, i]), [...gPath, i]));
      l.forEach((_, i) => origins.set(key([...rel, g.length + i]), [...lPath, i]));
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- template lists (parsed YAML) are merged as they are, like SAM does
      return [...g, ...l];
    }
    return l;
  };
  const globals = isPlainMap(globalsFunction) ? globalsFunction : {};
  const merged: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(globals).filter((g) => GLOBAL_FUNCTION_PROPERTIES.includes(g)), ...Object.keys(properties)])) {
    merged[k] = merge(globals[k], properties[k], [k], [...GLOBALS_PATH, k], [...propertiesPath, k]);
  }
  return {
    properties: merged,
    locate(relPath) {
      for (let n = relPath.length; n > 0; n--) {
        const origin = origins.get(key(relPath.slice(0, n)));
        if (origin) return [...origin, ...relPath.slice(n)];
      }
      return [...propertiesPath, ...relPath];
    },
  };
}

// Intrinsic calls such as { "Fn::If": [...] } are values, not maps to merge.
function isPlainMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !isIntrinsic(v);
}
