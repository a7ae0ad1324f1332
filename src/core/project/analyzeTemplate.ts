// The project loader's pure core: template text in, function specs and located problems out.
// Synchronous so a language server can run it on unsaved text; it only stats and reads code files.
import * as path from 'path';
import type { Partition } from '../arn';
import type { EnvOverrides } from './envFiles';
import { cdkAssetPath } from './codeLocation';
import { extractFunction, type ExtractedFunction } from './functionExtraction';
import type { FunctionSpec, LayerSpec, Project } from './functionSpec';
import { RESERVED_ENV_KEYS, validateFunction, type SizeMemo } from './functionValidation';
import { checkGlobals } from './globalsMerge';
import { resolveIntrinsics } from './intrinsics';
import { ProblemSink } from './problemSink';
import { parseTemplate, type TemplatePath } from './templateDocument';
import { TemplateScope } from './templateScope';
import { isFile, isDirectory } from './pathKind';

/** How to instantiate the template locally. */
export interface AnalyzeOptions {
  readonly partition: Partition;
  /** Template Parameters values, overriding their Default. */
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  /** `AWS::StackName`; default `local`. */
  readonly stackName?: string;
  /** Environment overrides applied in order (later wins) after validation. */
  readonly envOverrides?: readonly EnvOverrides[];
  /** Where generated code (zip, inline, image) lives; default `.lambda-workbench/code` beside the template. */
  readonly codeRoot?: string;
}

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);
const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Analyzes template text (YAML or JSON) as if it were saved at `file`. Never throws on bad input. */
export function analyzeTemplate(text: string, file: string, options: AnalyzeOptions): Project {
  const doc = parseTemplate(text, file);
  const sink = new ProblemSink(doc);
  const empty = (): Project => ({ templatePath: file, functions: [], problems: sink.problems, resources: {} });
  if (doc.problems.some((p) => p.severity === 'error')) return empty();
  if (!doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    sink.add('error', 'template-invalid', 'Template format error: the template must be a YAML or JSON object', []);
    return empty();
  }
  const template = doc.value as Record<string, unknown>;
  const rawResources = asRecord(template['Resources']);
  if (Object.keys(rawResources).length === 0) {
    sink.add('error', 'template-invalid', 'Template format error: At least one Resources member must be defined.', ['Resources']);
    return empty();
  }
  const scope = new TemplateScope(template, options, sink);
  const globalsFunction = asRecord(template['Globals'])['Function'];
  checkGlobals(globalsFunction, sink);
  const usesSam = Object.values(rawResources).some((r) => String(asRecord(r)['Type']).startsWith('AWS::Serverless::'));
  const transform = template['Transform'];
  if (usesSam && !(transform === 'AWS::Serverless-2016-10-31' || (Array.isArray(transform) && transform.includes('AWS::Serverless-2016-10-31')))) {
    sink.add('warning', 'transform-missing', 'AWS::Serverless resources need "Transform: AWS::Serverless-2016-10-31"', ['Transform']);
  }

  const templateDir = path.dirname(path.resolve(file));
  const codeRoot = options.codeRoot ?? path.join(templateDir, '.lambda-workbench', 'code');
  const resources: Record<string, { type: string; properties: Record<string, unknown> }> = {};
  const layers = new Map<string, LayerSpec>();
  const functionIds: string[] = [];
  for (const [id, raw] of Object.entries(rawResources)) {
    const type = asRecord(raw)['Type'];
    if (typeof type !== 'string') {
      sink.add('error', 'resource-type-missing', `Template format error: [/Resources/${id}] resource definition is malformed`, ['Resources', id]);
      continue;
    }
    if (!scope.isActive(id)) continue;
    if (FUNCTION_TYPES.has(type)) {
      functionIds.push(id);
      continue;
    }
    const report = (at: TemplatePath, severity: 'error' | 'warning' | 'info', code: string, message: string): void => sink.add(severity, code, message, at, id);
    const properties = asRecord(resolveIntrinsics(asRecord(raw)['Properties'], scope, ['Resources', id, 'Properties'], report));
    resources[id] = { type, properties };
    if (LAYER_TYPES.has(type)) {
      const layer = layerOf(id, type, properties, templateDir, codeRoot, sink, asRecord(raw)['Metadata']);
      if (layer) {
        layers.set(id, layer);
        if (!layers.has(layer.name)) layers.set(layer.name, layer);
      }
    }
  }

  const sizes: SizeMemo = new Map();
  const functions: FunctionSpec[] = [];
  const byName = new Map<string, string>();
  for (const id of functionIds) {
    const fn = extractFunction(id, rawResources[id] as Record<string, unknown>, { sink, scope, templateDir, globalsFunction, layers, codeRoot });
    if (!fn.blocked) validateFunction(fn, sink, sizes);
    const other = byName.get(fn.spec.functionName);
    if (other !== undefined) {
      sink.add('error', 'function-name-duplicate', `Function already exist: ${fn.spec.functionName} (also the name of ${other})`, fn.locate(['FunctionName']), id);
      continue;
    }
    byName.set(fn.spec.functionName, id);
    functions.push(withOverrides(fn, options.envOverrides ?? [], sink));
  }
  reportUnknownTargets(options.envOverrides ?? [], functions, sink);
  return { templatePath: file, functions, problems: sink.problems, resources, ...(scope.missing.length ? { missingParameters: [...scope.missing] } : {}) };
}

