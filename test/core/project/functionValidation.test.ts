import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeTemplate } from '../../../src/core/project/analyzeTemplate';
import { LAMBDA_RUNTIMES } from '../../../src/core/project/runtimes';
import { analyze, at, find, makeWorkspace, nodeHandler, partition, problemsOf, removeWorkspaces, samFunction, writeFile } from './workspace';

// AWS's enum text, recorded 2025-11 (LocalStack snapshot test_lambda_api::test_create_lambda_exceptions).
const AWS_ENUM = '[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2]';

/** Analyzes a one-function template whose Runtime line is replaced. */
function withRuntime(runtime: string): { text: string; project: ReturnType<typeof analyze> } {
  const text = samFunction('').replace('Runtime: nodejs22.x', `Runtime: ${runtime}`);
  return { text, project: analyze(text, nodeHandler) };
}

function only(project: ReturnType<typeof analyze>, code: string) {
  const ps = problemsOf(project, code);
  assert.strictEqual(ps.length, 1, `one ${code} in ${JSON.stringify(project.problems.map((p) => p.code))}`);
  return ps[0]!;
}

describe('project/functionValidation', () => {
  after(removeWorkspaces);

  it('accepts a valid function with no problems and applies the defaults', () => {
    const project = analyze(samFunction(''), nodeHandler);
    assert.deepStrictEqual(project.problems, []);
    const fn = project.functions[0]!;
    assert.strictEqual(fn.memorySize, 128);
    assert.strictEqual(fn.timeout, 3);
    assert.strictEqual(fn.ephemeralStorage, 512);
    assert.deepStrictEqual(fn.architectures, ['x86_64']);
    assert.deepStrictEqual(fn.logging, { logFormat: 'Text', logGroup: '/aws/lambda/Fn' });
    assert.strictEqual(fn.functionName, 'Fn');
    assert.strictEqual(fn.description, '');
  });

  it('quotes the runtime enum the way AWS prints it (its order and members, recorded 2025-11)', () => {
    for (const r of LAMBDA_RUNTIMES) if (r !== 'provided') assert.ok(AWS_ENUM.includes(` ${r},`) || AWS_ENUM.includes(`[${r},`) || AWS_ENUM.includes(` ${r}]`), r);
    for (const bad of ['nodejs99.x', 'NodeJS22.x']) {
      const { text, project } = withRuntime(bad);
      const p = only(project, 'runtime-unknown');
      assert.strictEqual(p.message, `Value ${bad} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ${AWS_ENUM} or be a valid ARN`);
      assert.strictEqual(p.severity, 'error');
      assert.strictEqual(at(p), find(text, bad));
    }
  });

  it('warns (not refuses) on retired runtimes, naming the dates from the catalog and Lambda\'s refusal text', () => {
    const { text, project } = withRuntime('nodejs16.x');
    const p = only(project, 'runtime-deprecated');
    assert.strictEqual(p.severity, 'warning');
    assert.strictEqual(
      p.message,
      'nodejs16.x was deprecated on Jun 12, 2024; Lambda no longer accepts it for creating or updating functions: deploying this template fails with ' +
        '"The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions." ' +
        "It runs locally on the nearest available runtime (nodejs18.x's interpreter).",
    );
    assert.strictEqual(at(p), find(text, 'nodejs16.x'));
    // python2.7 has no local successor (Python 2 code does not run on Python 3): still an error.
    assert.strictEqual(only(withRuntime('python2.7').project, 'runtime-deprecated').severity, 'error');
  });

  it('warns that dotnet is valid but not runnable locally', () => {
    for (const r of ['dotnet8', 'dotnet10']) {
      const { project } = withRuntime(r);
      const p = only(project, 'runtime-not-local');
      assert.strictEqual(p.severity, 'warning');
      assert.strictEqual(p.message, `${r} is a valid Lambda runtime, but Lambda Workbench cannot run it locally (Node.js, Python, Java, Ruby and provided runtimes only)`);
      assert.strictEqual(project.problems.length, 1);
    }
  });

  it('checks memory, timeout and ephemeral storage ranges with AWS messages at the value', () => {
    const cases: [string, string, string, string][] = [
      ['MemorySize: 64', '64', 'memorySize-range', "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"],
      ['MemorySize: 10241', '10241', 'memorySize-range', "1 validation error detected: Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"],
      ['Timeout: 0', '0', 'timeout-range', "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"],
      ['Timeout: 901', '901', 'timeout-range', "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900"],
      ['EphemeralStorage: { Size: 511 }', '511', 'ephemeralStorage.size-range', "1 validation error detected: Value '511' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or equal to 512"],
      ['EphemeralStorage:\n        Size: 10241', '10241', 'ephemeralStorage.size-range', "1 validation error detected: Value '10241' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value less than or equal to 10240"],
    ];
    for (const [line, value, code, message] of cases) {
      const text = samFunction(`      ${line}\n`);
      const p = only(analyze(text, nodeHandler), code);
      assert.strictEqual(p.message, message);
      assert.strictEqual(at(p), find(text, value, 8));
    }
  });

  it('reports reserved environment keys with the AWS message, at each key', () => {
    const text = samFunction('      Environment:\n        Variables:\n          OK_VAR: x\n          TZ: UTC\n          AWS_REGION: us-east-1\n');
    const ps = problemsOf(analyze(text, nodeHandler), 'env-key-reserved');
    const message = 'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: TZ, AWS_REGION';
    assert.deepStrictEqual(ps.map((p) => p.message), [message, message]);
    assert.deepStrictEqual(ps.map(at), [find(text, 'TZ'), find(text, 'AWS_REGION')]);
  });

  it('reports invalid environment key names', () => {
    const text = samFunction('      Environment:\n        Variables:\n          X: one-char\n          1ABC: digit\n          HAS-DASH: dash\n          GOOD_1: ok\n');
    const ps = problemsOf(analyze(text, nodeHandler), 'env-key-invalid');
    assert.deepStrictEqual(ps.map(at), [find(text, 'X:').replace(/-(\d+):(\d+)$/, (_, l, c) => `-${l}:${Number(c) - 1}`), find(text, '1ABC'), find(text, 'HAS-DASH')]);
    assert.strictEqual(ps[0]?.message, "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
  });

  it('measures the environment as JSON against 4 KB', () => {
    const big = 'v'.repeat(4080);
    const text = samFunction(`      Environment:\n        Variables:\n          BIG: ${big}\n          NUM: 42\n`);
    const p = only(analyze(text, nodeHandler), 'env-too-large');
    assert.strictEqual(p.message, `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"BIG":"${big}","NUM":"42"}`);
    assert.strictEqual(p.range.start.line, 10); // the Variables map
    const ok = analyze(samFunction(`      Environment:\n        Variables:\n          BIG: ${'v'.repeat(4000)}\n`), nodeHandler);
    assert.deepStrictEqual(problemsOf(ok, 'env-too-large'), []);
  });

  it('allows at most 5 layers, and warns about layers by ARN that are not in the cache yet', () => {
    const layers = Array.from({ length: 6 }, (_, i) => `        - arn:aws:lambda:eu-west-1:999999999999:layer:remote${i}:1`).join('\n');
    const text = samFunction(`      Layers:\n${layers}\n`);
    const project = analyze(text, nodeHandler);
    const p = only(project, 'layers-too-many');
    assert.strictEqual(p.message, 'Cannot reference more than 5 layers.');
    assert.strictEqual(at(p).split('-')[0], find(text, '- arn').split('-')[0]);
    const remote = problemsOf(project, 'layer-arn-pending');
    assert.strictEqual(remote.length, 6);
    assert.strictEqual(remote[0]?.severity, 'warning');
    assert.strictEqual(remote[0]?.message, "Layer arn:aws:lambda:eu-west-1:999999999999:layer:remote0:1 is not in the local cache yet: it is fetched (AWS's public Powertools layers from npm or PyPI, others with your AWS credentials) when the template loads");
    assert.strictEqual(at(remote[0]), find(text, 'arn:aws:lambda:eu-west-1:999999999999:layer:remote0:1'));
  });

  it('mounts local layers by Ref, logical id or layer ARN', () => {
    const text = samFunction('      Layers: [!Ref Deps, Deps, "arn:aws:lambda:eu-west-1:111122223333:layer:deps-layer:3"]\n', `  Deps:
    Type: AWS::Serverless::LayerVersion
    Properties:
      LayerName: deps-layer
      ContentUri: layer
`);
    const project = analyze(text, { ...nodeHandler, 'layer/nodejs/x.js': '' });
    assert.deepStrictEqual(project.problems, []);
    assert.deepStrictEqual(project.functions[0]?.layers.map((l) => [l.logicalId, l.name]), [['Deps', 'deps-layer'], ['Deps', 'deps-layer'], ['Deps', 'deps-layer']]);
  });

  it('limits code plus layers to 262144000 bytes unzipped', () => {
    const dir = makeWorkspace(nodeHandler);
    writeFile(dir, 'layer/big.bin', '');
    fs.truncateSync(path.join(dir, 'layer/big.bin'), 262_144_000); // sparse: costs no disk
    const text = samFunction('      Layers: [!Ref L]\n', '  L:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layer\n');
    const file = writeFile(dir, 'template.yaml', text);
    const p = only(analyzeTemplate(text, file, { partition }), 'code-too-large');
    assert.strictEqual(p.message, 'Unzipped size must be smaller than 262144000 bytes');
    assert.strictEqual(at(p), find(text, 'src'));
  });

  it('reports a CodeUri that does not exist, at the CodeUri value', () => {
    const text = samFunction('');
    const p = only(analyze(text, {}), 'code-missing');
    assert.match(p.message, /^CodeUri src does not exist \(.*\/src\)$/);
    assert.strictEqual(at(p), find(text, 'src'));
  });

  it('rejects log levels unless LogFormat is JSON, and defaults the log group', () => {
    const text = samFunction('      LoggingConfig:\n        ApplicationLogLevel: DEBUG\n');
    const project = analyze(text, nodeHandler);
    const p = only(project, 'logging-level-with-text');
    assert.strictEqual(p.message, 'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "JSON" and try again.');
    assert.strictEqual(at(p), find(text, 'DEBUG'));
    const json = analyze(samFunction('      FunctionName: my-fn\n      LoggingConfig:\n        LogFormat: JSON\n        ApplicationLogLevel: DEBUG\n        SystemLogLevel: WARN\n'), nodeHandler);
    assert.deepStrictEqual(json.problems, []);
    assert.deepStrictEqual(json.functions[0]?.logging, { logFormat: 'JSON', logGroup: '/aws/lambda/my-fn', applicationLogLevel: 'DEBUG', systemLogLevel: 'WARN' });
  });

  it('checks architectures, names, description, handler and role', () => {
    const cases: [string, string, string][] = [
      ['Architectures: [x86_64, arm64]', 'architectures-invalid', "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1"],
      ['Architectures: [X86_64]', 'architectures-invalid', "1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]"],
      [`FunctionName: ${'f'.repeat(65)}`, 'function-name-invalid', `1 validation error detected: Value '${'f'.repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`],
      [`Description: ${'d'.repeat(257)}`, 'description-invalid', `1 validation error detected: Value '${'d'.repeat(257)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`],
      ['Role: not-an-arn', 'role-invalid', "1 validation error detected: Value 'not-an-arn' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"],
    ];
    for (const [line, code, message] of cases) {
      assert.strictEqual(only(analyze(samFunction(`      ${line}\n`), nodeHandler), code).message, message);
    }
  });

  it('reports duplicate function names and missing Handler/Runtime at the resource', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: index.handler, Runtime: nodejs22.x, FunctionName: same }
  B:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: index.handler, Runtime: nodejs22.x, FunctionName: same }
  NoRuntime:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: index.handler }
`;
    const project = analyze(text, nodeHandler);
    // A function that cannot run stays listed with its problem; a second function of the same name cannot be.
    assert.deepStrictEqual(project.functions.map((f) => f.logicalId), ['A', 'NoRuntime']);
    assert.strictEqual(only(project, 'function-name-duplicate').resource, 'B');
    const missing = only(project, 'handler-runtime-required');
    assert.strictEqual(missing.message, 'Runtime and Handler are mandatory parameters for functions created with deployment packages.');
    assert.strictEqual(at(missing), find(text, 'NoRuntime'));
  });

  it('reads AWS::Lambda::Function Code as a local path or inline code, and lists S3 code with its problem', () => {
    const text = `Resources:
  Local:
    Type: AWS::Lambda::Function
    Properties: { Code: src, Handler: index.handler, Runtime: nodejs22.x, DeadLetterConfig: { TargetArn: "arn:aws:sqs:eu-west-1:111122223333:dlq" } }
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Code: { ZipFile: "exports.handler = () => 1" }
      Handler: index.handler
      Runtime: nodejs22.x
  Remote:
    Type: AWS::Lambda::Function
    Properties: { Code: { S3Bucket: b, S3Key: k }, Handler: index.handler, Runtime: nodejs22.x }
`;
    const project = analyze(text, nodeHandler);
    assert.deepStrictEqual(project.functions.map((f) => f.logicalId), ['Local', 'Inline', 'Remote']);
    assert.deepStrictEqual(project.functions[0]?.deadLetterQueue, { type: 'SQS', targetArn: 'arn:aws:sqs:eu-west-1:111122223333:dlq' });
    assert.deepStrictEqual(project.functions[1]?.codeSource, { kind: 'inline', fileName: 'index.js', text: 'exports.handler = () => 1' });
    assert.ok(!project.problems.some((p) => p.resource === 'Inline'), JSON.stringify(project.problems));
    const remote = only(project, 'code-not-local');
    assert.strictEqual(remote.resource, 'Remote');
    assert.strictEqual(remote.severity, 'error');
  });

  it('extracts events with ranges and the other function properties', () => {
    const text = samFunction(`      Description: orders
      ReservedConcurrentExecutions: 5
      AutoPublishAlias: live
      Role: arn:aws:iam::111122223333:role/r
      VpcConfig: { SubnetIds: [s1], SecurityGroupIds: [g1] }
      DeadLetterQueue: { Type: SNS, TargetArn: arn:aws:sns:eu-west-1:111122223333:t }
      EventInvokeConfig: { MaximumRetryAttempts: 1 }
      Events:
        Every5:
          Type: Schedule
          Properties: { Schedule: rate(5 minutes) }
    Metadata: { Owner: team }
`);
    const project = analyze(text, nodeHandler);
    assert.deepStrictEqual(project.problems, []);
    const fn = project.functions[0]!;
    assert.strictEqual(fn.description, 'orders');
    assert.strictEqual(fn.reservedConcurrency, 5);
    assert.strictEqual(fn.autoPublishAlias, 'live');
    assert.strictEqual(fn.role, 'arn:aws:iam::111122223333:role/r');
    assert.deepStrictEqual(fn.vpcConfig, { SubnetIds: ['s1'], SecurityGroupIds: ['g1'] });
    assert.deepStrictEqual(fn.deadLetterQueue, { type: 'SNS', targetArn: 'arn:aws:sns:eu-west-1:111122223333:t' });
    assert.deepStrictEqual(fn.eventInvokeConfig, { MaximumRetryAttempts: 1 });
    assert.deepStrictEqual(fn.metadata, { Owner: 'team' });
    assert.deepStrictEqual(fn.events.map((e) => [e.name, e.type, e.properties, at(e)]), [['Every5', 'Schedule', { Schedule: 'rate(5 minutes)' }, find(text, 'Every5')]]);
    assert.strictEqual(at({ range: fn.range }), find(text, 'Fn:'.slice(0, 2)));
    assert.strictEqual(at({ range: fn.handlerRange! }), find(text, 'index.handler'));
  });

  it('runs a single-file CodeUri from its folder, sizing and watching the file alone', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  One:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/handler.py, Handler: handler.main, Runtime: python3.12 }
`;
    const project = analyze(text, { 'src/handler.py': 'def main(event, context):\n    return 1\n', 'src/big.bin': 'x'.repeat(1024) });
    assert.deepStrictEqual(project.problems.filter((p) => p.severity === 'error'), []);
    const fn = project.functions[0]!;
    assert.strictEqual(path.basename(fn.codeDir), 'src');
    assert.strictEqual(path.basename(fn.codeFile ?? ''), 'handler.py');
    assert.deepStrictEqual(fn.codeWatch, [fn.codeFile]);
    assert.strictEqual(fn.codeSource, undefined, 'nothing to materialize');
  });
});

