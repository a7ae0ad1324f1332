// Builds the command line and the environment variables of an execution environment: the reserved
// variables of fidelity section 3, layers laid out as Lambda's /opt, and a private temp directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Partition } from '../arn';
import { WorkbenchError } from '../errors';
import type { FunctionConfig } from '../functionConfig';
import type { RuntimeAssets } from './assets';
import { caCertBundle } from './caCertBundle';
import { ENGINE_MARKER, HIDDEN_TMPDIR } from './processTree';
import { javaLaunch } from './java/javaLaunch';
import { rubyLaunch } from './ruby/rubyLaunch';
import { runtimeFamily, type Interpreter } from './runtimeCatalog';
import type { RuntimeSdkPaths } from './sdk/runtimeSdk';

export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

export interface LaunchContext {
  readonly runtimeApi: string;
  readonly logStreamName: string;
  readonly tmpDir: string;
  readonly initializationType: 'on-demand' | 'provisioned-concurrency' | 'snap-start';
  readonly partition: Partition;
  /** Credentials the handler gets as AWS_ACCESS_KEY_ID etc.; none by default. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Extra interpreter arguments (the debugger adds --inspect-brk or debugpy). */
  readonly interpreterArgs?: readonly string[];
  /** The engine's copies of the SDK the runtime includes (runtime/sdk/runtimeSdk.ts). */
  readonly runtimeSdk?: RuntimeSdkPaths;
  /** Extra variables for the bootstrap (e.g. clock bridge, call-site capture). */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

const join = (parts: readonly (string | undefined)[]): string => parts.filter((p) => p).join(path.delimiter);

/** The executable `bootstrap` of a provided runtime: the code directory first, then layers (/opt/bootstrap). */
export function findProvidedBootstrap(config: FunctionConfig): string | undefined {
  for (const dir of [config.codeDir, ...config.layers.map((l) => l.contentDir)]) {
    const file = path.join(dir, 'bootstrap');
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

export function buildLaunch(config: FunctionConfig, interp: Interpreter, assets: RuntimeAssets, ctx: LaunchContext): LaunchSpec {
  const family = runtimeFamily(config.runtime);
  const layers = config.layers.map((l) => l.contentDir);
  const env: Record<string, string> = {
    ...config.environment,
    PATH: join([...layers.map((l) => path.join(l, 'bin')), process.env.PATH]),
    LANG: 'en_US.UTF-8',
    LD_LIBRARY_PATH: join([path.join(config.codeDir, 'lib'), ...layers.map((l) => path.join(l, 'lib')), process.env.LD_LIBRARY_PATH]),
    TZ: ':UTC',
    // Each environment's own /tmp. Our Node.js and Python bootstraps take it from the hidden variable
    // (Lambda shows no TMPDIR); other runtimes get it as TMPDIR, the only way a host process has one.
    ...(family === 'nodejs' || family === 'python' ? { [HIDDEN_TMPDIR]: ctx.tmpDir } : { TMPDIR: ctx.tmpDir }),
    AWS_REGION: ctx.partition.region,
    AWS_DEFAULT_REGION: ctx.partition.region,
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: config.logging.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: ctx.logStreamName,
    AWS_LAMBDA_RUNTIME_API: ctx.runtimeApi,
    AWS_LAMBDA_INITIALIZATION_TYPE: ctx.initializationType,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    _AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1',
    _AWS_XRAY_DAEMON_PORT: '2000',
    _HANDLER: config.handler,
    LAMBDA_TASK_ROOT: config.codeDir,
    LAMBDA_RUNTIME_DIR: assets.runtimeDir,
    // Lambda's runtimes start from a shell in the task root: handlers see PWD and SHLVL=0 (AWS-recorded).
    PWD: config.codeDir,
    SHLVL: '0',
    [ENGINE_MARKER]: String(process.pid),
    // Our bootstraps write one record per log call on fd 3 (see outputCapture.ts).
    _LAMBDA_WORKBENCH_LOG_FD: '3',
    ...ctx.extraEnv,
  };
  if (ctx.initializationType === 'snap-start') {
    // Not available in SnapStart functions (developer guide, "Monitoring for Lambda SnapStart").
    delete env.AWS_LAMBDA_LOG_GROUP_NAME;
    delete env.AWS_LAMBDA_LOG_STREAM_NAME;
  }
  if (config.logging.logFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    env.AWS_LAMBDA_LOG_LEVEL = config.logging.applicationLogLevel ?? 'INFO';
  }
  if (ctx.credentials) {
    env.AWS_ACCESS_KEY_ID = ctx.credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = ctx.credentials.secretAccessKey;
    if (ctx.credentials.sessionToken) env.AWS_SESSION_TOKEN = ctx.credentials.sessionToken;
  }
  const extraArgs = ctx.interpreterArgs ?? [];
  if (family === 'nodejs') {
    const major = config.runtime.replace(/^nodejs(\d+)\.x$/, '$1');
    env.AWS_EXECUTION_ENV = `AWS_Lambda_${config.runtime}`;
    // Lambda's nodejs18.x (and older) runtimes trust Amazon's CA bundle through this variable (AWS-recorded).
    if (Number(major) <= 18) env.NODE_EXTRA_CA_CERTS = caCertBundle(path.dirname(ctx.tmpDir));
    env.NODE_PATH = join([
      ...layers.flatMap((l) => [path.join(l, 'nodejs', `node${major}`, 'node_modules'), path.join(l, 'nodejs', 'node_modules')]),
      // Lambda: /opt/nodejs/node<N>/node_modules, /opt/nodejs/node_modules, /var/runtime/node_modules, /var/task
      ctx.runtimeSdk?.nodeModules,
      config.codeDir,
    ]);
    // ES modules ignore NODE_PATH: the bootstrap falls back to this folder for @aws-sdk/* and @smithy/*.
    if (ctx.runtimeSdk?.nodeModules) env._LAMBDA_WORKBENCH_SDK_NODE_MODULES = ctx.runtimeSdk.nodeModules;
    // Lambda's Node runtime caps the V8 heap below MemorySize, so V8 collects garbage before the kernel
    // would kill the process. Without the cap V8 grows toward its host default (gigabytes) and a function
    // that fits on Lambda would be killed by the RSS watchdog. (Any V8 heap flag costs Node 20 about
    // 10 ms of cold start: its built-in code cache no longer matches the flags.)
    const heap = Math.max(32, Math.floor((config.memorySize * 9) / 10));
    return {
      command: interp.executable,
      args: [`--max-old-space-size=${heap}`, '--max-http-header-size=81920', ...extraArgs, assets.nodeBootstrap],
      env,
      cwd: config.codeDir,
    };
  }
  if (family === 'python') {
    env.AWS_EXECUTION_ENV = `AWS_Lambda_${config.runtime}`;
    env.PYTHONUNBUFFERED = '1';
    env.PYTHONDONTWRITEBYTECODE = '1';
    // Lambda sets LC_CTYPE from Python 3.12 on (AWS-recorded 2026-01: absent on 3.9-3.11).
    if (Number(config.runtime.split('.')[1] ?? 0) >= 12) env.LC_CTYPE = 'C.UTF-8';
    env.PYTHONPATH = join([
      assets.pythonRuntimeDir,
      ...layers.flatMap((l) => [path.join(l, 'python'), path.join(l, 'python', 'lib', `python${interp.version}`, 'site-packages')]),
    ]);
    // Not on PYTHONPATH: the bootstrap puts it after the task root and the layers, where Lambda has /var/runtime.
    if (ctx.runtimeSdk?.pythonPath) env._LAMBDA_WORKBENCH_PYTHON_SDK = ctx.runtimeSdk.pythonPath;
    return { command: interp.executable, args: [...extraArgs, path.join(assets.pythonRuntimeDir, 'bootstrap.py')], env, cwd: config.codeDir };
  }
  if (family === 'java') return javaLaunch(config, interp, env, extraArgs);
  if (family === 'ruby') return rubyLaunch(config, interp, assets, env, extraArgs);
  // go1.x (retired) ran the executable its Handler names; provided runtimes run `bootstrap`.
  if (config.runtime === 'go1.x') {
    env.AWS_EXECUTION_ENV = 'AWS_Lambda_go1.x';
    return { command: path.resolve(config.codeDir, config.handler), args: [], env, cwd: config.codeDir };
  }
  const bootstrap = findProvidedBootstrap(config);
  // Lambda's init fails with Runtime.InvalidEntrypoint in these words (the invoke still answers 200); seen in
  // responses quoted by aws/aws-lambda-dotnet#1671 and awslabs/aws-lambda-dart-runtime#20.
  if (!bootstrap) {
    const present = [config.codeDir, ...config.layers.map((l) => l.contentDir)].findIndex((d) => fs.existsSync(path.join(d, 'bootstrap')));
    if (present >= 0) throw new WorkbenchError(`fork/exec ${present === 0 ? '/var/task' : '/opt'}/bootstrap: permission denied`, 'InvalidEntrypoint');
    throw new WorkbenchError("Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]", 'InvalidEntrypoint');
  }
  return { command: bootstrap, args: [], env, cwd: config.codeDir };
}
