// One event source mapping's settings (fidelity 9.1-9.3): validation of Create/Update input with
// Lambda's messages, the defaults per source type, and the EventSourceMappingConfiguration shape.
import { functionArn, type Partition } from '../../arn';
import { ApiError, invalidParameter, validationError } from '../../errors';
import { parseFilters } from './filterCriteria';

/** The event source types mappings support locally. */
export type SourceKind = 'sqs' | 'kinesis' | 'dynamodb';

/** A mapping as stored. */
export interface MappingConfig {
  readonly uuid: string;
  readonly kind: SourceKind;
  readonly eventSourceArn: string;
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly enabled: boolean;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly reportBatchItemFailures: boolean;
  readonly filterCriteria: { readonly Filters: readonly { readonly Pattern: string }[] } | undefined;
  readonly maximumConcurrency: number | undefined;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP' | undefined;
  readonly startingPositionTimestamp: number | undefined;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeInSeconds: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly parallelizationFactor: number;
  readonly tumblingWindowInSeconds: number;
  readonly onFailure: string | undefined;
  /** Epoch ms. */
  readonly lastModified: number;
  readonly source: 'template' | 'api';
  /** For template mappings: the template's settings they came from (API updates last until those change). */
  readonly templateInput?: string;
  /** TagResource / CreateEventSourceMapping `Tags`. */
  readonly tags?: Readonly<Record<string, string>>;
}

type Input = Readonly<Record<string, unknown>>;

/** The source type of an event source ARN, or Lambda's error for anything else. */
export function kindOf(arn: unknown): SourceKind {
  if (typeof arn !== 'string' || !/^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/.test(arn)) {
    throw arn === undefined ? invalidParameter('Unrecognized event source.') : validationError(arn, 'eventSourceArn', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)');
  }
  const service = arn.split(':')[2];
  if (service === 'sqs') return 'sqs';
  if (service === 'kinesis') return 'kinesis';
  if (service === 'dynamodb' && arn.includes('/stream/')) return 'dynamodb';
  throw invalidParameter(`Unsupported event source type: only SQS queues, Kinesis streams and DynamoDB streams can be mapped locally (got ${arn}).`);
}

function int(input: Input, key: string, field: string, min: number, max: number): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw validationError(v, field, 'Member must be an integer');
  if (v < min) throw validationError(v, field, `Member must have value greater than or equal to ${min}`);
  if (v > max) throw validationError(v, field, `Member must have value less than or equal to ${max}`);
  return v;
}

/** The checks AWS makes before it looks the function up (AWS-recorded): the source type, then the destination. */
export function checkSource(input: Input, base?: MappingConfig): SourceKind {
  const kind = base?.kind ?? kindOf(input['EventSourceArn']);
  const destination = input['DestinationConfig'] as { OnSuccess?: unknown; OnFailure?: { Destination?: unknown } } | undefined;
  if (destination && 'OnSuccess' in destination) throw invalidParameter('Unsupported DestinationConfig parameter for given event source mapping type.');
  if (destination && kind === 'sqs' && destination.OnFailure?.Destination) throw invalidParameter('Unsupported DestinationConfig parameter for given event source mapping type.');
  return kind;
}

