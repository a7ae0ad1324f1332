import * as assert from 'assert';
import { mergeGlobals } from '../../../src/core/project/globalsMerge';
import { analyze, at, find, problemsOf, removeWorkspaces } from './workspace';

describe('project/globalsMerge', () => {
  after(removeWorkspaces);

  it('merges SAM-style: scalars overridden, maps merged, lists concatenated globals first', () => {
    const merged = mergeGlobals(
      { Runtime: 'nodejs20.x', Timeout: 10, Environment: { Variables: { A: '1', B: '1' } }, Layers: ['g1'], Tags: { t: 'g' } },
      { Runtime: 'python3.12', Environment: { Variables: { B: '2', C: '2' } }, Layers: ['l1'], Handler: 'x.y' },
      ['Resources', 'Fn', 'Properties'],
    );
    assert.deepStrictEqual(merged.properties, {
      Runtime: 'python3.12',
      Timeout: 10,
      Environment: { Variables: { A: '1', B: '2', C: '2' } },
      Layers: ['g1', 'l1'],
      Tags: { t: 'g' },
      Handler: 'x.y',
    });
    assert.deepStrictEqual(merged.locate(['Timeout']), ['Globals', 'Function', 'Timeout']);
    assert.deepStrictEqual(merged.locate(['Runtime']), ['Resources', 'Fn', 'Properties', 'Runtime']);
    assert.deepStrictEqual(merged.locate(['Environment', 'Variables', 'A']), ['Globals', 'Function', 'Environment', 'Variables', 'A']);
    assert.deepStrictEqual(merged.locate(['Environment', 'Variables', 'C']), ['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'C']);
    assert.deepStrictEqual(merged.locate(['Layers', 0]), ['Globals', 'Function', 'Layers', 0]);
    assert.deepStrictEqual(merged.locate(['Layers', 1]), ['Resources', 'Fn', 'Properties', 'Layers', 0]);
    assert.deepStrictEqual(merged.locate(['MemorySize']), ['Resources', 'Fn', 'Properties', 'MemorySize']);
  });

  it('treats an intrinsic as a value, not a map to merge', () => {
    const merged = mergeGlobals({ VpcConfig: { SubnetIds: ['a'] } }, { VpcConfig: { 'Fn::If': ['C', { SubnetIds: ['b'] }, { Ref: 'AWS::NoValue' }] } }, ['P']);
    assert.deepStrictEqual(merged.properties['VpcConfig'], { 'Fn::If': ['C', { SubnetIds: ['b'] }, { Ref: 'AWS::NoValue' }] });
  });

  it('applies Globals to serverless functions only, and reports problems where the value was written', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 901
    Handler: index.handler
    CodeUri: src
    Environment:
      Variables:
        FROM_GLOBALS: g
        TZ: UTC
Resources:
  Sam:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          OWN: o
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Code: src
      Handler: index.handler
      Runtime: nodejs22.x
`;
    const project = analyze(text, { 'src/index.js': 'exports.handler = () => 1;' });
    const sam = project.functions.find((f) => f.logicalId === 'Sam');
    const plain = project.functions.find((f) => f.logicalId === 'Plain');
    assert.deepStrictEqual(sam?.environment, { FROM_GLOBALS: 'g', TZ: 'UTC', OWN: 'o' });
    assert.strictEqual(sam?.timeout, 901);
    assert.strictEqual(plain?.timeout, 3);
    assert.deepStrictEqual(plain?.environment, {});
    const timeout = problemsOf(project, 'timeout-range');
    assert.strictEqual(timeout.length, 1);
    assert.strictEqual(at(timeout[0]), find(text, '901'));
    assert.strictEqual(timeout[0]?.resource, 'Sam');
    assert.strictEqual(at(problemsOf(project, 'env-key-reserved')[0]), find(text, 'TZ'));
    assert.strictEqual(at({ range: sam.handlerRange! }), find(text, 'index.handler'));
    assert.strictEqual(at({ range: plain.handlerRange! }), find(text, 'index.handler', 12));
  });

  it('warns about Globals keys SAM does not accept', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    FunctionName: nope
Resources:
  Q: { Type: AWS::SQS::Queue }
`;
    const project = analyze(text);
    assert.deepStrictEqual(project.problems.map((x) => [x.code, x.severity]), [['globals-unsupported', 'warning']]);
    const [p] = problemsOf(project, 'globals-unsupported');
    assert.match(p?.message ?? '', /^'Globals' section is invalid\. 'FunctionName' is not a supported property of 'Function'\. Must be one of the following values - \[Handler, /);
    assert.strictEqual(at(p), find(text, 'nope'));
  });

  it('warns when SAM resources are used without the Serverless transform', () => {
    const text = 'Resources:\n  L:\n    Type: AWS::Serverless::LayerVersion\n    Properties: { ContentUri: layer }\n';
    const [p] = problemsOf(analyze(text, { 'layer/x': '' }), 'transform-missing');
    assert.strictEqual(p?.message, 'AWS::Serverless resources need "Transform: AWS::Serverless-2016-10-31"');
  });
});
