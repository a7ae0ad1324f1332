// The AWS SDKs Lambda's managed runtimes include, pinned per runtime, and where the engine caches its
// copies. AWS no longer publishes a per-runtime version table (see docs/runtime-sdk.md for the sources).
export { defaultCacheRoot } from '../../cacheRoot';

/**
 * AWS SDK for JavaScript v3 release per nodejs runtime (nodejs18.x and later include v3; older ones v2).
 * Lambda's guide stopped listing versions in 2024 ("depends on the runtime version and your AWS Region",
 * aws/aws-sdk-js-v3#6159): we pin one recent v3 release for every runtime so all functions agree.
 */
export const NODE_SDK_VERSIONS: Readonly<Record<string, string>> = {
  'nodejs18.x': '3.1000.0',
  'nodejs20.x': '3.1000.0',
  'nodejs22.x': '3.1000.0',
  'nodejs24.x': '3.1000.0',
};

/**
 * AWS SDK for JavaScript v2 that the retired nodejs16.x and older runtimes included (2.1374.0 is the
 * release Lambda's runtime table listed for nodejs16.x and nodejs14.x before their deprecation).
 */
export const NODE_SDK_V2_VERSION = '2.1374.0';

/** The v2 release (`aws-sdk`) a retired nodejs runtime includes, or undefined (nodejs18.x+ include none). */
export function nodeSdkV2Version(runtime: string): string | undefined {
  const major = Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);
  return major > 0 && major <= 16 ? NODE_SDK_V2_VERSION : undefined;
}

/** boto3 release per python runtime (botocore and s3transfer follow from its requirements). */
export const PYTHON_SDK_VERSIONS: Readonly<Record<string, string>> = {
  'python3.9': '1.43.11',
  'python3.10': '1.43.11',
  'python3.11': '1.43.11',
  'python3.12': '1.43.11',
  'python3.13': '1.43.11',
  'python3.14': '1.43.11',
};

/** Packages of the Node runtime's SDK: a function that imports one of these gets the engine's copy. */
export const NODE_SDK_SCOPES = /^@(aws-sdk|smithy)\/[a-z0-9][a-z0-9._-]*$/;

/** Top-level Python packages the Python runtimes include. */
export const PYTHON_SDK_MODULES: readonly string[] = ['boto3', 'botocore', 's3transfer'];

/** The SDK version a runtime includes, or undefined when the runtime includes none we provide. */
export function nodeSdkVersion(runtime: string): string | undefined {
  if (NODE_SDK_VERSIONS[runtime]) return NODE_SDK_VERSIONS[runtime];
  const major = Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);
  return major > 24 ? NODE_SDK_VERSIONS['nodejs24.x'] : undefined;
}

export function pythonSdkVersion(runtime: string): string | undefined {
  return PYTHON_SDK_VERSIONS[runtime] ?? (/^python3\.\d+$/.test(runtime) ? PYTHON_SDK_VERSIONS['python3.13'] : undefined);
}
