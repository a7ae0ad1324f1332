// The local endpoint cannot be reached through DNS rebinding or from a web page, binds beyond loopback
// only with strict authentication, and in strict mode accepts only requests signed with configured keys.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { Emulator } from '../../../../src/core/emulator';
import { aws, tempFile } from '../../../support/awsCli';
import { fixture, functionConfig, startTestEngine } from '../../../support/engine';

function post(url: string, headers: http.OutgoingHttpHeaders): Promise<{ status: number; type: string | undefined; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/2015-03-31/functions/echo/invocations', headers: { 'Content-Length': 2, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['x-amzn-errortype'] as string | undefined, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('endpoint security', () => {
  describe('default mode', () => {
    let engine: Emulator;
    let url: string;
    before(async () => {
      engine = await startTestEngine({ api: { port: 0 } });
      engine.defineFunction(functionConfig('echo', fixture('node-handlers'), { handler: 'handlers.echo' }));
      url = (await engine.listen()) as string;
    });
    after(async () => engine.dispose());

    it('listens on 127.0.0.1', () => {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('accepts loopback Host names', async () => {
      const port = new URL(url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `app.localhost:${port}`]) {
        assert.equal((await post(url, { Host: host })).status, 200, host);
      }
    });

    it('rejects other Host names (DNS rebinding) with 403 and runs nothing', async () => {
      let invocations = 0;
      const count = (): void => void invocations++;
      engine.on('invocation', count);
      for (const host of ['evil.example.com', 'evil.example.com:80', '192.168.1.10', 'localhost.evil.com']) {
        const r = await post(url, { Host: host });
        assert.equal(r.status, 403, host);
        assert.equal(r.type, 'AccessDeniedException');
        assert.match(r.body, /not a loopback name/);
      }
      engine.off('invocation', count);
      assert.equal(invocations, 0);
    });

    it('rejects requests carrying a browser Origin', async () => {
      const r = await post(url, { Origin: 'https://attacker.example' });
      assert.equal(r.status, 403);
      assert.match(r.body, /requests from web pages/);
    });

    it('accepts unsigned and any-key requests', async () => {
      assert.equal((await post(url, {})).status, 200);
      const r = await aws(url, ['lambda', 'invoke', '--function-name', 'echo', tempFile('o.json')], { id: 'ANYKEY', secret: 'any' });
      assert.equal(r.code, 0, r.stderr);
    });
  });

  describe('strict mode', () => {
    let engine: Emulator;
    let url: string;
    const keys = [{ accessKeyId: 'AKIALOCALKEY', secretAccessKey: 'local-secret-123', principal: 'arn:aws:iam::123456789012:user/dev' }];
    before(async () => {
      engine = await startTestEngine({ api: { port: 0, auth: { strict: true, keys } } });
      engine.defineFunction(functionConfig('echo', fixture('node-handlers'), { handler: 'handlers.echo' }));
      url = (await engine.listen()) as string;
    });
    after(async () => engine.dispose());

    it('accepts the AWS SDK and the AWS CLI signing with a configured key', async () => {
      const sdk = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIALOCALKEY', secretAccessKey: 'local-secret-123' } });
      const r = await sdk.send(new InvokeCommand({ FunctionName: 'echo', Qualifier: '$LATEST', Payload: Buffer.from('{"a":"b c"}') }));
      sdk.destroy();
      assert.equal(r.StatusCode, 200);
      const cli = await aws(url, ['lambda', 'invoke', '--function-name', 'echo', tempFile('o.json')], { id: 'AKIALOCALKEY', secret: 'local-secret-123' });
      assert.equal(cli.code, 0, cli.stderr);
    });

    it('rejects unsigned requests, unknown keys and wrong secrets', async () => {
      assert.equal((await post(url, {})).status, 403);
      const unknown = await aws(url, ['lambda', 'invoke', '--function-name', 'echo', tempFile('o.json')], { id: 'AKIAOTHER', secret: 'x' });
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.stderr, /UnrecognizedClientException.*The security token included in the request is invalid/);
      const sdk = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIALOCALKEY', secretAccessKey: 'wrong' } });
      await assert.rejects(sdk.send(new InvokeCommand({ FunctionName: 'echo' })), (e: Error) => e.name === 'InvalidSignatureException' && /signature we calculated does not match/.test(e.message));
      sdk.destroy();
    });
  });

  it('refuses to bind beyond loopback without strict authentication', async () => {
    const engine = await startTestEngine({ api: { host: '0.0.0.0', port: 0 } });
    try {
      await assert.rejects(engine.listen(), /requires strict authentication/);
    } finally {
      await engine.dispose();
    }
  });
});
