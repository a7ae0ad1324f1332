// The CloudWatch Logs JSON 1.1 service on the engine's endpoint (`X-Amz-Target: Logs_20140328.<Op>`),
// backed by the engine's LogStore: what `aws logs ...` and @aws-sdk/client-cloudwatch-logs talk to.
import type { Partition } from '../../arn';
import { logsError } from '../../errors';
import type { LogStore } from '../../logs/logStore';
import { filterLogEvents, getLogEvents, testMetricFilter } from './logsApiEvents';
import {
  createLogGroup,
  createLogStream,
  deleteLogGroup,
  deleteLogStream,
  deleteRetentionPolicy,
  describeLogGroups,
  describeLogStreams,
  putLogEvents,
  putRetentionPolicy,
} from './logsApiGroups';
import type { Input, LogsContext } from './logsApiShared';
import { startLiveTail } from './logsLiveTail';
import { json, parseJsonBody, type ApiReply, type ApiRequest, type TargetService } from '../http/router';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

type Operation = (ctx: LogsContext, input: Input, req: ApiRequest) => unknown;

const operations: Readonly<Record<string, Operation>> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  DeleteLogGroup: deleteLogGroup,
  DeleteLogStream: deleteLogStream,
  PutRetentionPolicy: putRetentionPolicy,
  DeleteRetentionPolicy: deleteRetentionPolicy,
  PutLogEvents: putLogEvents,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
  TestMetricFilter: testMetricFilter,
};

/** Operations this endpoint implements (for docs and the UI). */
export const logsOperations = [...Object.keys(operations), 'StartLiveTail'];

/** Builds the `Logs_20140328` target for `ApiServer.addTarget`. */
export function logsApi(store: LogStore, partition: Partition): TargetService {
  const ctx: LogsContext = { store, partition };
  return {
    prefix: 'Logs_20140328',
    contentType: CONTENT_TYPE,
    handle: (operation, req): ApiReply | Promise<ApiReply> => {
      const input = parseJsonBody<Input>(req, (m) => logsError('SerializationException', `Cannot parse the request body as JSON: ${m}`));
      if (operation === 'StartLiveTail') return startLiveTail(ctx, input, req);
      const op = operations[operation];
      if (!op) {
        throw logsError(
          'UnknownOperationException',
          `Lambda Workbench's CloudWatch Logs endpoint does not implement ${operation}. Supported: ${logsOperations.join(', ')}.`,
        );
      }
      const result = op(ctx, input, req);
      return result instanceof Promise ? result.then((body) => json(200, body, { 'Content-Type': CONTENT_TYPE })) : json(200, result, { 'Content-Type': CONTENT_TYPE });
    },
  };
}
