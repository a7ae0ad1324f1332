// The lambda-workbench command line, run as a real process: list, invoke, serve, and its errors.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { aws, tempFile } from '../support/awsCli';
import { assertNoOrphans } from '../support/processes';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'lambda-workbench.js');
const template = path.join(root, 'examples', 'template.yaml');

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe('CLI', () => {
  it('lists the template functions', async () => {
    const r = await run(['list', '--template', template]);
    assert.equal(r.code, 0, r.stderr);
    for (const name of ['hello-node', 'hello-ts', 'hello-python', 'hello-shell']) assert.match(r.stdout, new RegExp(`^${name}\\s`, 'm'));
  });

  it('invokes a function with an event file and prints the payload', async () => {
    const r = await run(['invoke', 'hello-node', '--template', template, '--event', path.join(root, 'examples', 'events', 'hello.json'), '--tail']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).message, 'Hello Ada');
    assert.match(r.stderr, /REPORT RequestId: /);
  });

  it('reads the event from stdin with --event -', async () => {
    const r = await run(['invoke', 'hello-node', '--template', template, '--event', '-'], '{"name":"stdin"}');
    assert.equal(JSON.parse(r.stdout).message, 'Hello stdin');
  });

  it('exits non-zero with a clear message for bad input', async () => {
    const unknownCommand = await run(['frobnicate']);
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /unknown command 'frobnicate'/);
    const badOption = await run(['invoke', 'x', '--nope']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /Unknown option '--nope'/);
    const noTemplate = await run(['list', '--template', 'missing.yaml']);
    assert.equal(noTemplate.code, 2);
    assert.match(noTemplate.stderr, /Template not found: missing\.yaml/);
    const noFunction = await run(['invoke', 'nope', '--template', template]);
    assert.notEqual(noFunction.code, 0);
    assert.match(noFunction.stderr, /Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\$LATEST\. The template's functions: hello-node, hello-python, hello-shell, hello-ts\./);
    const noEvent = await run(['invoke', 'hello-node', '--template', template, '--event', 'missing.json']);
    assert.equal(noEvent.code, 2);
    assert.match(noEvent.stderr, /Cannot read the event file missing\.json/);
  });

  it('serves the endpoint and the HTTP API, prints the aws command to use, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--template', template, '--port', '0', '--http-port', '0'], { cwd: root });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /--endpoint-url (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${out}`)));
    });
    assert.match(out, /serving 4 function\(s\) at http:\/\/127\.0\.0\.1:\d+/);
    const route = /GET +(http:\/\/127\.0\.0\.1:\d+\/hello) +-> hello-node/.exec(out);
    assert.ok(route, out);
    const viaApi = await fetch(route[1] as string);
    assert.equal(viaApi.status, 200);
    assert.equal(((await viaApi.json()) as { message: string }).message, 'Hello world');
    const r = await aws(url, ['lambda', 'invoke', '--function-name', 'hello-node', tempFile('o.json')]);
    assert.equal(r.code, 0, r.stderr);
    const viaServe = await run(['invoke', 'hello-node', '--template', template, '--tail']);
    assert.equal(viaServe.code, 0, viaServe.stderr);
    assert.match(viaServe.stderr, /Using the running engine at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(viaServe.stderr, /REPORT RequestId: /);
    assert.equal(JSON.parse(viaServe.stdout).message, 'Hello world');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    await assertNoOrphans(5000, child.pid);
  });

  it('serve prints working aws sns / aws sqs commands for the template topics and queues', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-serve-hints-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.js'), 'exports.handler = async () => 1;');
    fs.writeFileSync(
      path.join(dir, 'template.yaml'),
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Work: {Type: AWS::SQS::Queue, Properties: {QueueName: work}}',
        '  Alerts: {Type: AWS::SNS::Topic, Properties: {TopicName: alerts}}',
        '  Fn: {Type: AWS::Serverless::Function, Properties: {FunctionName: fn, CodeUri: src, Handler: index.handler, Runtime: nodejs20.x}}',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--no-watch', '--state-dir', path.join(dir, 'state')], { cwd: dir });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Press Ctrl+C')) resolve();
        });
        child.on('exit', () => reject(new Error(`serve exited early: ${out}`)));
      });
      for (const service of ['sns', 'sqs']) {
        const line = new RegExp(`^  aws ${service} (.*)$`, 'm').exec(out)?.[1];
        assert.ok(line, out);
        const args = line.split(' ').map((a) => a.replace(/^'(.*)'$/, '$1'));
        const url = args[args.indexOf('--endpoint-url') + 1] as string;
        const r = await aws(url, [service, ...args.filter((_, i) => i !== args.indexOf('--endpoint-url') && i !== args.indexOf('--endpoint-url') + 1)]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /"MessageId": "[0-9a-f-]{36}"/);
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await assertNoOrphans(5000, child.pid);
  });
});
