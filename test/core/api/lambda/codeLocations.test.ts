// GetFunction's Code.Location downloads a real deployment-package zip, like AWS's presigned S3 URL:
// through the SDK and the AWS CLI, without credentials even in strict mode, and not after it expires.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CODE_LOCATION_TTL_MS, CodeLocations } from '../../../../src/core/api/lambda/codeLocations';
import type { ApiRequest } from '../../../../src/core/api/http/router';
import { readEntryData, readZipEntries } from '../../../../src/core/project/zipReader';
import { defineNodeFunction, startTestEngine, type TestEngine } from '../../../support/engine';

const download = async (url: string): Promise<{ status: number; type: string | null; body: Buffer }> => {
  const r = await fetch(url);
  return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
};

describe('GetFunction code location', function () {
  this.timeout(30_000);
  let engine: TestEngine;
  before(async () => {
    engine = await startTestEngine({ listen: true });
    defineNodeFunction(engine, 'zipped', 'exports.handler = async () => "zipped";\n');
    engine.write('zipped/lib/util.js', 'module.exports = 1;\n');
    engine.write('zipped/bootstrap', '#!/bin/sh\n');
    fs.chmodSync(path.join(engine.dir, 'zipped', 'bootstrap'), 0o755);
  });
  after(async () => engine.dispose());

  it('is an http URL on the endpoint that downloads the code as a zip (SDK)', async () => {
    const out = await engine.lambda.send(new GetFunctionCommand({ FunctionName: 'zipped' }));
    assert.equal(out.Code?.RepositoryType, 'S3');
    assert.match(String(out.Code?.Location), new RegExp(`^${engine.url}/workbench/v1/code/[\\w-]{32}/zipped\\.zip$`));
    const got = await download(String(out.Code?.Location));
    assert.equal(got.status, 200);
    assert.equal(got.type, 'application/zip');
    const entries = readZipEntries(got.body);
    assert.deepEqual(entries.map((e) => e.name), ['bootstrap', 'index.js', 'lib/util.js']);
    assert.equal(readEntryData(got.body, entries[1]!).toString(), 'exports.handler = async () => "zipped";\n');
    assert.equal(entries[0]!.mode, 0o755);
  });

  it('works from the AWS CLI as well', async () => {
    const r = await engine.cli(['get-function', '--function-name', 'zipped']);
    assert.equal(r.code, 0, r.stderr);
    const got = await download(String((r.json as { Code: { Location: string } }).Code.Location));
    assert.equal(readZipEntries(got.body).length, 3);
  });

  it('refuses an unknown token with S3-style AccessDenied', async () => {
    const got = await download(`${engine.url}/workbench/v1/code/not-a-token-not-a-token-not-a-tok/zipped.zip`);
    assert.equal(got.status, 403);
    assert.match(got.body.toString(), /<Code>AccessDenied<\/Code>/);
  });

  it('expires after 10 minutes', () => {
    let now = 1_000_000;
    const locations = new CodeLocations(() => now);
    const doc = locations.presign({ Configuration: { FunctionName: 'f' }, Code: { RepositoryType: 'S3', Location: `file://${engine.dir}/zipped` } }, { headers: { host: '127.0.0.1:9' } } as unknown as ApiRequest);
    const token = /code\/([\w-]+)\//.exec(String((doc.Code as { Location: string }).Location))![1]!;
    const route = locations.routes()[0]!;
    const ask = (): number => (route.handler({ params: [token] } as unknown as ApiRequest) as { status: number }).status;
    now += CODE_LOCATION_TTL_MS - 1;
    assert.equal(ask(), 200);
    now += 1;
    assert.equal(ask(), 403);
  });

  it('needs no signature in strict mode (like a presigned URL) while GetFunction itself does', async () => {
    const keys = [{ accessKeyId: 'AKIASTRICT', secretAccessKey: 'strict-secret' }];
    const strict = await startTestEngine({ api: { port: 0, auth: { strict: true, keys } } });
    try {
      defineNodeFunction(strict, 'guarded', 'exports.handler = async () => 1;\n');
      const url = (await strict.listen()) as string;
      const client = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIASTRICT', secretAccessKey: 'strict-secret' } });
      const out = await client.send(new GetFunctionCommand({ FunctionName: 'guarded' }));
      client.destroy();
      assert.equal((await download(String(out.Code?.Location))).status, 200);
      assert.equal((await fetch(`${url}/2015-03-31/functions/guarded`)).status, 403);
    } finally {
      await strict.dispose();
    }
  });
});
