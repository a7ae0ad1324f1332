// Sample events of services that invoke a function directly: CloudFormation custom resources, IoT rules,
// SES receipt rules, Step Functions tasks, AppSync resolvers, Lex V2 bots, Amazon Connect flows and
// Secrets Manager rotation, in the shapes their developer guides document.
import { randomUUID } from 'node:crypto';
import type { SampleContext, SampleType } from './sampleTypes';

const json = (text: string, option: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`--${option} must be JSON, got ${text}`);
  }
};

function customResource(requestType: 'Create' | 'Update' | 'Delete'): SampleType {
  return {
    help: `CloudFormation custom resource ${requestType} request`,
    options: {
      'resource-type': { default: 'Custom::MyResource', help: 'ResourceType' },
      'logical-id': { default: 'MyCustomResource', help: 'LogicalResourceId' },
      properties: { default: '{"Key":"Value"}', help: 'ResourceProperties (JSON, ServiceToken added)' },
      'response-url': { default: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/example', help: 'ResponseURL the function must PUT its result to' },
      stack: { default: 'my-stack', help: 'stack name' },
    },
    build: (o, ctx) => {
      const serviceToken = `arn:aws:lambda:${ctx.partition.region}:${ctx.partition.accountId}:function:my-function`;
      const properties = { ServiceToken: serviceToken, ...(json(o['properties'] ?? '{}', 'properties') as Record<string, unknown>) };
      return {
        RequestType: requestType,
        ServiceToken: serviceToken,
        ResponseURL: o['response-url'],
        StackId: `arn:aws:cloudformation:${ctx.partition.region}:${ctx.partition.accountId}:stack/${o['stack']}/${randomUUID()}`,
        RequestId: randomUUID(),
        LogicalResourceId: o['logical-id'],
        ...(requestType === 'Create' ? {} : { PhysicalResourceId: `${o['logical-id']}-physical-id` }),
        ResourceType: o['resource-type'],
        ResourceProperties: properties,
        ...(requestType === 'Update' ? { OldResourceProperties: { ServiceToken: serviceToken } } : {}),
      };
    },
  };
}

function rotation(step: string): SampleType {
  return {
    help: `Secrets Manager rotation, step ${step}`,
    options: { secret: { default: 'MyTestDatabaseSecret', help: 'secret name' } },
    build: (o, ctx) => ({
      Step: step,
      SecretId: `arn:aws:secretsmanager:${ctx.partition.region}:${ctx.partition.accountId}:secret:${o['secret']}-a1b2c3`,
      ClientRequestToken: randomUUID(),
    }),
  };
}

function lexIntent(o: Readonly<Record<string, string>>, state: string): Record<string, unknown> {
  const slots = json(o['slots'] ?? '{}', 'slots') as Record<string, string | null>;
  return {
    name: o['intent'],
    slots: Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, v === null ? null : { shape: 'Scalar', value: { originalValue: v, interpretedValue: v, resolvedValues: [v] } }])),
    state,
    confirmationState: 'None',
  };
}

