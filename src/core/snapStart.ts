// SnapStart (`SnapStart: {ApplyOn: PublishedVersions}`): which runtimes take it and Lambda's validation
// messages, shared by the template checks, the API and the runtime (recorded: see docs/snapstart.md).
import { ApiError, validationError } from './errors';
import type { FunctionConfig } from './functionConfig';

/** Java 11+, Python 3.12+ and .NET 8+ (developer guide, "Supported features and limitations"). */
export function snapStartRuntime(runtime: string): boolean {
  const java = /^java(\d+)$/.exec(runtime);
  if (java) return Number(java[1]) >= 11;
  const py = /^python3\.(\d+)$/.exec(runtime);
  if (py) return Number(py[1]) >= 12;
  const net = /^dotnet(\d+)$/.exec(runtime);
  return net !== null && Number(net[1]) >= 8;
}

/** Lambda's errors for a SnapStart setting, or undefined when it is valid (`None` always is). */
export function snapStartProblem(applyOn: unknown, runtime: string, ephemeralStorage: number): ApiError | undefined {
  if (applyOn === undefined || applyOn === null) return new ApiError('ValidationException', 400, "1 validation error detected: Value null at 'snapStart.applyOn' failed to satisfy constraint: Member must not be null");
  if (applyOn !== 'PublishedVersions' && applyOn !== 'None') return validationError(applyOn, 'snapStart.applyOn', 'Member must satisfy enum value set: [PublishedVersions, None]');
  if (applyOn === 'None') return undefined;
  if (!snapStartRuntime(runtime)) return new ApiError('InvalidParameterValueException', 400, `${runtime} is not supported for SnapStart enabled functions.`);
  // The limit is documented; the message wording is ours.
  if (ephemeralStorage > 512) return new ApiError('InvalidParameterValueException', 400, 'SnapStart enabled functions do not support ephemeral storage greater than 512 MB.');
  return undefined;
}

/**
 * A published version that runs from a snapshot: init and before-snapshot hooks at publish, restore on
 * cold starts. Python and Java (our runtime clients drive /restore/next); .NET has no local runtime.
 */
export const runsFromSnapshot = (c: FunctionConfig): boolean => c.snapStart === 'PublishedVersions' && c.version !== '$LATEST' && /^(python3\.\d+|java\d+)$/.test(c.runtime) && snapStartRuntime(c.runtime);
