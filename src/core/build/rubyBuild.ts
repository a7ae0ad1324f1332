// Installs a ruby3.x function's Gemfile into its code folder's vendor/bundle (the layout Lambda's GEM_PATH
// reads and AWS documents for Ruby deployment packages) with the local Bundler, when the Gemfile or its
// lock changed. Offline projects install from vendor/cache (`--local`).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';

/** Whether this runtime is a Ruby one. */
export function isRubyRuntime(runtime: string): boolean {
  return /^ruby\d/.test(runtime);
}

/** Whether the code folder has a Gemfile to install. */
export function hasGemfile(codeDir: string): boolean {
  return fs.existsSync(path.join(codeDir, 'Gemfile'));
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface BundleOptions {
  /** The Ruby that runs the function (its Bundler installs for its ABI). */
  readonly ruby?: string;
  readonly onProgress?: (message: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * `bundle install` into `<codeDir>/vendor/bundle`, keeping Bundler's settings under `buildRoot` (no
 * .bundle/config in the workspace). Skipped while Gemfile, Gemfile.lock and the install are unchanged.
 */
export async function bundleInstall(logicalId: string, codeDir: string, buildRoot: string, options: BundleOptions = {}): Promise<void> {
  const key = createHash('sha256').update(path.resolve(codeDir)).digest('hex').slice(0, 16);
  const stateDir = path.join(buildRoot, `ruby-${key}`);
  const stampFile = path.join(stateDir, 'bundle.stamp');
  const stampNow = (): string => [readOr(path.join(codeDir, 'Gemfile')), readOr(path.join(codeDir, 'Gemfile.lock')) ?? ''].join('\0');
  if (readOr(stampFile) === stampNow() && fs.existsSync(path.join(codeDir, 'vendor', 'bundle'))) return;
  fs.mkdirSync(stateDir, { recursive: true });
  const ruby = options.ruby ?? 'ruby';
  const local = fs.existsSync(path.join(codeDir, 'vendor', 'cache'));
  options.onProgress?.(`${logicalId}: bundle install${local ? ' --local' : ''} (${codeDir})`);
  // Bundler ships with Ruby (a default gem) even where no `bundle` executable is on PATH.
  const args = ['-e', 'load Gem.bin_path("bundler", "bundle")', '--', 'install', ...(local ? ['--local'] : [])];
  const env = { ...process.env, BUNDLE_PATH: path.join(codeDir, 'vendor', 'bundle'), BUNDLE_APP_CONFIG: stateDir, BUNDLE_WITHOUT: 'development:test', BUNDLE_GEMFILE: path.join(codeDir, 'Gemfile') };
  await new Promise<void>((resolve, reject) => {
    execFile(ruby, args, { cwd: codeDir, env, maxBuffer: 16 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) }, (err, stdout, stderr) => {
      if (!err) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new WorkbenchError(`${logicalId}: ${ruby} was not found, so the Gemfile in ${codeDir} cannot be installed. Install Ruby (apt-get install ruby).`, 'RubyBuild'));
      if (err.name === 'AbortError') return reject(new WorkbenchError(`${logicalId}: bundle install was cancelled.`, 'RubyBuild'));
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-20).join('\n');
      reject(new WorkbenchError(`${logicalId}: \`bundle install\` failed in ${codeDir} (put the gems' .gem files in vendor/cache to install offline):\n${output}`, 'RubyBuild'));
    });
  });
  // After the install: Bundler writes Gemfile.lock when there was none.
  fs.writeFileSync(stampFile, stampNow());
}
