// Takes the engine's own variables out of the handler's environment before any user code loads, so
// process.env shows what Lambda shows: the private /tmp becomes os.tmpdir() without a visible TMPDIR,
// and the engine's process marker stays only in the process's initial environment (/proc/<pid>/environ).
// The module object itself (a namespace import would be a bundler's read-only copy).
import os from 'node:os';
import { syncBuiltinESMExports } from 'node:module';

const tmpDir = process.env._LAMBDA_WORKBENCH_TMPDIR;
delete process.env._LAMBDA_WORKBENCH_TMPDIR;
/** The engine's copy of the SDK the runtime includes (read by sdkResolveHook.ts), out of the handler's view. */
export const sdkNodeModules = process.env._LAMBDA_WORKBENCH_SDK_NODE_MODULES;
delete process.env._LAMBDA_WORKBENCH_SDK_NODE_MODULES;
delete process.env._LAMBDA_WORKBENCH_ENGINE;
if (tmpDir) {
  // Lambda has no TMPDIR: os.tmpdir() is /tmp there, here the environment's own directory.
  os.tmpdir = () => tmpDir;
  // `import { tmpdir } from 'node:os'` in ES module handlers sees the same function.
  syncBuiltinESMExports();
}
