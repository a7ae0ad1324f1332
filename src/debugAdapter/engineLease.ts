// Where a debug session gets its engine: inside VS Code the extension's shared one (so the tree and log
// views see the run), standalone a private one the session disposes when it ends.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../core/emulator';
import { WorkbenchError } from '../core/errors';
import { findTemplate } from '../core/project';
import { debugErrors } from './errors';
import type { LambdaLaunchArguments } from './launchArguments';

/** An engine for one session; `release` disposes it only if the session owns it. */
export interface EngineLease {
  readonly engine: Emulator;
  /** Things the user should know about this engine (shown in the debug console). */
  readonly notes?: readonly string[];
  release(): Promise<void>;
}

/** Gives a session its engine for a launch configuration. */
export type EngineProvider = (args: LambdaLaunchArguments) => Promise<EngineLease>;

/** The template a launch names, or the one in its working directory (undefined for template-less launches). */
export async function templateOf(args: LambdaLaunchArguments): Promise<string | undefined> {
  const cwd = path.resolve(args.cwd ?? process.cwd());
  if (args.template) return path.resolve(cwd, args.template);
  if (args.function === undefined) return undefined;
  const found = await findTemplate(cwd);
  if (!found) throw debugErrors.noTemplate(cwd);
  return found;
}

/**
 * A private engine: the template (if any) loaded without watching, an HTTP API on loopback only when a
 * function is durable. It uses the workspace's
 * state directory, or a temporary one while another engine (the editor's, `serve`) holds that.
 */
export const standaloneEngine: EngineProvider = async (args) => {
  const templatePath = await templateOf(args);
  const workspaceDir = templatePath ? path.dirname(templatePath) : path.resolve(args.cwd ?? process.cwd());
  const notes: string[] = [];
  let engine: Emulator;
  let scratch: string | undefined;
  try {
    engine = new Emulator({ workspaceDir, api: LOOPBACK_API });
  } catch (e) {
    if (!(e instanceof WorkbenchError && e.code === 'StateLocked')) throw e;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-workbench-debug-'));
    engine = new Emulator({ workspaceDir, stateDir: scratch, api: LOOPBACK_API });
    notes.push(`${e.message}\nThis debug session uses a private state directory instead: published versions and aliases of the workspace are not available to it.`);
  }
  const release = async (): Promise<void> => {
    await engine.dispose();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    if (templatePath) await engine.loadTemplate({ templatePath });
    // The durable execution SDK checkpoints through the Lambda API: only then does the private engine listen.
    if (engine.listFunctions().some((f) => f.latest.durableConfig)) await engine.listen();
  } catch (e) {
    await release();
    throw e;
  }
  return { engine, notes, release };
};

// Configured, not listening: the private engine listens only for durable functions.
const LOOPBACK_API = { host: '127.0.0.1', port: 0 } as const;

/** Sessions inside an editor: its engine when it has one for the launch (nothing to release), else a private one. */
export function sharedOrStandalone(shared: (args: LambdaLaunchArguments) => Promise<Emulator | undefined>): EngineProvider {
  return async (args) => {
    const engine = await shared(args);
    return engine ? { engine, release: async () => undefined } : standaloneEngine(args);
  };
}
