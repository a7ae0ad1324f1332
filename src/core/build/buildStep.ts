// What every builder gets (the target, where to assemble the output, cancellation, progress) and the one
// way a build step runs a tool: a failure becomes a BuildFailedError with the output and the command to reproduce.
import { WorkbenchError } from '../errors';
import type { BuildTarget } from './buildPlan';
import { runCommand, shellLine } from './buildCommand';

export interface StepContext {
  readonly target: BuildTarget;
  /** Where the output is assembled; it becomes `target.outDir` when the build succeeds. */
  readonly stage: string;
  readonly signal?: AbortSignal | undefined;
  /** Variables every tool gets on top of the engine's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** A short status for the progress display ("npm ci --omit=dev"). */
  readonly step: (message: string) => void;
  /** One line of tool output. */
  readonly output: (line: string) => void;
  /** The interpreter that matches a Python runtime (for pip). */
  readonly python: (runtime: string) => Promise<string>;
}

/** A build step failed: the message carries the tool's output and the command that reproduces it. */
export class BuildFailedError extends WorkbenchError {
  constructor(
    readonly logicalId: string,
    summary: string,
    readonly command: string,
    readonly output: string,
  ) {
    super(`Build of ${logicalId} failed: ${summary}\n${indent(output)}\nTo reproduce it: ${command}\nFix the cause, then run \`lambda-workbench build ${logicalId}\` or invoke again (a failed build is tried again when its files change, or after 30 s).`, 'BuildFailed');
  }
}

function indent(text: string): string {
  const t = text.trimEnd();
  return t ? t.split('\n').map((l) => `  | ${l}`).join('\n') : '  | (no output)';
}

export interface RunStep {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Variables specific to this step, shown in the reproduce command. */
  readonly env?: Readonly<Record<string, string>>;
  /** What to install when the tool is missing, e.g. "the Go toolchain (https://go.dev/dl)". */
  readonly toolHint: string;
  /** Turns the output of a failed run into a one-line summary (default: the exit code). */
  readonly explain?: (output: string) => string | undefined;
}

/** Runs one tool; resolves with its output, throws BuildFailedError (non-zero exit) or a missing-tool WorkbenchError. */
export async function runStep(ctx: StepContext, s: RunStep): Promise<string> {
  const line = shellLine(s.command, s.args, s.cwd, s.env);
  ctx.step([s.command, ...s.args].join(' '));
  let result;
  try {
    result = await runCommand(s.command, s.args, { cwd: s.cwd, env: { ...ctx.env, ...s.env }, signal: ctx.signal, onLine: ctx.output });
  } catch (e) {
    if (e instanceof WorkbenchError && e.code === 'BuildToolMissing') {
      throw new WorkbenchError(`Cannot build ${ctx.target.logicalId}: \`${s.command}\` was not found on PATH. Install ${s.toolHint}, then try again.`, 'BuildToolMissing');
    }
    throw e;
  }
  if (result.code !== 0) {
    throw new BuildFailedError(ctx.target.logicalId, s.explain?.(result.output) ?? `\`${s.command}\` exited with code ${result.code}.`, line, result.output);
  }
  return result.output;
}
