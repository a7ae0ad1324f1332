// The SAM template of a deployed configuration: every property that changes how the function runs.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { functionProperties, logicalIdOf, samTemplateFor } from '../../../src/core/remote/samTemplate';

describe('samTemplate', () => {
  it('maps the configuration to SAM properties', () => {
    assert.deepEqual(
      functionProperties(
        {
          FunctionName: 'billing',
          Runtime: 'python3.12',
          Handler: 'app.lambda_handler',
          MemorySize: 1024,
          Timeout: 30,
          Architectures: ['arm64'],
          Environment: { Variables: { TABLE: 'bills' } },
          Layers: [{ Arn: 'arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7' }],
          EphemeralStorage: { Size: 2048 },
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'INFO', LogGroup: '/custom/billing' },
          VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
          DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq' },
          Role: 'arn:aws:iam::123456789012:role/billing',
        },
        'src/',
      ),
      {
        FunctionName: 'billing',
        CodeUri: 'src/',
        Handler: 'app.lambda_handler',
        Runtime: 'python3.12',
        MemorySize: 1024,
        Timeout: 30,
        Architectures: ['arm64'],
        EphemeralStorage: { Size: 2048 },
        Environment: { Variables: { TABLE: 'bills' } },
        Layers: ['arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7'],
        Tracing: 'Active',
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'INFO', LogGroup: '/custom/billing' },
        Role: 'arn:aws:iam::123456789012:role/billing',
        VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
        DeadLetterQueue: { Type: 'SQS', TargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq' },
      },
    );
  });

  it('leaves defaults out and makes logical ids CloudFormation accepts', () => {
    assert.deepEqual(functionProperties({ FunctionName: 'f', Runtime: 'nodejs22.x', Handler: 'index.handler', EphemeralStorage: { Size: 512 }, LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/f' }, TracingConfig: { Mode: 'PassThrough' } }, 'src/'), {
      FunctionName: 'f',
      CodeUri: 'src/',
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
    });
    assert.equal(logicalIdOf('my-stack-OrdersFunction-AbC123'), 'MyStackOrdersFunctionAbC123');
    assert.equal(logicalIdOf('2fast'), 'Function2fast');
  });

  it('writes a whole SAM template', () => {
    const doc = parse(samTemplateFor({ FunctionName: 'f', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', Runtime: 'nodejs22.x', Handler: 'index.handler' }, 'src/', new Date(0))) as Record<string, unknown>;
    assert.equal(doc.Transform, 'AWS::Serverless-2016-10-31');
    assert.equal(doc.Description, 'f pulled from arn:aws:lambda:us-east-1:123456789012:function:f on 1970-01-01T00:00:00.000Z by Lambda Workbench');
    assert.deepEqual(Object.keys(doc.Resources as object), ['F']);
  });
});
