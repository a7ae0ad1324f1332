// Root hooks: after the whole run, no process started by an engine of this test process may survive.
import { assertNoOrphans } from './support/processes';

// The pinned AWS SDK warns that releases after January 2027 need Node 22; it works on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await assertNoOrphans();
  },
};
