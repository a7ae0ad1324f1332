// Brings a deployed function home: GetFunction (configuration and code location), download of the
// deployment package, extraction into `<directory>/src`, and a generated SAM template beside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetFunctionCommand, type GetFunctionCommandOutput } from '@aws-sdk/client-lambda';
import { WorkbenchError } from '../errors';
import { extractZip } from '../project/zipReader';
import { downloadCode, type DownloadProgress } from './codeDownload';
import { lambdaClient, remoteFailure, type RemoteTarget } from './remoteTarget';
import { logicalIdOf, samTemplateFor, type DeployedConfiguration } from './samTemplate';

export interface PullOptions {
  readonly target: RemoteTarget;
  /** Name, ARN or partial ARN, as GetFunction takes it. */
  readonly functionName: string;
  /** A version or alias; $LATEST when omitted. */
  readonly qualifier?: string;
  /** The folder that receives template.yaml and src/. */
  readonly directory: string;
  /** Replace template.yaml and src/ in a folder that already has them. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: PullStep) => void;
}

/** What the pull is doing now (for progress lines and notifications). */
export type PullStep = { readonly phase: 'configuration' } | ({ readonly phase: 'download' } & DownloadProgress) | { readonly phase: 'extract' } | { readonly phase: 'template' };

export interface PullResult {
  readonly functionName: string;
  readonly functionArn: string;
  readonly logicalId: string;
  readonly runtime: string;
  readonly handler: string;
  readonly templatePath: string;
  readonly codeDir: string;
  readonly codeBytes: number;
  readonly files: number;
  readonly layers: readonly string[];
  /** Things the user should know (layers fetched on first run, secrets in the template...). */
  readonly notes: readonly string[];
}

const TEMPLATE = 'template.yaml';
const CODE = 'src';

/** Pulls one function; throws WorkbenchError with what to do for anything the user can fix. */
export async function pullFunction(options: PullOptions): Promise<PullResult> {
  const dir = path.resolve(options.directory);
  checkTargetFolder(dir, Boolean(options.force));
  options.onProgress?.({ phase: 'configuration' });
  const client = lambdaClient(options.target);
  let out: GetFunctionCommandOutput;
  try {
    out = await client.send(new GetFunctionCommand({ FunctionName: options.functionName, ...(options.qualifier ? { Qualifier: options.qualifier } : {}) }), options.signal ? { abortSignal: options.signal } : {});
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') throw new WorkbenchError(`No function ${options.functionName} in ${options.target.region}${options.target.profile ? ` (profile ${options.target.profile})` : ''}: ${(e as Error).message}`, 'FunctionNotFound');
    throw remoteFailure(e, options.target, `GetFunction ${options.functionName}`);
  } finally {
    client.destroy();
  }
  const config = (out.Configuration ?? {}) as DeployedConfiguration;
  const name = config.FunctionName ?? options.functionName;
  if (config.PackageType === 'Image' || out.Code?.ImageUri) {
    throw new WorkbenchError(`${name} is a container image function (${out.Code?.ImageUri ?? 'no image URI'}): its code is an image, not a zip. Pull the image with docker and point a template's ImageUri/Metadata at its Dockerfile instead.`, 'UnsupportedPackage');
  }
  const location = out.Code?.Location;
  if (!location) throw new WorkbenchError(`GetFunction returned no code location for ${name}: the caller needs lambda:GetFunction on it (not only GetFunctionConfiguration).`, 'NoCodeLocation');
  const zip = await downloadCode(location, { ...(options.signal ? { signal: options.signal } : {}), onProgress: (p) => options.onProgress?.({ phase: 'download', ...p }) });
  options.onProgress?.({ phase: 'extract' });
  const codeDir = path.join(dir, CODE);
  const staging = fs.mkdtempSync(path.join(dir, '.pull-'));
  let files: number;
  try {
    files = extractZip(zip, staging).filter((e) => e.kind !== 'directory').length;
    fs.rmSync(codeDir, { recursive: true, force: true });
    fs.renameSync(staging, codeDir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new WorkbenchError(`The code of ${name} could not be extracted: ${(e as Error).message}`, 'BadPackage');
  }
  options.onProgress?.({ phase: 'template' });
  const templatePath = path.join(dir, TEMPLATE);
  fs.writeFileSync(templatePath, samTemplateFor(config, `${CODE}/`, new Date()));
  const layers = (config.Layers ?? []).map((l) => l.Arn ?? '').filter(Boolean);
  const notes: string[] = [];
  if (layers.length) notes.push(`${layers.length} layer(s) stay referenced by ARN; they are fetched once with your credentials when ${name} first runs.`);
  if (Object.keys(config.Environment?.Variables ?? {}).length) notes.push(`template.yaml holds ${name}'s environment variables as deployed: keep secrets out of version control.`);
  if (config.VpcConfig?.SubnetIds?.length) notes.push('The VPC configuration is recorded but not enforced locally: the function runs on this machine\'s network.');
  return {
    functionName: name,
    functionArn: config.FunctionArn ?? '',
    logicalId: logicalIdOf(name),
    runtime: config.Runtime ?? '',
    handler: config.Handler ?? '',
    templatePath,
    codeDir,
    codeBytes: zip.length,
    files,
    layers,
    notes,
  };
}

function checkTargetFolder(dir: string, force: boolean): void {
  fs.mkdirSync(dir, { recursive: true });
  if (force) return;
  const clashes = [TEMPLATE, CODE].filter((f) => fs.existsSync(path.join(dir, f)));
  if (clashes.length) throw new WorkbenchError(`${dir} already has ${clashes.join(' and ')}: choose another folder, or replace them (--force).`, 'TargetExists');
}
