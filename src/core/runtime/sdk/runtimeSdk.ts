// Gives each execution environment the AWS SDK its Lambda runtime includes (issue 12): decides at
// environment start which packages the function needs and does not bring, installs the missing ones
// into the user cache once (saying so first), and tells the launch where the copies are.
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { messageOf, WorkbenchError } from '../../errors';
import type { FunctionConfig } from '../../functionConfig';
import { dependencySdkNeeds } from './dependencyScan';
import { scanImports, scanSdkImports } from './importScan';
import { functionHasNodePackage, installNodeSdk, nodeSdkDir, nodeSdkHas } from './nodeSdk';
import { functionHasPythonModule, installPythonSdk, pythonSdkDir, pythonSdkReady } from './pythonSdk';
import { defaultCacheRoot, NODE_SDK_SCOPES, nodeSdkV2Version, nodeSdkVersion, pythonSdkVersion } from './sdkVersions';

/** Where the launch finds the runtime's SDK; absent parts are simply left out. */
export interface RuntimeSdkPaths {
  /** A node_modules folder that goes after the layers on NODE_PATH (and the ESM fallback). */
  readonly nodeModules?: string;
  /** A folder that goes after the task root and the layers on sys.path. */
  readonly pythonPath?: string;
}

/** The interpreter a Python function runs on (its version picks the cache folder). */
export interface PythonInterpreter {
  readonly executable: string;
  /** `major.minor`. */
  readonly version: string;
}

export interface RuntimeSdkOptions {
  /** Cache root (default `$LAMBDA_WORKBENCH_CACHE` or ~/.cache/lambda-workbench). */
  readonly cacheDir?: string;
  /** False: never install; functions get only what the cache already holds (offline machines, CI). */
  readonly install?: boolean;
}

/** One install in progress, for progress UIs (VS Code shows a cancellable notification). */
export interface SdkInstallJob {
  /** E.g. `@aws-sdk/client-s3@3.1000.0 for nodejs20.x functions (once, into ...)`. */
  readonly what: string;
  /** True once installed; false when it failed or was cancelled. */
  readonly done: Promise<boolean>;
  cancel(): void;
}

export declare interface RuntimeSdk {
  on(event: 'install', fn: (job: SdkInstallJob) => void): this;
}

/** One per engine: dedupes concurrent installs and does not retry a failed one in the same session. */
export class RuntimeSdk extends EventEmitter {
  readonly cacheRoot: string;
  private readonly installs = new Map<string, Promise<boolean>>();
  /** Aborted by `dispose`: a running npm or pip is killed when the engine stops. */
  private readonly abort = new AbortController();

  constructor(private readonly options: RuntimeSdkOptions = {}) {
    super();
    this.cacheRoot = options.cacheDir ?? defaultCacheRoot();
  }

  /** The SDK folders for `config`, installing what its code imports (told through `note` first). */
  async prepare(config: FunctionConfig, python: PythonInterpreter | undefined, note: (message: string) => void): Promise<RuntimeSdkPaths> {
    const layers = config.layers.map((l) => l.contentDir);
    const nodeVersion = nodeSdkVersion(config.runtime);
    if (nodeVersion) {
      const dir = nodeSdkDir(this.cacheRoot, nodeVersion);
      const needed = new Set([...scanSdkImports(config.codeDir, 'nodejs'), ...dependencySdkNeeds(config.codeDir, layers)]);
      const wanted = [...needed].filter((p) => !functionHasNodePackage(config.codeDir, layers, p) && !nodeSdkHas(dir, p));
      if (wanted.length > 0) await this.ensureNode(config.runtime, wanted, note);
      // Even before anything is installed: Node checks NODE_PATH folders at each resolution, so a package
      // installed later (sdkMissingImport.ts) is found by environments that are already warm.
      return { nodeModules: path.join(dir, 'node_modules') };
    }
    const v2 = nodeSdkV2Version(config.runtime);
    if (v2) {
      const dir = nodeSdkDir(this.cacheRoot, v2);
      if (scanImports(config.codeDir, 'nodejs').includes('aws-sdk') && !functionHasNodePackage(config.codeDir, layers, 'aws-sdk') && !nodeSdkHas(dir, 'aws-sdk')) {
        await this.installOnce(`node:${dir}:aws-sdk`, note, `aws-sdk@${v2} (AWS SDK for JavaScript v2) for ${config.runtime} functions (once, into ${dir})`,
          (signal) => installNodeSdk(dir, v2, ['aws-sdk'], signal),
          `Lambda's ${config.runtime} runtime includes aws-sdk ${v2}. Add it to the function's package.json (npm install aws-sdk@${v2}) or run Lambda Workbench once the npm registry is reachable.`);
      }
      return { nodeModules: path.join(dir, 'node_modules') };
    }
    const pyVersion = pythonSdkVersion(config.runtime);
    if (pyVersion && python) {
      const dir = pythonSdkDir(this.cacheRoot, pyVersion, python.version);
      if (!pythonSdkReady(dir) && scanSdkImports(config.codeDir, 'python').some((m) => !functionHasPythonModule(config.codeDir, layers, m))) {
        await this.ensurePython(config.runtime, python, note);
      }
      return pythonSdkReady(dir) ? { pythonPath: dir } : {};
    }
    return {};
  }

