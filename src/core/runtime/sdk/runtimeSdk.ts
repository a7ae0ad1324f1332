// Gives each execution environment the AWS SDK its Lambda runtime includes (issue 12): decides at
// environment start which packages the function needs and does not bring, installs the missing ones
// into the user cache once (saying so first), and tells the launch where the copies are.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messageOf } from '../../errors';
import type { FunctionConfig } from '../../functions/functionConfig';
import { scanSdkImports } from './importScan';
import { functionHasNodePackage, installNodeSdk, nodeSdkDir, nodeSdkHas } from './nodeSdk';
import { functionHasPythonModule, installPythonSdk, pythonSdkDir, pythonSdkReady } from './pythonSdk';
import { defaultCacheRoot, nodeSdkVersion, pythonSdkVersion } from './sdkVersions';

/** Where the launch finds the runtime's SDK; absent parts are simply left out. */
export interface RuntimeSdkPaths {
  /** A node_modules folder that goes after the layers on NODE_PATH (and the ESM fallback). */
  readonly nodeModules?: string;
  /** A folder that goes after the task root and the layers on sys.path. */
  readonly pythonPath?: string;
}

export interface RuntimeSdkOptions {
  /** Cache root (default `$LAMBDA_WORKBENCH_CACHE` or ~/.cache/lambda-workbench). */
  readonly cacheDir?: string;
  /** False: never install; functions get only what the cache already holds (offline machines, CI). */
  readonly install?: boolean;
}

/** One per engine: dedupes concurrent installs and does not retry a failed one in the same session. */
export class RuntimeSdk {
  readonly cacheRoot: string;
  private readonly installs = new Map<string, Promise<boolean>>();

  constructor(private readonly options: RuntimeSdkOptions = {}) {
    this.cacheRoot = options.cacheDir ?? defaultCacheRoot();
  }

  /** The SDK folders for `config`, installing what its code imports (told through `note` first). */
  async prepare(config: FunctionConfig, python: { executable: string; version: string } | undefined, note: (message: string) => void): Promise<RuntimeSdkPaths> {
    const layers = config.layers.map((l) => l.contentDir);
    const nodeVersion = nodeSdkVersion(config.runtime);
    if (nodeVersion) {
      const dir = nodeSdkDir(this.cacheRoot, nodeVersion);
      const wanted = scanSdkImports(config.codeDir, 'nodejs').filter((p) => !functionHasNodePackage(config.codeDir, layers, p) && !nodeSdkHas(dir, p));
      if (wanted.length > 0) {
        const what = wanted.map((p) => (p.startsWith('@aws-sdk/') ? `${p}@${nodeVersion}` : p)).join(', ');
        await this.once(`node:${dir}:${wanted.join(',')}`, note, `${what} for ${config.runtime} functions (once, into ${dir})`,
          () => installNodeSdk(dir, nodeVersion, wanted),
          `Lambda's ${config.runtime} runtime includes ${wanted.join(', ')}. Add ${wanted.length > 1 ? 'them' : 'it'} to the function's package.json (npm install ${wanted.join(' ')}) or run \`lambda-workbench sdk install --runtime ${config.runtime} ${wanted.join(' ')}\` once the npm registry is reachable.`);
      }
      return fs.existsSync(path.join(dir, 'node_modules')) ? { nodeModules: path.join(dir, 'node_modules') } : {};
    }
    const pyVersion = pythonSdkVersion(config.runtime);
    if (pyVersion && python) {
      const dir = pythonSdkDir(this.cacheRoot, pyVersion, python.version);
      if (!pythonSdkReady(dir)) {
        const wanted = scanSdkImports(config.codeDir, 'python').filter((m) => !functionHasPythonModule(config.codeDir, layers, m));
        if (wanted.length > 0) {
          await this.once(`python:${dir}`, note, `boto3==${pyVersion} (with botocore and s3transfer) for ${config.runtime} functions (once, into ${dir})`,
            () => installPythonSdk(dir, pyVersion, [python.executable, 'python3']),
            `Lambda's ${config.runtime} runtime includes boto3. Put it in the function's requirements.txt, or run \`lambda-workbench sdk install --runtime ${config.runtime}\` once PyPI is reachable (it needs a Python with pip).`);
        }
      }
      return pythonSdkReady(dir) ? { pythonPath: dir } : {};
    }
    return {};
  }

  private async once(key: string, note: (m: string) => void, what: string, install: () => Promise<{ ok: boolean; output: string; command: string }>, help: string): Promise<boolean> {
    if (this.options.install === false) {
      note(`Lambda Workbench: ${help}`);
      return false;
    }
    let running = this.installs.get(key);
    if (!running) {
      running = (async () => {
        const started = Date.now();
        note(`Lambda Workbench: installing ${what} ...`);
        try {
          const r = await install();
          if (r.ok) {
            note(`Lambda Workbench: installed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
            return true;
          }
          note(`Lambda Workbench: could not install (${r.command}): ${lastLines(r.output)}\n${help}`);
        } catch (e) {
          note(`Lambda Workbench: could not install: ${messageOf(e)}\n${help}`);
        }
        return false;
      })();
      this.installs.set(key, running);
    }
    return running;
  }
}

function lastLines(text: string): string {
  return text.split('\n').filter((l) => l.trim()).slice(-6).join('\n');
}
