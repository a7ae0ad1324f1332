// CodeSha256 and CodeSize of zip-deployed functions are those of the zip bytes, as AWS computes them,
// so a hash a client computed from its own zip matches (PublishVersion --code-sha256, Terraform's
// source_code_hash). Checked with the AWS CLI, boto3 and SDK v3 as clients.
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Emulator } from '../../../src/core/emulator';
import { aws, awsJson, tempFile } from '../../support/awsCli';
import { startTestEngine } from '../../support/engine';
import { makeZip } from '../state/zipFixtures';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('base64');
const role = 'arn:aws:iam::123456789012:role/r';

function boto3(url: string, script: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', ['-c', script, url], { timeout: 60_000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout.trim())));
    child.stdin?.end(input);
  });
}

describe('CodeSha256 and CodeSize of zip uploads', () => {
  let engine: Emulator;
  let url: string;
  before(async () => {
    engine = await startTestEngine({ api: { port: 0 } });
    url = (await engine.listen()) as string;
  });
  after(async () => engine.dispose());

  it('AWS CLI: create reports the zip hash and size, publish-version accepts the client-computed hash', async () => {
    const file = tempFile('fn.zip');
    fs.writeFileSync(file, makeZip([{ name: 'index.py', content: 'def handler(e, c):\n    return e\n' }]));
    const zip = fs.readFileSync(file);
    const created = await awsJson(url, ['lambda', 'create-function', '--function-name', 'cli', '--runtime', 'python3.12', '--handler', 'index.handler', '--role', role, '--zip-file', `fileb://${file}`]);
    assert.equal(created.CodeSha256, sha(zip));
    assert.equal(created.CodeSize, zip.length);
    const got = await awsJson(url, ['lambda', 'get-function', '--function-name', 'cli']);
    assert.equal(got.Code.RepositoryType, 'S3');
    assert.equal(got.Configuration.CodeSha256, sha(zip));
    const wrong = await aws(url, ['lambda', 'publish-version', '--function-name', 'cli', '--code-sha256', sha(Buffer.from('other'))]);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /InvalidParameterValueException.*CodeSHA256 .* is different from current CodeSHA256 in \$LATEST/);
    const published = await awsJson(url, ['lambda', 'publish-version', '--function-name', 'cli', '--code-sha256', sha(zip)]);
    assert.equal(published.Version, '1');
    assert.equal(published.CodeSha256, sha(zip));
  });

  it('boto3: update_function_code reports the new zip hash, and the same files zipped again are a new CodeSha256', async () => {
    await engine.functions.functions.create({ FunctionName: 'py', Runtime: 'python3.12', Handler: 'index.handler', Role: role, Code: { ZipFile: makeZip([{ name: 'index.py', content: 'x = 1\n' }]).toString('base64') } });
    const script = `
import base64, sys, boto3
c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
zip = base64.b64decode(sys.stdin.read())
r = c.update_function_code(FunctionName="py", ZipFile=zip)
print(r["CodeSha256"], r["CodeSize"])`;
    const zip = makeZip([{ name: 'index.py', content: 'x = 2\n' }], 'stored');
    assert.equal(await boto3(url, script, zip.toString('base64')), `${sha(zip)} ${zip.length}`);
    const deflated = makeZip([{ name: 'index.py', content: 'x = 2\n' }], 'deflated');
    assert.equal(await boto3(url, script, deflated.toString('base64')), `${sha(deflated)} ${deflated.length}`, 'AWS hashes the zip, not its files');
  });

  it('SDK v3: CreateFunction and GetFunction agree with the zip the client sent', async () => {
    const client = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const zip = makeZip([{ name: 'index.js', content: 'exports.handler = async (e) => e;\n' }]);
    const created = await client.send(new CreateFunctionCommand({ FunctionName: 'sdk', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: role, Code: { ZipFile: zip } }));
    assert.equal(created.CodeSha256, sha(zip));
    assert.equal(created.CodeSize, zip.length);
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'sdk' }));
    assert.equal(got.Configuration?.CodeSha256, sha(zip));
    assert.equal(got.Code?.RepositoryType, 'S3');
    client.destroy();
  });
});
