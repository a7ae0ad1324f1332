// The new trigger samples have the fields AWS documents for them, and a function's own trigger in the
// template picks its sample: through the core mapping, `generate-event --for` and `invoke --sample trigger`.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { defaultPartition } from '../../../../src/core/arn';
import { generateEvent, listSamples } from '../../../../src/core/events/samples/sampleEvents';
import { triggerSamples } from '../../../../src/core/events/samples/triggerSamples';
import { loadProject } from '../../../../src/core/project';
import { fixture } from '../../../support/engine';

const bin = path.join(__dirname, '..', '..', '..', '..', 'bin', 'lambda-workbench.js');
const gen = (source: string, type: string, options: Record<string, string> = {}): any => generateEvent(source, type, options, defaultPartition, Date.parse('2024-05-01T12:00:00Z'));
const keys = (o: object): string[] => Object.keys(o).sort();
const sorted = (k: string[]): string[] => [...k].sort();

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: fixture('triggers'), timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('trigger sample events', () => {
  it('offers every trigger of the real-projects issue', () => {
    const have = new Set(listSamples().map((s) => `${s.source} ${s.type}`));
    const wanted = [
      'kafka msk', 'kafka self-managed', 'mq activemq', 'mq rabbitmq', 'cloudformation create-request', 'cloudformation update-request', 'cloudformation delete-request',
      'cognito pre-signup', 'cognito post-confirmation', 'cognito pre-authentication', 'cognito post-authentication', 'cognito define-auth-challenge',
      'cognito create-auth-challenge', 'cognito verify-auth-challenge', 'cognito pre-token-generation', 'cognito pre-token-generation-v2', 'cognito user-migration',
      'cognito custom-message', 'iot rule', 'ses email-receiving', 'stepfunctions task', 'appsync resolver', 'lex-v2 intent', 'connect contact-flow',
      'secretsmanager rotation-create-secret', 'secretsmanager rotation-set-secret', 'secretsmanager rotation-test-secret', 'secretsmanager rotation-finish-secret',
      'cloudfront viewer-request', 'cloudfront origin-request', 'cloudfront origin-response', 'cloudfront viewer-response',
      'apigateway authorizer-token', 'apigateway authorizer-request', 'apigateway http-api-authorizer', 'apigateway aws-proxy',
    ];
    for (const w of wanted) assert.ok(have.has(w), `${w} is missing`);
  });

  // Field names as the Lambda developer guide's example events show them (with-msk, with-kafka, with-mq,
  // services-cloudformation, services-secrets-manager rotation, lambda-edge event structure, Lex V2 input format).
  it('has the documented fields of each event', () => {
    const msk = gen('kafka', 'msk', { topic: 'orders', partition: '2', value: 'v' });
    assert.deepEqual(keys(msk), sorted(['eventSource', 'eventSourceArn', 'bootstrapServers', 'records']));
    assert.equal(msk.eventSource, 'aws:kafka');
    const rec = msk.records['orders-2'][0];
    assert.deepEqual(keys(rec), sorted(['topic', 'partition', 'offset', 'timestamp', 'timestampType', 'key', 'value', 'headers']));
    assert.equal(Buffer.from(rec.value, 'base64').toString(), 'v');
    assert.deepEqual(rec.headers, [{ source: [...Buffer.from('checkout')] }]);
    const smk = gen('kafka', 'self-managed');
    assert.deepEqual([keys(smk), smk.eventSource], [sorted(['eventSource', 'bootstrapServers', 'records']), 'SelfManagedKafka']);

    const amq = gen('mq', 'activemq', { queue: 'q1', data: 'hello' });
    assert.equal(amq.eventSource, 'aws:mq');
    assert.match(amq.eventSourceArn, /^arn:aws:mq:us-east-1:123456789012:broker:my-broker:b-/);
    assert.deepEqual(keys(amq.messages[0]), sorted(['messageID', 'messageType', 'deliveryMode', 'replyTo', 'type', 'expiration', 'priority', 'correlationId', 'redelivered', 'destination', 'data', 'timestamp', 'brokerInTime', 'brokerOutTime', 'properties']));
    assert.deepEqual([amq.messages[0].destination.physicalName, Buffer.from(amq.messages[0].data, 'base64').toString()], ['q1', 'hello']);
    const rmq = gen('mq', 'rabbitmq', { queue: 'pizza', 'virtual-host': '/' });
    assert.equal(rmq.eventSource, 'aws:rmq');
    const msg = rmq.rmqMessagesByQueue['pizza::/'][0];
    assert.deepEqual(keys(msg), ['basicProperties', 'data', 'redelivered']);
    assert.deepEqual(keys(msg.basicProperties), sorted(['contentType', 'contentEncoding', 'headers', 'deliveryMode', 'priority', 'correlationId', 'replyTo', 'expiration', 'messageId', 'timestamp', 'type', 'userId', 'appId', 'clusterId', 'bodySize']));

    const create = gen('cloudformation', 'create-request', { properties: '{"Size":"3"}' });
    assert.deepEqual(keys(create), sorted(['RequestType', 'ServiceToken', 'ResponseURL', 'StackId', 'RequestId', 'LogicalResourceId', 'ResourceType', 'ResourceProperties']));
    assert.deepEqual(create.ResourceProperties, { ServiceToken: create.ServiceToken, Size: '3' });
    assert.deepEqual(keys(gen('cloudformation', 'update-request')), sorted([...keys(create), 'PhysicalResourceId', 'OldResourceProperties']));
    assert.deepEqual(keys(gen('cloudformation', 'delete-request')), sorted([...keys(create), 'PhysicalResourceId']));

    for (const step of ['create', 'set', 'test', 'finish']) {
      const r = gen('secretsmanager', `rotation-${step}-secret`);
      assert.deepEqual([keys(r), r.Step], [['ClientRequestToken', 'SecretId', 'Step'], `${step}Secret`]);
    }

    for (const t of ['viewer-request', 'origin-request', 'origin-response', 'viewer-response']) {
      const cf = gen('cloudfront', t, { uri: '/a' }).Records[0].cf;
      assert.deepEqual(keys(cf.config), sorted(['distributionDomainName', 'distributionId', 'eventType', 'requestId']));
      assert.equal(cf.config.eventType, t);
      assert.deepEqual(keys(cf.request), sorted(['clientIp', 'headers', 'method', 'querystring', 'uri', ...(t.startsWith('origin') ? ['origin'] : [])]));
      assert.deepEqual(cf.request.headers.host, [{ key: 'Host', value: t.startsWith('origin') ? 'example.org' : 'd111111abcdef8.cloudfront.net' }]);
      assert.equal('response' in cf, t.endsWith('response'));
      if (t.endsWith('response')) assert.deepEqual(keys(cf.response), ['headers', 'status', 'statusDescription']);
    }

    const lex = gen('lex-v2', 'intent', { 'invocation-source': 'FulfillmentCodeHook' });
    assert.deepEqual(keys(lex), sorted(['messageVersion', 'invocationSource', 'inputMode', 'responseContentType', 'sessionId', 'inputTranscript', 'bot', 'interpretations', 'requestAttributes', 'sessionState', 'transcriptions']));
    assert.deepEqual(lex.sessionState.intent.slots.Location.value.interpretedValue, 'Seattle');
    assert.equal(lex.sessionState.intent.state, 'ReadyForFulfillment');
    assert.ok('proposedNextState' in gen('lex-v2', 'intent'));

    assert.deepEqual(gen('apigateway', 'authorizer-token', { token: 't' }), { type: 'TOKEN', authorizationToken: 't', methodArn: 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/Prod/GET/hello' });
    assert.deepEqual(keys(gen('apigateway', 'authorizer-request')), sorted(['type', 'methodArn', 'resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'stageVariables', 'requestContext']));
    const v2auth = gen('apigateway', 'http-api-authorizer');
    assert.deepEqual([v2auth.version, v2auth.type, v2auth.identitySource, v2auth.routeKey], ['2.0', 'REQUEST', ['allow'], 'GET /hello']);
    const wsConnect = gen('apigateway', 'websocket', { 'route-key': '$connect' });
    assert.deepEqual([wsConnect.requestContext.routeKey, wsConnect.requestContext.eventType, 'headers' in wsConnect, 'body' in wsConnect], ['$connect', 'CONNECT', true, false]);
    const wsMessage = gen('apigateway', 'websocket', { body: 'hi' });
    assert.deepEqual([wsMessage.requestContext.eventType, wsMessage.body, typeof wsMessage.requestContext.messageId, wsMessage.requestContext.connectionId.length > 0], ['MESSAGE', 'hi', 'string', true]);
    assert.equal(gen('apigateway', 'websocket', { 'route-key': '$disconnect' }).requestContext.disconnectStatusCode, 1005);
    const connect = gen('connect', 'contact-flow');
    assert.equal(connect.Name, 'ContactFlowEvent');
    assert.deepEqual(keys(connect.Details), ['ContactData', 'Parameters']);
    assert.deepEqual(keys(gen('appsync', 'resolver')), sorted(['arguments', 'identity', 'source', 'request', 'prev', 'info', 'stash']));
    const ses = gen('ses', 'email-receiving', { subject: 'Hi' }).Records[0];
    assert.deepEqual([ses.eventSource, ses.eventVersion, ses.ses.mail.commonHeaders.subject, ses.ses.receipt.action.type], ['aws:ses', '1.0', 'Hi', 'Lambda']);
    assert.deepEqual(gen('iot', 'rule', { topic: 't/1', payload: '{"a":1}' }), { a: 1, topic: 't/1' });
    assert.deepEqual(gen('stepfunctions', 'task', { input: '{"x":1}', 'task-token': 'tok' }), { x: 1, taskToken: 'tok' });
  });

  it('builds each Cognito trigger with its own request and response fields, and refuses a source of another trigger', () => {
    const pre = gen('cognito', 'pre-signup');
    assert.deepEqual(keys(pre), sorted(['version', 'triggerSource', 'region', 'userPoolId', 'userName', 'callerContext', 'request', 'response']));
    assert.deepEqual(keys(pre.response), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
    assert.equal(gen('cognito', 'pre-token-generation').triggerSource, 'TokenGeneration_Authentication');
    assert.equal(gen('cognito', 'pre-token-generation-v2').version, '2');
    assert.deepEqual(keys(gen('cognito', 'define-auth-challenge').response), ['challengeName', 'failAuthentication', 'issueTokens']);
    assert.deepEqual(keys(gen('cognito', 'verify-auth-challenge').request), sorted(['userAttributes', 'privateChallengeParameters', 'challengeAnswer', 'clientMetadata', 'userNotFound']));
    assert.deepEqual(keys(gen('cognito', 'custom-message', { 'trigger-source': 'CustomMessage_ForgotPassword' }).response), ['emailMessage', 'emailSubject', 'smsMessage']);
    assert.equal(gen('cognito', 'user-pool-trigger', { 'trigger-source': 'UserMigration_ForgotPassword' }).request.password, 'example-password');
    assert.throws(() => gen('cognito', 'pre-signup', { 'trigger-source': 'PostConfirmation_ConfirmSignUp' }), /--trigger-source must be one of PreSignUp_SignUp, PreSignUp_AdminCreateUser, PreSignUp_ExternalProvider/);
  });

  it('maps each SAM event and invoking resource of a template to its sample', async () => {
    const project = await loadProject({ templatePath: fixture('triggers', 'template.yaml'), partition: defaultPartition });
    assert.deepEqual(project.problems.filter((p) => p.severity === 'error'), []);
    const of = (name: string): string[] => triggerSamples(project.functions.find((f) => f.logicalId === name)!, project).map((s) => `${s.source} ${s.type} ${JSON.stringify(s.options)}`);
    assert.deepEqual(of('OrdersConsumer'), ['sqs receive-message {"queue":"orders"}']);
    assert.deepEqual(of('GetItem'), ['apigateway http-api-proxy {"path":"/items/1","route":"/items/{id}","method":"GET"}']);
    assert.deepEqual(of('UpdateItem'), ['apigateway aws-proxy {"path":"/items/1","resource":"/items/{id}","method":"PUT","body":"{}"}']);
    // The sample carries what a real request on that route has: its path parameters and, for PUT, a JSON body.
    const rest = triggerSamples(project.functions.find((f) => f.logicalId === 'UpdateItem')!, project)[0]!;
    const restEvent = gen(rest.source, rest.type, rest.options);
    assert.deepEqual([restEvent.resource, restEvent.pathParameters, restEvent.httpMethod, JSON.parse(restEvent.body)], ['/items/{id}', { id: '1' }, 'PUT', {}]);
    const http = triggerSamples(project.functions.find((f) => f.logicalId === 'GetItem')!, project)[0]!;
    const httpEvent = gen(http.source, http.type, http.options);
    assert.deepEqual([httpEvent.routeKey, httpEvent.pathParameters], ['GET /items/{id}', { id: '1' }]);
    assert.deepEqual(of('SignUpHook'), ['cognito pre-signup {"trigger-source":"PreSignUp_SignUp"}', 'cognito post-confirmation {"trigger-source":"PostConfirmation_ConfirmSignUp"}']);
    assert.deepEqual(of('TokenHook'), ['cognito pre-token-generation {"trigger-source":"TokenGeneration_Authentication"}']);
    assert.deepEqual(of('KafkaConsumer'), ['kafka msk {"topic":"payments"}']);
    assert.deepEqual(of('RabbitConsumer'), ['mq rabbitmq {"queue":"jobs"}']);
    assert.deepEqual(of('Provisioner'), ['cloudformation create-request {"resource-type":"Custom::SeedData","logical-id":"Custom"}']);
    assert.deepEqual(of('EdgeRewrite'), ['cloudfront origin-request {}', 'cloudfront viewer-request {}']);
    assert.deepEqual(of('Resolver'), ['appsync resolver {}']);
    assert.deepEqual(of('Rotator'), ['secretsmanager rotation-create-secret {}']);
    assert.deepEqual(of('MailHandler'), ['ses email-receiving {}']);
    assert.deepEqual(of('StateWatcher'), ['eventbridge custom {"source":"aws.ec2","detail-type":"EC2 Instance State-change Notification","detail":"{\\"state\\":\\"terminated\\",\\"instance\\":{\\"tier\\":\\"web\\"}}"}']);
    assert.deepEqual(of('TokenAuthorizer'), ['apigateway authorizer-token {}']);
    assert.deepEqual(of('RequestAuthorizer'), ['apigateway authorizer-request {}']);
    assert.deepEqual(of('TokenV2Hook'), ['cognito pre-token-generation-v2 {}']);
    assert.deepEqual(of('OnConnect'), ['apigateway websocket {"route-key":"$connect"}']);
    assert.deepEqual(of('Untriggered'), []);
    for (const f of project.functions) for (const s of triggerSamples(f, project)) JSON.stringify(generateEvent(s.source, s.type, s.options, defaultPartition));
  });

  it('sends the trigger\'s sample with invoke (no --event) and invoke --sample trigger, and prints it with generate-event --for', async function () {
    this.timeout(60_000);
    const plain = await run(['invoke', 'OrdersConsumer']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stderr, /No --event: sending the sqs receive-message sample event of OrdersConsumer's trigger \(SQS event "Queue"\)/);
    assert.equal(JSON.parse(plain.stdout).Records[0].eventSource, 'aws:sqs');
    const sqs = await run(['invoke', 'OrdersConsumer', '--sample', 'trigger']);
    assert.equal(sqs.code, 0, sqs.stderr);
    const record = JSON.parse(sqs.stdout).Records[0];
    assert.deepEqual([record.eventSource, record.eventSourceARN], ['aws:sqs', 'arn:aws:sqs:us-east-1:123456789012:orders']);
    const edge = await run(['invoke', 'EdgeRewrite', '--sample', 'trigger']);
    assert.match(edge.stderr, /EdgeRewrite has 2 triggers; sending the first\. Others: --sample cloudfront\/viewer-request/);
    assert.equal(JSON.parse(edge.stdout).Records[0].cf.config.eventType, 'origin-request');
    const named = await run(['invoke', 'Untriggered', '--sample', 'kafka/self-managed']);
    assert.equal(JSON.parse(named.stdout).eventSource, 'SelfManagedKafka');
    const none = await run(['invoke', 'Untriggered', '--sample', 'trigger']);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /Untriggered has no trigger in the template that a sample event fits/);
    const printed = await run(['generate-event', '--for', 'RabbitConsumer']);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(JSON.parse(printed.stdout).eventSource, 'aws:rmq');
  });
});
