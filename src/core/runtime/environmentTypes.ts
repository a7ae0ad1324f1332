// The shapes an execution environment is built from and reports with (kept apart from its state
// machine in executionEnvironment.ts).
import type { PausableStopwatch, Clock } from '../clock';
import type { FunctionConfig } from '../functionConfig';
import type { LogSink } from '../logs/logSink';
import type { ReloadNote } from './hotReload';
import type { InvocationInput, InvocationOutcome } from './invocation';
import type { LaunchContext, LaunchSpec } from './launch';
import type { NodeStandbyPool } from './nodeStandby';

/** The environment ended before it received the event; nothing ran, so the event can go elsewhere. */
export class EnvironmentLostError extends Error {
  override readonly name = 'EnvironmentLostError';
}

/** `snapshot`: a SnapStart environment initialized and waiting to be restored (its /restore/next parked). */
export type EnvironmentState = 'initializing' | 'snapshot' | 'idle' | 'busy' | 'stopping' | 'dead';

/** Lambda limits the init phase of on-demand environments to 10 seconds. */
export const INIT_TIMEOUT_MS = 10_000;

export interface EnvironmentOptions {
  readonly config: FunctionConfig;
  readonly clock: Clock;
  readonly logSink: LogSink;
  /** Builds the command once the Runtime API address and log stream are known. */
  readonly launch: (ctx: Pick<LaunchContext, 'runtimeApi' | 'logStreamName' | 'tmpDir'> & { readonly note: (message: string) => void }) => Promise<LaunchSpec>;
  readonly tmpRoot?: string;
  /** Sees each output line first; returning true keeps it out of the function's log (debugger chatter). */
  readonly interceptLine?: (message: string) => boolean;
  /** Provisioned concurrency: initialized ahead of demand, so no invocation reports Init Duration. */
  readonly provisioned?: boolean;
  /** A spare copy of a SnapStart snapshot: its init output stays out of the log (the version's snapshot logged it). */
  readonly quietInit?: boolean;
  /** Parked Node.js runtimes to start from instead of spawning (nodeStandby.ts). */
  readonly standby?: NodeStandbyPool;
}

/** The invocation an environment is running. */
export interface Running {
  readonly input: InvocationInput;
  readonly stopwatch: PausableStopwatch;
  readonly startedAt: number;
  readonly cold: boolean;
  readonly lines: string[];
  readonly resolve: (o: InvocationOutcome) => void;
  finished: boolean;
  /** The runtime answered in streaming mode. */
  streamed?: boolean;
  /** What hot reload did before this invocation. */
  readonly reload?: ReloadNote;
}
