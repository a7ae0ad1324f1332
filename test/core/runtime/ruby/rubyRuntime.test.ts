// The Ruby bootstrap on Debian's Ruby, invoked through the real endpoint with @aws-sdk/client-lambda:
// both handler forms, the context object, log lines, Lambda's Init<...>/Function<...> error shapes,
// timeouts, warm state, and a Gemfile installed into vendor/bundle (GEM_PATH as Lambda sets it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { fixture } from '../../../support/engine';
import { assertNoOrphans } from '../../../support/processes';
import { startTestEngine, type TestEngine } from '../../../support/engine';

/** An engine with the API listening on a workspace holding `files` and `template`. */
function startWorkspaceEngine(template: string, files: Record<string, string>, options: Omit<Parameters<typeof startTestEngine>[0] & object, 'template' | 'files'> = {}, workspaceDir?: string): Promise<TestEngine> {
  return startTestEngine({ ...options, template, files, listen: true, ...(workspaceDir ? { workspaceDir } : {}) });
}
import { invoke, lambdaClient } from '../java/javaHarness';
import { gemfileProject } from './rubyHarness';

const fn = (name: string, handler: string, codeUri: string, extra = ''): string =>
  `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: ${name}\n      Runtime: ruby3.3\n      Handler: ${handler}\n      CodeUri: ${codeUri}\n${extra}`;

describe('Ruby runtime', function () {
  this.timeout(60_000);
  let t: TestEngine;
  let lambda: LambdaClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-ruby-'));
    const basic = fixture('ruby', 'basic');
    const template = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      fn('hello', 'app.handler', basic, '      MemorySize: 256\n'),
      fn('orders', 'app.Shop::Orders.place', basic),
      fn('sleepy', 'app.sleepy', basic, '      Timeout: 1\n'),
      fn('nofile', 'missing.handler', basic),
      fn('nomethod', 'app.not_there', basic),
      fn('invalid', 'app', basic),
      fn('syntax', 'app.handler', fixture('ruby', 'broken')),
      fn('gems', 'app.uses_gem', gemfileProject(dir)),
    ].join('\n');
    t = await startWorkspaceEngine(template, {});
    lambda = lambdaClient(t.url);
  });
  after(async () => {
    lambda?.destroy();
    await t?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    await assertNoOrphans();
  });

  it('runs `file.method` with the context object and keeps state warm', async () => {
    const first = await invoke(lambda, 'hello', { name: 'ann' });
    assert.equal(first.functionError, undefined, first.text);
    const b = first.body;
    assert.equal(b.invocations, 1);
    assert.deepEqual(b.event, { name: 'ann' });
    assert.equal(b.function_name, 'hello');
    assert.equal(b.function_version, '$LATEST');
    assert.equal(b.memory_limit_in_mb, '256');
    assert.match(b.aws_request_id, /^[0-9a-f-]{36}$/);
    assert.equal(b.invoked_function_arn, 'arn:aws:lambda:us-east-1:123456789012:function:hello');
    assert.equal(b.log_group_name, '/aws/lambda/hello');
    assert.match(b.log_stream_name, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.ok(b.remaining > 0 && b.remaining <= 3000, String(b.remaining));
    assert.ok(Math.abs(b.deadline_ms - Date.now() - 3000) < 3000);
    assert.equal(b.execution_env, 'AWS_Lambda_ruby3.3');
    assert.match(first.log, /START RequestId: .*\nhello ann\ntwo\nlines\nEND RequestId/);
    const second = await invoke(lambda, 'hello', { name: 'bob' });
    assert.equal(second.body.invocations, 2);
  });

  it('runs `file.Module::Class.method` and serializes a String result', async () => {
    const r = await invoke(lambda, 'orders', { item: 'hat' });
    assert.equal(r.text, '"placed hat"');
  });

  it('reports a raised exception as Function<Class> with the backtrace, and logs it', async () => {
    const r = await invoke(lambda, 'orders', {});
    assert.equal(r.functionError, 'Unhandled');
    assert.deepEqual(Object.keys(r.body), ['errorMessage', 'errorType', 'stackTrace']);
    assert.equal(r.body.errorMessage, 'no item');
    assert.equal(r.body.errorType, 'Function<ArgumentError>');
    assert.match(r.body.stackTrace[0], /basic\/app\.rb:\d+:in [`'](Shop::Orders\.)?place'$/);
    assert.match(r.log, /Error raised from handler method\n\{\n {2}"errorMessage": "no item",\n {2}"errorType": "Function<ArgumentError>"/);
  });

  it('reports a missing method at invoke as Function<NoMethodError>', async () => {
    const r = await invoke(lambda, 'nomethod', {});
    assert.equal(r.body.errorType, 'Function<NoMethodError>');
    assert.match(r.body.errorMessage, /not_there/);
  });

  it('reports load failures as init errors: Init<LoadError>, Init<SyntaxError>, Init<ArgumentError>', async () => {
    const nofile = await invoke(lambda, 'nofile', {});
    assert.equal(nofile.functionError, 'Unhandled');
    assert.equal(nofile.body.errorType, 'Init<LoadError>');
    assert.match(nofile.body.errorMessage, /^cannot load such file -- .*\/basic\/missing$/);
    assert.match(nofile.log, /Init error when loading handler missing\.handler/);
    assert.equal((await invoke(lambda, 'syntax', {})).body.errorType, 'Init<SyntaxError>');
    const invalid = await invoke(lambda, 'invalid', {});
    assert.equal(invalid.body.errorType, 'Init<ArgumentError>');
    assert.match(invalid.body.errorMessage, /^Invalid handler app, must be of form FILENAME\.METHOD or FILENAME\.CLASS\.METHOD/);
  });

  it('times out a handler that runs past Timeout', async () => {
    const r = await invoke(lambda, 'sleepy', {});
    assert.equal(r.body.errorType, 'Sandbox.Timedout');
    assert.match(r.body.errorMessage, /Task timed out after 1\.00 seconds/);
  });

  it('installs the Gemfile into vendor/bundle (Bundler, offline from vendor/cache) and loads the gem through GEM_PATH', async () => {
    const r = await invoke(lambda, 'gems', { name: 'cy' });
    assert.equal(r.functionError, undefined, r.text);
    assert.equal(r.text, '"gem says hi to cy"');
  });
});
