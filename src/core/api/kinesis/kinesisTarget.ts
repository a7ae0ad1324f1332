// A minimal Kinesis JSON API (X-Amz-Target: Kinesis_20131202.*) over the local streams: CreateStream,
// ListStreams, DescribeStreamSummary, PutRecord and PutRecords, so `aws kinesis ...` can feed them.
import type { Partition } from '../../arn';
import { ApiError, messageOf } from '../../errors';
import type { LocalStream } from '../../events/streams/localStream';
import type { LocalStreams } from '../../events/streams/localStreams';
import type { ApiReply, TargetService } from '../http/router';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
type Body = Record<string, unknown>;
const MAX_RECORD = 1024 * 1024;

const invalid = (message: string): ApiError => new ApiError('ValidationException', 400, message);

/** The Kinesis_20131202 target service for `ApiServer.addTarget`. */
export function kinesisTarget(streams: LocalStreams, partition: Partition): TargetService {
  const streamOf = (b: Body): LocalStream => {
    const arn = b['StreamARN'];
    const name = typeof b['StreamName'] === 'string' ? b['StreamName'] : typeof arn === 'string' ? arn.split('/').pop() : undefined;
    if (name === undefined) throw invalid('Either StreamName or StreamARN should be provided.');
    const s = streams.get('kinesis', name);
    if (!s) throw new ApiError('ResourceNotFoundException', 400, `Stream ${name} under account ${partition.accountId} not found.`);
    return s;
  };
  const entryOf = (r: Body, at: string): { partitionKey: string; data: string; explicitHashKey?: string } => {
    if (r === null || typeof r !== 'object') throw invalid(`1 validation error detected: Value null at '${at || 'record'}' failed to satisfy constraint: Member must not be null`);
    const key = r['PartitionKey'];
    const data = r['Data'];
    if (typeof key !== 'string' || key.length < 1 || key.length > 256) throw invalid(`1 validation error detected: Value '${String(key)}' at '${at}partitionKey' failed to satisfy constraint: Member must have length between 1 and 256`);
    if (typeof data !== 'string') throw invalid(`1 validation error detected: Value null at '${at}data' failed to satisfy constraint: Member must not be null`);
    if (Buffer.from(data, 'base64').length + Buffer.byteLength(key) > MAX_RECORD) throw invalid(`1 validation error detected: Value at '${at}data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD}`);
    const hash = r['ExplicitHashKey'];
    return { partitionKey: key, data, ...(typeof hash === 'string' ? { explicitHashKey: hash } : {}) };
  };
  const ops: Record<string, (b: Body) => unknown> = {
    CreateStream: (b) => {
      const name = b['StreamName'];
      if (typeof name !== 'string' || !/^[a-zA-Z0-9_.-]{1,128}$/.test(name)) throw invalid(`1 validation error detected: Value '${String(name)}' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`);
      if (streams.get('kinesis', name)) throw new ApiError('ResourceInUseException', 400, `Stream ${name} under account ${partition.accountId} already exists.`);
      const shards = b['ShardCount'] ?? 1;
      if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1 || shards > 100_000) {
        throw invalid(`1 validation error detected: Value '${String(shards)}' at 'shardCount' failed to satisfy constraint: Member must be a whole number from 1 to 100000`);
      }
      streams.create('kinesis', name, shards);
      return {};
    },
    ListStreams: () => {
      const names = streams.list('kinesis');
      return {
        StreamNames: names,
        HasMoreStreams: false,
        StreamSummaries: names.map((n) => ({ StreamName: n, StreamARN: streams.arnOf('kinesis', n), StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' }, StreamCreationTimestamp: streams.createdAt('kinesis', n) / 1000 })),
      };
    },
    DescribeStreamSummary: (b) => {
      const s = streamOf(b);
      return {
        StreamDescriptionSummary: {
          StreamName: s.name,
          StreamARN: s.arn,
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: streams.createdAt('kinesis', s.name) / 1000,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
          OpenShardCount: s.shards.length,
          ConsumerCount: 0,
        },
      };
    },
    PutRecord: async (b) => {
      const [r] = await streamOf(b).put([entryOf(b, '')]);
      return { ShardId: r?.shardId, SequenceNumber: r?.sequenceNumber };
    },
    PutRecords: async (b) => {
      const s = streamOf(b);
      const records = b['Records'];
      if (!Array.isArray(records) || records.length < 1 || records.length > 500) throw invalid(`1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length between 1 and 500`);
      const stored = await s.put(records.map((r, i) => entryOf(r as Body, `records.${i + 1}.member.`)));
      return { FailedRecordCount: 0, Records: stored.map((r) => ({ SequenceNumber: r.sequenceNumber, ShardId: r.shardId })) };
    },
  };
  return {
    prefix: 'Kinesis_20131202',
    contentType: CONTENT_TYPE,
    handle: async (operation, req): Promise<ApiReply> => {
      const op = ops[operation];
      if (!op) throw new ApiError('UnknownOperationException', 400, `Kinesis operation ${operation} is not emulated locally; supported: ${Object.keys(ops).join(', ')}.`);
      let body: Body;
      try {
        body = req.body.length ? (JSON.parse(req.body.toString('utf8')) as Body) : {};
      } catch (e) {
        throw new ApiError('SerializationException', 400, messageOf(e));
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('SerializationException', 400, 'The request body must be a JSON object.');
      return { status: 200, headers: { 'Content-Type': CONTENT_TYPE }, body: await op(body) };
    },
  };
}
