import * as assert from 'assert';
import * as path from 'path';
import { WorkbenchError } from '../../../src/core/errors';
import { parseDotEnv, parseEnvVarsJson } from '../../../src/core/project/envFiles';
import { envFilesOf, findTemplate, loadProject } from '../../../src/core/project/loadProject';
import { at, makeWorkspace, partition, removeWorkspaces, samFunction, writeFile } from './workspace';

const twoFunctions = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev }
Globals:
  Function:
    CodeUri: src
    Runtime: nodejs22.x
    Handler: index.handler
    Environment:
      Variables:
        STAGE: !Ref Stage
        SHARED: template
Resources:
  First:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          ONLY_FIRST: template
  Second:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: second-fn
`;

describe('project/loadProject', () => {
  after(removeWorkspaces);

  describe('findTemplate', () => {
    it('prefers template.yaml, then .yml, then .json, or the configured path', async () => {
      const dir = makeWorkspace({ 'template.json': '{}', 'template.yml': 'a: 1' });
      assert.strictEqual(await findTemplate(dir), path.join(dir, 'template.yml'));
      writeFile(dir, 'template.yaml', 'a: 1');
      assert.strictEqual(await findTemplate(dir), path.join(dir, 'template.yaml'));
      writeFile(dir, 'infra/stack.yaml', 'a: 1');
      assert.strictEqual(await findTemplate(dir, 'infra/stack.yaml'), path.join(dir, 'infra/stack.yaml'));
      assert.strictEqual(await findTemplate(dir, 'infra/none.yaml'), undefined);
      assert.strictEqual(await findTemplate(makeWorkspace()), undefined);
    });
  });

  describe('parseDotEnv', () => {
    it('reads KEY=VALUE with export, quotes, comments and multi-line double quotes', () => {
      const text = [
        '# comment',
        'PLAIN=value # trailing comment',
        'export EXPORTED=yes',
        'SINGLE=\'keep # and \\n\'',
        'DOUBLE="a\\nb \\"q\\""',
        'EMPTY=',
        'MULTI="line1',
        'line2"',
        '  SPACED = padded  ',
        'not a variable',
      ].join('\n');
      const { overrides, problems } = parseDotEnv(text, '/w/.env');
      assert.deepStrictEqual(overrides.all.map((e) => [e.key, e.value]), [
        ['PLAIN', 'value'], ['EXPORTED', 'yes'], ['SINGLE', 'keep # and \\n'], ['DOUBLE', 'a\nb "q"'], ['EMPTY', ''],
        ['MULTI', 'line1\nline2'], ['SPACED', 'padded'],
      ]);
      assert.strictEqual(at(overrides.all[1]), '2:7-2:15');
      assert.deepStrictEqual(problems.map((p) => [p.code, p.file, at(p)]), [['dotenv-syntax', '/w/.env', '9:0-9:14']]);
    });
  });

  describe('parseEnvVarsJson', () => {
    it('splits function entries from Parameters and reports bad values at their position', () => {
      const { overrides, problems } = parseEnvVarsJson('{\n  "First": {"A": "1", "N": 2},\n  "Parameters": {"ALL": "x", "BAD": {"o": 1}}\n}', '/w/env.json');
      assert.deepStrictEqual(overrides.all.map((e) => [e.key, e.value]), [['ALL', 'x']]);
      assert.deepStrictEqual(overrides.byFunction['First']?.entries.map((e) => [e.key, e.value]), [['A', '1'], ['N', '2']]);
      assert.deepStrictEqual(problems.map((p) => [p.code, p.message, at(p)]), [['env-vars-invalid', 'Value of BAD must be a string', '2:36-2:44']]);
      assert.strictEqual(parseEnvVarsJson('{"First": ', '/w/env.json').problems[0]?.code, 'yaml-syntax');
    });
  });

  describe('loadProject', () => {
    it('applies .env to all functions, then env-vars Parameters, then per-function entries (template-declared only)', async () => {
      const dir = makeWorkspace({
        'src/index.js': 'exports.handler = () => 1;',
        'template.yaml': twoFunctions,
        '.env': 'SHARED=dotenv\nFROM_DOTENV=1\nAWS_REGION=nope\n',
        'env.json': JSON.stringify({ Parameters: { STAGE: 'env-json' }, First: { ONLY_FIRST: 'env-json', NOT_DECLARED: 'x' }, 'second-fn': { SHARED: 'by-name' }, Ghost: { A: '1' } }, null, 2),
      });
      const project = await loadProject({ templatePath: path.join(dir, 'template.yaml'), partition, envVarsFile: path.join(dir, 'env.json'), parameterOverrides: { Stage: 'prod' } });
      const env = Object.fromEntries(project.functions.map((f) => [f.logicalId, f.environment]));
      assert.deepStrictEqual(env['First'], { STAGE: 'env-json', SHARED: 'dotenv', ONLY_FIRST: 'env-json', FROM_DOTENV: '1' });
      assert.deepStrictEqual(env['Second'], { STAGE: 'env-json', SHARED: 'by-name', FROM_DOTENV: '1' });
      const codes = project.problems.map((p) => [p.code, path.basename(p.file), p.severity]);
      assert.deepStrictEqual(codes, [
        ['env-override-reserved', '.env', 'warning'],
        ['env-override-undeclared', 'env.json', 'info'],
        ['env-override-unknown-function', 'env.json', 'warning'],
      ]);
      assert.strictEqual(at(project.problems[0]), '2:0-2:10');
    });

    it('uses the Parameters override before the env files and can skip .env', async () => {
      const dir = makeWorkspace({ 'src/index.js': 'exports.handler = () => 1;', 'template.yaml': twoFunctions, '.env': 'SHARED=dotenv\n' });
      const project = await loadProject({ templatePath: path.join(dir, 'template.yaml'), partition, dotEnvFile: false, parameterOverrides: { Stage: 'prod' } });
      assert.deepStrictEqual(project.functions[0]?.environment, { STAGE: 'prod', SHARED: 'template', ONLY_FIRST: 'template' });
      assert.deepStrictEqual(envFilesOf({ templatePath: path.join(dir, 'template.yaml') }), [path.join(dir, '.env')]);
    });

    it('throws a WorkbenchError for a missing template or named env file', async () => {
      const dir = makeWorkspace({ 'template.yaml': samFunction('') });
      await assert.rejects(loadProject({ templatePath: path.join(dir, 'none.yaml'), partition }), (e: unknown) => e instanceof WorkbenchError && e.code === 'TemplateNotFound');
      await assert.rejects(loadProject({ templatePath: path.join(dir, 'template.yaml'), partition, envVarsFile: path.join(dir, 'env.json') }), (e: unknown) => e instanceof WorkbenchError && e.code === 'EnvFileNotFound');
    });

    it('turns a broken template into problems, not exceptions', async () => {
      const dir = makeWorkspace({ 'template.yaml': 'Resources:\n  Fn: [\n' });
      const project = await loadProject({ templatePath: path.join(dir, 'template.yaml'), partition });
      assert.deepStrictEqual(project.functions, []);
      assert.strictEqual(project.problems[0]?.code, 'yaml-syntax');
    });
  });
});

describe('project/loadProject on the basic fixture', () => {
  it('loads a SAM workspace end to end', async () => {
    const dir = path.join(__dirname, '../../fixtures/project/basic');
    const templatePath = await findTemplate(dir);
    assert.ok(templatePath);
    const project = await loadProject({ templatePath, partition });
    assert.deepStrictEqual(project.problems, []);
    assert.deepStrictEqual(project.functions.map((f) => [f.logicalId, f.runtime, f.memorySize, f.timeout, path.relative(dir, f.codeDir), f.layers.map((l) => l.logicalId)]), [
      ['Orders', 'nodejs22.x', 256, 10, 'src', ['SharedLayer']],
      ['Reports', 'python3.12', 128, 10, 'py', ['SharedLayer']],
    ]);
    const orders = project.functions[0]!;
    assert.deepStrictEqual(orders.environment, {
      STAGE: 'dev',
      SHARED: 'overridden',
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/local-orders',
      QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111122223333:local-orders',
      REGION_NAME: 'eu-west-1-dev-${Literal}',
    });
    assert.deepStrictEqual(orders.events.map((e) => [e.name, e.type, e.properties]), [['FromQueue', 'SQS', { Queue: 'arn:aws:sqs:eu-west-1:111122223333:local-orders', BatchSize: 5 }]]);
    assert.deepStrictEqual(Object.keys(project.resources), ['OrdersQueue', 'SharedLayer']);
    assert.deepStrictEqual(project.resources['OrdersQueue']?.properties, { QueueName: 'local-orders', Tags: [{ Key: 'subnets', Value: 'subnet-a,subnet-b' }] });
  });
});
