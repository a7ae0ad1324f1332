// DurableConfig (ExecutionTimeout, RetentionPeriodInDays) validated with Lambda's ranges and messages,
// shared by the template loader and CreateFunction / UpdateFunctionConfiguration.
import { validationError } from '../errors';
import type { DurableConfig } from '../functionConfig';

export const DURABLE_TIMEOUT_MAX = 31_622_400;
export const DURABLE_RETENTION_DEFAULT = 14;

/**
 * Validates a DurableConfig object (API or template shape); throws Lambda's ValidationException.
 * `base` supplies the values an update leaves out.
 */
export function checkDurableConfig(value: unknown, base?: DurableConfig): DurableConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw validationError(value, 'durableConfig', 'Member must be a structure');
  const v = value as { ExecutionTimeout?: unknown; RetentionPeriodInDays?: unknown };
  const timeout = v.ExecutionTimeout === undefined ? base?.executionTimeout : int(v.ExecutionTimeout, 'durableConfig.executionTimeout', 1, DURABLE_TIMEOUT_MAX);
  const retention = v.RetentionPeriodInDays === undefined ? base?.retentionPeriodInDays ?? DURABLE_RETENTION_DEFAULT : int(v.RetentionPeriodInDays, 'durableConfig.retentionPeriodInDays', 1, 90);
  if (timeout === undefined) throw validationError(null, 'durableConfig.executionTimeout', 'Member must not be null');
  return { executionTimeout: timeout, retentionPeriodInDays: retention };
}

/** The DurableConfig document of GetFunctionConfiguration. */
export function durableConfigDocument(c: DurableConfig): { ExecutionTimeout: number; RetentionPeriodInDays: number } {
  return { ExecutionTimeout: c.executionTimeout, RetentionPeriodInDays: c.retentionPeriodInDays };
}

// CloudFormation passes "3600" where an integer is expected; the API does not.
function int(v: unknown, field: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isInteger(n)) throw validationError(v, field, 'Member must be an integer');
  if (n < min) throw validationError(n, field, `Member must have value greater than or equal to ${min}`);
  if (n > max) throw validationError(n, field, `Member must have value less than or equal to ${max}`);
  return n;
}