function ses(o: Readonly<Record<string, string>>, ctx: SampleContext): Record<string, unknown> {
  const time = new Date(ctx.now).toISOString();
  const messageId = randomUUID().replace(/-/g, '').slice(0, 20);
  const date = new Date(ctx.now).toUTCString().replace('GMT', '+0000');
  return {
    Records: [{
      eventSource: 'aws:ses',
      eventVersion: '1.0',
      ses: {
        mail: {
          timestamp: time,
          source: o['from'],
          messageId,
          destination: [o['to']],
          headersTruncated: false,
          headers: [
            { name: 'Return-Path', value: `<${o['from']}>` },
            { name: 'From', value: o['from'] },
            { name: 'Date', value: date },
            { name: 'To', value: o['to'] },
            { name: 'Message-ID', value: `<${messageId}@mail.example.com>` },
            { name: 'Subject', value: o['subject'] },
            { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
          ],
          commonHeaders: { returnPath: o['from'], from: [o['from']], date, to: [o['to']], messageId: `<${messageId}@mail.example.com>`, subject: o['subject'] },
        },
        receipt: {
          timestamp: time,
          processingTimeMillis: 574,
          recipients: [o['to']],
          spamVerdict: { status: 'PASS' },
          virusVerdict: { status: 'PASS' },
          spfVerdict: { status: 'PASS' },
          dkimVerdict: { status: 'PASS' },
          dmarcVerdict: { status: 'PASS' },
          action: { type: 'Lambda', functionArn: `arn:aws:lambda:${ctx.partition.region}:${ctx.partition.accountId}:function:my-function`, invocationType: 'Event' },
        },
      },
    }],
  };
}

/** `generate-event <source> <type>` for the services above. */
export const serviceSamples: Readonly<Record<string, Readonly<Record<string, SampleType>>>> = {
  cloudformation: { 'create-request': customResource('Create'), 'update-request': customResource('Update'), 'delete-request': customResource('Delete') },
  iot: {
    rule: {
      help: 'AWS IoT rule action: the MQTT message as the rule\'s SELECT returns it (here SELECT *, topic() AS topic)',
      options: { topic: { default: 'sensors/thing-1/telemetry', help: 'MQTT topic' }, payload: { default: '{"temperature":28,"humidity":80}', help: 'message payload (JSON)' } },
      build: (o) => ({ ...(json(o['payload'] ?? '{}', 'payload') as Record<string, unknown>), topic: o['topic'] }),
    },
  },
  ses: {
    'email-receiving': {
      help: 'SES receipt rule Lambda action (an incoming email)',
      options: { from: { default: 'sender@example.com', help: 'sender' }, to: { default: 'recipient@example.com', help: 'recipient' }, subject: { default: 'Test Subject', help: 'subject' } },
      build: ses,
    },
  },
  stepfunctions: {
    task: {
      help: 'Step Functions Lambda task (arn:aws:states:::lambda:invoke): the state input, with a task token for waitForTaskToken',
      options: { input: { default: '{"orderId":"1234"}', help: 'the state\'s input (JSON)' }, 'task-token': { default: '', help: 'add "taskToken" as $$.Task.Token would ("" for none; "generate" for a sample)' } },
      build: (o) => {
        const input = json(o['input'] ?? '{}', 'input');
        const token = o['task-token'] === 'generate' ? Buffer.from(randomUUID() + randomUUID()).toString('base64') : o['task-token'];
        return token ? { ...(input as Record<string, unknown>), taskToken: token } : (input as Record<string, unknown>);
      },
    },
  },
  appsync: {
    resolver: {
      help: 'AppSync direct Lambda resolver',
      options: { 'parent-type': { default: 'Query', help: 'parentTypeName' }, field: { default: 'getPost', help: 'fieldName' }, arguments: { default: '{"id":"1"}', help: 'arguments (JSON)' } },
      build: (o, ctx) => {
        const args = json(o['arguments'] ?? '{}', 'arguments') as Record<string, unknown>;
        return {
          arguments: args,
          identity: { sub: randomUUID(), issuer: `https://cognito-idp.${ctx.partition.region}.amazonaws.com/${ctx.partition.region}_EXAMPLE`, username: 'jane', claims: {}, sourceIp: ['203.0.113.178'], defaultAuthStrategy: 'ALLOW', groups: null },
          source: null,
          request: { headers: { 'content-type': 'application/json', host: 'example1234567890000.appsync-api.us-east-1.amazonaws.com' }, domainName: null },
          prev: null,
          info: { selectionSetList: ['id', 'title'], selectionSetGraphQL: '{\n  id\n  title\n}', parentTypeName: o['parent-type'], fieldName: o['field'], variables: {} },
          stash: {},
        };
      },
    },
  },
  'lex-v2': {
    intent: {
      help: 'Amazon Lex V2 code hook (DialogCodeHook or FulfillmentCodeHook)',
      options: {
        intent: { default: 'BookHotel', help: 'intent name' },
        slots: { default: '{"Location":"Seattle","Nights":null}', help: 'slot values (JSON, null for empty slots)' },
        'invocation-source': { default: 'DialogCodeHook', help: 'DialogCodeHook or FulfillmentCodeHook' },
        transcript: { default: 'I want to book a hotel in Seattle', help: 'inputTranscript' },
      },
      build: (o) => {
        const source = o['invocation-source'];
        if (source !== 'DialogCodeHook' && source !== 'FulfillmentCodeHook') throw new Error(`--invocation-source must be DialogCodeHook or FulfillmentCodeHook, got ${source}`);
        const intent = lexIntent(o, source === 'FulfillmentCodeHook' ? 'ReadyForFulfillment' : 'InProgress');
        return {
          messageVersion: '1.0',
          invocationSource: source,
          inputMode: 'Text',
          responseContentType: 'text/plain; charset=utf-8',
          sessionId: '123456789012345',
          inputTranscript: o['transcript'],
          bot: { id: 'ABCDEFGHIJ', name: 'BookTrip', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', localeId: 'en_US', version: 'DRAFT' },
          interpretations: [{ interpretationSource: 'Lex', intent, nluConfidence: 0.9 }, { interpretationSource: 'Lex', intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' } }],
          ...(source === 'DialogCodeHook' ? { proposedNextState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'Nights' }, intent, prompt: { attempt: 'Initial' } } } : {}),
          requestAttributes: {},
          sessionState: { activeContexts: [], sessionAttributes: {}, intent, originatingRequestId: randomUUID() },
          transcriptions: [{ transcription: o['transcript'], transcriptionConfidence: 1, resolvedContext: { intent: o['intent'] }, resolvedSlots: {} }],
        };
      },
    },
  },
  connect: {
    'contact-flow': {
      help: 'Amazon Connect flow "Invoke AWS Lambda function" block',
      options: { 'instance-id': { default: '11111111-1111-1111-1111-111111111111', help: 'Connect instance id' }, 'customer-number': { default: '+14805550100', help: 'customer phone number' }, parameters: { default: '{"sentAttributeKey":"sentAttributeValue"}', help: 'the block\'s parameters (JSON)' } },
      build: (o, ctx) => {
        const contactId = randomUUID();
        const instanceArn = `arn:aws:connect:${ctx.partition.region}:${ctx.partition.accountId}:instance/${o['instance-id']}`;
        return {
          Details: {
            ContactData: {
              Attributes: {},
              Channel: 'VOICE',
              ContactId: contactId,
              CustomerEndpoint: { Address: o['customer-number'], Type: 'TELEPHONE_NUMBER' },
              InitialContactId: contactId,
              InitiationMethod: 'INBOUND',
              InstanceARN: instanceArn,
              PreviousContactId: contactId,
              Queue: { ARN: `${instanceArn}/queue/22222222-2222-2222-2222-222222222222`, Name: 'BasicQueue' },
              SystemEndpoint: { Address: '+12065550100', Type: 'TELEPHONE_NUMBER' },
            },
            Parameters: json(o['parameters'] ?? '{}', 'parameters'),
          },
          Name: 'ContactFlowEvent',
        };
      },
    },
  },
  secretsmanager: {
    'rotation-create-secret': rotation('createSecret'),
    'rotation-set-secret': rotation('setSecret'),
    'rotation-test-secret': rotation('testSecret'),
    'rotation-finish-secret': rotation('finishSecret'),
  },
};
