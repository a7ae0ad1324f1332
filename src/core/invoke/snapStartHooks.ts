// Composition of SnapStart (the invoke floor): PublishVersion takes the version's snapshot
// in the pool, GetFunctionConfiguration shows its state, and Invoke waits for nothing: a version whose
// snapshot is not ready answers SnapStartNotReadyException, a failed one ResourceConflictException.
import { parseFunctionRef, type Partition } from '../arn';
import { resourceConflict } from '../errors';
import type { FunctionRegistry } from '../functions/functionRegistry';
import type { Invoker } from './invoker';
import type { EnvironmentPool } from '../runtime/environmentPool';
import { snapshotNotReady } from '../runtime/snapshotRestore';
import { SnapshotStates, type SnapshotState } from '../runtime/snapshotStates';
import { runsFromSnapshot } from '../snapStart';

/** The management plane's SnapStart callbacks; also installs the Invoke check on `invoker`. */
export function snapStartHooks(partition: Partition, registry: FunctionRegistry, pool: EnvironmentPool, invoker: Invoker): {
  takeSnapshot: (name: string, version: string) => void;
  snapshotState: (name: string, version: string) => SnapshotState | undefined;
} {
  const states = new SnapshotStates();
  invoker.checkReady = (config) => {
    if (!runsFromSnapshot(config)) return;
    const s = states.get(config.functionName, config.version);
    if (s?.state === 'Pending') throw snapshotNotReady();
    // AWS's wording for invoking a Failed version is unverified; this is its usual state conflict.
    if (s?.state === 'Failed') throw resourceConflict(`The operation cannot be performed at this time. The function is currently in the following state: Failed. ${s.reason ?? ''}`.trim());
  };
  return {
    takeSnapshot: (name, version) => {
      // The registry's config object of the version: the pool groups environments by it.
      const target = registry.resolve(parseFunctionRef(partition, name, version));
      states.track(name, version, pool.spawn(target.config));
    },
    snapshotState: (name, version) => states.get(name, version),
  };
}
