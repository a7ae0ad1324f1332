// Reading a workspace's template and env files from disk, then analyzing them: what the engine and
// the CLI call. The language server calls analyzeTemplate directly on editor text.
import * as fs from 'fs';
import * as path from 'path';
import type { Partition } from '../arn';
import { WorkbenchError } from '../errors';
import { analyzeTemplate } from './analyzeTemplate';
import { parseDotEnv, parseEnvVarsJson, type EnvOverrides } from './envFiles';
import type { Problem, Project } from './functionSpec';

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
}

/** The template of a workspace: `configured` (relative to the workspace) if given, else the first of TEMPLATE_NAMES. */
export async function findTemplate(workspaceDir: string, configured?: string): Promise<string | undefined> {
  const candidates = configured ? [path.resolve(workspaceDir, configured)] : TEMPLATE_NAMES.map((n) => path.join(workspaceDir, n));
  for (const c of candidates) {
    if (await isFile(c)) return c;
  }
  return undefined;
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
  const project = analyzeTemplate(text, templatePath, {
    partition: options.partition,
    envOverrides: overrides,
    ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
    ...(options.stackName !== undefined ? { stackName: options.stackName } : {}),
  });
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
