// Which CDK CLI synthesizes an app, and which node runs it: the app's own aws-cdk from its node_modules
// (or a parent's, in a monorepo), else the current CLI through npx; the engine's node, never Electron.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findOnPath } from '../../runtime/toolchainHints';

/** A way to run `cdk`. */
export interface CdkCli {
  /** Program and leading arguments (before `synth ...`). */
  readonly command: string;
  readonly args: readonly string[];
  /** aws-cdk's version when known (the app's own CLI). */
  readonly version: string | undefined;
  /** True for the app's own CLI; false for the current one fetched by npx. */
  readonly own: boolean;
}

/** The node that runs JavaScript tools: this process's when it is Node.js itself, else the one on PATH. */
export function toolNode(): string {
  if (!process.versions.electron) return process.execPath;
  return findOnPath('node') ?? 'node';
}

/** The app's own CLI (node_modules/aws-cdk, looked up from the app folder to the file-system root). */
export function ownCdkCli(appDir: string): CdkCli | undefined {
  for (let dir = path.resolve(appDir); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'node_modules', 'aws-cdk', 'package.json');
    const bin = path.join(dir, 'node_modules', 'aws-cdk', 'bin', 'cdk');
    if (fs.existsSync(bin)) return { command: toolNode(), args: [bin], version: versionOf(pkg), own: true };
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The current CLI from the npm registry, run by npx (downloaded once into npm's cache). */
export function currentCdkCli(): CdkCli {
  return { command: findOnPath('npx') ?? 'npx', args: ['--yes', 'aws-cdk@latest'], version: undefined, own: false };
}

/** True when the app's CDK library (aws-cdk-lib, or the v1 @aws-cdk/core) is installed where the app can load it. */
export function hasCdkLibrary(appDir: string): boolean {
  for (const name of ['aws-cdk-lib', '@aws-cdk/core']) {
    try {
      require.resolve(`${name}/package.json`, { paths: [appDir] });
      return true;
    } catch {
      // Try the next name.
    }
  }
  return false;
}

/** True when the app has an esbuild of its own that CDK's NodejsFunction would use. */
export function hasOwnEsbuild(appDir: string): boolean {
  try {
    require.resolve('esbuild/package.json', { paths: [appDir] });
    return true;
  } catch {
    return false;
  }
}

function versionOf(pkgFile: string): string | undefined {
  try {
    const v = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
