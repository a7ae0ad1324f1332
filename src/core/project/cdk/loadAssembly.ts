// Loads every stack of a CDK cloud assembly (nested stacks included) as one project: each template is
// analyzed like a SAM template, and CDK's asset metadata points functions and layers at their folders.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadProjectOptions } from '../loadProject';
import type { FunctionSpec, Problem, Project } from '../functionSpec';
import { assetHandlerSource } from './assetSources';
import { cdkAppForAssembly } from './cdkApp';
import { assemblyStacks, nestedStacks, readJson } from './cloudAssembly';

type Loader = (options: LoadProjectOptions) => Promise<Project>;

/** Loads the assembly of `options.templatePath` (its manifest.json) with `load` for each template. */
export async function loadAssembly(options: LoadProjectOptions, load: Loader): Promise<Project> {
  const manifestPath = path.resolve(options.templatePath);
  // The app's .env lives beside cdk.json, not inside the generated cdk.out.
  const workspaceEnv = path.join(path.dirname(path.dirname(manifestPath)), '.env');
  const dotEnvFile = options.dotEnvFile ?? ((await isFile(workspaceEnv)) ? workspaceEnv : false);
  const projects: Project[] = [];
  // BootstrapVersion only feeds CDK's deploy-time CheckBootstrapVersion rule: the version the stack asks for, not an SSM warning.
  const pending: { templatePath: string; stackName: string; parameters?: Record<string, string> }[] = (await assemblyStacks(manifestPath)).map((s) => ({
    templatePath: s.templatePath,
    stackName: s.stackName,
    parameters: { BootstrapVersion: String(s.bootstrapVersion), ...options.parameterOverrides },
  }));
  const seen = new Set<string>();
  while (pending.length > 0) {
    const stack = pending.shift()!;
    if (seen.has(stack.templatePath)) continue;
    seen.add(stack.templatePath);
    const project = await load({
      ...options,
      templatePath: stack.templatePath,
      stackName: stack.stackName,
      dotEnvFile,
      ...(stack.parameters ? { parameterOverrides: stack.parameters } : {}),
    });
    projects.push(project);
    for (const nested of nestedStacks(stack.templatePath, await readJson(stack.templatePath, 'stack template'))) {
      // The parent passes its resources to the nested stack as Parameters: their local values become its overrides.
      const passed = project.resources[nested.logicalId]?.properties['Parameters'];
      pending.push({ templatePath: nested.templatePath, stackName: `${stack.stackName}-${nested.logicalId}`, parameters: { ...options.parameterOverrides, ...stringValues(passed) } });
    }
  }
  const merged = merge(manifestPath, projects);
  const app = await cdkAppForAssembly(manifestPath);
  return app ? { ...merged, functions: merged.functions.map((f) => withAppSource(f, app.dir, path.dirname(manifestPath))) } : merged;
}

// Functions running from an asset folder learn which app file their handler came from.
function withAppSource(fn: FunctionSpec, appDir: string, assemblyDir: string): FunctionSpec {
  if (!fn.codeDir.startsWith(assemblyDir + path.sep)) return fn;
  const source = assetHandlerSource(appDir, fn.codeDir, fn.runtime, fn.handler);
  return source ? { ...fn, appSource: source } : fn;
}

function merge(manifestPath: string, projects: readonly Project[]): Project {
  const functions: FunctionSpec[] = [];
  // Each stack checks --env-vars / .env targets against its own functions: keep those no stack has, once.
  const known = new Set(projects.flatMap((p) => p.functions.flatMap((f) => [f.logicalId, f.functionName])));
  const reported = new Set<string>();
  const problems: Problem[] = projects.flatMap((p) => p.problems).filter((p) => {
    if (p.code !== 'env-override-unknown-function') return true;
    const target = /^No function (\S+) in/.exec(p.message)?.[1] ?? '';
    if (known.has(target) || reported.has(target)) return false;
    reported.add(target);
    return true;
  });
  const byName = new Map<string, FunctionSpec>();
  for (const fn of projects.flatMap((p) => p.functions)) {
    const other = byName.get(fn.functionName);
    if (other) {
      problems.push({ severity: 'error', code: 'function-name-duplicate', message: `Function already exist: ${fn.functionName} (also the name of ${other.constructPath ?? other.logicalId} in ${path.basename(other.file)})`, file: fn.file, range: fn.range, resource: fn.logicalId });
      continue;
    }
    byName.set(fn.functionName, fn);
    functions.push(fn);
  }
  const missing = projects.flatMap((p) => p.missingParameters ?? []);
  return {
    templatePath: manifestPath,
    functions,
    problems,
    resources: Object.assign({}, ...projects.map((p) => p.resources)) as Project['resources'],
    ...(missing.length ? { missingParameters: missing } : {}),
  };
}

function stringValues(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
    else if (Array.isArray(x)) out[k] = x.map(String).join(',');
  }
  return out;
}

async function isFile(p: string): Promise<boolean> {
  return fs.promises.stat(p).then((s) => s.isFile(), () => false);
}