function layerOf(id: string, type: string, p: Record<string, unknown>, templateDir: string, codeRoot: string, sink: ProblemSink, metadata: unknown): LayerSpec | undefined {
  const prop = type === 'AWS::Serverless::LayerVersion' ? 'ContentUri' : 'Content';
  const at: TemplatePath = ['Resources', id, 'Properties', prop];
  const content = cdkAssetPath(asRecord(metadata), prop) ?? p[prop];
  if (typeof content !== 'string') {
    sink.add('warning', 'layer-not-local', `${prop} of layer ${id} is not a local directory; the layer cannot be mounted locally`, at, id);
    return undefined;
  }
  const name = typeof p['LayerName'] === 'string' ? p['LayerName'] : id;
  const resolved = path.resolve(templateDir, content);
  // A .zip layer is unpacked into the state directory by loadProject, like a .zip CodeUri.
  if (/\.zip$/i.test(resolved) && isFile(resolved)) return { logicalId: id, name, contentDir: path.join(codeRoot, 'layers', id), source: { kind: 'zip', file: resolved }, ...(metadata !== undefined ? { metadata: asRecord(metadata) } : {}) };
  const contentDir = resolved;
  if (!isDirectory(contentDir)) {
    sink.add('error', 'layer-content-missing', `${prop} ${content} does not exist (${contentDir})`, at, id);
    return undefined;
  }
  return { logicalId: id, name, contentDir, ...(metadata !== undefined ? { metadata: asRecord(metadata) } : {}) };
}

// .env first, then env-vars "Parameters", then env-vars entries for this function; reserved keys are dropped.
function withOverrides(fn: ExtractedFunction, overrides: readonly EnvOverrides[], sink: ProblemSink): FunctionSpec {
  if (overrides.length === 0) return fn.spec;
  const env: Record<string, string> = { ...fn.spec.environment };
  const declared = new Set(Object.keys(fn.spec.environment));
  const id = fn.spec.logicalId;
  for (const o of overrides) {
    const own = o.byFunction[id] ?? o.byFunction[fn.spec.functionName];
    for (const [entries, specific] of [[o.all, false], [own?.entries ?? [], true]] as const) {
      for (const e of entries) {
        if (RESERVED_ENV_KEYS.includes(e.key)) {
          sink.add('warning', 'env-override-reserved', `${e.key} is a reserved Lambda variable and cannot be overridden; ignored`, { file: o.file, range: e.range }, id);
        } else if (o.declaredOnly && !declared.has(e.key)) {
          if (specific) sink.add('info', 'env-override-undeclared', `${e.key} is not declared in the template's Environment for ${id}; ignored, as sam local does`, { file: o.file, range: e.range }, id);
        } else {
          env[e.key] = e.value;
        }
      }
    }
  }
  return { ...fn.spec, environment: env };
}

function reportUnknownTargets(overrides: readonly EnvOverrides[], functions: readonly FunctionSpec[], sink: ProblemSink): void {
  const known = new Set(functions.flatMap((f) => [f.logicalId, f.functionName]));
  for (const o of overrides) {
    for (const [target, { range }] of Object.entries(o.byFunction)) {
      if (!known.has(target)) sink.add('warning', 'env-override-unknown-function', `No function ${target} in the template`, { file: o.file, range });
    }
  }
}
