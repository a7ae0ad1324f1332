// Reading a workspace's template and env files from disk, then analyzing them: what the engine and
// the CLI call. The language server calls analyzeTemplate directly on editor text.
import * as fs from 'fs';
import * as path from 'path';
import type { Partition } from '../arn';
import { messageOf, WorkbenchError } from '../errors';
import { analyzeTemplate } from './analyzeTemplate';
import { assemblyManifest, loadAssembly, workspaceAssembly } from './cdk';
import { parseDotEnv, parseEnvVarsJson, type EnvOverrides } from './envFiles';
import type { Problem, Project } from './functionSpec';
import { materializeCode, materializeLayer, type MaterializeOutput } from './materializeCode';

/** Template file names looked for in a workspace, in order. */
export const TEMPLATE_NAMES: readonly string[] = ['template.yaml', 'template.yml', 'template.json'];

/** What to load and how to instantiate it. */
export interface LoadProjectOptions {
  readonly templatePath: string;
  readonly partition: Partition;
  /** Template Parameters values, overriding their Default. */
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  /** SAM `--env-vars` JSON file: `{"LogicalId": {"VAR": "v"}, "Parameters": {"VAR": "all"}}`. */
  readonly envVarsFile?: string;
  /** `.env` file for all functions; default `.env` next to the template when it exists; `false` for none. */
  readonly dotEnvFile?: string | false;
  /** `AWS::StackName`; default `local`. */
  readonly stackName?: string;
  /** The state directory: generated code (.zip CodeUri, inline code, images) is materialized under `code/`. */
  readonly stateDir?: string;
  /** Progress lines of materializing code (an image's RUN output). */
  readonly onOutput?: MaterializeOutput;
  readonly signal?: AbortSignal;
}

/** The template of a workspace: `configured` (relative to the workspace) if given, else the first of TEMPLATE_NAMES, else a CDK cloud assembly's manifest. */
export async function findTemplate(workspaceDir: string, configured?: string): Promise<string | undefined> {
  const candidates = configured ? [path.resolve(workspaceDir, configured)] : TEMPLATE_NAMES.map((n) => path.join(workspaceDir, n));
  for (const c of candidates) {
    if (await isFile(c)) return c;
  }
  // A CDK app: its synthesized cloud assembly (cdk.out/manifest.json) stands for the template.
  return configured ? assemblyManifest(candidates[0]!) : ((await workspaceAssembly(workspaceDir)) ?? assemblyManifest(workspaceDir));
}

/** The env files loadProject reads for these options (for watching). */
export function envFilesOf(options: Pick<LoadProjectOptions, 'templatePath' | 'envVarsFile' | 'dotEnvFile'>): string[] {
  const files: string[] = [];
  const dotEnv = dotEnvPath(options);
  if (dotEnv) files.push(dotEnv);
  if (options.envVarsFile) files.push(path.resolve(options.envVarsFile));
  return files;
}

/** Reads the template and env files, applies overrides and analyzes. Throws WorkbenchError if a named file is unreadable. */
export async function loadProject(options: LoadProjectOptions): Promise<Project> {
  const manifest = await assemblyManifest(options.templatePath);
  if (manifest) return loadAssembly({ ...options, templatePath: manifest }, loadProject);
  const templatePath = path.resolve(options.templatePath);
  const text = await readText(templatePath, 'TemplateNotFound', 'template');
  const overrides: EnvOverrides[] = [];
  const fileProblems: Problem[] = [];
  const dotEnv = dotEnvPath(options);
  if (dotEnv && (options.dotEnvFile !== undefined || (await isFile(dotEnv)))) {
    const parsed = parseDotEnv(await readText(dotEnv, 'EnvFileNotFound', '.env file'), dotEnv);
    overrides.push(parsed.overrides);
    fileProblems.push(...parsed.problems);
  }
  if (options.envVarsFile) {
    const file = path.resolve(options.envVarsFile);
    const parsed = parseEnvVarsJson(await readText(file, 'EnvFileNotFound', 'env-vars file'), file);
    overrides.push(parsed.overrides);
    fileProblems.push(...parsed.problems);
  }
  const analyze = (): Project => analyzeTemplate(text, templatePath, {
    partition: options.partition,
    envOverrides: overrides,
    ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
    ...(options.stackName !== undefined ? { stackName: options.stackName } : {}),
    ...(options.stateDir !== undefined ? { codeRoot: path.join(options.stateDir, 'code') } : {}),
  });
  let project = analyze();
  const zipLayers = [...new Map(project.functions.flatMap((f) => f.layers).filter((l) => l.source).map((l) => [l.logicalId, l])).values()];
  if (options.stateDir !== undefined && (zipLayers.length > 0 || project.functions.some((f) => f.codeSource))) {
    await fs.promises.mkdir(path.join(options.stateDir, 'code'), { recursive: true, mode: 0o700 });
    for (const layer of zipLayers) {
      try {
        await materializeLayer(layer);
      } catch (e) {
        for (const spec of project.functions.filter((f) => f.layers.includes(layer))) {
          fileProblems.push({ severity: 'error', message: `Layer ${layer.logicalId}: ${messageOf(e)}`, file: spec.file, range: spec.range, resource: spec.logicalId, code: 'layer-materialize-failed' });
        }
      }
    }
    for (const spec of project.functions.filter((f) => f.codeSource)) {
      try {
        await materializeCode(spec, options.onOutput, options.signal);
      } catch (e) {
        fileProblems.push({ severity: 'error', message: messageOf(e), file: spec.file, range: spec.range, resource: spec.logicalId, code: 'code-materialize-failed' });
      }
    }
    // Analyzed again now that the generated code exists, so its handler is checked like any other.
    project = analyze();
  }
  return fileProblems.length === 0 ? project : { ...project, problems: [...fileProblems, ...project.problems] };
}

function dotEnvPath(options: Pick<LoadProjectOptions, 'templatePath' | 'dotEnvFile'>): string | undefined {
  if (options.dotEnvFile === false) return undefined;
  return path.resolve(options.dotEnvFile ?? path.join(path.dirname(path.resolve(options.templatePath)), '.env'));
}

async function readText(file: string, code: string, what: string): Promise<string> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as Error).message})`;
    throw new WorkbenchError(`The ${what} ${file} ${reason}`, code);
  }
}

async function isFile(p: string): Promise<boolean> {
  return fs.promises.stat(p).then((s) => s.isFile(), () => false);
}
