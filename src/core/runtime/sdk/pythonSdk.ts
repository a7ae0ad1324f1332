// The engine's copy of boto3/botocore/s3transfer that the Python runtimes include: installed once per
// pinned version and interpreter minor version into the user cache with pip, whatever interpreter runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withCacheLock } from './cacheLock';
import { runInstaller, type InstallResult } from './packageInstall';

/** `<cache>/runtime-sdk/python/boto3-<version>/py<major.minor>`: a plain folder for sys.path. */
export function pythonSdkDir(cacheRoot: string, version: string, pythonVersion: string): string {
  return path.join(cacheRoot, 'runtime-sdk', 'python', `boto3-${version}`, `py${pythonVersion}`);
}

export function pythonSdkReady(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'boto3', '__init__.py')) && fs.existsSync(path.join(dir, 'botocore', '__init__.py'));
}

/** Whether the function or one of its layers brings its own copy of `module`. */
export function functionHasPythonModule(codeDir: string, layerDirs: readonly string[], module: string): boolean {
  const roots = [codeDir, ...layerDirs.map((l) => path.join(l, 'python'))];
  return roots.some((r) => fs.existsSync(path.join(r, module)) || fs.existsSync(path.join(r, `${module}.py`)));
}

/**
 * pip-installs boto3 at the pin into a staging folder then renames it into place, so a half-done install
 * is never used. Tries each interpreter in turn (the function's may lack pip, e.g. Debian's python3).
 */
export async function installPythonSdk(dir: string, version: string, pythons: readonly string[], signal?: AbortSignal): Promise<InstallResult> {
  return withCacheLock(dir, async () => {
    if (pythonSdkReady(dir)) return { ok: true, output: '', command: '' };
    let last: InstallResult = { ok: false, output: 'no Python interpreter with pip was found', command: 'python3 -m pip' };
    for (const python of [...new Set(pythons)]) {
      const staging = `${dir}.partial`;
      fs.rmSync(staging, { recursive: true, force: true });
      fs.mkdirSync(staging, { recursive: true });
      last = await runInstaller(python, ['-m', 'pip', 'install', '--quiet', '--no-input', '--target', staging, `boto3==${version}`], signal ? { signal } : {});
      if (last.ok && pythonSdkReady(staging)) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.renameSync(staging, dir);
        return last;
      }
      fs.rmSync(staging, { recursive: true, force: true });
      if (!/No module named pip/.test(last.output)) break;
    }
    return last;
  }, signal);
}
