// What `Ref` and `Fn::GetAtt` return for template resources when they exist only locally:
// names default to the logical id, ARNs are built in the local Partition.
import { functionArn, type Partition } from '../arn';

/** The property holding a resource's physical name, by resource type. */
export const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Serverless::LayerVersion': 'LayerName',
  'AWS::Lambda::LayerVersion': 'LayerName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Events::Rule': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Serverless::StateMachine': 'Name',
};

/** A resource as `Ref`/`GetAtt` see it: its type, physical name and raw properties. */
export interface LocalResource {
  readonly type: string;
  readonly logicalId: string;
  /** Resolved name property, or a default derived from the logical id. */
  readonly name: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** What `Ref` returns when it is known up front (SAM-generated resources). */
  readonly ref?: string;
}

/** Default physical name when the name property is absent. */
export function defaultName(type: string, logicalId: string, properties: Readonly<Record<string, unknown>>): string {
  if (type === 'AWS::S3::Bucket') return logicalId.toLowerCase();
  if (type === 'AWS::SQS::Queue' && properties['FifoQueue'] === true) return `${logicalId}.fifo`;
  return logicalId;
}

/** The value of `Ref` on a local resource; undefined for types it does not know (placeholders then). */
export function refValue(r: LocalResource, p: Partition): string | undefined {
  switch (r.type) {
    case 'AWS::SQS::Queue':
      return queueUrl(r.name, p);
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${p.region}:${p.accountId}:${r.name}`;
    case 'AWS::StepFunctions::StateMachine':
    case 'AWS::Serverless::StateMachine':
      return `arn:aws:states:${p.region}:${p.accountId}:stateMachine:${r.name}`;
    case 'AWS::SecretsManager::Secret':
      // Ref on a secret is its ARN, which ends in a random six-character suffix.
      return `arn:aws:secretsmanager:${p.region}:${p.accountId}:secret:${r.name}-a1b2c3`;
    case 'AWS::Serverless::LayerVersion':
    case 'AWS::Lambda::LayerVersion':
      // The logical id lets a function's `Layers: [!Ref L]` find the local layer again.
      return r.logicalId;
    default:
      return r.type in NAME_PROPERTY ? r.name : undefined;
  }
}

/** The value of `Fn::GetAtt` on a local resource, or undefined when it cannot be known locally. */
export function attributeValue(r: LocalResource, attr: string, p: Partition): string | undefined {
  const { region, accountId } = p;
  const n = r.name;
  switch (`${r.type}.${attr}`) {
    case 'AWS::Serverless::Function.Arn':
    case 'AWS::Lambda::Function.Arn':
      return functionArn(p, n);
    case 'AWS::SQS::Queue.Arn':
      return `arn:aws:sqs:${region}:${accountId}:${n}`;
    case 'AWS::SQS::Queue.QueueName':
      return n;
    case 'AWS::SQS::Queue.QueueUrl':
      return queueUrl(n, p);
    case 'AWS::SNS::Topic.TopicArn':
      return `arn:aws:sns:${region}:${accountId}:${n}`;
    case 'AWS::SNS::Topic.TopicName':
      return n;
    case 'AWS::DynamoDB::Table.Arn':
      return `arn:aws:dynamodb:${region}:${accountId}:table/${n}`;
    case 'AWS::DynamoDB::Table.StreamArn':
      return r.properties['StreamSpecification'] === undefined
        ? undefined
        : `arn:aws:dynamodb:${region}:${accountId}:table/${n}/stream/1970-01-01T00:00:00.000`;
    case 'AWS::Kinesis::Stream.Arn':
      return `arn:aws:kinesis:${region}:${accountId}:stream/${n}`;
    case 'AWS::S3::Bucket.Arn':
      return `arn:aws:s3:::${n}`;
    case 'AWS::S3::Bucket.DomainName':
      return `${n}.s3.amazonaws.com`;
    case 'AWS::S3::Bucket.RegionalDomainName':
      return `${n}.s3.${region}.amazonaws.com`;
    case 'AWS::IAM::Role.Arn':
      return `arn:aws:iam::${accountId}:role/${n}`;
    case 'AWS::Logs::LogGroup.Arn':
      return `arn:aws:logs:${region}:${accountId}:log-group:${n}:*`;
    case 'AWS::Events::Rule.Arn':
      return `arn:aws:events:${region}:${accountId}:rule/${n}`;
    case 'AWS::StepFunctions::StateMachine.Arn':
    case 'AWS::Serverless::StateMachine.Arn':
      return `arn:aws:states:${region}:${accountId}:stateMachine:${n}`;
    case 'AWS::StepFunctions::StateMachine.Name':
    case 'AWS::Serverless::StateMachine.Name':
      return n;
    default:
      return undefined;
  }
}

function queueUrl(name: string, p: Partition): string {
  return `https://sqs.${p.region}.amazonaws.com/${p.accountId}/${name}`;
}
