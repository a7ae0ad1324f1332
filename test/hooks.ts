// Root hooks: after the whole run, no process started by an engine of this test process may survive.
import { assertNoOrphans } from './support/processes';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await assertNoOrphans();
  },
};
