// AWS documents (FunctionConfiguration, AliasConfiguration) to the backend's summaries. The local
// management plane returns the same documents as the SDK, so both backends share these mappers.
import type { AliasSummary, FunctionSummary, RoutingSplit, VersionSummary } from './lambdaBackend';

type Doc = Record<string, unknown> | object;
const str = (d: Doc, k: string): string => {
  const v = (d as Record<string, unknown>)[k];
  return typeof v === 'string' ? v : '';
};
const num = (d: Doc, k: string): number => {
  const v = (d as Record<string, unknown>)[k];
  return typeof v === 'number' ? v : 0;
};

/** FunctionConfiguration -> FunctionSummary (reserved concurrency comes from GetFunctionConcurrency). */
export function toFunctionSummary(d: Doc, reservedConcurrency: number | undefined): FunctionSummary {
  const logging = (d as { LoggingConfig?: { LogGroup?: string } }).LoggingConfig;
  const name = str(d, 'FunctionName');
  return {
    name,
    arn: str(d, 'FunctionArn'),
    runtime: str(d, 'Runtime') || str(d, 'PackageType'),
    handler: str(d, 'Handler'),
    memorySize: num(d, 'MemorySize'),
    timeout: num(d, 'Timeout'),
    description: str(d, 'Description'),
    architecture: (d as { Architectures?: string[] }).Architectures?.[0] ?? 'x86_64',
    codeSha256: str(d, 'CodeSha256'),
    reservedConcurrency,
    logGroup: logging?.LogGroup || `/aws/lambda/${name}`,
  };
}

export function toVersionSummary(d: Doc): VersionSummary {
  return { version: str(d, 'Version'), arn: str(d, 'FunctionArn'), description: str(d, 'Description'), codeSha256: str(d, 'CodeSha256'), lastModified: str(d, 'LastModified') };
}

export function toAliasSummary(d: Doc): AliasSummary {
  const weights = (d as { RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> } }).RoutingConfig?.AdditionalVersionWeights ?? {};
  const [version, weight] = Object.entries(weights)[0] ?? [];
  const routing: RoutingSplit | undefined = version !== undefined && weight !== undefined ? { version, weight } : undefined;
  return { name: str(d, 'Name'), arn: str(d, 'AliasArn'), functionVersion: str(d, 'FunctionVersion'), description: str(d, 'Description'), routing };
}

/** The RoutingConfig document for a split (an empty map clears routing). */
export function routingConfig(split: RoutingSplit | null): { AdditionalVersionWeights: Record<string, number> } {
  return { AdditionalVersionWeights: split ? { [split.version]: split.weight } : {} };
}

/** Versions sorted numerically (the API pages them in order, but be safe). */
export const byVersionNumber = (a: VersionSummary, b: VersionSummary): number => Number(a.version) - Number(b.version);
