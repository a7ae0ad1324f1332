// The launch of a ruby3.x environment: our bootstrap on the local Ruby, with the GEM_PATH and RUBYLIB
// Lambda sets (vendor/bundle of the code, the layers' ruby/gems and ruby/lib).
import * as path from 'node:path';
import type { FunctionConfig } from '../../functionConfig';
import type { RuntimeAssets } from '../assets';
import type { LaunchSpec } from '../launch';
import type { Interpreter } from '../runtimeCatalog';
import { defaultGemPath } from './rubyInterpreter';

/** Ruby's gem ABI directory name for a version: 3.3.1 -> 3.3.0. */
export function gemAbi(version: string): string {
  return `${version.split('.').slice(0, 2).join('.')}.0`;
}

export function rubyLaunch(config: FunctionConfig, interp: Interpreter, assets: RuntimeAssets, env: Record<string, string>, extraArgs: readonly string[]): LaunchSpec {
  const abi = gemAbi(interp.version);
  const layers = config.layers.map((l) => l.contentDir);
  env.AWS_EXECUTION_ENV = `AWS_Lambda_${config.runtime}`;
  env.GEM_PATH = [path.join(config.codeDir, 'vendor', 'bundle', 'ruby', abi), ...layers.map((l) => path.join(l, 'ruby', 'gems', abi)), defaultGemPath(interp.executable)]
    .filter((p) => p)
    .join(path.delimiter);
  env.RUBYLIB = [config.codeDir, ...layers.map((l) => path.join(l, 'ruby', 'lib'))].join(path.delimiter);
  return { command: interp.executable, args: [...extraArgs, path.join(assets.rubyRuntimeDir, 'bootstrap.rb')], env, cwd: config.codeDir };
}
