// Path traversal through code locations: zip entries and symlinks that climb out (zip slip), S3-style
// keys and bucket names with `..` or absolute paths, handlers and names with traversal. Each is refused
// with a 4xx or fails inside the function, and nothing outside the workspace is read into code or written.
import { CreateFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../../../src/core/emulator';
import { ESCAPE_MARKER } from './hostileValues';
import { createSandbox, findEscapes, type Sandbox } from './sandbox';

/** A zip written by Python's zipfile: entries `{ name, content }` or `{ name, symlink }`. */
function zip(entries: readonly { name: string; content?: string; symlink?: string }[]): Uint8Array {
  const script = [
    'import io, json, sys, zipfile',
    'buf = io.BytesIO()',
    "with zipfile.ZipFile(buf, 'w') as z:",
    '    for e in json.load(sys.stdin):',
    "        info = zipfile.ZipInfo(e['name'])",
    '        info.create_system = 3',
    "        info.external_attr = ((0o120777 if e.get('symlink') else 0o100644) << 16)",
    "        z.writestr(info, e.get('symlink') or e.get('content', ''))",
    'sys.stdout.buffer.write(buf.getvalue())',
  ].join('\n');
  return execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(entries) });
}

const status = (e: unknown): number => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;

describe('path traversal in code locations', () => {
  let sandbox: Sandbox;
  let engine: Emulator;
  let lambda: LambdaClient;
  const savedTmp = process.env.TMPDIR;

  before(async () => {
    sandbox = createSandbox();
    process.env.TMPDIR = sandbox.tmp;
    engine = new Emulator({ workspaceDir: sandbox.workspace, api: { port: 0 }, functions: { keyFile: path.join(sandbox.workspace, '.lambda-workbench', 'env.key') } });
    const url = (await engine.listen()) as string;
    lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  });

  after(async () => {
    lambda?.destroy();
    await engine?.dispose();
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    sandbox?.remove();
  });

  it('refuses or contains every escape attempt and writes nothing outside the workspace', async function () {
    this.timeout(60_000);
    const before = sandbox.snapshot();
    const escapes = findEscapes([sandbox.root]);
    const base = { Runtime: 'nodejs20.x' as const, Role: 'arn:aws:iam::123456789012:role/r', Handler: 'index.handler' };
    const good = zip([{ name: 'index.js', content: 'exports.handler = async () => "inside";' }]);
    const refused = async (what: string, send: () => Promise<unknown>): Promise<void> => {
      const e = await send().then(() => undefined, (err: unknown) => err);
      assert.ok(e, `${what} was accepted`);
      assert.ok(status(e) >= 400 && status(e) < 500, `${what}: ${status(e)} ${(e as Error).message}`);
    };
    const slips = [
      [{ name: `../../${ESCAPE_MARKER}-slip.txt`, content: 'x' }],
      [{ name: `/tmp/${ESCAPE_MARKER}-abs.txt`, content: 'x' }],
      [{ name: `a/../../../${ESCAPE_MARKER}-dotdot.txt`, content: 'x' }],
      [{ name: 'link', symlink: '../../../..' }, { name: `link/${ESCAPE_MARKER}-through-link.txt`, content: 'x' }],
      [{ name: 'up', symlink: path.join(sandbox.root, 'outside') }, { name: 'index.js', content: 'x' }],
    ];
    for (const [i, entries] of slips.entries()) {
      await refused(`zip slip ${i}`, () => lambda.send(new CreateFunctionCommand({ ...base, FunctionName: `slip-${i}`, Code: { ZipFile: zip(entries) } })));
    }
    const bucket = path.join(engine.stateDir, 'buckets', 'code-bucket');
    fs.mkdirSync(path.join(bucket, 'app'), { recursive: true });
    fs.writeFileSync(path.join(bucket, 'app', 'index.js'), 'exports.handler = async () => "bucket";');
    for (const [b, k] of [['code-bucket', '../../../../outside/nested'], ['code-bucket', path.join(sandbox.root, 'outside', 'nested')], ['..', 'outside/nested'], ['code-bucket', 'app/../../../../../outside/nested']]) {
      await refused(`S3 ${b}/${k}`, () => lambda.send(new CreateFunctionCommand({ ...base, FunctionName: 'from-bucket', Code: { S3Bucket: b, S3Key: k } })));
    }
    for (const name of [`../${ESCAPE_MARKER}`, `..%2F${ESCAPE_MARKER}`, 'a/b', '.']) {
      await refused(`FunctionName ${name}`, () => lambda.send(new CreateFunctionCommand({ ...base, FunctionName: name, Code: { ZipFile: good } })));
    }
    // A handler that climbs out of the code: refused, or the function fails; it never runs outside code.
    const created = await lambda.send(new CreateFunctionCommand({ ...base, FunctionName: 'climber', Handler: '../../../../outside/nested/index.handler', Code: { ZipFile: good } })).catch((e: unknown) => e);
    if (!(created instanceof Error)) {
      const r = await lambda.send(new InvokeCommand({ FunctionName: 'climber' }));
      assert.equal(r.FunctionError, 'Unhandled', Buffer.from(r.Payload ?? []).toString());
      assert.notEqual(Buffer.from(r.Payload ?? []).toString(), '"outside"', 'the code outside the package ran');
    } else assert.ok(status(created) < 500, (created).message);
    // A valid function's code can be replaced only by a valid archive.
    await lambda.send(new CreateFunctionCommand({ ...base, FunctionName: 'ok', Code: { ZipFile: good } }));
    await refused('UpdateFunctionCode zip slip', () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'ok', ZipFile: zip(slips[0] as never) })));
    assert.equal(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: 'ok' }))).Payload ?? []).toString(), '"inside"');
    assert.deepEqual([...sandbox.snapshot()].filter(([k, v]) => before.get(k) !== v), [], 'files outside the workspace changed');
    assert.deepEqual(findEscapes([sandbox.root]).filter((p) => !escapes.includes(p)), [], 'a file escaped');
  });
});
