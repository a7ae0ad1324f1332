// Breakpoints in a NodejsFunction's TypeScript when CDK's bundle has no source map (the app bundled with
// its own esbuild, without `sourceMap: true`): the debugger runs the engine's own esbuild build of the
// entry file instead, with CDK's default bundling (CommonJS or ESM as CDK wrote it, @aws-sdk/* external),
// into the state folder. Plain invokes keep running CDK's bundle.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionConfig } from '../../functionConfig';
import { handlerSource } from '../../project/handlerSource';

/** What the debugger should run instead of `config`, and why; undefined when the bundle has a map or is not a CDK TypeScript bundle. */
export async function entryDebugBuild(config: FunctionConfig, appSource: { readonly file: string } | undefined, stateDir: string): Promise<{ config: FunctionConfig; note: string } | undefined> {
  if (!appSource || !/\.(?:[cm]?ts|tsx)$/.test(appSource.file)) return undefined;
  const bundle = handlerSource(config.codeDir, config.runtime, config.handler)?.file;
  if (!bundle || hasSourceMap(bundle)) return undefined;
  const esm = bundle.endsWith('.mjs');
  const outDir = path.join(stateDir, 'debug-build', config.functionName);
  fs.rmSync(outDir, { recursive: true, force: true });
  const major = /^nodejs(\d+)\.x$/.exec(config.runtime)?.[1] ?? '20';
  await build({
    entryPoints: [appSource.file],
    bundle: true,
    platform: 'node',
    target: `node${major}`,
    format: esm ? 'esm' : 'cjs',
    outfile: path.join(outDir, path.basename(bundle)),
    sourcemap: true,
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  return {
    config: { ...config, codeDir: outDir },
    note: `CDK's bundle of ${config.functionName} has no source map (set bundling: { sourceMap: true } to debug it as deployed): debugging the engine's esbuild build of ${appSource.file} with CDK's default bundling options.`,
  };
}

function hasSourceMap(bundle: string): boolean {
  if (fs.existsSync(`${bundle}.map`)) return true;
  try {
    const text = fs.readFileSync(bundle, 'utf8');
    return /\/\/# sourceMappingURL=/.test(text.slice(-4096));
  } catch {
    return false;
  }
}
