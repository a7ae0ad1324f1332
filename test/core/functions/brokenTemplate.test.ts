// A template that stops parsing while the user types (autosave on) keeps the last good project: the
// functions, their versions and aliases and their warm environments, with the parse errors reported
// until the file parses again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import type { Problem } from '../../../src/core/project';
import { invokeJson, startTestEngine } from '../../support/engine';

const template = (memory: number): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn-a
      Runtime: nodejs20.x
      CodeUri: a/
      Handler: index.handler
      MemorySize: ${memory}
`;

const nextErrors = (engine: Emulator): Promise<readonly Problem[]> => new Promise((resolve) => engine.once('templateErrors', resolve));

describe('template sync: a broken template keeps the last good project', () => {
  let engine: Emulator;
  let ws: string;
  const file = (): string => path.join(ws, 'template.yaml');

  before(async () => {
    engine = await startTestEngine();
    ws = (engine as Emulator & { workspace: string }).workspace;
    fs.mkdirSync(path.join(ws, 'a'));
    fs.writeFileSync(path.join(ws, 'a', 'index.js'), 'let n = 0; exports.handler = async () => ({ n: ++n });\n');
    fs.writeFileSync(file(), template(128));
    await engine.loadTemplate({ templatePath: file(), watch: true });
  });
  after(async () => engine.dispose());

  it('keeps functions, versions, aliases and warm environments while the YAML does not parse, and reports its errors', async () => {
    assert.deepEqual((await invokeJson(engine, 'fn-a')).body, { n: 1 });
    await engine.management.publishVersion('fn-a');
    await engine.management.createAlias('fn-a', { Name: 'live', FunctionVersion: '1' });
    assert.deepEqual(engine.templateErrors, []);

    const broken = nextErrors(engine);
    fs.writeFileSync(file(), template(128).replace('      Runtime: nodejs20.x', '      Runtime nodejs20.x'));
    const errors = await broken;
    assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
    assert.equal(errors[0]!.range.start.line, 7, 'the error is on the line missing its colon');
    assert.deepEqual(engine.templateErrors, errors);
    assert.deepEqual(engine.listFunctions().map((f) => f.name), ['fn-a'], 'the function is still there');
    assert.equal(engine.project?.functions.length, 1, 'the last good project stays');
    assert.deepEqual((await engine.management.listAliases('fn-a')).map((a) => a.Name), ['live']);
    assert.deepEqual((await engine.management.listVersions('fn-a')).map((v) => v.Version), ['$LATEST', '1']);
    assert.deepEqual((await invokeJson(engine, 'fn-a')).body, { n: 2 }, 'the environment stayed warm');

    const repaired = nextErrors(engine);
    fs.writeFileSync(file(), template(256));
    assert.deepEqual(await repaired, []);
    assert.deepEqual(engine.templateErrors, []);
    assert.equal(engine.registry.get('fn-a')?.latest.memorySize, 256, 'the repaired template applies');
    assert.deepEqual((await engine.management.listAliases('fn-a')).map((a) => a.Name), ['live'], 'aliases survive the round trip');
  });

  it('a template that does not parse at the first load reports its errors and declares no functions', async () => {
    const other = await startTestEngine();
    try {
      const dir = (other as Emulator & { workspace: string }).workspace;
      fs.writeFileSync(path.join(dir, 'template.yaml'), 'Resources:\n  A:\n\tType: x\n');
      await other.loadTemplate({ templatePath: path.join(dir, 'template.yaml') });
      assert.equal(other.templateErrors.length, 1);
      assert.deepEqual(other.listFunctions(), []);
    } finally {
      await other.dispose();
    }
  });
});
