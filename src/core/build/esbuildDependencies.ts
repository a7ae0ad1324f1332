// `BuildMethod: esbuild` with dependencies: like SAM, install the production dependencies first (into a
// folder of their own under the state directory), then bundle from the workspace sources with that
// folder on esbuild's module path, so source maps still point at the files the user edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFunction } from '../project/esbuildBuild';
import type { StepContext } from './buildStep';
import { npmInstall } from './npmBuild';
import { sourceHash } from './sourceTree';

const MANIFESTS = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', '.npmrc'];

/** Where an esbuild function's dependencies are installed. */
export function dependenciesDir(workDir: string): string {
  return path.join(workDir, 'deps');
}

/** Installs the dependencies when package.json or the lockfile changed since the last install, then bundles. */
export async function esbuildWithDependencies(ctx: StepContext): Promise<void> {
  const { target } = ctx;
  const spec = target.spec;
  if (!spec) throw new Error('esbuild target without a function spec');
  const deps = dependenciesDir(target.workDir);
  const manifests = path.join(target.workDir, 'manifests');
  await fs.promises.rm(manifests, { recursive: true, force: true });
  await fs.promises.mkdir(manifests, { recursive: true });
  for (const f of MANIFESTS) {
    if (fs.existsSync(path.join(target.sourceDir, f))) await fs.promises.copyFile(path.join(target.sourceDir, f), path.join(manifests, f));
  }
  const hash = await sourceHash(manifests, 'deps');
  const stamp = path.join(target.workDir, 'deps.sha256');
  if (readText(stamp) !== hash || !fs.existsSync(path.join(deps, 'node_modules'))) {
    await fs.promises.rm(deps, { recursive: true, force: true });
    await fs.promises.rename(manifests, deps);
    await npmInstall(ctx, deps, [], true);
    await fs.promises.writeFile(stamp, hash);
  } else {
    ctx.step('dependencies unchanged');
  }
  ctx.step('esbuild');
  // esbuild writes the bundle straight into the build directory (its incremental context is keyed by it).
  await buildFunction(spec, target.outDir, { nodePaths: [path.join(deps, 'node_modules')] });
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
