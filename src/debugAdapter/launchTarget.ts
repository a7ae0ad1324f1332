// Turns a `lambda` launch configuration into what to run: the function's configuration (from the
// template, or built for a template-less launch) with the launch's overrides, and the event payload.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFunctionRef } from '../core/arn';
import type { Emulator } from '../core/emulator';
import { messageOf } from '../core/errors';
import { defaults, type FunctionConfig } from '../core/functionConfig';
import { runtimeFamily } from '../core/runtime/runtimeCatalog';
import { debugErrors } from './errors';
import type { LambdaLaunchArguments } from './launchArguments';

/** A resolved launch: which function to invoke, the configuration its debug environment runs, the event. */
export interface LaunchTarget {
  /** The name the Invoke API knows the function by. */
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly config: FunctionConfig;
  readonly payload: Buffer;
  readonly language: DebugLanguage;
}

const baseDir = (args: LambdaLaunchArguments): string => path.resolve(args.cwd ?? process.cwd());

/** The event bytes: a JSON file, an inline value, or `{}`. */
export function loadEvent(event: LambdaLaunchArguments['event'], cwd: string): Buffer {
  if (event === undefined) return Buffer.from('{}');
  if (typeof event !== 'string') return Buffer.from(JSON.stringify(event));
  const file = path.resolve(cwd, event);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw debugErrors.eventFile(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(e));
  }
  try {
    JSON.parse(text);
  } catch (e) {
    throw debugErrors.eventFile(file, `not valid JSON (${messageOf(e)})`);
  }
  return Buffer.from(text);
}

/** The debugger family of a runtime. */
export type DebugLanguage = 'node' | 'python' | 'java' | 'ruby';

/** Java and Ruby stops happen in another debugger, which cannot freeze the Lambda clock: without an
 * explicit "timeout" their debug environments get Lambda's maximum. */
const HANDED_OFF_TIMEOUT = 900;

function languageOf(runtime: string): DebugLanguage {
  const family = runtimeFamily(runtime);
  if (family === 'nodejs') return 'node';
  if (family === 'python') return 'python';
  if (family === 'java' || family === 'ruby') return family;
  throw debugErrors.unsupportedRuntime(runtime);
}

function withOverrides(config: FunctionConfig, args: LambdaLaunchArguments): FunctionConfig {
  const family = runtimeFamily(config.runtime);
  const timeout = args.timeout ?? (family === 'java' || family === 'ruby' ? HANDED_OFF_TIMEOUT : undefined);
  return {
    ...config,
    ...(timeout !== undefined ? { timeout } : {}),
    ...(args.memorySize !== undefined ? { memorySize: args.memorySize } : {}),
    ...(args.environment ? { environment: { ...config.environment, ...args.environment } } : {}),
  };
}

function checkNumbers(args: LambdaLaunchArguments): void {
  if (args.timeout !== undefined && !(Number.isInteger(args.timeout) && args.timeout >= 1 && args.timeout <= 900)) {
    throw debugErrors.badLaunch(`"timeout" must be a whole number of seconds from 1 to 900 (got ${JSON.stringify(args.timeout)}).`);
  }
  if (args.memorySize !== undefined && !(Number.isInteger(args.memorySize) && args.memorySize >= 128 && args.memorySize <= 10240)) {
    throw debugErrors.badLaunch(`"memorySize" must be a whole number of MB from 128 to 10240 (got ${JSON.stringify(args.memorySize)}).`);
  }
  for (const [k, v] of Object.entries(args.environment ?? {})) {
    if (typeof v !== 'string') throw debugErrors.badLaunch(`"environment.${k}" must be a string.`);
  }
  if (args.breakIn !== undefined && args.breakIn !== 'handler' && args.breakIn !== 'init') {
    throw debugErrors.badLaunch(`"breakIn" must be "handler" or "init" (got ${JSON.stringify(args.breakIn)}).`);
  }
}

/** Resolves the launch against the engine's registry (defining the function for template-less launches). */
export function resolveLaunch(engine: Emulator, args: LambdaLaunchArguments): LaunchTarget {
  checkNumbers(args);
  const cwd = baseDir(args);
  const templateLess = args.handler !== undefined || args.runtime !== undefined || args.codeUri !== undefined;
  if (args.function !== undefined && templateLess) throw debugErrors.badLaunch('set either "function" (a template function) or "handler", "runtime" and "codeUri" (template-less), not both.');
  if (args.function === undefined && !templateLess) throw debugErrors.badLaunch('set "function" to a template function, or "handler", "runtime" and "codeUri" for a template-less launch.');
  const payload = loadEvent(args.event, cwd);
  if (args.function !== undefined) {
    const entries = engine.listFunctions();
    const entry = entries.find((e) => e.spec?.logicalId === args.function) ?? engine.getFunction(args.function);
    if (!entry) throw debugErrors.unknownFunction(args.function, entries.map((e) => e.spec?.logicalId ?? e.name));
    const problem = entry.problems?.[0];
    if (problem) throw debugErrors.functionProblem(args.function, `${problem.message} (${problem.file}:${problem.range.start.line + 1})`);
    let resolved;
    try {
      resolved = engine.resolveFunction(parseFunctionRef(engine.partition, entry.name, args.qualifier));
    } catch (e) {
      throw debugErrors.badLaunch(`"qualifier": ${messageOf(e)}`);
    }
    const config = withOverrides(resolved.config, args);
    return { functionName: entry.name, qualifier: args.qualifier, config, payload, language: languageOf(config.runtime) };
  }
  if (!args.handler || !args.runtime || !args.codeUri) throw debugErrors.badLaunch('a template-less launch needs all of "handler", "runtime" and "codeUri".');
  if (args.qualifier !== undefined) throw debugErrors.badLaunch('"qualifier" needs a template function: template-less launches run $LATEST.');
  const language = languageOf(args.runtime);
  const codeDir = path.resolve(cwd, args.codeUri);
  if (!fs.existsSync(codeDir) || !fs.statSync(codeDir).isDirectory()) throw debugErrors.badLaunch(`"codeUri" ${codeDir} is not a directory.`);
  let name = path.basename(codeDir).replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56) || 'function';
  if (engine.getFunction(name)?.source === 'template') name = `${name}-local`;
  const config: FunctionConfig = withOverrides(
    {
      functionName: name,
      version: '$LATEST',
      handler: args.handler,
      runtime: args.runtime,
      codeDir,
      memorySize: defaults.memorySize,
      timeout: defaults.timeout,
      ephemeralStorage: defaults.ephemeralStorage,
      environment: {},
      layers: [],
      logging: { logFormat: 'Text', logGroup: `/aws/lambda/${name}` },
      description: 'Defined by a template-less debug launch',
      architectures: ['x86_64'],
      role: undefined,
      codeSha256: '',
    },
    args,
  );
  engine.defineFunction(config);
  return { functionName: name, qualifier: undefined, config, payload, language };
}