  /** Installs `packages` (`@aws-sdk/*`, `@smithy/*`) into the copy a nodejs runtime gets; true when present. */
  async ensureNode(runtime: string, packages: readonly string[], note: (message: string) => void): Promise<boolean> {
    const version = nodeSdkVersion(runtime);
    if (!version) throw new WorkbenchError(`${runtime} includes no AWS SDK for JavaScript v3 that Lambda Workbench provides (nodejs18.x and later do).`, 'SdkRuntime');
    const bad = packages.filter((p) => !NODE_SDK_SCOPES.test(p));
    if (bad.length) throw new WorkbenchError(`Only @aws-sdk/* and @smithy/* packages come with the nodejs runtimes, not ${bad.join(', ')}.`, 'SdkPackage');
    const dir = nodeSdkDir(this.cacheRoot, version);
    const wanted = packages.filter((p) => !nodeSdkHas(dir, p));
    if (wanted.length === 0) return true;
    const what = wanted.map((p) => (p.startsWith('@aws-sdk/') ? `${p}@${version}` : p)).join(', ');
    return this.installOnce(`node:${dir}:${wanted.join(',')}`, note, `${what} for ${runtime} functions (once, into ${dir})`,
      (signal) => installNodeSdk(dir, version, wanted, signal),
      `Lambda's ${runtime} runtime includes ${wanted.join(', ')}. Add ${wanted.length > 1 ? 'them' : 'it'} to the function's package.json (npm install ${wanted.join(' ')}) or run \`lambda-workbench sdk install --runtime ${runtime} ${wanted.join(' ')}\` once the npm registry is reachable.`);
  }

  /** Installs boto3 (botocore, s3transfer) for a python runtime and this interpreter's version; true when present. */
  async ensurePython(runtime: string, python: PythonInterpreter, note: (message: string) => void): Promise<boolean> {
    const version = pythonSdkVersion(runtime);
    if (!version) throw new WorkbenchError(`${runtime} is not a Python runtime.`, 'SdkRuntime');
    const dir = pythonSdkDir(this.cacheRoot, version, python.version);
    if (pythonSdkReady(dir)) return true;
    return this.installOnce(`python:${dir}`, note, `boto3==${version} (with botocore and s3transfer) for ${runtime} functions (once, into ${dir})`,
      (signal) => installPythonSdk(dir, version, [python.executable, 'python3'], signal),
      `Lambda's ${runtime} runtime includes boto3. Put it in the function's requirements.txt, or run \`lambda-workbench sdk install --runtime ${runtime}\` once PyPI is reachable (it needs a Python with pip).`);
  }

  /** Cancels running installs (their partial folders are never used). */
  dispose(): void {
    this.abort.abort();
  }

  private async installOnce(key: string, note: (m: string) => void, what: string, install: (signal: AbortSignal) => Promise<{ ok: boolean; output: string; command: string }>, help: string): Promise<boolean> {
    if (this.options.install === false) {
      note(`Lambda Workbench: ${help}`);
      return false;
    }
    let running = this.installs.get(key);
    if (!running) {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      this.abort.signal.addEventListener('abort', stop, { once: true });
      running = (async () => {
        const started = Date.now();
        note(`Lambda Workbench: installing ${what} ...`);
        try {
          const r = await install(controller.signal);
          if (r.ok) {
            note(`Lambda Workbench: installed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
            return true;
          }
          if (controller.signal.aborted) note(`Lambda Workbench: installing ${what} was cancelled.\n${help}`);
          else note(`Lambda Workbench: could not install (${r.command}): ${lastLines(r.output)}\n${help}`);
        } catch (e) {
          note(`Lambda Workbench: ${controller.signal.aborted ? 'cancelled' : 'could not install'}: ${messageOf(e)}\n${help}`);
        } finally {
          this.abort.signal.removeEventListener('abort', stop);
          // A cancelled install may be asked for again; a failed one is not retried this session.
          if (controller.signal.aborted) this.installs.delete(key);
        }
        return false;
      })();
      this.installs.set(key, running);
      this.emit('install', { what, done: running, cancel: stop } satisfies SdkInstallJob);
    }
    return running;
  }
}

function lastLines(text: string): string {
  return text.split('\n').filter((l) => l.trim()).slice(-6).join('\n');
}
