// The sample events that match a function's own triggers in the template: its SAM Events, and the
// resources that invoke it (event source mappings, permissions, custom resources, user pools,
// CloudFront associations, AppSync data sources, rotation schedules...), first match first.
import type { FunctionSpec, Project } from '../../project/functionSpec';
import { cognitoTriggerOf } from './cognitoSamples';

/** A sample event for one trigger of a function. */
export interface TriggerSample {
  readonly source: string;
  readonly type: string;
  /** `generate-event` options that make it fit the trigger (queue name, path...). */
  readonly options: Readonly<Record<string, string>>;
  /** What the trigger is, e.g. `SQS event "Orders"`. */
  readonly label: string;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const lastSegment = (arn: string | undefined, sep = ':'): string | undefined => arn?.split(sep).pop();

// Cognito's LambdaConfig keys and SAM's Cognito Trigger names -> the first documented trigger source.
const COGNITO_KEYS: Readonly<Record<string, string>> = {
  PreSignUp: 'PreSignUp_SignUp', PostConfirmation: 'PostConfirmation_ConfirmSignUp', PreAuthentication: 'PreAuthentication_Authentication',
  PostAuthentication: 'PostAuthentication_Authentication', DefineAuthChallenge: 'DefineAuthChallenge_Authentication',
  CreateAuthChallenge: 'CreateAuthChallenge_Authentication', VerifyAuthChallengeResponse: 'VerifyAuthChallengeResponse_Authentication',
  PreTokenGeneration: 'TokenGeneration_Authentication', PreTokenGenerationConfig: 'TokenGeneration_Authentication', UserMigration: 'UserMigration_Authentication', CustomMessage: 'CustomMessage_SignUp',
};

function cognito(trigger: string, label: string): TriggerSample | undefined {
  const source = COGNITO_KEYS[trigger];
  const type = source ? cognitoTriggerOf(source) : undefined;
  return type && source ? { source: 'cognito', type, options: { 'trigger-source': source }, label } : undefined;
}

/**
 * Options of an API event's sample: a path matching its route, the route template itself (so the event has
 * the pathParameters a real request on that route has), its method, and for methods that carry one a JSON body.
 */
function routeOptions(p: Record<string, unknown>, routeOption: 'resource' | 'route'): Record<string, string> {
  const route = str(p['Path']);
  const method = str(p['Method']) && p['Method'] !== 'ANY' ? String(p['Method']).toUpperCase() : undefined;
  return {
    ...(route ? { path: route.replace(/\{proxy\+\}/, 'hello').replace(/\{[^}]+\}/g, '1') } : {}),
    ...(route ? { [routeOption]: route } : {}),
    ...(method ? { method } : {}),
    ...(method && ['POST', 'PUT', 'PATCH'].includes(method) ? { body: '{}' } : {}),
  };
}

