// Entry of a standby Node.js runtime process (dist/runtime/nodeStandby.js): started ahead of need with
// the function's interpreter flags, it loads what the bootstrap needs, then blocks reading stdin until
// the engine hands it an environment (variables, working directory) and runs the bootstrap as it.
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import { isEsmHandler } from './handlerLoader';
import { registerSdkResolveHook } from './sdkResolveHook';
// Built-ins the bootstrap loads: compiled now, so the function's init does not pay for them.
import 'node:http';
import 'node:net';
import 'node:url';

interface Activation {
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly bootstrap: string;
}

/** Blocks (no event loop, no CPU) until one line arrives; the engine closing stdin ends the standby. */
function readActivation(): Activation {
  // Tells the engine this standby is parked (nodeStandby.ts STANDBY_READY).
  fs.writeSync(1, 'lambda-workbench standby ready\n');
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    const n = fs.readSync(0, buf, 0, buf.length, null);
    if (n === 0) process.exit(0);
    chunks.push(Buffer.from(buf.subarray(0, n)));
    if (buf.subarray(0, n).includes(10)) break;
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Activation;
}

// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a real dynamic import() that the CommonJS bundle must not rewrite into require()
const rawImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

/** Becomes the environment's runtime: its variables, its folder, then the bootstrap as usual. */
function activate(): void {
  const activation = readActivation();
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, activation.env);
  process.chdir(activation.cwd);
  // NODE_PATH is read once at startup: read it again now that the function's value is set.
  (nodeModule as unknown as { Module: { _initPaths?: () => void } }).Module._initPaths?.();
  process.argv[1] = activation.bootstrap;
  nodeModule.createRequire(activation.bootstrap)(activation.bootstrap);
}

// An ES module handler needs the ES module loader and, for the runtime's SDK, a resolve hook on a loader
// thread: tens of milliseconds, paid here (the standby was started with the function's handler name).
if (isEsmHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env._HANDLER ?? '')) {
  registerSdkResolveHook();
  void rawImport('node:path').then(activate);
} else {
  activate();
}
