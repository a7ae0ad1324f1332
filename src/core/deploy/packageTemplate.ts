// `sam package` for one template: every local code location (functions, layers, API / state machine
// definitions) is uploaded and rewritten to its S3 location; what already points at S3, inline code and
// images stay as they are. The result is a plain JSON template CloudFormation takes with the SAM transform.
import * as path from 'node:path';
import { WorkbenchError } from '../errors';
import type { Artifact } from './artifacts';

/** Where an upload landed. */
export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

/** Uploads one artifact (a zip of it) or one local file (as is) and says where it went. */
export type Uploader = (what: { readonly artifact: Artifact } | { readonly file: string }) => Promise<S3Location>;

type Props = Record<string, unknown>;

const isLocal = (v: unknown): v is string => typeof v === 'string' && v !== '' && !/^(s3|https?):\/\//.test(v);
const s3Uri = (l: S3Location): string => `s3://${l.bucket}/${l.key}`;

// The property of each resource type that names local code, and how an S3 location is written there.
const CODE: Record<string, { readonly prop: string; readonly skip?: (p: Props) => boolean; readonly write: (l: S3Location) => unknown }> = {
  'AWS::Serverless::Function': { prop: 'CodeUri', skip: (p) => p['InlineCode'] !== undefined || p['PackageType'] === 'Image', write: s3Uri },
  'AWS::Lambda::Function': { prop: 'Code', skip: (p) => p['PackageType'] === 'Image', write: (l) => ({ S3Bucket: l.bucket, S3Key: l.key }) },
  'AWS::Serverless::LayerVersion': { prop: 'ContentUri', write: s3Uri },
  'AWS::Lambda::LayerVersion': { prop: 'Content', write: (l) => ({ S3Bucket: l.bucket, S3Key: l.key }) },
};

// Definition files uploaded as they are (SAM takes an s3:// URI for each).
const DEFINITIONS: Record<string, string> = {
  'AWS::Serverless::Api': 'DefinitionUri',
  'AWS::Serverless::HttpApi': 'DefinitionUri',
  'AWS::Serverless::StateMachine': 'DefinitionUri',
  'AWS::Serverless::GraphQLApi': 'SchemaUri',
};

/** The packaged copy of a template value: code locations rewritten to what `upload` returned. */
export async function packageTemplate(template: unknown, templateDir: string, artifacts: readonly Artifact[], upload: Uploader): Promise<Props> {
  if (!template || typeof template !== 'object') throw new WorkbenchError('The template is empty or not a mapping.', 'InvalidTemplate');
  const out = structuredClone(template) as Props;
  const resources = (out['Resources'] ?? {}) as Record<string, { Type?: unknown; Properties?: Props }>;
  const byId = new Map(artifacts.map((a) => [a.logicalId, a]));
  for (const [id, res] of Object.entries(resources)) {
    const type = String(res.Type ?? '');
    const props = (res.Properties ??= {});
    const code = CODE[type];
    if (code && !code.skip?.(props)) {
      const current = props[code.prop] ?? globalCodeUri(out, type);
      if (type === 'AWS::Lambda::Function' && current && typeof current === 'object' && ('ZipFile' in current || 'ImageUri' in current)) continue;
      const artifact = byId.get(id) ?? (isLocal(current) || current === undefined ? { logicalId: id, kind: type.includes('Layer') ? 'layer' as const : 'function' as const, dir: path.resolve(templateDir, typeof current === 'string' ? current : '.') } : undefined);
      if (artifact && (isLocal(current) || current === undefined || byId.has(id))) props[code.prop] = code.write(await upload({ artifact }));
    }
    const defProp = DEFINITIONS[type];
    if (defProp && isLocal(props[defProp])) props[defProp] = s3Uri(await upload({ file: path.resolve(templateDir, props[defProp]) }));
    const nested = type === 'AWS::Serverless::Application' ? props['Location'] : type === 'AWS::CloudFormation::Stack' ? props['TemplateURL'] : undefined;
    if (isLocal(nested)) throw new WorkbenchError(`${id} is a nested stack from a local file (${nested}): nested templates are not packaged here. Deploy it with \`sam deploy\`.`, 'NestedTemplate');
  }
  return out;
}

// SAM lets Globals.Function.CodeUri stand for every function without its own.
function globalCodeUri(template: Props, type: string): unknown {
  if (type !== 'AWS::Serverless::Function') return undefined;
  const globals = template['Globals'] as { Function?: Props } | undefined;
  return globals?.Function?.['CodeUri'];
}

/** The CloudFormation capabilities a packaged template needs (those `sam deploy` would ask for). */
export function requiredCapabilities(template: Props): string[] {
  const resources = Object.values((template['Resources'] ?? {}) as Record<string, { Type?: unknown; Properties?: Props }>);
  const caps = new Set<string>();
  for (const r of resources) {
    const type = String(r.Type ?? '');
    const p = r.Properties ?? {};
    // SAM creates an execution role for a function (and a state machine) without one.
    if ((type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine') && p['Role'] === undefined) caps.add('CAPABILITY_IAM');
    if (type.startsWith('AWS::IAM::')) {
      caps.add('CAPABILITY_IAM');
      if (['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName', 'InstanceProfileName'].some((k) => p[k] !== undefined)) caps.add('CAPABILITY_NAMED_IAM');
    }
    if (type === 'AWS::Serverless::Application' || type === 'AWS::CloudFormation::Stack') caps.add('CAPABILITY_AUTO_EXPAND');
  }
  const transform = template['Transform'];
  const transforms = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  if (transforms.some((t) => t !== 'AWS::Serverless-2016-10-31')) caps.add('CAPABILITY_AUTO_EXPAND');
  return [...caps].sort();
}
