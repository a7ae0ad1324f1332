// The engine follows the workspace: template functions load with their problems, and a code or
// template change reloads only what changed (warm environments of untouched functions survive).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { invokeJson, startTestEngine } from '../../support/engine';
import { waitFor } from '../../support/wait';

const template = (timeoutB: number) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn-a
      Runtime: nodejs20.x
      CodeUri: a/
      Handler: index.handler
  B:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn-b
      Runtime: nodejs20.x
      CodeUri: b/
      Handler: index.handler
      Timeout: ${timeoutB}
  Broken:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn-broken
      Runtime: nodejs20.x
      CodeUri: a/
      Handler: index.handler
      MemorySize: 64
`;

const code = (tag: string) => `let n = 0; exports.handler = async () => ({ tag: '${tag}', n: ++n });\n`;

describe('template sync', () => {
  let engine: Emulator;
  let ws: string;

  before(async () => {
    engine = await startTestEngine();
    ws = (engine as Emulator & { workspace: string }).workspace;
    fs.mkdirSync(path.join(ws, 'a'));
    fs.mkdirSync(path.join(ws, 'b'));
    fs.writeFileSync(path.join(ws, 'a', 'index.js'), code('a1'));
    fs.writeFileSync(path.join(ws, 'b', 'index.js'), code('b1'));
    fs.writeFileSync(path.join(ws, 'template.yaml'), template(3));
    await engine.loadTemplate({ templatePath: path.join(ws, 'template.yaml'), watch: true });
  });
  after(async () => engine.dispose());

  it('loads template functions and refuses to run one with template errors, pointing at the problem', async () => {
    assert.deepEqual(engine.registry.list().map((e) => e.name), ['fn-a', 'fn-b', 'fn-broken']);
    assert.deepEqual((await invokeJson(engine, 'fn-a')).body, { tag: 'a1', n: 1 });
    await assert.rejects(engine.invoke({ functionName: 'fn-broken', payload: Buffer.from('{}') }), (e: Error) => {
      assert.match(e.message, /^The function fn-broken cannot run until its template is fixed: .*memorySize.*template\.yaml:\d+:\d+\)$/);
      return true;
    });
  });

  it('restarts only the function whose code changed', async () => {
    assert.deepEqual((await invokeJson(engine, 'fn-b')).body, { tag: 'b1', n: 1 });
    const changed = new Promise<string[]>((resolve) => engine.once('functionsChanged', resolve));
    fs.writeFileSync(path.join(ws, 'a', 'index.js'), code('a2'));
    assert.deepEqual(await changed, ['fn-a', 'fn-broken'], 'the two functions sharing the changed code directory');
    assert.deepEqual((await invokeJson(engine, 'fn-a')).body, { tag: 'a2', n: 1 }, 'fn-a runs the new code, cold');
    assert.deepEqual((await invokeJson(engine, 'fn-b')).body, { tag: 'b1', n: 2 }, 'fn-b stayed warm');
  });

  it('applies a template change to the changed function only', async () => {
    const changed = new Promise<string[]>((resolve) => engine.once('functionsChanged', resolve));
    fs.writeFileSync(path.join(ws, 'template.yaml'), template(7));
    assert.deepEqual(await changed, ['fn-b']);
    await waitFor(() => engine.registry.get('fn-b')?.latest.timeout === 7);
    assert.deepEqual((await invokeJson(engine, 'fn-a')).body, { tag: 'a2', n: 2 }, 'fn-a stayed warm');
    assert.deepEqual((await invokeJson(engine, 'fn-b')).body, { tag: 'b1', n: 1 }, 'fn-b restarted with its new timeout');
  });
});
