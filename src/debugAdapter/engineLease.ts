// Where a debug session gets its engine: inside VS Code the extension's shared one (so the tree and log
// views see the run), standalone a private one the session disposes when it ends.
import * as path from 'node:path';
import { Emulator } from '../core/emulator';
import { findTemplate } from '../core/project';
import { debugErrors } from './errors';
import type { LambdaLaunchArguments } from './launchArguments';

/** An engine for one session; `release` disposes it only if the session owns it. */
export interface EngineLease {
  readonly engine: Emulator;
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

/** A private engine: the template (if any) loaded without watching, no HTTP API. */
export const standaloneEngine: EngineProvider = async (args) => {
  const templatePath = await templateOf(args);
  const workspaceDir = templatePath ? path.dirname(templatePath) : path.resolve(args.cwd ?? process.cwd());
  const engine = new Emulator({ workspaceDir, api: false });
  try {
    if (templatePath) await engine.loadTemplate({ templatePath });
  } catch (e) {
    await engine.dispose();
    throw e;
  }
  return { engine, release: () => engine.dispose() };
};
