// npm builds as `sam build` does them: the code is copied into the build directory and its production
// dependencies installed there (`npm ci` with a lockfile, `npm install` without); layers go to nodejs/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildFailedError, runStep, type StepContext } from './buildStep';
import { addIdentityMaps } from './debugMaps';
import { copySource } from './sourceTree';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Whether `dir` has a lockfile `npm ci` can install from. */
export function hasLockfile(dir: string): boolean {
  return LOCKFILES.some((f) => fs.existsSync(path.join(dir, f)));
}

/**
 * Installs the dependencies of the package.json in `dir` into `dir/node_modules`: production ones for code that
 * ships as is; with `includeDev` (a bundle, where only what is imported ends up in the output) dev ones too, since
 * real projects import packages that arrive only through their dev tooling.
 */
export async function npmInstall(ctx: StepContext, dir: string, extra: readonly string[] = [], includeDev = false): Promise<void> {
  const common = [...(includeDev ? [] : ['--omit=dev']), '--no-audit', '--no-fund', '--no-update-notifier', ...extra];
  const run = (flags: readonly string[]): Promise<string> =>
    runStep(ctx, {
      command: 'npm',
      // Without a lockfile npm would write one into the function's code: leave it out, as a deploy would not have it.
      args: hasLockfile(dir) ? ['ci', ...common, ...flags] : ['install', ...common, '--no-package-lock', ...flags],
      cwd: dir,
      toolHint: 'Node.js with npm (https://nodejs.org)',
      explain: explainNpm,
    });
  try {
    await run([]);
  } catch (e) {
    // Peer-dependency conflicts (ERESOLVE) stop npm 7+ where npm 6, which many samples were written with,
    // installed anyway: do what npm itself suggests, and say so.
    if (!(e instanceof BuildFailedError) || !/ERESOLVE/.test(e.output)) throw e;
    ctx.step('npm reported conflicting peer dependencies (ERESOLVE): installing again with --legacy-peer-deps');
    await run(['--legacy-peer-deps']);
  }
}

/** A function: code + node_modules at the root. A layer: the same under nodejs/ (Lambda's /opt/nodejs/node_modules). */
export async function npmBuild(ctx: StepContext): Promise<void> {
  const dir = ctx.target.layer ? path.join(ctx.stage, 'nodejs') : ctx.stage;
  await copySource(ctx.target.sourceDir, dir);
  await addIdentityMaps(dir, ctx.target.sourceDir);
  // Local packages are installed as copies (with their own dependencies), not links into the workspace.
  await npmInstall(ctx, dir, (await pinLocalDependencies(ctx, dir)) ? ['--install-links'] : []);
}

/**
 * `file:../shared` dependencies are relative to the workspace folder, not to the copy: point them at the
 * workspace (as SAM's npm builder does). The lockfile's relative links would then disagree with package.json,
 * so that install goes without it.
 */
async function pinLocalDependencies(ctx: StepContext, dir: string): Promise<boolean> {
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(await fs.promises.readFile(file, 'utf8')) as Record<string, unknown>;
  let changed = false;
  for (const field of ['dependencies', 'optionalDependencies']) {
    const deps = pkg[field] as Record<string, string> | undefined;
    for (const [name, spec] of Object.entries(deps ?? {})) {
      const local = /^file:(.*)$/.exec(spec)?.[1] ?? (/^\.{1,2}\//.test(spec) ? spec : undefined);
      if (local === undefined || path.isAbsolute(local)) continue;
      deps![name] = `file:${path.resolve(ctx.target.sourceDir, local)}`;
      changed = true;
    }
  }
  if (!changed) return false;
  ctx.step('local file: dependencies point at the workspace');
  await fs.promises.writeFile(file, JSON.stringify(pkg, null, 2));
  for (const lock of LOCKFILES) await fs.promises.rm(path.join(dir, lock), { force: true });
  return true;
}

function explainNpm(output: string): string | undefined {
  if (/npm ci` can only install packages when your package.json and package-lock.json/.test(output) || /EUSAGE/.test(output)) {
    return 'package.json and package-lock.json are out of sync: run `npm install` in the function folder to update the lockfile.';
  }
  // Most precise first: npm 10+ names name@version, older ones only the URL.
  const missing = [/requested resource '([^']+)' could not be found/, /'([^']+)' is not in (?:this|the npm) registry/, /404 Not Found - GET \S*\/([^/\s]+)\s*$/m]
    .map((re) => re.exec(output)?.[1])
    .find((m) => m !== undefined);
  if (missing) return `npm could not find ${missing} in the registry: check the name and version in package.json.`;
  const net = /(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)[^\n]*?(https?:\/\/[^\s]+)?/.exec(output);
  if (net) return `npm could not reach the registry${net[2] ? ` ${net[2]}` : ''} (${net[1]}): check your network and npm registry setting (\`npm config get registry\`).`;
  return undefined;
}
