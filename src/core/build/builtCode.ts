// Where a template function's code and layers run from once built: the build directories of the targets
// it needs (registered with the build manager, built before its first environment starts), else its sources.
import type { FunctionSpec } from '../project/functionSpec';
import type { BuildManager } from './buildManager';
import { planFunctionBuild, planLayerBuild } from './buildPlan';

export interface BuiltCode {
  /** The build directory when the function is built; undefined when its code runs from CodeUri. */
  readonly codeDir: string | undefined;
  /** Layer content directories, the build directory for layers with a BuildMethod. */
  readonly layers: readonly { readonly name: string; readonly contentDir: string }[];
}

/** Plans the function's builds, registers them and returns the directories it will run from. */
export function builtCode(spec: FunctionSpec, stateDir: string, builds: BuildManager): BuiltCode {
  const planned = planFunctionBuild(spec, stateDir);
  const plan = planned && builds.register(planned);
  const layers = spec.layers.map((l) => {
    const plannedLayer = planLayerBuild(l, stateDir);
    const layerPlan = plannedLayer && builds.register(plannedLayer);
    return { name: l.name, contentDir: layerPlan?.outDir ?? l.contentDir };
  });
  return { codeDir: plan?.outDir, layers };
}
