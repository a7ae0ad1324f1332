// Strict mode refuses what AWS refuses, with AWS's error code and wording in each protocol's shape:
// requests signed outside the 15-minute window (replays), credential scopes naming another service or
// region, unknown keys, bad signatures, missing authentication; presigned URLs are honoured.
// Clients: AWS CLI v1, boto3/botocore, SDK v3.
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { Emulator } from '../../../src/core/emulator';
import { aws } from '../../support/awsCli';
import { fixture, functionConfig, startTestEngine } from '../../support/engine';

const KEY = { accessKeyId: 'AKIASTRICTTEST', secretAccessKey: 'strict-secret-0123456789' };

/** Runs a boto3 snippet with `url` and the key in argv; resolves with its stdout. */
function py(script: string, url: string, id = KEY.accessKeyId, secret = KEY.secretAccessKey): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', script, url, id, secret], { timeout: 60_000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout.trim())));
  });
}

const pyError = `
import sys, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
url, key, secret = sys.argv[1:4]
def client(service, region="us-east-1"):
    return boto3.client(service, endpoint_url=url, region_name=region, aws_access_key_id=key, aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))
def show(call):
    try:
        call()
        print("OK")
    except ClientError as e:
        print(e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"], e.response["Error"]["Message"])
`;

function raw(url: string, method: string, path: string, headers: http.OutgoingHttpHeaders, body = ''): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('strict mode (SigV4) like AWS', function () {
  this.timeout(60_000);
  let engine: Emulator;
  let url: string;
  let skew = 0;
  before(async () => {
    engine = await startTestEngine({ api: { port: 0, auth: { strict: true, keys: [KEY], now: () => Date.now() + skew } } });
    engine.defineFunction(functionConfig('hello', fixture('node-handlers'), { handler: 'handlers.echo' }));
    url = (await engine.listen()) as string;
  });
  afterEach(() => {
    skew = 0;
  });
  after(async () => engine.dispose());

  it('a captured request is refused once 15 minutes have passed (InvalidSignatureException, Signature expired)', async () => {
    const signed = await py(
      `${pyError}
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
r = AWSRequest(method="GET", url=url + "/2015-03-31/functions/")
SigV4Auth(Credentials(key, secret), "lambda", "us-east-1").add_auth(r)
import json; print(json.dumps(dict(r.headers.items())))`,
      url,
    );
    const headers = JSON.parse(signed) as Record<string, string>;
    const host = new URL(url).host;
    const first = await raw(url, 'GET', '/2015-03-31/functions/', { ...headers, Host: host });
    assert.equal(first.status, 200, first.body);
    skew = 16 * 60 * 1000;
    const replay = await raw(url, 'GET', '/2015-03-31/functions/', { ...headers, Host: host });
    assert.equal(replay.status, 403);
    assert.equal(replay.headers['x-amzn-errortype'], 'InvalidSignatureException');
    assert.match(JSON.parse(replay.body).message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    skew = -16 * 60 * 1000;
    const early = await raw(url, 'GET', '/2015-03-31/functions/', { ...headers, Host: host });
    assert.match(JSON.parse(early.body).message, /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
  });

  it('SDK v3 with a clock 20 minutes behind gets InvalidSignatureException; within the window it works', async () => {
    const late = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: KEY, systemClockOffset: -20 * 60 * 1000, maxAttempts: 1 });
    await assert.rejects(late.send(new GetFunctionCommand({ FunctionName: 'hello' })), (e: Error) => e.name === 'InvalidSignatureException' && /^Signature expired/.test(e.message));
    late.destroy();
    const near = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: KEY, systemClockOffset: -10 * 60 * 1000, maxAttempts: 1 });
    assert.equal((await near.send(new GetFunctionCommand({ FunctionName: 'hello' }))).Configuration?.FunctionName, 'hello');
    near.destroy();
  });

  it('the credential scope must name the service of the protocol target and the engine region', async () => {
    const out = await py(
      `${pyError}
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
import urllib.request, urllib.error, json
def send(service, region, method, path, headers, body=b""):
    r = AWSRequest(method=method, url=url + path, data=body, headers=headers)
    SigV4Auth(Credentials(key, secret), service, region).add_auth(r)
    req = urllib.request.Request(url + path, data=body or None, method=method, headers=dict(r.headers.items()))
    try:
        urllib.request.urlopen(req)
        print("OK")
    except urllib.error.HTTPError as e:
        print(e.code, e.headers.get("x-amzn-ErrorType"), json.loads(e.read())["message"])
send("logs", "us-east-1", "GET", "/2015-03-31/functions/", {})
send("lambda", "eu-west-1", "GET", "/2015-03-31/functions/", {})
send("lambda", "us-east-1", "POST", "/", {"X-Amz-Target": "Logs_20140328.DescribeLogGroups", "Content-Type": "application/x-amz-json-1.1"}, b"{}")
send("kinesis", "us-east-1", "POST", "/", {"X-Amz-Target": "Kinesis_20131202.ListStreams", "Content-Type": "application/x-amz-json-1.1"}, b"{}")
send("logs", "us-east-1", "POST", "/", {"X-Amz-Target": "Logs_20140328.DescribeLogGroups", "Content-Type": "application/x-amz-json-1.1"}, b"{}")`,
      url,
    );
    assert.deepEqual(out.split('\n'), [
      "403 InvalidSignatureException Credential should be scoped to correct service: 'lambda'. ",
      '403 InvalidSignatureException Credential should be scoped to a valid region. ',
      "403 InvalidSignatureException Credential should be scoped to correct service: 'logs'. ",
      'OK',
      'OK',
    ]);
  });

  it('unknown key, bad signature and missing authentication: Lambda (REST-JSON) and Logs (JSON 1.1)', async () => {
    const cli = await aws(url, ['lambda', 'get-function', '--function-name', 'hello'], { id: 'AKIAUNKNOWN', secret: 'x' });
    assert.match(cli.stderr, /\(UnrecognizedClientException\) when calling the GetFunction operation: The security token included in the request is invalid\./);
    const wrong = await aws(url, ['logs', 'describe-log-groups'], { id: KEY.accessKeyId, secret: 'wrong' });
    assert.match(wrong.stderr, /\(InvalidSignatureException\) when calling the DescribeLogGroups operation: The request signature we calculated does not match the signature you provided\./);
    const logs = new CloudWatchLogsClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIANOPE', secretAccessKey: 'x' }, maxAttempts: 1 });
    await assert.rejects(logs.send(new DescribeLogGroupsCommand({})), (e: Error) => e.name === 'UnrecognizedClientException');
    logs.destroy();
    const unsigned = await raw(url, 'GET', '/2015-03-31/functions/hello', {});
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
    assert.deepEqual(JSON.parse(unsigned.body), { message: 'Missing Authentication Token' });
    const unsignedTarget = await raw(url, 'POST', '/', { 'X-Amz-Target': 'Logs_20140328.DescribeLogGroups', 'Content-Type': 'application/x-amz-json-1.1' }, '{}');
    assert.deepEqual(JSON.parse(unsignedTarget.body), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('SNS (Query/XML) and SQS (JSON with Query codes) answer with their own codes', async () => {
    const out = await py(
      `${pyError}
show(lambda: client("sns").list_topics())
show(lambda: client("sqs").list_queues())
show(lambda: client("kinesis").list_streams())`,
      url,
      KEY.accessKeyId,
      'wrong',
    );
    const bad = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
    assert.deepEqual(out.split('\n'), [`403 SignatureDoesNotMatch ${bad}`, `403 SignatureDoesNotMatch ${bad}`, `403 InvalidSignatureException ${bad}`]);
    const cli = await aws(url, ['sns', 'list-topics'], { id: 'AKIAUNKNOWN', secret: 'x' });
    assert.match(cli.stderr, /\(InvalidClientTokenId\) when calling the ListTopics operation: The security token included in the request is invalid\./);
    const unsigned = await raw(url, 'POST', '/', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'Action=ListTopics');
    assert.equal(unsigned.status, 403);
    assert.match(unsigned.body, /<Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message>/);
  });

  it('honours presigned URLs (query-string authentication) until they expire', async () => {
    const presigned = await py(
      `${pyError}
print(client("lambda").generate_presigned_url("get_function", Params={"FunctionName": "hello"}, ExpiresIn=60))`,
      url,
    );
    const u = new URL(presigned);
    const ok = await raw(url, 'GET', `${u.pathname}${u.search}`, {});
    assert.equal(ok.status, 200, ok.body);
    assert.equal(JSON.parse(ok.body).Configuration.FunctionName, 'hello');
    const tampered = await raw(url, 'GET', `${u.pathname.replace('hello', 'other')}${u.search}`, {});
    assert.equal(tampered.headers['x-amzn-errortype'], 'InvalidSignatureException');
    skew = 2 * 60 * 1000;
    const expired = await raw(url, 'GET', `${u.pathname}${u.search}`, {});
    assert.equal(expired.status, 403);
    assert.match(JSON.parse(expired.body).message, /^Signature expired: .* - 60 sec\.\)$/);
  });
});
