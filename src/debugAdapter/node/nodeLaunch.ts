// Starts a Node.js execution environment under the inspector on a loopback port the system picks,
// and connects to it. The inspector's own stderr chatter is kept out of the function's log.
import { OutputEvent } from '@vscode/debugadapter';
import { getRuntimeAssets } from '../../core/runtime/assets';
import type { ExecutionEnvironment } from '../../core/runtime/executionEnvironment';
import type { TargetOptions } from '../debugTarget';
import { whenDead } from '../debugTarget';
import { debugErrors } from '../errors';
import { CdpConnection } from './cdpConnection';

const ATTACH_TIMEOUT_MS = 15_000;
const chatter = [/^For help, see: https:\/\/nodejs\.org\/en\/docs\/inspector/, /^Debugger attached\./, /^Debugger ending on /];

/** `--inspect-wait` (no stop at the first line) exists from Node 20.15 and 22.2. */
export function inspectFlag(version: string): string {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const wait = major > 22 || (major === 22 && minor >= 2) || (major === 20 && minor >= 15);
  return `${wait ? '--inspect-wait' : '--inspect-brk'}=127.0.0.1:0`;
}

/** A started environment and its inspector connection. */
export interface NodeDebuggee {
  readonly env: ExecutionEnvironment;
  readonly cdp: CdpConnection;
  /** Set by the target: called when Node waits for the debugger to disconnect before exiting. */
  onExiting: () => void;
}

/** Spawns the environment in debug mode and connects to its inspector. */
export async function launchNodeDebuggee(options: TargetOptions): Promise<NodeDebuggee> {
  getRuntimeAssets();
  const interp = await options.engine.resolveInterpreter(options.config.runtime);
  // A first-time install of the runtime's @aws-sdk/* happens here, outside the attach timeout.
  await options.engine.prepareRuntimeSdk(options.config, interp, (m) => options.sink.event(new OutputEvent(`${m}\n`, 'console')));
  let announce: (url: string) => void = () => undefined;
  const announced = new Promise<string>((resolve) => (announce = resolve));
  const early: string[] = [];
  let debuggee: NodeDebuggee | undefined;
  const env = options.engine.startEnvironment(options.config, {
    // The inspector's WebSocket path is a random UUID; publishing it on stderr only (a pipe to this
    // process) instead of also on http://127.0.0.1:PORT/json/list keeps other local users from finding it
    // and attaching (which would let them run code as this user). Node refuses other paths.
    interpreterArgs: [inspectFlag(interp.version), '--inspect-publish-uid=stderr'],
    extraEnv: options.extraEnv,
    interceptLine: (message) => {
      const url = /^Debugger listening on (ws:\/\/\S+)/.exec(message)?.[1];
      if (url) {
        announce(url);
        return true;
      }
      if (/^Waiting for the debugger to disconnect\.\.\./.test(message)) {
        debuggee?.onExiting();
        return true;
      }
      if (chatter.some((re) => re.test(message))) return true;
      if (early.length < 20) early.push(message.trimEnd());
      return false;
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await Promise.race([
      announced,
      whenDead(env).then(() => Promise.reject(debugErrors.runtimeExited(early.join('\n')))),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(debugErrors.attachTimeout('the Node.js inspector', ATTACH_TIMEOUT_MS)), ATTACH_TIMEOUT_MS))),
    ]);
    const cdp = await CdpConnection.connect(url);
    debuggee = { env, cdp, onExiting: () => cdp.close() };
    return debuggee;
  } catch (e) {
    env.shutdown();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
