// The state of each SnapStart version's snapshot: Pending while init and the before-snapshot hooks run
// after PublishVersion, Active once taken, Failed (with the init error) otherwise.
import type { ExecutionEnvironment } from './executionEnvironment';

export interface SnapshotState {
  readonly state: 'Pending' | 'Active' | 'Failed';
  readonly reason?: string;
}

/** Snapshot states by function and version; a version never published in this engine run has none. */
export class SnapshotStates {
  private readonly states = new Map<string, SnapshotState>();

  get(name: string, version: string): SnapshotState | undefined {
    return this.states.get(`${name}\0${version}`);
  }

  /** Follows the environment taking a version's snapshot (Pending until it is taken or fails). */
  track(name: string, version: string, env: ExecutionEnvironment): void {
    const key = `${name}\0${version}`;
    this.states.set(key, { state: 'Pending' });
    env.once('snapshot', () => this.states.set(key, { state: 'Active' }));
    env.once('snapshotFailed', (reason: string) => this.states.set(key, { state: 'Failed', reason }));
  }
}
