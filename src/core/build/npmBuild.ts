// npm builds as `sam build` does them: the code is copied into the build directory and its production
// dependencies installed there (`npm ci` with a lockfile, `npm install` without); layers go to nodejs/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runStep, type StepContext } from './buildStep';
import { addIdentityMaps } from './debugMaps';
import { copySource } from './sourceTree';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Whether `dir` has a lockfile `npm ci` can install from. */
export function hasLockfile(dir: string): boolean {
  return LOCKFILES.some((f) => fs.existsSync(path.join(dir, f)));
}

/** Installs the production dependencies of the package.json in `dir`, into `dir/node_modules`. */
export async function npmInstall(ctx: StepContext, dir: string): Promise<void> {
  const common = ['--omit=dev', '--no-audit', '--no-fund', '--no-update-notifier'];
  await runStep(ctx, {
    command: 'npm',
    // Without a lockfile npm would write one into the function's code: leave it out, as a deploy would not have it.
    args: hasLockfile(dir) ? ['ci', ...common] : ['install', ...common, '--no-package-lock'],
    cwd: dir,
    toolHint: 'Node.js with npm (https://nodejs.org)',
    explain: explainNpm,
  });
}

/** A function: code + node_modules at the root. A layer: the same under nodejs/ (Lambda's /opt/nodejs/node_modules). */
export async function npmBuild(ctx: StepContext): Promise<void> {
  const dir = ctx.target.layer ? path.join(ctx.stage, 'nodejs') : ctx.stage;
  await copySource(ctx.target.sourceDir, dir);
  await addIdentityMaps(dir, ctx.target.sourceDir);
  await npmInstall(ctx, dir);
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
