// The build step (`sam build` locally): plans, builders and the manager that runs them on demand.
export { BuildCancelledError } from './buildCommand';
export { BuildManager, type BuildProgress, type BuildResult, type EnsureOptions } from './buildManager';
export { planFunctionBuild, planLayerBuild, type BuildKind, type BuildTarget } from './buildPlan';
export { BuildFailedError } from './buildStep';
export { builtCode } from './builtCode';
