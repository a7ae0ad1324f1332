// Where async outcomes go (fidelity 8): the invocation record for OnSuccess / OnFailure destinations,
// the DLQ message (original event plus RequestID/ErrorCode/ErrorMessage), and delivery by ARN.
import { WorkbenchError } from '../errors';
import type { Invoker } from './invoker';

/** SQS-style message attributes (also mapped onto SNS MessageAttributes). */
export type MessageAttributes = Readonly<Record<string, { readonly DataType: string; readonly StringValue: string }>>;

/** The local queues and topics destinations can reach (provided by the event-source subsystem). */
export interface MessageTargets {
  /** Sends to a local queue by ARN; rejects when the queue does not exist locally. */
  sendToQueue(arn: string, body: string, attributes?: MessageAttributes): Promise<void>;
  /** Publishes to a local topic by ARN; rejects when the topic does not exist locally. */
  publishToTopic(arn: string, message: string, attributes?: MessageAttributes): Promise<void>;
}

/** `requestContext.condition` of an invocation record. */
export type RecordCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency' | 'RecursiveInvocationDropped';

/** What the function answered, for the record's responseContext / responsePayload. */
export interface RecordResponse {
  readonly executedVersion: string;
  readonly functionError: boolean;
  readonly payload: Buffer;
}

/** The asynchronous invocation record, byte-compatible with Lambda's (field order included). */
export function invocationRecord(args: {
  readonly requestId: string;
  readonly functionArn: string;
  readonly condition: RecordCondition;
  readonly approximateInvokeCount: number;
  readonly requestPayload: string;
  readonly response: RecordResponse | undefined;
  readonly timestamp: number;
}): string {
  const record: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date(args.timestamp).toISOString(),
    requestContext: { requestId: args.requestId, functionArn: args.functionArn, condition: args.condition, approximateInvokeCount: args.approximateInvokeCount },
    requestPayload: parseOrText(args.requestPayload),
  };
  if (args.response) {
    record.responseContext = {
      statusCode: 200,
      executedVersion: args.response.executedVersion,
      ...(args.response.functionError ? { functionError: 'Unhandled' } : {}),
    };
    record.responsePayload = args.response.payload.length === 0 ? null : parseOrText(args.response.payload.toString('utf8'));
  }
  return JSON.stringify(record);
}

/** DLQ message attributes: RequestID, ErrorCode and ErrorMessage. */
export function deadLetterAttributes(requestId: string, errorCode: string, errorMessage: string): MessageAttributes {
  return {
    RequestID: { DataType: 'String', StringValue: requestId },
    ErrorCode: { DataType: 'Number', StringValue: errorCode },
    ErrorMessage: { DataType: 'String', StringValue: errorMessage.slice(0, 1024) || 'Unknown error' },
  };
}

/** The errorMessage of a function error payload (what DLQ messages carry). */
export function errorMessageOf(payload: Buffer): string {
  try {
    const v = JSON.parse(payload.toString('utf8')) as { errorMessage?: unknown };
    if (typeof v.errorMessage === 'string') return v.errorMessage;
  } catch {
    // Not JSON.
  }
  return payload.toString('utf8');
}

/** Sends a message body to a destination ARN: a local queue, a local topic or another function. */
export class DestinationSender {
  constructor(private readonly invoker: Invoker, private readonly targets: () => MessageTargets | undefined) {}

  async send(arn: string, body: string, attributes?: MessageAttributes): Promise<void> {
    const service = arn.split(':')[2];
    if (service === 'lambda') {
      await this.invoker.invoke({ functionName: arn, payload: Buffer.from(body), invocationType: 'Event' });
      return;
    }
    const targets = this.targets();
    if (service === 'sqs' && targets) return targets.sendToQueue(arn, body, attributes);
    if (service === 'sns' && targets) return targets.publishToTopic(arn, body, attributes);
    throw new WorkbenchError(`Cannot deliver to ${arn}: only local queues (sqs), topics (sns) and functions (lambda) are emulated as destinations.`, 'DestinationUnsupported');
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
