// Decides what `sam build` would do for a function or layer of the template: which builder (npm, pip,
// esbuild, makefile, go, rust), from which source directory, into which output directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionSpec, LayerSpec } from '../project/functionSpec';

export type BuildKind = 'npm' | 'pip' | 'esbuild' | 'makefile' | 'go' | 'rust';

/** One unit of build work: a function's code or a layer's content. */
export interface BuildTarget {
  readonly logicalId: string;
  readonly kind: BuildKind;
  /** The function's runtime, or the runtime named by a layer's BuildMethod. */
  readonly runtime: string;
  /** CodeUri / ContentUri: read, never written. */
  readonly sourceDir: string;
  /** `<state dir>/build/<LogicalId>`: what the function runs (LAMBDA_TASK_ROOT) or the layer mounts (/opt). */
  readonly outDir: string;
  /** `<state dir>/build/.work/<LogicalId>`: scratch space kept between builds (dependency caches). */
  readonly workDir: string;
  readonly layer: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The function spec, for esbuild's BuildProperties and the handler name. */
  readonly spec?: FunctionSpec;
}

/** Where builds of this state directory go. */
export function buildRoot(stateDir: string): string {
  return path.join(stateDir, 'build');
}

function target(stateDir: string, logicalId: string, rest: Omit<BuildTarget, 'logicalId' | 'outDir' | 'workDir'>): BuildTarget {
  const root = buildRoot(stateDir);
  return { logicalId, outDir: path.join(root, logicalId), workDir: path.join(root, '.work', logicalId), ...rest };
}

/** The build a function needs before it can run, or undefined when its code runs as it is. */
export function planFunctionBuild(spec: FunctionSpec, stateDir: string): BuildTarget | undefined {
  // Generated code (a .zip CodeUri, inline code, an image's task root) is deployed as it is: SAM builds none of it.
  if (spec.codeSource) return undefined;
  const metadata = spec.metadata ?? {};
  const method = String(metadata['BuildMethod'] ?? '').toLowerCase();
  const base = { runtime: spec.runtime, sourceDir: spec.codeDir, layer: false, metadata, spec };
  if (method === 'esbuild') {
    // Without dependencies to install, the project's own esbuild path bundles it at load time.
    return missingNpmDependencies(spec.codeDir).length > 0 ? target(stateDir, spec.logicalId, { ...base, kind: 'esbuild' }) : undefined;
  }
  if (method === 'makefile') return target(stateDir, spec.logicalId, { ...base, kind: 'makefile' });
  // A go1.x function without a BuildMethod is built like SAM builds it when it has Go sources (go.mod);
  // otherwise its Handler already names a built executable.
  if (method === 'go1.x' || (method === '' && spec.runtime === 'go1.x' && fs.existsSync(path.join(spec.codeDir, 'go.mod')))) return target(stateDir, spec.logicalId, { ...base, kind: 'go' });
  if (method === 'rust-cargolambda') return target(stateDir, spec.logicalId, { ...base, kind: 'rust' });
  const language = method || spec.runtime;
  if (language.startsWith('nodejs') && missingNpmDependencies(spec.codeDir).length > 0) return target(stateDir, spec.logicalId, { ...base, kind: 'npm' });
  if (language.startsWith('python') && hasRequirements(spec.codeDir)) return target(stateDir, spec.logicalId, { ...base, kind: 'pip' });
  return undefined;
}

/** A layer is built only when it declares a `Metadata.BuildMethod`, as in SAM. */
export function planLayerBuild(layer: LayerSpec, stateDir: string): BuildTarget | undefined {
  const metadata = layer.metadata ?? {};
  const method = String(metadata['BuildMethod'] ?? '').toLowerCase();
  if (!method) return undefined;
  const base = { sourceDir: layer.contentDir, layer: true, metadata };
  if (method === 'makefile') return target(stateDir, layer.logicalId, { ...base, runtime: 'provided', kind: 'makefile' });
  if (method.startsWith('nodejs')) return target(stateDir, layer.logicalId, { ...base, runtime: method, kind: 'npm' });
  if (method.startsWith('python')) return target(stateDir, layer.logicalId, { ...base, runtime: method, kind: 'pip' });
  return undefined;
}

/** package.json dependencies that Node's resolution from `dir` would not find. */
export function missingNpmDependencies(dir: string): string[] {
  const deps = Object.keys(readJson(path.join(dir, 'package.json'))?.['dependencies'] ?? {});
  return deps.filter((name) => !resolvable(dir, name));
}

function resolvable(dir: string, name: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** Whether requirements.txt names at least one requirement. */
export function hasRequirements(dir: string): boolean {
  try {
    return requirementLines(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8')).length > 0;
  } catch {
    return false;
  }
}

/** The requirement lines of a requirements file (comments, blanks and options left out). */
export function requirementLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('-'));
}

function readJson(file: string): Record<string, Record<string, string> | undefined> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  } catch {
    return undefined;
  }
}
