// A CDK app opened before it was ever synthesized: synthesize it once, so the first contact needs no
// manual `cdk synth` (the dependencies must be installed; the message says so when they are not).
import { assemblyManifest, cdkAppOf } from '../../project/cdk';
import { synthesize, type SynthOptions, type SynthResult } from './synthesize';

/** When `workspaceDir` holds a CDK app without a cloud assembly, synthesizes it; resolves with the new manifest, undefined for other folders. */
export async function synthesizeIfMissing(workspaceDir: string, options: SynthOptions = {}): Promise<{ manifest: string; result: SynthResult } | undefined> {
  const app = await cdkAppOf(workspaceDir);
  if (!app || (await assemblyManifest(app.outputDir))) return undefined;
  const result = await synthesize(app, options);
  const manifest = await assemblyManifest(app.outputDir);
  return manifest ? { manifest, result } : undefined;
}
