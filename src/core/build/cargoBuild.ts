// `BuildMethod: rust-cargolambda`: `cargo build --release` of a copy of the crate (cargo would write
// Cargo.lock and target/ into the workspace), with the binary copied into the build directory as `bootstrap`.
// cargo-lambda itself is not needed: the binary is built for this machine so it runs here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';
import { runStep, type StepContext } from './buildStep';
import { copySource } from './sourceTree';

const CARGO_HINT = 'Rust with cargo (https://rustup.rs)';

export async function cargoBuild(ctx: StepContext): Promise<void> {
  const { target } = ctx;
  const src = path.join(target.workDir, 'src');
  const targetDir = path.join(target.workDir, 'target');
  await fs.promises.rm(src, { recursive: true, force: true });
  await copySource(target.sourceDir, src, new Set(['target']));
  const binary = await binaryName(ctx, src);
  await runStep(ctx, { command: 'cargo', args: ['build', '--release', '--bin', binary, '--target-dir', targetDir], cwd: src, toolHint: CARGO_HINT });
  await fs.promises.mkdir(ctx.stage, { recursive: true });
  await fs.promises.copyFile(path.join(targetDir, 'release', binary), path.join(ctx.stage, 'bootstrap'));
  await fs.promises.chmod(path.join(ctx.stage, 'bootstrap'), 0o755);
}

/** BuildProperties.Binary, or the crate's only binary target. */
async function binaryName(ctx: StepContext, src: string): Promise<string> {
  const props = (ctx.target.metadata['BuildProperties'] ?? {}) as Record<string, unknown>;
  if (typeof props['Binary'] === 'string') return props['Binary'];
  const out = await runStep(ctx, { command: 'cargo', args: ['metadata', '--no-deps', '--format-version', '1', '--offline'], cwd: src, toolHint: CARGO_HINT });
  const json = JSON.parse(out.slice(out.indexOf('{'))) as { packages: { targets: { name: string; kind: string[] }[] }[] };
  const bins = json.packages.flatMap((p) => p.targets.filter((t) => t.kind.includes('bin')).map((t) => t.name));
  if (bins.length === 1) return bins[0]!;
  throw new WorkbenchError(
    `Cannot build ${ctx.target.logicalId}: the crate has ${bins.length ? `several binaries (${bins.join(', ')})` : 'no binary'}; name the one to run with Metadata.BuildProperties.Binary.`,
    'BuildConfig',
  );
}
