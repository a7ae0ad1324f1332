// The engine's copy of the AWS SDK for JavaScript v3 that nodejs18.x+ include: one npm folder per pinned
// version in the user cache, filled on demand with the `@aws-sdk/*` packages functions import.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withCacheLock } from './cacheLock';
import { runInstaller, type InstallResult } from './packageInstall';
import { NODE_SDK_SCOPES } from './sdkVersions';

/** Where the packages of one SDK version live: `<cache>/runtime-sdk/nodejs/<version>/node_modules`. */
export function nodeSdkDir(cacheRoot: string, version: string): string {
  return path.join(cacheRoot, 'runtime-sdk', 'nodejs', version);
}

export function nodeSdkHas(dir: string, pkg: string): boolean {
  return fs.existsSync(path.join(dir, 'node_modules', pkg, 'package.json'));
}

/** Whether the function brings its own copy: its node_modules (up the tree, as Node resolves) or a layer's. */
export function functionHasNodePackage(codeDir: string, layerDirs: readonly string[], pkg: string): boolean {
  for (let d = codeDir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules', pkg, 'package.json'))) return true;
    if (path.dirname(d) === d) break;
  }
  return layerDirs.some((l) => {
    const root = path.join(l, 'nodejs');
    let versioned: string[] = [];
    try {
      versioned = fs.readdirSync(root).filter((n) => /^node\d+$/.test(n)).map((n) => path.join(root, n));
    } catch {
      // no nodejs/ folder in this layer
    }
    return [root, ...versioned].some((d) => fs.existsSync(path.join(d, 'node_modules', pkg, 'package.json')));
  });
}

/**
 * Installs `packages` at the SDK version into the cache folder (npm, saved so later installs keep them).
 * `@aws-sdk/*` get the newest release <= the pin (libraries such as lib-dynamodb share the version line);
 * `@smithy/*` come as dependencies, and on their own only when a function imports one directly.
 */
export async function installNodeSdk(dir: string, version: string, packages: readonly string[], signal?: AbortSignal): Promise<InstallResult> {
  return withCacheLock(dir, async () => {
    const missing = packages.filter((p) => (NODE_SDK_SCOPES.test(p) || p === 'aws-sdk') && !nodeSdkHas(dir, p));
    if (missing.length === 0) return { ok: true, output: '', command: '' };
    fs.mkdirSync(dir, { recursive: true });
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) {
      fs.writeFileSync(manifest, JSON.stringify({ name: 'lambda-workbench-runtime-sdk', private: true, description: `AWS SDK for JavaScript ${version} as Lambda's nodejs runtimes include it` }, null, 2));
    }
    // v2 (`aws-sdk`, retired runtimes) is one package at exactly the runtime's release.
    const specs = missing.map((p) => (p === 'aws-sdk' ? `${p}@${version}` : p.startsWith('@aws-sdk/') ? `${p}@<=${version}` : p));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    return runInstaller(npm, ['install', '--save-exact', '--omit=dev', '--loglevel=error', ...specs], { cwd: dir, ...(signal ? { signal } : {}) });
  }, signal);
}
