// The endpoint's protections hold on every kind of route, not only Invoke (which
// test/core/api/http/apiServer.test.ts covers): JSON-protocol targets and the management plane refuse
// rebinding Hosts and browser Origins, strict mode refuses unsigned calls to them, and the CLI will not
// bind beyond loopback.
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { startTestEngine } from '../../support/engine';

const bin = path.join(__dirname, '..', '..', '..', 'bin', 'lambda-workbench.js');
const template = path.join(__dirname, '..', '..', '..', 'examples', 'template.yaml');

function request(url: string, method: string, route: string, headers: http.OutgoingHttpHeaders, body = ''): Promise<{ status: number; type: string | undefined }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: route, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['x-amzn-errortype'] as string | undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const targets = [
  { route: '/', method: 'POST', headers: { 'X-Amz-Target': 'Logs_20140328.DescribeLogGroups', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' },
  { route: '/', method: 'POST', headers: { 'X-Amz-Target': 'AmazonSQS.ListQueues', 'Content-Type': 'application/x-amz-json-1.0' }, body: '{}' },
  { route: '/2015-03-31/functions/', method: 'GET', headers: {}, body: '' },
  { route: '/2015-03-31/functions/', method: 'POST', headers: {}, body: '{}' },
];

describe('endpoint protections on every route', () => {
  describe('default mode', () => {
    let engine: Emulator;
    let url: string;
    before(async () => {
      engine = await startTestEngine({ api: { port: 0 } });
      url = (await engine.listen()) as string;
    });
    after(async () => engine.dispose());

    it('answers JSON targets and management routes from loopback', async () => {
      for (const t of targets.slice(0, 3)) assert.equal((await request(url, t.method, t.route, t.headers, t.body)).status, 200, `${t.method} ${t.route}`);
    });

    it('refuses rebinding Hosts and browser Origins (including the opaque "null" Origin) there too', async () => {
      for (const t of targets) {
        for (const extra of [{ Host: 'attacker.example' }, { Host: '127.0.0.1.nip.io' }, { Origin: 'https://attacker.example' }, { Origin: 'null' }]) {
          const r = await request(url, t.method, t.route, { ...t.headers, ...extra }, t.body);
          assert.deepEqual(r, { status: 403, type: 'AccessDeniedException' }, `${t.method} ${t.route} ${JSON.stringify(extra)}`);
        }
      }
      assert.equal(engine.registry.list().length, 0, 'the refused CreateFunction created nothing');
    });
  });

  describe('strict mode', () => {
    let engine: Emulator;
    let url: string;
    before(async () => {
      engine = await startTestEngine({ api: { port: 0, auth: { strict: true, keys: [{ accessKeyId: 'AKIALOCAL', secretAccessKey: 'local-secret' }] } } });
      url = (await engine.listen()) as string;
    });
    after(async () => engine.dispose());

    it('refuses unsigned calls to JSON targets and management routes, accepts the SDK signing with a configured key', async () => {
      for (const t of targets) assert.equal((await request(url, t.method, t.route, t.headers, t.body)).status, 403, `${t.method} ${t.route}`);
      const sqs = new SQSClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local-secret' } });
      const listed = await sqs.send(new ListQueuesCommand({}));
      assert.equal(listed.$metadata.httpStatusCode, 200);
      const wrong = new SQSClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 'guess' }, maxAttempts: 1 });
      await assert.rejects(wrong.send(new ListQueuesCommand({})), (e: Error) => e.name === 'SignatureDoesNotMatch' && /signature we calculated does not match/.test(e.message));
      sqs.destroy();
      wrong.destroy();
    });
  });

  it('the CLI refuses to serve beyond loopback without --strict', async () => {
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--port', '0', '--no-watch', '--template', template], { timeout: 30_000 }, (err, _out, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Refusing to listen on 0\.0\.0\.0: binding beyond loopback requires strict authentication/);
  });
});
