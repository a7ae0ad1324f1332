// The SNS Query protocol (form-encoded POST /, XML replies) over the local topics, so `aws sns publish`
// and the SNS SDKs reach functions and queues: Publish (with MessageAttributes and MessageStructure
// json), CreateTopic, ListTopics, Subscribe / Unsubscribe (lambda and sqs, with FilterPolicy and
// RawMessageDelivery), ListSubscriptionsByTopic.
import { ApiError, messageOf } from '../../errors';
import { compileFilterPolicy } from '../../events/topics/filterPolicy';
import { topicNameOf, type LocalTopics } from '../../events/topics/localTopics';
import { isCarriedAttributeType } from '../../events/topics/snsShapes';
import type { MessageAttributes } from '../../invoke/destinations';
import { errorReply } from '../http/apiServer';
import type { ApiReply, ApiRequest, Route } from '../http/router';

const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const MESSAGE_LIMIT = 256 * 1024;

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameter', 400, `Invalid parameter: ${message}`);

/** The XML reply; `result` undefined for actions without a result element (Unsubscribe). */
function xmlReply(action: string, result: string | undefined, requestId: string): ApiReply {
  const inner = result === undefined ? '' : `<${action}Result>${result}</${action}Result>`;
  const body = `<${action}Response xmlns="${NS}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, body, headers: { 'Content-Type': 'text/xml' } };
}

function xmlError(e: unknown, requestId: string): ApiReply {
  const err = e instanceof ApiError ? e : new ApiError('InternalError', 500, messageOf(e));
  const type = err.statusCode < 500 ? 'Sender' : 'Receiver';
  const body = `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${xmlEscape(err.type)}</Code><Message>${xmlEscape(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: err.statusCode, body, headers: { 'Content-Type': 'text/xml' } };
}

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue` into a map. */
function messageAttributes(form: URLSearchParams): MessageAttributes {
  const out: Record<string, { DataType: string; StringValue: string }> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    const name = form.get(`MessageAttributes.entry.${i}.Name`) as string;
    const type = form.get(`MessageAttributes.entry.${i}.Value.DataType`);
    const value = form.get(`MessageAttributes.entry.${i}.Value.StringValue`);
    if (!type) throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (type.startsWith('Binary')) throw invalidParameter(`The message attribute '${name}' has a binary value, which local topics do not carry.`);
    if (!isCarriedAttributeType(type)) throw invalidParameter(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    if (value === null) throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    out[name] = { DataType: type, StringValue: value };
  }
  return out;
}

/** With MessageStructure json, the message is a JSON object with a `default` and per-protocol texts. */
function structuredMessage(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as Record<string, unknown>)['default'] !== 'string') {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  return parsed as Record<string, string>;
}

/** The POST / route that answers SNS Query requests (any other POST / gets a clear 400). */
export function snsQueryRoutes(topics: LocalTopics): Route[] {
  const topicName = (arn: string | null): string => {
    const name = topicNameOf(arn);
    if (!arn) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
    if (!name) throw invalidParameter(`TopicArn Reason: An ARN must have at least 6 elements, not ${arn.split(':').length}`);
    if (!topics.list().includes(name)) throw new ApiError('NotFound', 404, 'Topic does not exist');
    return name;
  };
  const actions: Record<string, (form: URLSearchParams, req: ApiRequest) => Promise<string | undefined> | string | undefined> = {
    Publish: async (form, req) => {
      const name = topicName(form.get('TopicArn') ?? form.get('TargetArn'));
      const message = form.get('Message');
      if (message === null) throw new ApiError('ValidationError', 400, "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
      if (message === '') throw invalidParameter('Empty message');
      if (Buffer.byteLength(message) > MESSAGE_LIMIT) throw invalidParameter('Message too long');
      const structure = form.get('MessageStructure');
      if (structure !== null && structure !== 'json') throw invalidParameter("MessageStructure Reason: MessageStructure must be 'json'");
      const perProtocol = structure === 'json' ? structuredMessage(message) : undefined;
      const subject = form.get('Subject') ?? undefined;
      // The publisher's X-Amzn-Trace-Id (the SDKs forward it from a function) follows the deliveries.
      const trace = req.headers['x-amzn-trace-id'];
      const id = await topics.publish(topics.arnOf(name), message, subject, messageAttributes(form), perProtocol, typeof trace === 'string' ? trace : undefined);
      return `<MessageId>${id}</MessageId>`;
    },
    CreateTopic: (form) => {
      const name = form.get('Name');
      if (!name || !/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)) throw invalidParameter('Topic Name');
      topics.create(name, true);
      return `<TopicArn>${xmlEscape(topics.arnOf(name))}</TopicArn>`;
    },
    Subscribe: (form) => {
      const name = topicName(form.get('TopicArn'));
      const protocol = form.get('Protocol');
      const endpoint = form.get('Endpoint');
      if (protocol !== 'lambda' && protocol !== 'sqs') throw invalidParameter(`Protocol Reason: only lambda and sqs subscriptions are emulated locally, not ${protocol ?? 'none'}`);
      if (!endpoint || !new RegExp(`^arn:[^:]+:${protocol}:`).test(endpoint)) throw invalidParameter(`${protocol === 'sqs' ? 'SQS' : 'Lambda'} endpoint ARN`);
      const attributes = new Map<string, string>();
      for (let i = 1; form.has(`Attributes.entry.${i}.key`); i++) attributes.set(form.get(`Attributes.entry.${i}.key`) as string, form.get(`Attributes.entry.${i}.value`) ?? '');
      const unknown = [...attributes.keys()].find((k) => !['FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery'].includes(k));
      if (unknown) throw invalidParameter(`Attributes Reason: Unknown attribute ${unknown}`);
      let filter;
      try {
        filter = attributes.has('FilterPolicy') ? compileFilterPolicy(attributes.get('FilterPolicy'), attributes.get('FilterPolicyScope')) : undefined;
      } catch (e) {
        throw invalidParameter(`Filter policy: ${(e as Error).message}`);
      }
      const sub = topics.subscribeFromApi(name, protocol, endpoint, attributes.get('RawMessageDelivery') === 'true', filter);
      return `<SubscriptionArn>${xmlEscape(sub.arn)}</SubscriptionArn>`;
    },
    Unsubscribe: (form) => {
      const arn = form.get('SubscriptionArn');
      if (!arn || !topics.unsubscribe(arn)) throw new ApiError('NotFound', 404, 'Subscription does not exist');
      return undefined;
    },
    ListTopics: () => `<Topics>${topics.list().map((n) => `<member><TopicArn>${xmlEscape(topics.arnOf(n))}</TopicArn></member>`).join('')}</Topics>`,
    ListSubscriptionsByTopic: (form) => {
      const name = topicName(form.get('TopicArn'));
      const owner = topics.arnOf(name).split(':')[4] ?? '';
      const members = topics.subscriptions(name).map(
        (s) =>
          `<member><SubscriptionArn>${xmlEscape(s.arn)}</SubscriptionArn><Owner>${owner}</Owner><Protocol>${s.protocol}</Protocol><Endpoint>${xmlEscape(s.endpoint)}</Endpoint><TopicArn>${xmlEscape(topics.arnOf(name))}</TopicArn></member>`,
      );
      return `<Subscriptions>${members.join('')}</Subscriptions>`;
    },
  };
  const handler = async (req: ApiRequest): Promise<ApiReply> => {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const action = form.get('Action');
    // Not a Query request (no form body with an Action): the JSON "no such operation" every route gives.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || !action) {
      return errorReply(new ApiError('UnknownOperationException', 404, `No Lambda Workbench API operation matches POST / (JSON protocols need an X-Amz-Target header)`));
    }
    try {
      const run = actions[action];
      if (!run) throw new ApiError('InvalidAction', 400, `Local topics support ${Object.keys(actions).join(', ')}; ${action} is not emulated.`);
      return xmlReply(action, await run(form, req), req.requestId);
    } catch (e) {
      return xmlError(e, req.requestId);
    }
  };
  return [{ method: 'POST', pattern: /^\/$/, handler }];
}
