// The JVM command line of a java* execution environment: Lambda's heap and GC settings from
// MemorySize, the function's class path (code root, lib/*.jar, layers' java/lib/*.jar) and our client.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../../errors';
import type { FunctionConfig } from '../../functionConfig';
import type { LaunchSpec } from '../launch';
import type { Interpreter } from '../runtimeCatalog';

function jarsIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => n.endsWith('.jar')).sort().map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** The function's class path as Lambda's class loader builds it. */
export function javaClasspath(codeDir: string, layerDirs: readonly string[]): string[] {
  return [codeDir, ...jarsIn(path.join(codeDir, 'lib')), ...layerDirs.flatMap((l) => jarsIn(path.join(l, 'java', 'lib')))];
}

/**
 * JVM options of Lambda's java runtimes: a heap of 85% of MemorySize, the serial collector, and (java17
 * and newer) tiered compilation stopped at C1 for faster starts; JAVA_TOOL_OPTIONS is read by the JVM itself.
 */
export function javaJvmArgs(runtime: string, memorySizeMb: number): string[] {
  const major = Number(/^java(\d+)/.exec(runtime)?.[1] ?? 17);
  const args = [`-XX:MaxHeapSize=${Math.floor((memorySizeMb * 85) / 100)}m`, '-XX:+UseSerialGC', '-Xshare:auto', '-XX:-UsePerfData'];
  if (major >= 17) args.push('-XX:+TieredCompilation', '-XX:TieredStopAtLevel=1');
  args.push('-Djava.net.preferIPv4Stack=true');
  return args;
}

/** The launch of a java* environment: `java <Lambda's options> <debugger args> --module lambdaworkbench/lambdaworkbench.Main`. */
export function javaLaunch(config: FunctionConfig, interp: Interpreter, env: Record<string, string>, extraArgs: readonly string[]): LaunchSpec {
  if (!interp.clientClasspath) throw new WorkbenchError(`The Java runtime client for ${config.runtime} was not compiled.`, 'MissingAssets');
  env.AWS_EXECUTION_ENV = `AWS_Lambda_${config.runtime}`;
  env._LAMBDA_WORKBENCH_JAVA_CLASSPATH = javaClasspath(config.codeDir, config.layers.map((l) => l.contentDir)).join(path.delimiter);
  return {
    command: interp.executable,
    args: [
      ...javaJvmArgs(config.runtime, config.memorySize),
      ...extraArgs,
      '--add-opens=java.base/java.io=lambdaworkbench',
      '--module-path',
      interp.clientClasspath,
      '--module',
      'lambdaworkbench/lambdaworkbench.Main',
    ],
    env,
    cwd: config.codeDir,
  };
}
