// Where a function's code comes from: a directory, a .zip or a single file, inline code (InlineCode,
// Code.ZipFile) or a Dockerfile. What is not a directory is materialized into the state directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { containsIntrinsic } from './intrinsics';
import { runtimeFamily } from './runtimes';
import type { TemplatePath } from './templateDocument';

/** Code that must be written into `codeDir` before the function runs (see materializeCode). */
export type CodeSource =
  | { readonly kind: 'zip'; readonly file: string }
  | { readonly kind: 'inline'; readonly fileName: string; readonly text: string }
  | { readonly kind: 'image'; readonly dockerfile: string; readonly context: string };

/** The located code: its directory, what fills it when it is generated, and what to watch. */
export interface CodeLocation {
  readonly codeDir: string;
  readonly source?: CodeSource;
  /** Files or folders to watch instead of `codeDir`. */
  readonly watch?: readonly string[];
  /** A single-file CodeUri: the package is this file alone, though it runs from its folder. */
  readonly file?: string;
}

/** Why a function's code cannot be located; the function stays listed with this problem. */
export interface CodeProblem {
  readonly at: TemplatePath;
  readonly code: string;
  readonly message: string;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Where generated code of `logicalId` lives under a code root (`<state dir>/code`). */
export function generatedCodeDir(codeRoot: string, logicalId: string): string {
  return path.join(codeRoot, logicalId);
}

/** Locates the code of a function from its resolved properties; null when Code is required and absent. */
export function locateCode(
  logicalId: string,
  type: string,
  p: Record<string, unknown>,
  dirs: { readonly templateDir: string; readonly codeRoot: string },
  metadata: Record<string, unknown>,
): CodeLocation | CodeProblem | null {
  const { templateDir } = dirs;
  const generated = generatedCodeDir(dirs.codeRoot, logicalId);
  if (p['PackageType'] === 'Image' || p['ImageUri'] !== undefined || asRecord(p['Code'])['ImageUri'] !== undefined) {
    // CDK's DockerImageFunction: the image's build context is an asset folder (its Dockerfile path beside it).
    const cdkContext = cdkAssetPath(metadata, 'Code.ImageUri');
    const file = cdkContext !== undefined ? (metadata['aws:asset:dockerfile-path'] ?? 'Dockerfile') : metadata['Dockerfile'];
    const context = cdkContext ?? metadata['DockerContext'];
    if (typeof context !== 'string' && typeof file !== 'string') {
      return { at: ['PackageType'], code: 'image-unsupported', message: 'This container image function has no Metadata DockerContext / Dockerfile, so its image cannot be rebuilt without Docker: add them (as sam build needs) or use a zip package' };
    }
    const contextDir = path.resolve(templateDir, typeof context === 'string' ? context : '.');
    const dockerfile = path.resolve(contextDir, typeof file === 'string' ? file : 'Dockerfile');
    return { codeDir: generated, source: { kind: 'image', dockerfile, context: contextDir }, watch: [contextDir] };
  }
  const [prop, value] = type === 'AWS::Serverless::Function'
    ? (p['InlineCode'] !== undefined ? ['InlineCode', { ZipFile: p['InlineCode'] }] : ['CodeUri', p['CodeUri']])
    : ['Code', p['Code']];
  // CDK stages the code as an asset folder beside the template and points Code at S3; run the folder.
  const asset = cdkAssetPath(metadata, prop);
  if (asset !== undefined) return fromPath(path.resolve(templateDir, asset), generated);
  if (value === undefined) return type === 'AWS::Serverless::Function' ? { codeDir: templateDir } : null;
  if (typeof value === 'string') return fromPath(path.resolve(templateDir, value), generated);
  const code = asRecord(value);
  if (code['ZipFile'] !== undefined) {
    const text = code['ZipFile'];
    const runtime = String(p['Runtime'] ?? '');
    const family = runtimeFamily(runtime);
    if (typeof text !== 'string') return { at: [prop], code: 'inline-code-invalid', message: `${prop} must be a string of source code` };
    if (family !== 'node' && family !== 'python') {
      return { at: [prop], code: 'inline-code-unsupported', message: `Inline code runs for Node.js and Python functions only (as in Lambda); ${runtime || 'this runtime'} needs a code directory in ${type === 'AWS::Lambda::Function' ? 'Code' : 'CodeUri'}` };
    }
    // Lambda writes ZipFile code as index.js (Node.js) or index.py (Python).
    return { codeDir: generated, source: { kind: 'inline', fileName: family === 'node' ? 'index.js' : 'index.py', text } };
  }
  // SAM's CodeUri / AWS::Lambda::Function Code as { Bucket/S3Bucket, Key/S3Key }: a local zip under that name is not guessed.
  if (containsIntrinsic(code)) return { at: [prop], code: 'code-unresolved', message: `${prop} could not be resolved locally (see the warning on it): point it at a local directory or .zip` };
  return { at: [prop], code: 'code-not-local', message: `${prop} points at S3; Lambda Workbench needs a local directory, .zip or file: point ${prop} at it` };
}

/** The local asset CDK wrote for `property` of a resource (`Metadata: aws:asset:path / aws:asset:property`), relative to its template. */
export function cdkAssetPath(metadata: Record<string, unknown>, property: string): string | undefined {
  const assetPath = metadata['aws:asset:path'];
  return typeof assetPath === 'string' && metadata['aws:asset:property'] === property ? assetPath : undefined;
}

function fromPath(resolved: string, generated: string): CodeLocation {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(resolved);
  } catch {
    stat = undefined;
  }
  if (stat?.isFile() && /\.(zip|jar)$/i.test(resolved)) return { codeDir: generated, source: { kind: 'zip', file: resolved }, watch: [resolved] };
  // A single source file: its folder is the code directory, so the file runs (and debugs) where it is.
  if (stat?.isFile()) return { codeDir: path.dirname(resolved), watch: [resolved], file: resolved };
  return { codeDir: resolved };
}
