// `sdk install [--runtime R] [packages]`: fills the cache of the AWS SDK that Lambda's runtimes include
// ahead of time (before going offline, or in CI), for given packages or for what a template's functions import.
import * as path from 'node:path';
import { defaultPartition } from '../core/arn';
import { WorkbenchError } from '../core/errors';
import { findTemplate, loadProject } from '../core/project';
import { RuntimeCatalog } from '../core/runtime/runtimeCatalog';
import { scanSdkImports } from '../core/runtime/sdk/importScan';
import { RuntimeSdk } from '../core/runtime/sdk/runtimeSdk';
import { NODE_SDK_VERSIONS, PYTHON_SDK_VERSIONS } from '../core/runtime/sdk/sdkVersions';
import { emitJson } from './cliOutput';
import type { Values } from './engineFromArgs';

export const sdkUsage = `lambda-workbench sdk install [--runtime R] [packages...] [--template FILE] [--cache-dir DIR]
  installs the AWS SDK Lambda's runtimes include into the cache: the named @aws-sdk/* or @smithy/* packages
  (nodejs18.x and later) or boto3 (python3.x); with no packages, what the template's functions import.
lambda-workbench sdk versions: the pinned version per runtime`;

export async function sdk(values: Values, positionals: string[]): Promise<number> {
  const [sub, ...packages] = positionals;
  if (sub === 'versions') {
    if (emitJson(values, { nodejs: NODE_SDK_VERSIONS, python: PYTHON_SDK_VERSIONS })) return 0;
    for (const [runtime, v] of Object.entries(NODE_SDK_VERSIONS)) process.stdout.write(`${runtime}\tAWS SDK for JavaScript ${v}\n`);
    for (const [runtime, v] of Object.entries(PYTHON_SDK_VERSIONS)) process.stdout.write(`${runtime}\tboto3 ${v}\n`);
    return 0;
  }
  if (sub !== 'install') throw new WorkbenchError(`Unknown sdk subcommand '${sub ?? ''}'.\n${sdkUsage}`);
  const runtimeSdk = new RuntimeSdk(values['cache-dir'] ? { cacheDir: path.resolve(values['cache-dir'] as string) } : {});
  const catalog = new RuntimeCatalog();
  const note = (m: string): void => void process.stderr.write(`${m}\n`);
  const wants = new Map<string, Set<string>>();
  const add = (runtime: string, items: readonly string[]): void => {
    const set = wants.get(runtime) ?? new Set<string>();
    for (const i of items) set.add(i);
    wants.set(runtime, set);
  };
  if (packages.length > 0 || values.runtime) {
    const runtime = (values.runtime as string | undefined) ?? (packages.every((p) => p.startsWith('@')) ? 'nodejs20.x' : 'python3.12');
    add(runtime, runtime.startsWith('python') ? ['boto3'] : packages);
    if (runtime.startsWith('nodejs') && packages.length === 0) throw new WorkbenchError('Name the packages to install, e.g. lambda-workbench sdk install --runtime nodejs20.x @aws-sdk/client-s3');
  } else {
    const templatePath = await findTemplate(process.cwd(), values.template as string | undefined);
    if (!templatePath) throw new WorkbenchError(`No template found: pass packages, or --template FILE.\n${sdkUsage}`);
    const project = await loadProject({ templatePath, partition: defaultPartition });
    for (const fn of project.functions) {
      if (fn.runtime.startsWith('nodejs')) add(fn.runtime, scanSdkImports(fn.codeDir, 'nodejs'));
      else if (fn.runtime.startsWith('python') && scanSdkImports(fn.codeDir, 'python').length) add(fn.runtime, ['boto3']);
    }
  }
  let failed = 0;
  const installed: { runtime: string; packages: string[]; ok: boolean }[] = [];
  for (const [runtime, items] of wants) {
    if (items.size === 0) continue;
    const ok = runtime.startsWith('python')
      ? await runtimeSdk.ensurePython(runtime, await catalog.resolve(runtime), note)
      : await runtimeSdk.ensureNode(runtime, [...items], note);
    installed.push({ runtime, packages: [...items], ok });
    if (!ok) failed++;
    else if (!values.json) process.stdout.write(`${runtime}: ${[...items].join(', ')} ready in ${runtimeSdk.cacheRoot}\n`);
  }
  if (emitJson(values, { cacheDir: runtimeSdk.cacheRoot, installed })) return failed ? 1 : 0;
  if (installed.length === 0) process.stdout.write('Nothing to install: no function imports the runtime SDK.\n');
  return failed ? 1 : 0;
}
