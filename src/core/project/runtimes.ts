// Lambda runtime identifiers as the project layer sees them: which ones AWS accepts today, which it no
// longer accepts, and which of them this emulator can run. The data lives in runtime/runtimeTable.ts.
import { RUNTIME_TABLE, effectiveRuntime, lifecycleText, runtimeEntry, type RuntimeLanguage } from '../runtimeTable';

/** Runtimes Lambda accepts for creating or updating a function (the enum in AWS's error message). */
export const LAMBDA_RUNTIMES: readonly string[] = RUNTIME_TABLE.filter((r) => r.accepted).map((r) => r.id);

/** Runtimes in the Lambda API model that AWS no longer accepts for creating or updating functions. */
export const DEPRECATED_RUNTIMES: readonly string[] = RUNTIME_TABLE.filter((r) => !r.accepted).map((r) => r.id);

export type RuntimeFamily = 'node' | 'python' | 'provided' | 'java' | 'dotnet' | 'ruby' | 'unknown';

const FAMILY: Record<RuntimeLanguage, RuntimeFamily> = { nodejs: 'node', python: 'python', provided: 'provided', go: 'provided', java: 'java', dotnet: 'dotnet', ruby: 'ruby' };

/** The language family of a runtime identifier. */
export function runtimeFamily(runtime: string): RuntimeFamily {
  const entry = runtimeEntry(runtime);
  if (entry) return FAMILY[entry.language];
  if (runtime.startsWith('nodejs')) return 'node';
  if (runtime.startsWith('python')) return 'python';
  if (runtime.startsWith('provided.')) return 'provided';
  if (runtime.startsWith('java')) return 'java';
  if (runtime.startsWith('dotnet')) return 'dotnet';
  if (runtime.startsWith('ruby')) return 'ruby';
  return 'unknown';
}

/** Languages whose functions the engine starts (other helpers add theirs here). */
export const LOCAL_LANGUAGES: ReadonlySet<RuntimeLanguage> = new Set<RuntimeLanguage>(['nodejs', 'python', 'provided', 'go', 'java', 'ruby']);

/** Whether the emulator can start an execution environment for this runtime (retired ones on their successor). */
export function isRunnableLocally(runtime: string): boolean {
  const entry = runtimeEntry(effectiveRuntime(runtime));
  return !!entry && LOCAL_LANGUAGES.has(entry.language) && (entry.accepted || entry.language === 'go');
}

/** The enum exactly as AWS prints it in that message (its own order and members; recorded 2025-11). */
const AWS_RUNTIME_ENUM_TEXT =
  'nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2';

/** AWS's message for a runtime outside the enum (unknown, misspelled or uppercase). */
export function unknownRuntimeMessage(runtime: string): string {
  return `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${AWS_RUNTIME_ENUM_TEXT}] or be a valid ARN`;
}

/** AWS's message for a runtime it no longer accepts. */
export function deprecatedRuntimeMessage(runtime: string): string {
  return `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`;
}

/** The template warning for a retired runtime: its dates, what deploying does, and what runs it locally. */
export function retiredRuntimeWarning(runtime: string): string {
  const entry = runtimeEntry(runtime);
  const dates = entry ? lifecycleText(entry) : 'deprecated';
  const local = isRunnableLocally(runtime)
    ? `It runs locally on the nearest available runtime (${effectiveRuntime(runtime)}'s interpreter)`
    : `Lambda Workbench cannot run it locally${entry?.successor ? `; change Runtime to ${entry.successor}` : ''}`;
  return `${runtime} was ${dates}: deploying this template fails with "${deprecatedRuntimeMessage(runtime)}" ${local}.`;
}
