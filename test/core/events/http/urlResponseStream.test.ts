// Function URLs with InvokeMode RESPONSE_STREAM (fidelity 12): the prelude's status, headers and
// cookies, the body as it is written (curl and a raw client see the first bytes before the handler
// writes the rest), non-HTTP content types, errors before and after the head.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fixture, startTestEngine, type TestEngine } from '../../../support/engine';

const fn = (name: string, handler: string, mode = 'RESPONSE_STREAM') => `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: ${name}
      CodeUri: ${fixture('streaming')}
      Handler: index.${handler}
      Runtime: nodejs20.x
      Timeout: 5
      FunctionUrlConfig:
        AuthType: NONE
        InvokeMode: ${mode}
`;

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${fn('HttpStream', 'http')}${fn('Gated', 'gated')}${fn('Fails', 'failsMidStream')}${fn('NotFound', 'notFound')}${fn('Plain', 'buffered')}`;

describe('function URLs in RESPONSE_STREAM mode', function () {
  this.timeout(30_000);
  let t: TestEngine;
  let base: string;

  before(async () => {
    t = await startTestEngine({ listen: true, template });
    base = await t.events.http.listen(0);
  });
  after(() => t.dispose());

  const curl = (url: string, body = '{}'): Promise<string> =>
    new Promise((resolve, reject) =>
      execFile('curl', ['-sS', '-i', '-X', 'POST', '--data', body, url], (err, stdout) => (err ? reject(new Error(err.message)) : resolve(stdout))),
    );

  it('takes status, headers and cookies from the prelude (curl)', async () => {
    const out = await curl(`${base}/lambda-url/HttpStream/`);
    const [head = '', body] = out.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 201 /);
    assert.match(head, /\r\ncontent-type: text\/plain\r\n/i);
    assert.match(head, /\r\nx-custom: yes\r\n/i);
    assert.match(head, /\r\nset-cookie: a=1; Path=\/\r\nset-cookie: b=2\r\n/i);
    assert.match(head, /\r\ntransfer-encoding: chunked(\r\n|$)/i);
    assert.equal(body, 'hello world');
  });

  it('sends the first bytes before the handler writes the rest', async () => {
    const gate = path.join(t.dir, 'url-gate');
    const event = JSON.stringify({ gate });
    const text = await new Promise<string>((resolve, reject) => {
      // The function sees the URL event; its body carries the gate path.
      const req = http.request(`${base}/lambda-url/Gated/`, { method: 'POST' }, (res) => {
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/octet-stream');
        let all = '';
        res.on('data', (d: Buffer) => {
          all += d.toString();
          if (all === 'first') fs.writeFileSync(gate, '');
        });
        res.on('end', () => resolve(all));
      });
      req.on('error', reject);
      req.end(event);
    });
    assert.equal(text, 'firstsecond');
  });

  it('applies the prelude of a stream ended with end(data) and maps a non-streaming handler like BUFFERED', async () => {
    const nf = await curl(`${base}/lambda-url/NotFound/`);
    assert.match(nf, /^HTTP\/1\.1 404 /);
    assert.ok(nf.endsWith('\r\n\r\nnope'));
    const plain = await curl(`${base}/lambda-url/Plain/`);
    assert.match(plain, /^HTTP\/1\.1 200 /);
    assert.equal(JSON.parse(plain.split('\r\n\r\n')[1] ?? '').plain, true);
  });

  it('cuts the body short on a mid-stream error and warns', async () => {
    const warned = new Promise<string>((resolve) => t.events.http.once('warning', resolve));
    const out = await curl(`${base}/lambda-url/Fails/`);
    assert.match(out, /^HTTP\/1\.1 200 /);
    assert.ok(out.endsWith('\r\n\r\npartial'));
    assert.match(await warned, /cut short/);
  });
});