/** Builds a mapping from Create input (or merges Update input into `base`); throws Lambda's errors. */
export function mappingFromInput(input: Input, base: MappingConfig | undefined, ids: { uuid: string; functionName: string; qualifier: string | undefined; now: number; source: 'template' | 'api' }): MappingConfig {
  const kind = checkSource(input, base);
  const stream = kind !== 'sqs';
  const destination = input['DestinationConfig'] as { OnSuccess?: unknown; OnFailure?: { Destination?: unknown } } | undefined;
  let startingPosition = base?.startingPosition;
  if (!base && stream) {
    const sp = input['StartingPosition'];
    if (sp === undefined || sp === null) throw invalidParameter("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
    if (sp !== 'TRIM_HORIZON' && sp !== 'LATEST' && sp !== 'AT_TIMESTAMP') throw validationError(sp, 'startingPosition', 'Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]');
    if (kind === 'dynamodb' && sp === 'AT_TIMESTAMP') throw invalidParameter(`Unsupported starting position for arn type: ${String(input['EventSourceArn'])}`);
    startingPosition = sp;
  }
  const batchSize = int(input, 'BatchSize', 'batchSize', 1, 10000) ?? base?.batchSize ?? (stream ? 100 : 10);
  const window = int(input, 'MaximumBatchingWindowInSeconds', 'maximumBatchingWindowInSeconds', 0, 300) ?? base?.maximumBatchingWindowInSeconds ?? 0;
  const fifo = kind === 'sqs' && String(input['EventSourceArn'] ?? base?.eventSourceArn).endsWith('.fifo');
  if (kind === 'sqs') {
    if (fifo && batchSize > 10) throw invalidParameter('Batch size cannot be greater than 10 for an SQS FIFO queue.');
    if (batchSize > 10 && window === 0) throw invalidParameter('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
  const types = input['FunctionResponseTypes'];
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => t !== 'ReportBatchItemFailures'))) {
    throw validationError(JSON.stringify(types), 'functionResponseTypes', 'Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]');
  }
  const filterCriteria = input['FilterCriteria'] === undefined ? base?.filterCriteria : (input['FilterCriteria'] as MappingConfig['filterCriteria']);
  parseFilters(filterCriteria);
  const concurrency = (input['ScalingConfig'] as { MaximumConcurrency?: unknown } | undefined)?.MaximumConcurrency;
  if (concurrency !== undefined && (typeof concurrency !== 'number' || concurrency < 2 || concurrency > 1000)) {
    throw validationError(concurrency, 'scalingConfig.maximumConcurrency', 'Member must have value greater than or equal to 2');
  }
  const onFailure = destination?.OnFailure?.Destination;
  return {
    uuid: ids.uuid,
    kind,
    eventSourceArn: base?.eventSourceArn ?? (input['EventSourceArn'] as string),
    functionName: ids.functionName,
    qualifier: ids.qualifier,
    enabled: typeof input['Enabled'] === 'boolean' ? input['Enabled'] : (base?.enabled ?? true),
    batchSize,
    maximumBatchingWindowInSeconds: window,
    reportBatchItemFailures: Array.isArray(types) ? types.length > 0 : (base?.reportBatchItemFailures ?? false),
    filterCriteria,
    maximumConcurrency: typeof concurrency === 'number' ? concurrency : base?.maximumConcurrency,
    startingPosition,
    startingPositionTimestamp: base?.startingPositionTimestamp ?? (typeof input['StartingPositionTimestamp'] === 'number' ? input['StartingPositionTimestamp'] * 1000 : undefined),
    maximumRetryAttempts: int(input, 'MaximumRetryAttempts', 'maximumRetryAttempts', -1, 10000) ?? base?.maximumRetryAttempts ?? -1,
    maximumRecordAgeInSeconds: checkRecordAge(int(input, 'MaximumRecordAgeInSeconds', 'maximumRecordAgeInSeconds', -1, 604800)) ?? base?.maximumRecordAgeInSeconds ?? -1,
    bisectBatchOnFunctionError: typeof input['BisectBatchOnFunctionError'] === 'boolean' ? input['BisectBatchOnFunctionError'] : (base?.bisectBatchOnFunctionError ?? false),
    parallelizationFactor: int(input, 'ParallelizationFactor', 'parallelizationFactor', 1, 10) ?? base?.parallelizationFactor ?? 1,
    tumblingWindowInSeconds: int(input, 'TumblingWindowInSeconds', 'tumblingWindowInSeconds', 0, 900) ?? base?.tumblingWindowInSeconds ?? 0,
    onFailure: destination ? (typeof onFailure === 'string' && onFailure ? onFailure : undefined) : base?.onFailure,
    lastModified: ids.now,
    source: ids.source,
  };
}

function checkRecordAge(v: number | undefined): number | undefined {
  if (v !== undefined && v !== -1 && v < 60) throw validationError(v, 'maximumRecordAgeInSeconds', 'Member must have value greater than or equal to 60');
  return v;
}

/** The state names the API reports. */
export type MappingState = 'Creating' | 'Enabled' | 'Disabled' | 'Enabling' | 'Disabling' | 'Updating' | 'Deleting';

/** EventSourceMappingConfiguration as the API returns it. */
export function toApi(m: MappingConfig, p: Partition, state: MappingState, lastProcessingResult: string): Record<string, unknown> {
  const common = {
    UUID: m.uuid,
    ...(m.kind !== 'sqs' ? { StartingPosition: m.startingPosition } : {}),
    ...(m.startingPositionTimestamp !== undefined ? { StartingPositionTimestamp: m.startingPositionTimestamp / 1000 } : {}),
    BatchSize: m.batchSize,
    MaximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
    ...(m.kind !== 'sqs' ? { ParallelizationFactor: m.parallelizationFactor } : {}),
    EventSourceArn: m.eventSourceArn,
    ...(m.filterCriteria ? { FilterCriteria: m.filterCriteria } : {}),
    FunctionArn: functionArn(p, m.functionName, m.qualifier),
    LastModified: m.lastModified / 1000,
  };
  if (m.kind === 'sqs') {
    return {
      ...common,
      State: state,
      StateTransitionReason: 'USER_INITIATED',
      FunctionResponseTypes: m.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
      ...(m.maximumConcurrency !== undefined ? { ScalingConfig: { MaximumConcurrency: m.maximumConcurrency } } : {}),
      EventSourceMappingArn: mappingArn(p, m.uuid),
    };
  }
  return {
    ...common,
    LastProcessingResult: lastProcessingResult,
    State: state,
    StateTransitionReason: 'User action',
    DestinationConfig: { OnFailure: m.onFailure ? { Destination: m.onFailure } : {} },
    MaximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds,
    BisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
    MaximumRetryAttempts: m.maximumRetryAttempts,
    TumblingWindowInSeconds: m.tumblingWindowInSeconds,
    FunctionResponseTypes: m.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
    EventSourceMappingArn: mappingArn(p, m.uuid),
  };
}

/** EventSourceMappingArn of a UUID. */
export const mappingArn = (p: Partition, uuid: string): string => `arn:aws:lambda:${p.region}:${p.accountId}:event-source-mapping:${uuid}`;

/** ResourceNotFoundException for an unknown UUID. */
export const mappingNotFound = (): ApiError => new ApiError('ResourceNotFoundException', 404, 'The resource you requested does not exist.');
