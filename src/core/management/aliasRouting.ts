// Weighted alias routing (fidelity 6): validation of RoutingConfig.AdditionalVersionWeights with AWS's
// messages, and the seedable random source that picks the version of each request.
import { randomBytes } from 'node:crypto';
import { ApiError, invalidParameter } from '../errors';

/** A reproducible uniform [0, 1) source (mulberry32); seeded from crypto when no seed is given. */
export class RoutingRandom {
  private state = 0;

  constructor(seed?: number) {
    this.reseed(seed);
  }

  /** Restarts the sequence; the same seed gives the same draws. */
  reseed(seed?: number): void {
    this.state = (seed ?? randomBytes(4).readUInt32LE(0)) >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

// Java's Double.toString, which AWS's messages show (1 -> "1.0").
const javaDouble = (v: unknown): string => (typeof v === 'number' && Number.isInteger(v) ? v.toFixed(1) : String(v));

const invalidWeights = (key: string, value: unknown, constraint: string): ApiError =>
  new ApiError(
    'ValidationException',
    400,
    `1 validation error detected: Value '{${key}=${javaDouble(value)}}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: ${constraint}`,
  );

/**
 * Checks a RoutingConfig against the alias's primary version, in AWS's order; returns the one
 * additional version and its weight, or undefined when the config clears routing.
 */
export function parseRoutingConfig(routing: unknown, primaryVersion: string): readonly [string, number] | undefined {
  if (routing === undefined || routing === null) return undefined;
  if (typeof routing !== 'object' || Array.isArray(routing)) throw new ApiError('ValidationException', 400, `1 validation error detected: Value at 'routingConfig' failed to satisfy constraint: Member must be a structure`);
  const weights = (routing as { AdditionalVersionWeights?: unknown }).AdditionalVersionWeights;
  if (weights === undefined || weights === null) return undefined;
  if (typeof weights !== 'object' || Array.isArray(weights)) throw new ApiError('ValidationException', 400, `1 validation error detected: Value at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Member must be a map`);
  const items = Object.entries(weights as Record<string, unknown>);
  if (items.length === 0) return undefined;
  if (items.length > 1) throw invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
  const [key, value] = items[0] as [string, unknown];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalidWeights(key, value, 'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]');
  }
  if (key === primaryVersion) {
    throw invalidParameter(`Invalid function version ${primaryVersion}. Function version ${primaryVersion} is already included in routing configuration.`);
  }
  // AWS sends this one without the `Type` field its other InvalidParameterValueExceptions carry (recorded).
  if (primaryVersion === '$LATEST') throw new ApiError('InvalidParameterValueException', 400, '$LATEST is not supported for an alias pointing to more than 1 version', { Type: undefined });
  if (!/^[0-9]+$/.test(key) || key.length > 1024) {
    throw invalidWeights(key, value, 'Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]');
  }
  return [key, value];
}

/** The AWS shape of a routing config. */
export function routingConfigOut(routing: Readonly<Record<string, number>> | undefined): { AdditionalVersionWeights: Record<string, number> } | undefined {
  return routing && Object.keys(routing).length ? { AdditionalVersionWeights: { ...routing } } : undefined;
}
