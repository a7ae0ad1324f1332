// Lambda runtime identifiers: which ones AWS accepts today, which it no longer accepts, and which
// of the accepted ones this emulator can run.

/** Runtimes Lambda accepts for creating or updating a function (the enum in AWS's error message). */
export const LAMBDA_RUNTIMES: readonly string[] = [
  'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x',
  'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14',
  'java8.al2', 'java11', 'java17', 'java21', 'java25',
  'dotnet8', 'dotnet10',
  'ruby3.2', 'ruby3.3', 'ruby3.4',
  'provided', 'provided.al2', 'provided.al2023',
];

/** Runtimes in the Lambda API model that AWS no longer accepts for creating or updating functions. */
export const DEPRECATED_RUNTIMES: readonly string[] = [
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x',
  'python2.7', 'python3.6', 'python3.7', 'python3.8',
  'java8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet6',
  'go1.x', 'ruby2.5', 'ruby2.7',
];

export type RuntimeFamily = 'node' | 'python' | 'provided' | 'java' | 'dotnet' | 'ruby' | 'unknown';

/** The language family of a runtime identifier. */
export function runtimeFamily(runtime: string): RuntimeFamily {
  if (runtime.startsWith('nodejs')) return 'node';
  if (runtime.startsWith('python')) return 'python';
  if (runtime === 'provided' || runtime.startsWith('provided.')) return 'provided';
  if (runtime.startsWith('java')) return 'java';
  if (runtime.startsWith('dotnet')) return 'dotnet';
  if (runtime.startsWith('ruby')) return 'ruby';
  return 'unknown';
}

/** Whether the emulator can start an execution environment for this runtime. */
export function isRunnableLocally(runtime: string): boolean {
  const f = runtimeFamily(runtime);
  return f === 'node' || f === 'python' || f === 'provided' || f === 'java' || f === 'ruby';
}

/** AWS's message for a runtime outside the enum (unknown, misspelled or uppercase). */
export function unknownRuntimeMessage(runtime: string): string {
  return `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${LAMBDA_RUNTIMES.join(', ')}] or be a valid ARN`;
}

/** AWS's message for a runtime it no longer accepts. */
export function deprecatedRuntimeMessage(runtime: string): string {
  return `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`;
}
