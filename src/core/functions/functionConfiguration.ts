// The API shape of a function (FunctionConfiguration in the Lambda API), from a runnable config.
import { functionArn, type Partition } from '../arn';
import type { FunctionConfig } from './functionConfig';

export interface ConfigurationExtras {
  /** Qualify the ARN (versions; $LATEST entries of ListVersionsByFunction). */
  readonly qualifiedArn?: boolean;
  readonly lastModified?: string;
  readonly revisionId?: string;
  readonly codeSize?: number;
}

/** FunctionConfiguration as GetFunctionConfiguration returns it. */
export function toFunctionConfiguration(p: Partition, c: FunctionConfig, extras: ConfigurationExtras = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    FunctionName: c.functionName,
    FunctionArn: extras.qualifiedArn ? functionArn(p, c.functionName, c.version) : functionArn(p, c.functionName),
    Runtime: c.runtime,
    Role: c.role ?? `arn:aws:iam::${p.accountId}:role/lambda-workbench-local`,
    Handler: c.handler,
    CodeSize: extras.codeSize ?? 0,
    Description: c.description,
    Timeout: c.timeout,
    MemorySize: c.memorySize,
    LastModified: extras.lastModified ?? new Date(0).toISOString().replace('Z', '+0000'),
    CodeSha256: c.codeSha256,
    Version: c.version,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: extras.revisionId ?? '00000000-0000-0000-0000-000000000000',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [...c.architectures],
    EphemeralStorage: { Size: c.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: {
      LogFormat: c.logging.logFormat,
      LogGroup: c.logging.logGroup,
      ...(c.logging.applicationLogLevel ? { ApplicationLogLevel: c.logging.applicationLogLevel } : {}),
      ...(c.logging.systemLogLevel ? { SystemLogLevel: c.logging.systemLogLevel } : {}),
    },
  };
  if (Object.keys(c.environment).length) out.Environment = { Variables: { ...c.environment } };
  if (c.layers.length) out.Layers = c.layers.map((l) => ({ Arn: `arn:aws:lambda:${p.region}:${p.accountId}:layer:${l.name}:1`, CodeSize: 0 }));
  return out;
}
