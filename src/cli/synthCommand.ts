// `synth`: runs the CDK app's own `cdk synth` the way the engine does on change (the engine's esbuild
// for NodejsFunction, the current CLI when the app's cannot read its assembly), and prints what it loaded.
import { synthesize } from '../core/build/cdk';
import { WorkbenchError } from '../core/errors';
import { cdkAppOf } from '../core/project/cdk';
import type { Emulator } from '../core/emulator';
import type { Values } from './engineFromArgs';

export const synthUsage = 'lambda-workbench synth [--json] [--verbose]: synthesizes the CDK app of the current folder (cdk.json) into its cloud assembly';

/** Prints the engine's synth-on-change progress on stderr (serve); returns the unsubscribe function. */
export function printSynthProgress(engine: Emulator, verbose = false): () => void {
  return engine.onSynthProgress((p) => {
    if (p.phase === 'output' && !verbose) return;
    process.stderr.write(`${p.phase === 'failed' ? 'error: ' : p.phase === 'output' ? '  | ' : ''}${p.message}\n`);
  });
}

export async function synth(values: Values): Promise<number> {
  const app = await cdkAppOf(process.cwd());
  if (!app) throw new WorkbenchError(`No cdk.json in ${process.cwd()}: run synth in a CDK app's folder.`, 'NotCdkApp');
  const controller = new AbortController();
  const onInt = (): void => controller.abort();
  process.once('SIGINT', onInt);
  try {
    const result = await synthesize(app, { signal: controller.signal, onLine: (line) => (values.verbose || !values.json ? process.stderr.write(`  | ${line}\n`) : undefined) });
    if (values.json) process.stdout.write(JSON.stringify({ appDir: app.dir, assembly: app.outputDir, durationMs: result.durationMs, command: result.command, notes: result.notes }, null, 2) + '\n');
    else process.stdout.write(`Synthesized ${app.dir} into ${app.outputDir} in ${(result.durationMs / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    process.off('SIGINT', onInt);
  }
}
