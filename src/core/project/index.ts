// The project loader's public surface: template -> function specs with located problems, plus
// hashing, watching and esbuild builds for the engine.
export type { EventSpec, FunctionSpec, LayerSpec, Problem, ProblemSeverity, Project, SourceRange } from './functionSpec';
export { analyzeTemplate, type AnalyzeOptions } from './analyzeTemplate';
export { envFilesOf, findTemplate, loadProject, TEMPLATE_NAMES, type LoadProjectOptions } from './loadProject';
export { parseDotEnv, parseEnvVarsJson, type EnvFileEntry, type EnvOverrides, type ParsedEnvFile } from './envFiles';
export { CodeHasher, codeManifest, codeSha256, type CodeManifest, type ManifestFile } from './codeHash';
export { ProjectWatcher, type ProjectChange, type ProjectWatcherOptions } from './projectWatcher';
export { buildFunction, disposeBuilds, esbuildOptions, needsEsbuild } from './esbuildBuild';
export { DEPRECATED_RUNTIMES, LAMBDA_RUNTIMES, isRunnableLocally, runtimeFamily, unknownRuntimeMessage, type RuntimeFamily } from './runtimes';
export { RESERVED_ENV_KEYS } from './functionValidation';
export { findNodeModuleFile } from './handlerLookup';
