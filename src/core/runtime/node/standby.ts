// Entry of a standby Node.js runtime process (dist/runtime/nodeStandby.js): started ahead of need with
// the function's interpreter flags, it loads what the bootstrap needs, then blocks reading stdin until
// the engine hands it an environment (variables, working directory) and runs the bootstrap as it.
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { isEsmHandler } from './handlerLoader';
import { registerSdkResolveHook } from './sdkResolveHook';
// Built-ins the bootstrap loads: loaded now, so the function's init does not pay for them.
import 'node:url';
import * as http from 'node:http';
import * as net from 'node:net';
import * as util from 'node:util';
import 'node:worker_threads';

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

// The bootstrap beside this file, read and compiled now; it runs (reads its variables) once activated.
const bootstrapFile = path.join(__dirname, 'nodeBootstrap.js');
const bootstrap = new vm.Script(nodeModule.wrap(fs.readFileSync(bootstrapFile, 'utf8')), { filename: bootstrapFile });

/**
 * Runs, without any effect outside this process, the built-in code paths every init takes (a socket,
 * an HTTP agent, log formatting): under the interpreter's heap flag Node's built-in code cache does not
 * apply, so each is compiled on first use; here that happens ahead of need.
 */
function warmUp(): void {
  const socket = new net.Socket();
  socket.setNoDelay(true);
  socket.destroy();
  new http.Agent({ keepAlive: false }).destroy();
  util.format('%s %d %j %o', 'a', 1, { a: 1 }, [1]);
  util.inspect({ a: [1, { b: 'c' }], d: new Error('warm') });
  new Date().toISOString();
  JSON.parse(JSON.stringify({ a: [1, 'b', null] }));
  Buffer.concat([Buffer.from('a'), Buffer.alloc(1)]).toString('utf8');
  process.cpuUsage();
  process.memoryUsage();
  // The CommonJS loader's compile path (the handler is compiled through it), on a module of our own.
  const Module = (nodeModule as unknown as { Module: new (id: string) => { _compile(content: string, filename: string): void; paths: string[] } }).Module;
  const warm = new Module(__filename);
  warm.paths = [];
  warm._compile('module.exports = { handler: async () => null };', path.join(__dirname, 'standby-warm-up.js'));
  fs.statSync(__dirname);
}
warmUp();

type ModuleWrapper = (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;

/** Becomes the environment's runtime: its variables, its folder, then the bootstrap as usual. */
function activate(): void {
  const activation = readActivation();
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, activation.env);
  process.chdir(activation.cwd);
  // NODE_PATH is read once at startup: read it again now that the function's value is set.
  (nodeModule as unknown as { Module: { _initPaths?: () => void } }).Module._initPaths?.();
  process.argv[1] = activation.bootstrap;
  if (activation.bootstrap !== bootstrapFile) return void nodeModule.createRequire(activation.bootstrap)(activation.bootstrap);
  const module = { exports: {}, filename: bootstrapFile, id: '.' };
  (bootstrap.runInThisContext() as ModuleWrapper)(module.exports, nodeModule.createRequire(bootstrapFile), module, bootstrapFile, path.dirname(bootstrapFile));
}

// An ES module handler needs the ES module loader and, for the runtime's SDK, a resolve hook on a loader
// thread: tens of milliseconds, paid here (the standby was started with the function's handler name).
if (isEsmHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env._HANDLER ?? '')) {
  registerSdkResolveHook();
  void rawImport('node:path').then(activate);
} else {
  activate();
}
