// The second way the runtime's SDK arrives: when a function failed because an SDK package the source scan
// did not see (a computed require, a dependency's import) could not be found, install it, announced, so
// the next environment start has it. The failed invoke itself is answered as Lambda would answer it.
import type { FunctionConfig } from '../../functionConfig';
import type { InvocationOutcome } from '../invocation';
import type { PythonInterpreter, RuntimeSdk } from './runtimeSdk';
import { NODE_SDK_SCOPES, nodeSdkVersion, pythonSdkVersion, PYTHON_SDK_MODULES } from './sdkVersions';

const NODE_MISSING = /Cannot find (?:module|package) '(@(?:aws-sdk|smithy)\/[a-z0-9][a-z0-9._-]*)/;
const PYTHON_MISSING = /No module named '([a-z0-9_]+)/;

/** The runtime-SDK package a module-not-found error names, if any. */
export function missingSdkPackage(runtime: string, outcome: Pick<InvocationOutcome, 'errorType' | 'payload'>): string | undefined {
  // At init (ImportModuleError) or inside the handler (a plain Error / ModuleNotFoundError).
  if (!['Runtime.ImportModuleError', 'Error', 'ModuleNotFoundError'].includes(outcome.errorType ?? '')) return undefined;
  const text = outcome.payload.toString('utf8');
  if (nodeSdkVersion(runtime)) {
    const pkg = NODE_MISSING.exec(text)?.[1];
    return pkg && NODE_SDK_SCOPES.test(pkg) ? pkg : undefined;
  }
  const mod = pythonSdkVersion(runtime) ? PYTHON_MISSING.exec(text)?.[1] : undefined;
  return mod && PYTHON_SDK_MODULES.includes(mod) ? mod : undefined;
}

/** Installs the package an ImportModuleError names (once); resolves true when the next start will have it. */
export async function installMissingSdk(sdk: RuntimeSdk, config: FunctionConfig, outcome: Pick<InvocationOutcome, 'errorType' | 'payload'>, python: PythonInterpreter | undefined, note: (m: string) => void): Promise<boolean> {
  const pkg = missingSdkPackage(config.runtime, outcome);
  if (!pkg) return false;
  if (nodeSdkVersion(config.runtime)) return sdk.ensureNode(config.runtime, [pkg], note);
  return python ? sdk.ensurePython(config.runtime, python, note) : false;
}
