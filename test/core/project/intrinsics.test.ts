import * as assert from 'assert';
import { analyze, at, find, nodeHandler, problemsOf, removeWorkspaces } from './workspace';

const header = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Subnets: { Type: CommaDelimitedList, Default: "subnet-a, subnet-b" }
  Ports: { Type: "List<Number>", Default: "80,443" }
  Size: { Type: Number, Default: 256 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: { "Fn::Not": [{ Condition: IsProd }] }
  DevAndEu: !And [!Condition IsDev, !Equals [!Ref "AWS::Region", eu-west-1]]
  ProdOrEu: !Or [!Condition IsProd, !Equals [!Ref "AWS::Region", eu-west-1]]
Mappings:
  Sizes:
    dev: { Memory: 512 }
    prod: { Memory: 2048 }
`;

function fnWith(vars: string, extraResources = ''): string {
  return `${header}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: index.handler
      Runtime: nodejs22.x
      Environment:
        Variables:
${vars}
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${AWS::StackName}-q"
  Topic:
    Type: AWS::SNS::Topic
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Stream:
    Type: AWS::Kinesis::Stream
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: src
${extraResources}`;
}

function env(vars: string, overrides?: Record<string, string>, extra?: string): { env: Record<string, string>; project: ReturnType<typeof analyze> } {
  const project = analyze(fnWith(vars, extra), nodeHandler, overrides);
  return { env: { ...project.functions[0]?.environment }, project };
}

describe('project/intrinsics', () => {
  after(removeWorkspaces);

  it('resolves Ref to parameters (defaults, overrides, lists) and pseudo parameters', () => {
    const { env: e, project } = env(`          STAGE: !Ref Stage
          LONG: { Ref: Stage }
          SUBNET: !Select [1, !Ref Subnets]
          PORT: !Select [0, !Ref Ports]
          SIZE: !Ref Size
          REGION: !Ref AWS::Region
          ACCOUNT: !Ref AWS::AccountId
          STACK: !Ref AWS::StackName
          PARTITION: !Ref AWS::Partition
          SUFFIX: !Ref AWS::URLSuffix
          GONE: !Ref AWS::NoValue`, { Stage: 'prod' });
    assert.deepStrictEqual(project.problems, []);
    assert.deepStrictEqual(e, {
      STAGE: 'prod', LONG: 'prod', SUBNET: 'subnet-b', PORT: '80', SIZE: '256', REGION: 'eu-west-1', ACCOUNT: '111122223333',
      STACK: 'local', PARTITION: 'aws', SUFFIX: 'amazonaws.com',
    });
  });

  it('resolves Ref and Fn::GetAtt to local resources in the partition', () => {
    const { env: e, project } = env(`          QUEUE: !Ref Queue
          QUEUE_ARN: !GetAtt Queue.Arn
          QUEUE_NAME: { "Fn::GetAtt": [Queue, QueueName] }
          QUEUE_URL: { "Fn::GetAtt": "Queue.QueueUrl" }
          TOPIC: !Ref Topic
          TOPIC_NAME: !GetAtt Topic.TopicName
          TABLE: !Ref Table
          TABLE_ARN: !GetAtt Table.Arn
          STREAM_ARN: !GetAtt Table.StreamArn
          KINESIS: !GetAtt Stream.Arn
          FN: !Ref Fn
          FN_ARN: !GetAtt Fn.Arn
          LAYER: !Ref Layer
          ROLE: !GetAtt FnRole.Arn`);
    assert.deepStrictEqual(project.problems, []);
    assert.deepStrictEqual(e, {
      QUEUE: 'https://sqs.eu-west-1.amazonaws.com/111122223333/local-q',
      QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111122223333:local-q',
      QUEUE_NAME: 'local-q',
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/local-q',
      TOPIC: 'arn:aws:sns:eu-west-1:111122223333:Topic',
      TOPIC_NAME: 'Topic',
      TABLE: 'orders',
      TABLE_ARN: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      STREAM_ARN: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/1970-01-01T00:00:00.000',
      KINESIS: 'arn:aws:kinesis:eu-west-1:111122223333:stream/Stream',
      FN: 'Fn',
      FN_ARN: 'arn:aws:lambda:eu-west-1:111122223333:function:Fn',
      LAYER: 'Layer',
      ROLE: 'arn:aws:iam::111122223333:role/FnRole',
    });
    assert.strictEqual(project.resources['Queue']?.properties['QueueName'], 'local-q');
  });

  it('evaluates Fn::Sub in both forms, with ${!Literal}', () => {
    const { env: e, project } = env(`          SUB_A: !Sub "\${AWS::Region}/\${Stage}/\${Queue.Arn}/\${Queue}/\${!Literal}"
          SUB_B: !Sub ["\${x}-\${Stage}", { x: !Ref AWS::AccountId }]
          SUB_C: { "Fn::Sub": "plain" }`);
    assert.deepStrictEqual(project.problems, []);
    assert.strictEqual(e['SUB_A'], 'eu-west-1/dev/arn:aws:sqs:eu-west-1:111122223333:local-q/https://sqs.eu-west-1.amazonaws.com/111122223333/local-q/${Literal}');
    assert.strictEqual(e['SUB_B'], '111122223333-dev');
    assert.strictEqual(e['SUB_C'], 'plain');
  });

  it('evaluates Join, Select, Split, FindInMap, Base64, GetAZs, Cidr and If', () => {
    const { env: e, project } = env(`          JOIN: !Join [":", [a, !Ref Stage, !Join ["", !Ref Subnets]]]
          SELECT: !Select ["1", !Split ["/", "x/y/z"]]
          MAP: !FindInMap [Sizes, !Ref Stage, Memory]
          B64: !Base64 hello
          AZ: !Select [2, !GetAZs ""]
          CIDR: !Select [1, !Cidr ["10.0.0.0/16", 3, 8]]
          IF: !If [IsProd, prod-value, dev-value]
          IF_NOVALUE: !If [IsProd, x, !Ref AWS::NoValue]
          AND: !If [DevAndEu, yes, no]
          OR: { "Fn::If": [ProdOrEu, yes, no] }`);
    assert.deepStrictEqual(project.problems, []);
    assert.deepStrictEqual(e, {
      JOIN: 'a:dev:subnet-asubnet-b', SELECT: 'y', MAP: '512', B64: 'aGVsbG8=', AZ: 'eu-west-1c', CIDR: '10.0.1.0/24',
      IF: 'dev-value', AND: 'yes', OR: 'yes',
    });
  });

  it('skips resources whose Condition is false, and follows overrides', () => {
    const extra = `  ProdFn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties: { CodeUri: src, Handler: index.handler, Runtime: nodejs22.x }
  DevQueue:
    Type: AWS::SQS::Queue
    Condition: IsDev
`;
    const dev = analyze(fnWith('          AA: a', extra), nodeHandler);
    assert.deepStrictEqual(dev.functions.map((f) => f.logicalId), ['Fn']);
    assert.ok(dev.resources['DevQueue']);
    const prod = analyze(fnWith('          AA: a', extra), nodeHandler, { Stage: 'prod' });
    assert.deepStrictEqual(prod.functions.map((f) => f.logicalId), ['Fn', 'ProdFn']);
    assert.strictEqual(prod.resources['DevQueue'], undefined);
  });

  it('warns about what cannot be resolved locally, at the intrinsic: imports are left out, unmodelled attributes get placeholders', () => {
    const vars = `          IMPORTED: !ImportValue other-stack-export
          ATTR: !GetAtt Queue.Nope
          SUB: !Sub "\${Queue.Nope}/x"
          KEPT: yes`;
    const { env: e, project } = env(vars);
    const text = fnWith(vars);
    assert.deepStrictEqual(e, { KEPT: 'yes', ATTR: 'local-q-Nope', SUB: 'local-q-Nope/x' });
    const [imported] = problemsOf(project, 'intrinsic-unresolvable');
    assert.strictEqual(imported?.severity, 'warning');
    assert.strictEqual(imported?.message, 'Fn::ImportValue cannot be resolved locally: exports of other stacks are not available');
    assert.strictEqual(at(imported), find(text, '!ImportValue other-stack-export'));
    const attrs = problemsOf(project, 'getatt-placeholder');
    const message = 'Fn::GetAtt Queue.Nope (AWS::SQS::Queue) is not modelled locally: it resolves to the placeholder local-q-Nope';
    assert.deepStrictEqual(attrs.map((p) => [p.severity, p.message]), [['warning', message], ['warning', message]]);
    assert.deepStrictEqual(attrs.map(at), [find(text, '!GetAtt Queue.Nope'), find(text, '!Sub "${Queue.Nope}/x"')]);
    assert.ok(attrs.every((p) => p.resource === 'Fn'));
  });

  it('reports references to unknown names, mappings and conditions as errors', () => {
    const vars = `          VA: !Ref Missing
          VB: !GetAtt Nowhere.Arn
          VC: !FindInMap [Sizes, staging, Memory]
          VD: !If [NoSuchCondition, a, b]`;
    const { project } = env(vars);
    const text = fnWith(vars);
    const byCode = (c: string) => problemsOf(project, c)[0];
    assert.strictEqual(byCode('unresolved-ref')?.message, 'Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template');
    assert.strictEqual(at(byCode('unresolved-ref')), find(text, '!Ref Missing'));
    assert.strictEqual(byCode('unresolved-getatt')?.message, 'Template error: instance of Fn::GetAtt references undefined resource Nowhere');
    assert.strictEqual(byCode('mapping-missing')?.message, 'Template error: Unable to get mapping for Sizes::staging::Memory');
    assert.strictEqual(at(byCode('mapping-missing')), find(text, '!FindInMap [Sizes, staging, Memory]'));
    assert.strictEqual(byCode('condition-missing')?.severity, 'error');
    assert.strictEqual(at(byCode('condition-missing')), find(text, 'NoSuchCondition'));
  });

  it('gives a list parameter without value [""], so selecting from it still works', () => {
    const text = fnWith('          FIRST: !Select [0, !Ref Missing]\n          JOINED: !Join [",", !Ref Missing]').replace('Parameters:\n', 'Parameters:\n  Missing: { Type: CommaDelimitedList }\n');
    const project = analyze(text, nodeHandler);
    assert.deepEqual(project.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(project.functions[0]!.environment, { FIRST: '', JOINED: '' });
    assert.deepEqual(project.missingParameters, ['Missing']);
  });

  it('checks parameter values: missing (a warning, resolves to ""), AllowedValues', () => {
    const t = `Parameters:
  NoDefault: { Type: String }
  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Resources:
  Q: { Type: AWS::SQS::Queue }
`;
    const project = analyze(t, {}, { Stage: 'qa' });
    assert.strictEqual(problemsOf(project, 'parameter-missing')[0]?.message, 'Parameter NoDefault has no Default and no override: it resolves to "". Give it a value with --parameter-overrides NoDefault=VALUE (in VS Code: Lambda: Set Template Parameter Values)');
    assert.strictEqual(problemsOf(project, 'parameter-missing')[0]?.severity, 'warning');
    assert.deepStrictEqual(project.missingParameters, ['NoDefault']);
    assert.strictEqual(at(problemsOf(project, 'parameter-missing')[0]), '1:2-1:11');
    assert.strictEqual(problemsOf(project, 'parameter-not-allowed')[0]?.message, "Parameter 'Stage' must be one of AllowedValues");
  });

  it('reports circular conditions and resources whose names refer to themselves', () => {
    const t = `Conditions:
  A: !Condition B
  B: !Not [!Condition A]
Resources:
  Q1:
    Type: AWS::SQS::Queue
    Condition: A
  Q2:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !GetAtt Q2.QueueName }
  Q3:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !Ref Nowhere, Other: !Ref Nowhere }
