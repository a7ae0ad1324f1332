// The event records Lambda builds from stream records (fidelity 9.3): Kinesis and DynamoDB shapes in
// Lambda's field order, and the batch info an on-failure destination receives.
import type { StreamKind, StreamRecord } from './localStream';

/** DynamoDB StreamSpecification.StreamViewType. */
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** One Kinesis record of the event. */
export function kinesisEventRecord(r: StreamRecord, streamArn: string, region: string, invokeIdentityArn: string): Record<string, unknown> {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: r.partitionKey,
      sequenceNumber: r.sequenceNumber,
      data: r.data,
      approximateArrivalTimestamp: r.arrival / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${r.shardId}:${r.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn,
    awsRegion: region,
    eventSourceARN: streamArn,
  };
}

/** One DynamoDB stream record of the event; images follow the table's StreamViewType. */
export function dynamoDbEventRecord(r: StreamRecord, streamArn: string, region: string, viewType: StreamViewType): Record<string, unknown> {
  const c = r.change;
  if (!c) throw new Error(`Record ${r.sequenceNumber} of ${streamArn} is not a DynamoDB change`);
  const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  return {
    eventID: c.eventID,
    eventName: c.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(r.arrival / 1000),
      Keys: c.keys,
      ...(withNew && c.newImage ? { NewImage: c.newImage } : {}),
      ...(withOld && c.oldImage ? { OldImage: c.oldImage } : {}),
      SequenceNumber: r.sequenceNumber,
      SizeBytes: c.sizeBytes,
      StreamViewType: viewType,
    },
    eventSourceARN: streamArn,
  };
}

/** `KinesisBatchInfo` / `DDBStreamBatchInfo` of an on-failure record. */
export function batchInfo(kind: StreamKind, records: readonly StreamRecord[], streamArn: string): Record<string, unknown> {
  const first = records[0] as StreamRecord;
  const last = records[records.length - 1] as StreamRecord;
  return {
    [kind === 'kinesis' ? 'KinesisBatchInfo' : 'DDBStreamBatchInfo']: {
      shardId: first.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: new Date(first.arrival).toISOString(),
      approximateArrivalOfLastRecord: new Date(last.arrival).toISOString(),
      batchSize: records.length,
      streamArn,
    },
  };
}

/** The on-failure destination record of a stream batch (no payload, a pointer to the records). */
export function streamFailureRecord(args: {
  readonly kind: StreamKind;
  readonly records: readonly StreamRecord[];
  readonly streamArn: string;
  readonly requestId: string;
  readonly functionArn: string;
  readonly condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
  readonly approximateInvokeCount: number;
  readonly executedVersion: string;
  readonly timestamp: number;
}): string {
  return JSON.stringify({
    requestContext: { requestId: args.requestId, functionArn: args.functionArn, condition: args.condition, approximateInvokeCount: args.approximateInvokeCount },
    responseContext: { statusCode: 200, executedVersion: args.executedVersion, functionError: 'Unhandled' },
    version: '1.0',
    timestamp: new Date(args.timestamp).toISOString(),
    ...batchInfo(args.kind, args.records, args.streamArn),
  });
}
