// One runtime-SDK cache for every test run on this machine, so the SDK is fetched once, not per run.
import * as os from 'node:os';
import * as path from 'node:path';

/** `$LAMBDA_WORKBENCH_TEST_SDK_CACHE`, else a folder in the temp directory that later runs reuse. */
export function sharedSdkCache(): string {
  return process.env.LAMBDA_WORKBENCH_TEST_SDK_CACHE ?? path.join(os.tmpdir(), 'lambda-workbench-test-sdk-cache');
}