/** The SAM event's sample, or undefined for event types without one. */
function fromSamEvent(e: FunctionSpec['events'][number], project: Project): TriggerSample[] {
  const p = e.properties;
  const label = `${e.type} event "${e.name}"`;
  const one = (source: string, type: string, options: Record<string, string> = {}): TriggerSample[] => [{ source, type, options, label }];
  switch (e.type) {
    case 'Api':
      return one('apigateway', 'aws-proxy', routeOptions(p, 'resource'));
    case 'HttpApi':
      return one('apigateway', 'http-api-proxy', routeOptions(p, 'route'));
    case 'S3': {
      const events = ([] as unknown[]).concat(p['Events'] ?? []).map(String);
      const bucket = str(p['Bucket']) ?? 'example-bucket';
      return one('s3', events.some((x) => x.startsWith('s3:ObjectRemoved')) && !events.some((x) => x.startsWith('s3:ObjectCreated')) ? 'delete' : 'put', { bucket: project.resources[bucket] ? String(project.resources[bucket].properties['BucketName'] ?? bucket.toLowerCase()) : bucket });
    }
    case 'SQS':
      return one('sqs', 'receive-message', { queue: lastSegment(str(p['Queue'])) ?? 'my-queue' });
    case 'SNS':
      return one('sns', 'notification', { topic: lastSegment(str(p['Topic'])) ?? 'my-topic' });
    case 'Schedule':
    case 'ScheduleV2':
      return one('eventbridge', 'scheduled', { rule: str(p['Name']) ?? e.name });
    case 'CloudWatchEvent':
    case 'EventBridgeRule': {
      const pattern = asRecord(p['Pattern']);
      const first = (v: unknown): string | undefined => (Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
      const detail = detailOf(pattern['detail']);
      return one('eventbridge', 'custom', {
        ...(first(pattern['source']) ? { source: first(pattern['source'])! } : {}),
        ...(first(pattern['detail-type']) ? { 'detail-type': first(pattern['detail-type'])! } : {}),
        ...(detail && Object.keys(detail).length ? { detail: JSON.stringify(detail) } : {}),
      });
    }
    case 'DynamoDB':
      return one('dynamodb', 'update', { table: /table\/([^/]+)/.exec(str(p['Stream']) ?? '')?.[1] ?? 'my-table' });
    case 'Kinesis':
      return one('kinesis', 'get-records', { stream: lastSegment(str(p['Stream']), '/') ?? 'my-stream' });
    case 'CloudWatchLogs':
      return one('cloudwatch', 'logs', { 'log-group': str(p['LogGroupName']) ?? '/aws/lambda/my-function' });
    case 'Cognito':
      return ([] as unknown[]).concat(p['Trigger'] ?? []).map(String).flatMap((t) => cognito(t, `${label} (${t})`) ?? []);
    case 'IoTRule':
      return one('iot', 'rule', { topic: /FROM\s+'([^']+)'/i.exec(str(p['Sql']) ?? '')?.[1]?.replace(/[#+]/g, 'thing-1') ?? 'sensors/thing-1/telemetry' });
    case 'MSK':
      return one('kafka', 'msk', { topic: first(p['Topics']) ?? 'mytopic', cluster: /cluster\/([^/]+)/.exec(str(p['Stream']) ?? '')?.[1] ?? 'demo-cluster' });
    case 'SelfManagedKafka':
      return one('kafka', 'self-managed', { topic: first(p['Topics']) ?? 'mytopic' });
    case 'MQ':
      return one('mq', rabbit(str(p['Broker']), project) ? 'rabbitmq' : 'activemq', { queue: first(p['Queues']) ?? 'testQueue' });
    default:
      return [];
  }
}

// An event detail that the rule's pattern matches: the first literal of each matched field.
function detailOf(pattern: unknown): Record<string, unknown> | undefined {
  if (!pattern || typeof pattern !== 'object' || Array.isArray(pattern)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(pattern)) {
    if (Array.isArray(v)) {
      const literal = v.find((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean');
      if (literal !== undefined) out[k] = literal;
    } else {
      const nested = detailOf(v);
      if (nested) out[k] = nested;
    }
  }
  return out;
}

function first(v: unknown): string | undefined {
  return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}

// A broker is RabbitMQ when the template says so (its AWS::AmazonMQ::Broker's EngineType).
function rabbit(brokerArn: string | undefined, project: Project): boolean {
  const named = (id: string, r: { readonly properties: Readonly<Record<string, unknown>> }): boolean =>
    [String(r.properties['BrokerName'] ?? ''), id].some((n) => n !== '' && new RegExp(`[:/]${n}(:|$)`).test(brokerArn ?? ''));
  const broker = Object.entries(project.resources).find(([id, r]) => r.type === 'AWS::AmazonMQ::Broker' && named(id, r))?.[1];
  return String(broker?.properties['EngineType'] ?? '').toUpperCase() === 'RABBITMQ';
}

/** Whether a resolved value mentions the function (its name, or its ARN with or without a qualifier). */
function mentions(value: unknown, spec: FunctionSpec): boolean {
  if (typeof value === 'string') return value === spec.functionName || value === spec.logicalId || new RegExp(`:function:${spec.functionName}(:[^:/]+)?(/invocations)?$`).test(value);
  if (Array.isArray(value)) return value.some((v) => mentions(v, spec));
  if (value && typeof value === 'object') return Object.values(value).some((v) => mentions(v, spec));
  return false;
}

const PRINCIPALS: readonly [RegExp, string, string][] = [
  [/^s3\./, 's3', 'put'], [/^sns\./, 'sns', 'notification'], [/^apigateway\./, 'apigateway', 'aws-proxy'],
  [/^elasticloadbalancing\./, 'alb', 'request'], [/^logs\./, 'cloudwatch', 'logs'], [/^cognito-idp\./, 'cognito', 'user-pool-trigger'],
  [/^iot\./, 'iot', 'rule'], [/^ses\./, 'ses', 'email-receiving'], [/^secretsmanager\./, 'secretsmanager', 'rotation-create-secret'],
  [/^lex(v2)?\./, 'lex-v2', 'intent'], [/^connect\./, 'connect', 'contact-flow'], [/^states\./, 'stepfunctions', 'task'],
];

/** A resource that invokes the function, by its type and resolved properties. */
function fromResource(id: string, r: { readonly type: string; readonly properties: Readonly<Record<string, unknown>> }, spec: FunctionSpec, project: Project): TriggerSample[] {
  const p = r.properties;
  const label = `${r.type} "${id}"`;
  const one = (source: string, type: string, options: Record<string, string> = {}): TriggerSample[] => [{ source, type, options, label }];
  switch (r.type) {
    case 'AWS::Lambda::EventSourceMapping': {
      if (!mentions(p['FunctionName'], spec)) return [];
      const arn = str(p['EventSourceArn']) ?? '';
      const service = arn.split(':')[2];
      if (service === 'sqs') return one('sqs', 'receive-message', { queue: lastSegment(arn)! });
      if (service === 'kinesis') return one('kinesis', 'get-records', { stream: lastSegment(arn, '/')! });
      if (service === 'dynamodb') return one('dynamodb', 'update', { table: /table\/([^/]+)/.exec(arn)?.[1] ?? 'my-table' });
      if (service === 'kafka') return one('kafka', 'msk', { topic: first(p['Topics']) ?? 'mytopic' });
      if (service === 'mq') return one('mq', rabbit(arn, project) ? 'rabbitmq' : 'activemq', { queue: first(p['Queues']) ?? 'testQueue' });
      if (p['SelfManagedEventSource'] !== undefined) return one('kafka', 'self-managed', { topic: first(p['Topics']) ?? 'mytopic' });
      return [];
    }
    case 'AWS::Lambda::Permission': {
      if (!mentions(p['FunctionName'], spec)) return [];
      const principal = String(p['Principal'] ?? '');
      if (/^events\./.test(principal)) {
        const rule = Object.values(project.resources).find((x) => x.type === 'AWS::Events::Rule' && mentions(x.properties['Targets'], spec));
        return rule?.properties['ScheduleExpression'] !== undefined ? one('eventbridge', 'scheduled') : one('eventbridge', 'custom');
      }
      const hit = PRINCIPALS.find(([re]) => re.test(principal));
      return hit ? one(hit[1], hit[2]) : [];
    }
    case 'AWS::Cognito::UserPool':
      return Object.entries(asRecord(p['LambdaConfig'])).filter(([, v]) => mentions(v, spec)).flatMap(([k, v]) => {
        // A V2_0 (or V3_0) pre token generation trigger gets the version 2 event.
        if (k === 'PreTokenGenerationConfig' && String(asRecord(v)['LambdaVersion'] ?? 'V1_0') !== 'V1_0') return [{ source: 'cognito', type: 'pre-token-generation-v2', options: {}, label: `${label} ${k}` }];
        return cognito(k, `${label} ${k}`) ?? [];
      });
    case 'AWS::Serverless::Api':
    case 'AWS::Serverless::HttpApi':
      return Object.entries(asRecord(asRecord(p['Auth'])['Authorizers'])).filter(([, a]) => mentions(asRecord(a)['FunctionArn'], spec)).map(([name, a]) => ({
        source: 'apigateway',
        type: r.type === 'AWS::Serverless::HttpApi' ? 'http-api-authorizer' : asRecord(a)['FunctionPayloadType'] === 'REQUEST' ? 'authorizer-request' : 'authorizer-token',
        options: {},
        label: `${label} authorizer ${name}`,
      }));
    case 'AWS::ApiGatewayV2::Integration': {
      if (!mentions(p['IntegrationUri'], spec)) return [];
      const api = project.resources[String(p['ApiId'])];
      if (String(api?.properties['ProtocolType'] ?? '') !== 'WEBSOCKET') return one('apigateway', 'http-api-proxy');
      // The routes whose Target is this integration ("integrations/<id>"), each with its route key.
      const routes = Object.entries(project.resources).filter(([, x]) => x.type === 'AWS::ApiGatewayV2::Route' && String(x.properties['Target'] ?? '').endsWith(`/${id}`));
      if (routes.length === 0) return one('apigateway', 'websocket');
      return routes.map(([rid, x]): TriggerSample => {
        const key = x.properties['RouteKey'];
        return { source: 'apigateway', type: 'websocket', options: typeof key === 'string' ? { 'route-key': key } : {}, label: `${label} route ${rid}` };
      });
    }
    case 'AWS::ApiGateway::Authorizer':
    case 'AWS::ApiGatewayV2::Authorizer':
      if (!mentions(p['AuthorizerUri'], spec)) return [];
      return one('apigateway', r.type === 'AWS::ApiGatewayV2::Authorizer' ? 'http-api-authorizer' : p['Type'] === 'REQUEST' ? 'authorizer-request' : 'authorizer-token');
    case 'AWS::CloudFront::Distribution': {
      const found: TriggerSample[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          const type = str(o['EventType']);
          if (type && mentions(o['LambdaFunctionARN'], spec)) found.push({ source: 'cloudfront', type, options: {}, label: `${label} ${type}` });
          else Object.values(o).forEach(walk);
        }
      };
      walk(p);
      return found;
    }
    case 'AWS::AppSync::DataSource':
      return mentions(p['LambdaConfig'], spec) ? one('appsync', 'resolver') : [];
    case 'AWS::SecretsManager::RotationSchedule':
      return mentions(p['RotationLambdaARN'], spec) || mentions(p['RotationLambdaArn'], spec) ? one('secretsmanager', 'rotation-create-secret') : [];
    case 'AWS::Serverless::StateMachine':
    case 'AWS::StepFunctions::StateMachine':
      return mentions(p, spec) ? one('stepfunctions', 'task') : [];
    case 'AWS::Lex::Bot':
    case 'AWS::Lex::BotAlias':
      return mentions(p, spec) ? one('lex-v2', 'intent') : [];
    case 'AWS::Connect::IntegrationAssociation':
      return mentions(p['IntegrationArn'], spec) ? one('connect', 'contact-flow') : [];
    case 'AWS::IoT::TopicRule':
      return mentions(p, spec) ? one('iot', 'rule') : [];
    case 'AWS::SES::ReceiptRule':
      return mentions(p, spec) ? one('ses', 'email-receiving') : [];
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return mentions(p['Targets'], spec) ? one('alb', 'request') : [];
    default:
      if ((r.type === 'AWS::CloudFormation::CustomResource' || r.type.startsWith('Custom::')) && mentions(p['ServiceToken'], spec)) {
        return one('cloudformation', 'create-request', { 'resource-type': r.type === 'AWS::CloudFormation::CustomResource' ? 'AWS::CloudFormation::CustomResource' : r.type, 'logical-id': id });
      }
      return [];
  }
}

/** Samples for the function's triggers, SAM events first, without duplicates. */
export function triggerSamples(spec: FunctionSpec, project: Project): TriggerSample[] {
  const all = [
    ...spec.events.flatMap((e) => fromSamEvent(e, project)),
    ...(spec.functionUrlConfig ? [{ source: 'lambda-url', type: 'request', options: {}, label: 'FunctionUrlConfig' }] : []),
    ...Object.entries(project.resources).filter(([, r]) => r.type !== 'AWS::Lambda::Permission').flatMap(([id, r]) => fromResource(id, r, spec, project)),
  ];
  // A permission only says which service invokes the function: it counts when nothing more specific did.
  const generic = Object.entries(project.resources).filter(([, r]) => r.type === 'AWS::Lambda::Permission').flatMap(([id, r]) => fromResource(id, r, spec, project));
  all.push(...generic.filter((g) => !all.some((s) => s.source === g.source)));
  const seen = new Set<string>();
  return all.filter((s) => {
    const key = `${s.source} ${s.type} ${JSON.stringify(s.options)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
