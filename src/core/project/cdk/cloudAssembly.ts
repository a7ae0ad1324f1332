// Reading a CDK cloud assembly (`cdk.out`): its manifest's stack templates and their nested stacks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../../errors';

/** One CloudFormation template of the assembly to load. */
export interface AssemblyStack {
  readonly templatePath: string;
  readonly stackName: string;
  /** The bootstrap version the stack requires (its BootstrapVersion parameter, read from SSM on deploy). */
  readonly bootstrapVersion: number;
}

/** A nested stack resource whose template CDK wrote into the assembly. */
export interface NestedStackRef {
  readonly logicalId: string;
  readonly templatePath: string;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The assembly's manifest.json when `p` is one, or a folder holding one; undefined otherwise. */
export async function assemblyManifest(p: string): Promise<string | undefined> {
  const stat = await fs.promises.stat(p).catch(() => undefined);
  if (stat?.isFile()) return path.basename(p) === 'manifest.json' && (await isAssembly(p)) ? p : undefined;
  const inside = path.join(p, 'manifest.json');
  return stat?.isDirectory() && (await isAssembly(inside)) ? inside : undefined;
}

/** The assembly folder of a CDK workspace: cdk.json's `output` (default `cdk.out`), when it was synthesized. */
export async function workspaceAssembly(workspaceDir: string): Promise<string | undefined> {
  let output = 'cdk.out';
  try {
    const config = asRecord(JSON.parse(await fs.promises.readFile(path.join(workspaceDir, 'cdk.json'), 'utf8')));
    if (typeof config['output'] === 'string') output = config['output'];
  } catch {
    // No (or no readable) cdk.json: a bare cdk.out folder is a project too.
  }
  return assemblyManifest(path.join(workspaceDir, output));
}

/** The top-level stacks of the assembly, in manifest order, with those of its stages' assemblies (`cdk.Stage`). */
export async function assemblyStacks(manifestPath: string, depth = 0): Promise<AssemblyStack[]> {
  const manifest = await readJson(manifestPath, 'assembly manifest');
  const dir = path.dirname(manifestPath);
  const stacks: AssemblyStack[] = [];
  for (const [id, raw] of Object.entries(asRecord(manifest['artifacts']))) {
    const artifact = asRecord(raw);
    const props = asRecord(artifact['properties']);
    if (artifact['type'] === 'cdk:cloud-assembly' && typeof props['directoryName'] === 'string' && depth < 8) {
      stacks.push(...(await assemblyStacks(path.resolve(dir, props['directoryName'], 'manifest.json'), depth + 1)));
      continue;
    }
    if (artifact['type'] !== 'aws:cloudformation:stack') continue;
    if (typeof props['templateFile'] !== 'string') continue;
    stacks.push({
      templatePath: path.resolve(dir, props['templateFile']),
      stackName: typeof props['stackName'] === 'string' ? props['stackName'] : id,
      bootstrapVersion: typeof props['requiresBootstrapStackVersion'] === 'number' ? props['requiresBootstrapStackVersion'] : 6,
    });
  }
  return stacks;
}

/** Nested stacks (`AWS::CloudFormation::Stack`) of a template whose template is an assembly asset. */
export function nestedStacks(templatePath: string, template: Record<string, unknown>): NestedStackRef[] {
  const out: NestedStackRef[] = [];
  for (const [logicalId, raw] of Object.entries(asRecord(template['Resources']))) {
    const resource = asRecord(raw);
    const metadata = asRecord(resource['Metadata']);
    const asset = metadata['aws:asset:path'];
    if (resource['Type'] !== 'AWS::CloudFormation::Stack' || typeof asset !== 'string' || metadata['aws:asset:property'] !== 'TemplateURL') continue;
    out.push({ logicalId, templatePath: path.resolve(path.dirname(templatePath), asset) });
  }
  return out;
}

/** Reads a JSON file of the assembly; WorkbenchError that says to synthesize again when it cannot. */
export async function readJson(file: string, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    throw new WorkbenchError(`The CDK ${what} ${file} cannot be read (${(e as Error).message}): run \`npx cdk synth\` in the CDK app to write the cloud assembly again`, 'TemplateNotFound');
  }
  try {
    return asRecord(JSON.parse(text));
  } catch (e) {
    throw new WorkbenchError(`The CDK ${what} ${file} is not valid JSON (${(e as Error).message}): run \`npx cdk synth\` again`, 'TemplateInvalid');
  }
}

async function isAssembly(manifestPath: string): Promise<boolean> {
  try {
    const manifest = asRecord(JSON.parse(await fs.promises.readFile(manifestPath, 'utf8')));
    return typeof manifest['version'] === 'string' && typeof manifest['artifacts'] === 'object';
  } catch {
    return false;
  }
}
