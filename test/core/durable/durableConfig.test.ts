// DurableConfig through CreateFunction / UpdateFunctionConfiguration (Lambda's ranges and messages) and
// templates (shown by GetFunctionConfiguration, an out-of-range value reported as a problem).
import { CreateFunctionCommand, GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { handlerCode, sdkError } from '../management/managementFixtures';
import { makeZip } from '../state/zipFixtures';
import { startTestEngine, type TestEngine } from '../../support/engine';

const ROLE = 'arn:aws:iam::123456789012:role/local';

describe('DurableConfig', () => {
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('is validated and stored by CreateFunction and UpdateFunctionConfiguration', async () => {
    m = await startTestEngine({ listen: true });
    const zip = makeZip([{ name: 'index.js', content: handlerCode('d') }]);
    const create = (DurableConfig: unknown) =>
      sdkError(m!.lambda.send(new CreateFunctionCommand({ FunctionName: 'bad', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zip }, DurableConfig } as never)));
    const tooLong = await create({ ExecutionTimeout: 31_622_401 });
    assert.deepEqual([tooLong.name, tooLong.message], ['ValidationException', "1 validation error detected: Value '31622401' at 'durableConfig.executionTimeout' failed to satisfy constraint: Member must have value less than or equal to 31622400"]);
    const retention = await create({ ExecutionTimeout: 60, RetentionPeriodInDays: 0 });
    assert.equal(retention.message, "1 validation error detected: Value '0' at 'durableConfig.retentionPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 1");
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'wf', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zip }, DurableConfig: { ExecutionTimeout: 3600 } }));
    const got = await m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'wf' }));
    assert.deepEqual(got.DurableConfig, { ExecutionTimeout: 3600, RetentionPeriodInDays: 14 });
    await m.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'wf', DurableConfig: { RetentionPeriodInDays: 30 } }));
    const updated = await m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'wf' }));
    assert.deepEqual(updated.DurableConfig, { ExecutionTimeout: 3600, RetentionPeriodInDays: 30 });
  });

  it('comes from the template, and an out-of-range value is a problem', async () => {
    const template = (timeout: number) => `Resources:
  Flow:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: fn
      DurableConfig:
        ExecutionTimeout: ${timeout}
        RetentionPeriodInDays: 7
`;
    m = await startTestEngine({ listen: true, files: { 'fn/index.js': handlerCode('t') }, template: template(900) });
    const got = await m.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'Flow' }));
    assert.deepEqual(got.DurableConfig, { ExecutionTimeout: 900, RetentionPeriodInDays: 7 });
    m.write('template.yaml', template(0));
    await m.reload();
    const problem = m.project?.problems.find((p) => p.code === 'durable-config-invalid');
    assert.equal(problem?.message, "1 validation error detected: Value '0' at 'durableConfig.executionTimeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });
});
