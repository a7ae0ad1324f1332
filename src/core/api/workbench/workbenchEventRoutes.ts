// Workbench-only REST routes for event sources that have no AWS API here: the async event history
// (UI timeline), DynamoDB stream records, publishing to local topics, and firing schedules.
import { ApiError, validationError, WorkbenchError } from '../../errors';
import type { EventSources } from '../../events/eventSources';
import { isCarriedAttributeType } from '../../events/topics/snsShapes';
import type { MessageAttributes } from '../../invoke/destinations';
import { parseJsonBody, type ApiRequest, type Route } from '../http/router';

const body = (req: ApiRequest): Record<string, unknown> =>
  parseJsonBody<Record<string, unknown>>(req, (m) => new ApiError('ValidationException', 400, `The request body is not a JSON object: ${m}`));

/** SNS-shaped MessageAttributes ({name: {DataType, StringValue}}) of a publish request; a bad one is a 400. */
function messageAttributes(raw: unknown): MessageAttributes {
  if (raw === undefined) return {};
  const bad = (m: string): ApiError => new ApiError('ValidationException', 400, `MessageAttributes ${m}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('must be an object of {"DataType": ..., "StringValue": ...} by attribute name.');
  const out: Record<string, { DataType: string; StringValue: string }> = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    const a = v as { DataType?: unknown; StringValue?: unknown } | null;
    if (!a || typeof a.DataType !== 'string' || !isCarriedAttributeType(a.DataType) || typeof a.StringValue !== 'string') {
      throw bad(`${name}: needs a DataType of String, Number or String.Array and a StringValue.`);
    }
    out[name] = { DataType: a.DataType, StringValue: a.StringValue };
  }
  return out;
}

/** Routes under /workbench/v1/. */
export function workbenchEventRoutes(events: EventSources): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/workbench\/v1\/async-events\/?$/,
      handler: (req) => {
        const raw = req.query.get('MaxItems');
        const limit = raw === null ? 100 : Number(raw);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw validationError(raw, 'maxItems', 'Member must have value between 1 and 1000');
        const functionName = req.query.get('FunctionName') ?? undefined;
        return { status: 200, body: { Events: events.asyncQueue.history({ ...(functionName ? { functionName } : {}), limit }), Pending: events.asyncQueue.pending } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/workbench\/v1\/async-events\/([^/]+)\/?$/,
      handler: (req) => {
        const h = events.asyncQueue.get(req.params[0] as string);
        if (!h) throw new ApiError('ResourceNotFoundException', 404, `No async event with request id ${req.params[0]} (only the most recent finished events are kept).`);
        return { status: 200, body: h };
      },
    },
    {
      method: 'POST',
      pattern: /^\/workbench\/v1\/dynamodb\/([^/]+)\/stream-records\/?$/,
      handler: async (req) => {
        const records = body(req)['Records'];
        if (!Array.isArray(records) || records.length === 0) throw new ApiError('ValidationException', 400, 'Records must be a non-empty list of {eventName?, Keys, NewImage?, OldImage?}.');
        const stored = await events.streams.putDynamoDbChanges(req.params[0] as string, records as Record<string, unknown>[]);
        return { status: 200, body: { Records: stored.map((r) => ({ SequenceNumber: r.sequenceNumber, ShardId: r.shardId, EventID: r.change?.eventID })) } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/workbench\/v1\/topics\/([^/]+)\/publish\/?$/,
      handler: async (req) => {
        const b = body(req);
        if (typeof b['Message'] !== 'string') throw new ApiError('ValidationException', 400, 'Message (a string) is required.');
        const subject = typeof b['Subject'] === 'string' ? b['Subject'] : undefined;
        const id = await events.topics.publish(events.topics.arnOf(req.params[0] as string), b['Message'], subject, messageAttributes(b['MessageAttributes']));
        return { status: 200, body: { MessageId: id } };
      },
    },
    { method: 'GET', pattern: /^\/workbench\/v1\/schedules\/?$/, handler: () => ({ status: 200, body: { Schedules: events.schedules.list() } }) },
    {
      method: 'POST',
      pattern: /^\/workbench\/v1\/schedules\/([^/]+)(?:\/([^/]+))?\/fire\/?$/,
      handler: async (req) => {
        try {
          const requestId = await events.schedules.fire(req.params[0] as string, req.params[1] || undefined);
          return { status: 202, body: { RequestId: requestId } };
        } catch (e) {
          if (e instanceof WorkbenchError) throw new ApiError('ResourceNotFoundException', 404, e.message);
          throw e;
        }
      },
    },
  ];
}
