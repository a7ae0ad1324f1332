// `BuildMethod: makefile` as in SAM: `make build-<LogicalId>` runs in a copy of the source folder with
// ARTIFACTS_DIR set to the build directory; whatever the target puts there is the function's code or layer.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';
import { runStep, type StepContext } from './buildStep';
import { copySource } from './sourceTree';

export async function makefileBuild(ctx: StepContext): Promise<void> {
  const { target } = ctx;
  const makefile = path.join(target.sourceDir, 'Makefile');
  if (!fs.existsSync(makefile)) {
    throw new WorkbenchError(`Cannot build ${target.logicalId}: BuildMethod makefile needs a Makefile in ${target.sourceDir} with a build-${target.logicalId} target.`, 'BuildConfig');
  }
  // A fresh copy each time, so a Makefile that writes next to itself never touches the workspace.
  const src = path.join(target.workDir, 'src');
  await fs.promises.rm(src, { recursive: true, force: true });
  await copySource(target.sourceDir, src);
  await fs.promises.mkdir(ctx.stage, { recursive: true });
  await runStep(ctx, {
    command: 'make',
    args: ['-f', path.join(src, 'Makefile'), `build-${target.logicalId}`],
    cwd: src,
    env: { ARTIFACTS_DIR: ctx.stage },
    toolHint: 'GNU make (Debian: apt install make)',
    explain: (out) =>
      /No rule to make target [`']build-/.test(out) ? `the Makefile has no build-${target.logicalId} target: add one that puts the code into $(ARTIFACTS_DIR).` : undefined,
  });
}
