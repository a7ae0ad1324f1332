// `cdk synth` for a CDK app, as the user would run it: the app's own CLI (the current one when the app's
// cannot read the assembly schema its library writes), the engine's esbuild on PATH for NodejsFunction
// bundling, output streamed for progress and kept for the error, cancellable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCacheRoot } from '../../cacheRoot';
import { WorkbenchError } from '../../errors';
import type { CdkApp } from '../../project/cdk';
import { runCommand, shellLine } from '../buildCommand';
import { currentCdkCli, hasCdkLibrary, hasOwnEsbuild, ownCdkCli, type CdkCli } from './cdkCli';
import { esbuildShimDir } from './esbuildShim';

export interface SynthOptions {
  /** Each line of the CLI's output, and the notes below, as they come. */
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Where the esbuild shim is kept; default the per-user cache. */
  readonly cacheRoot?: string;
}

export interface SynthResult {
  readonly durationMs: number;
  /** The command that ran, as a user would type it. */
  readonly command: string;
  /** What the user should know (which CLI, whose esbuild). */
  readonly notes: readonly string[];
}

/** A failed synth: the CLI's output and the command to reproduce it. */
export class SynthFailedError extends WorkbenchError {
  constructor(readonly command: string, readonly output: string, hint = '') {
    const shown = output.trimEnd().split('\n').map((l) => `  | ${l}`).join('\n') || '  | (no output)';
    super(`cdk synth failed:\n${shown}\nTo reproduce it: ${command}${hint ? `\n${hint}` : ''}\nFunctions keep running the code of the last successful synth.`, 'SynthFailed');
  }
}

// What the CLI prints when the app's aws-cdk-lib writes a newer assembly schema than it can read.
const SCHEMA_MISMATCH = /schema version mismatch|not compatible with the CDK library|Cloud assembly schema version/i;

/** Runs `cdk synth` in the app; resolves when the assembly is written, rejects with SynthFailedError otherwise. */
export async function synthesize(app: CdkApp, options: SynthOptions = {}): Promise<SynthResult> {
  const started = Date.now();
  const notes: string[] = [];
  const note = (m: string): void => {
    notes.push(m);
    options.onLine?.(m);
  };
  if (!hasCdkLibrary(app.dir)) {
    throw new WorkbenchError(`The CDK app in ${app.dir} has no installed dependencies (aws-cdk-lib cannot be found): run \`npm install\` there, then synthesize again.`, 'CdkNotInstalled');
  }
  const env: Record<string, string> = { CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true', FORCE_COLOR: '0' };
  if (!hasOwnEsbuild(app.dir)) {
    const shim = esbuildShimDir(options.cacheRoot ?? defaultCacheRoot());
    if (shim) {
      env['PATH'] = `${shim.dir}${path.delimiter}${process.env['PATH'] ?? ''}`;
      note(`The app has no esbuild of its own: NodejsFunction bundles with the engine's esbuild ${shim.version} (no Docker), with source maps.`);
    }
  }
  let cli: CdkCli | undefined = ownCdkCli(app.dir);
  if (!cli) {
    cli = currentCdkCli();
    note('The app has no aws-cdk CLI in node_modules: running the current one (npx aws-cdk@latest).');
  }
  const first = await runSynth(app, cli, env, options);
  if (first.code === 0) return { durationMs: Date.now() - started, command: first.command, notes };
  if (cli.own && SCHEMA_MISMATCH.test(first.output)) {
    note(`The app's CDK CLI ${cli.version ?? ''} cannot read the cloud assembly its aws-cdk-lib writes: synthesizing again with the current CLI (npx aws-cdk@latest). Upgrade it with \`npm install --save-dev aws-cdk@latest\`.`.replace('  ', ' '));
    const second = await runSynth(app, currentCdkCli(), env, options);
    if (second.code === 0) return { durationMs: Date.now() - started, command: second.command, notes };
    throw new SynthFailedError(second.command, second.output, 'The current CLI could not be fetched or failed too (the npm registry must be reachable for npx).');
  }
  throw new SynthFailedError(first.command, first.output, hintFor(first.output));
}

async function runSynth(app: CdkApp, cli: CdkCli, env: Record<string, string>, options: SynthOptions): Promise<{ code: number; output: string; command: string }> {
  const args = [...cli.args, 'synth', '--quiet', '--no-notices'];
  const shown = cli.own ? 'npx cdk synth --quiet' : shellLine('npx', ['--yes', 'aws-cdk@latest', 'synth', '--quiet']);
  const command = `cd ${app.dir} && ${shown}`;
  fs.mkdirSync(app.outputDir, { recursive: true });
  const result = await runCommand(cli.command, args, { cwd: app.dir, env, ...(options.signal ? { signal: options.signal } : {}), ...(options.onLine ? { onLine: options.onLine } : {}) });
  return { ...result, command };
}

function hintFor(output: string): string {
  if (/Unable to resolve AWS account|Need to perform AWS calls|fromLookup/i.test(output)) return 'The app looks up values in an AWS account at synth time (a fromLookup): run `cdk synth` once with credentials so cdk.context.json caches them.';
  if (/Cannot find module/i.test(output)) return 'A module of the app is missing: run `npm install` in the app, then save again.';
  if (/docker/i.test(output)) return 'CDK tried Docker for bundling: check the NodejsFunction or PythonFunction bundling options (a `dockerImage`, `forceDockerBundling`), or bundle locally.';
  return '';
}
