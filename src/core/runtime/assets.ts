// Locates the files that run inside execution environments (our runtime bootstraps), which ship in
// dist/runtime/ next to the bundles and must never load the engine itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';

export interface RuntimeAssets {
  /** The Node.js bootstrap bundle. */
  readonly nodeBootstrap: string;
  /** Directory holding the Python bootstrap package (put on PYTHONPATH as LAMBDA_RUNTIME_DIR). */
  readonly pythonRuntimeDir: string;
  /** The Java runtime client's sources (compiled per JDK into the user cache). */
  readonly javaSourceDir: string;
  /** Directory of the Ruby bootstrap. */
  readonly rubyRuntimeDir: string;
  /** dist/runtime itself. */
  readonly runtimeDir: string;
}

let cached: RuntimeAssets | undefined;

/** Finds dist/runtime from a bundle in dist/ or from sources run by a test runner. */
export function getRuntimeAssets(): RuntimeAssets {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'runtime'), path.join(dir, 'dist', 'runtime')]) {
      const nodeBootstrap = path.join(candidate, 'nodeBootstrap.js');
      if (fs.existsSync(nodeBootstrap)) {
        cached = { nodeBootstrap, pythonRuntimeDir: path.join(candidate, 'python'), javaSourceDir: path.join(candidate, 'java'), rubyRuntimeDir: path.join(candidate, 'ruby'), runtimeDir: candidate };
        return cached;
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new WorkbenchError('The runtime bootstraps are missing: run `npm run build` first (dist/runtime/nodeBootstrap.js).', 'MissingAssets');
}