`;
    const project = analyze(t);
    assert.strictEqual(problemsOf(project, 'condition-circular')[0]?.message, 'Template error: found circular condition dependency between A and B');
    const [circular] = problemsOf(project, 'circular-dependency');
    assert.strictEqual(circular?.message, 'Template format error: Circular dependency between resources: [Q2]');
    assert.strictEqual(at(circular), find(t, '!GetAtt Q2.QueueName'));
    assert.strictEqual(problemsOf(project, 'unresolved-ref').length, 2);
    assert.deepStrictEqual(Object.keys(project.resources), ['Q2', 'Q3']);
  });

  it('resolves what the SAM transform generates (Fn.Alias, Fn.Version, Api.Stage, <Api><Stage>Stage, ServerlessRestApi) and placeholders for unmodelled resources', () => {
    const vars = `          ALIAS: !Ref Fn.Alias
          VERSION: !Ref Fn.Version
          STAGE: !Ref Api.Stage
          STAGE_RESOURCE: !Ref Apiv1Stage
          IMPLICIT: !Ref ServerlessRestApi
          IN_SUB: !Sub "\${Api.Stage}/x"
          POOL: !GetAtt Pool.Arn
          POOL_ID: !Ref Pool
          SECRET: !Ref Secret
          CLUSTER: !GetAtt Cache.RedisEndpoint.Port`;
    const extra = `  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1 }
  Pool:
    Type: AWS::Cognito::UserPool
  Secret:
    Type: AWS::SecretsManager::Secret
  Cache:
    Type: AWS::ElastiCache::CacheCluster
`;
    const { env: e, project } = env(vars, undefined, extra);
    assert.deepEqual(project.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(e, {
      ALIAS: 'arn:aws:lambda:eu-west-1:111122223333:function:Fn:live',
      VERSION: 'arn:aws:lambda:eu-west-1:111122223333:function:Fn:1',
      STAGE: 'v1',
      STAGE_RESOURCE: 'v1',
      IMPLICIT: 'serverless',
      IN_SUB: 'v1/x',
      POOL: 'arn:aws:cognito-idp:eu-west-1:111122223333:userpool/Pool',
      POOL_ID: e['POOL_ID'],
      SECRET: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:Secret-a1b2c3',
      CLUSTER: '6379',
    });
    assert.match(e['POOL_ID']!, /^eu-west-1_[0-9a-f]{9}$/);
    assert.deepEqual(problemsOf(project, 'getatt-placeholder').map((p) => p.severity), ['warning', 'warning']);
  });
});

