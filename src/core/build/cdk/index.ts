// CDK apps: `cdk synth` with the app's own CLI and the engine's esbuild, on request or on change.
export { currentCdkCli, hasCdkLibrary, ownCdkCli, type CdkCli } from './cdkCli';
export { entryDebugBuild } from './entryDebugBuild';
export { engineEsbuildBinary, esbuildShimDir } from './esbuildShim';
export { synthesizeIfMissing } from './firstSynth';
export { synthesize, SynthFailedError, type SynthOptions, type SynthResult } from './synthesize';
export { SynthWatcher, type SynthProgress, type SynthWatcherOptions } from './synthWatcher';
