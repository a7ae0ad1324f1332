// Finds the Ruby interpreter for a ruby3.x runtime: the setting, `ruby3.X` on PATH, then `ruby`,
// resolved once to its real path, with a warning when its version differs.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../../errors';
import type { Interpreter } from '../runtimeCatalog';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const f = path.join(dir, name);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return fs.realpathSync(f);
    } catch {
      // keep looking
    }
  }
  return undefined;
}

const gemPaths = new Map<string, string>();

/** The interpreter's own gem directories (bundled gems such as debug), kept after the function's in GEM_PATH. */
export function defaultGemPath(executable: string): string | undefined {
  return gemPaths.get(executable);
}

function version(ruby: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(ruby, ['-e', 'print RUBY_VERSION, "\n", Gem.default_path.join(File::PATH_SEPARATOR)'], { timeout: 10_000 }, (err, out) => {
      if (err) return resolve(undefined);
      const [v, paths] = out.split('\n');
      if (paths) gemPaths.set(ruby, paths.trim());
      resolve(v?.trim());
    });
  });
}

/** The interpreter for `runtime` (ruby3.2, ruby3.3, ruby3.4). */
export async function findRuby(runtime: string, override?: string): Promise<Interpreter> {
  const wanted = runtime.replace(/^ruby/, '');
  const candidates = override ? [override] : [onPath(`ruby${wanted}`), onPath('ruby')].filter((p): p is string => !!p);
  for (const executable of candidates) {
    const full = await version(executable);
    if (!full) continue;
    const minor = full.split('.').slice(0, 2).join('.');
    return {
      executable,
      version: full,
      mismatch: minor === wanted ? undefined : `${runtime} functions run on the local Ruby ${full}; behaviour specific to Ruby ${wanted} may differ.`,
    };
  }
  throw new WorkbenchError(`Ruby is needed to run ${runtime} functions but ${override ?? `neither ruby${wanted} nor ruby`} was found. Install Ruby ${wanted} (Debian/Ubuntu: apt-get install ruby, or rbenv/asdf) or set lambdaWorkbench.rubyPath.`, 'MissingInterpreter');
}
