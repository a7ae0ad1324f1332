// Sample events (`generate-event`): every event type the issue asks for exists and builds with its
// defaults, options change what they say, mistakes are explained, and the CLI prints them.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultPartition } from '../../../../src/core/arn';
import { generateEvent, listSamples } from '../../../../src/core/events/samples/sampleEvents';

const cli = path.join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');
const gen = (source: string, type: string, options: Record<string, string> = {}): any => generateEvent(source, type, options, defaultPartition, Date.parse('2024-05-01T12:00:00Z'));

describe('sample events', () => {
  it('covers every source the UI offers and builds each with its defaults', () => {
    const have = listSamples().map((s) => `${s.source} ${s.type}`);
    for (const wanted of ['apigateway aws-proxy', 'apigateway http-api-proxy', 'alb request', 'lambda-url request', 's3 put', 's3 delete', 'sqs receive-message', 'sns notification', 'eventbridge scheduled', 'eventbridge custom', 'dynamodb update', 'kinesis get-records', 'cloudwatch logs', 'cognito user-pool-trigger']) {
      assert.ok(have.includes(wanted), `${wanted} is missing`);
    }
    for (const s of listSamples()) JSON.stringify(gen(s.source, s.type));
  });

  it('applies options in the shapes the real sources produce', () => {
    const put = gen('s3', 'put', { bucket: 'photos', key: 'my trip/a b.jpg', size: '12' }).Records[0];
    assert.deepEqual([put.eventName, put.s3.bucket.name, put.s3.object.key, put.s3.object.size], ['ObjectCreated:Put', 'photos', 'my+trip/a+b.jpg', 12]);
    assert.deepEqual(Object.keys(gen('s3', 'delete').Records[0].s3.object), ['key', 'sequencer']);
    const sqs = gen('sqs', 'receive-message', { body: 'hi', count: '2', queue: 'jobs' });
    assert.deepEqual(sqs.Records.map((r: any) => [r.body, r.eventSourceARN]), [['hi', 'arn:aws:sqs:us-east-1:123456789012:jobs'], ['hi', 'arn:aws:sqs:us-east-1:123456789012:jobs']]);
    assert.equal(gen('eventbridge', 'scheduled', { rule: 'nightly' }).resources[0], 'arn:aws:events:us-east-1:123456789012:rule/nightly');
    assert.equal(gen('eventbridge', 'scheduled').time, '2024-05-01T12:00:00Z');
    assert.deepEqual(gen('eventbridge', 'custom', { detail: '{"a":1}' }).detail, { a: 1 });
    const ddb = gen('dynamodb', 'update', { 'event-name': 'INSERT' }).Records[0];
    assert.deepEqual([ddb.eventName, 'OldImage' in ddb.dynamodb, ddb.dynamodb.StreamViewType], ['INSERT', false, 'NEW_AND_OLD_IMAGES']);
    assert.equal(Buffer.from(gen('kinesis', 'get-records', { data: 'payload' }).Records[0].kinesis.data, 'base64').toString(), 'payload');
    const logs = JSON.parse(gunzipSync(Buffer.from(gen('cloudwatch', 'logs', { message: 'boom' }).awslogs.data, 'base64')).toString());
    assert.deepEqual([logs.messageType, logs.logEvents[0].message], ['DATA_MESSAGE', 'boom']);
    assert.equal(gen('cognito', 'user-pool-trigger', { 'trigger-source': 'PostConfirmation_ConfirmSignUp' }).triggerSource, 'PostConfirmation_ConfirmSignUp');
    const v2 = gen('apigateway', 'http-api-proxy', { method: 'post', path: '/items/1', route: '/items/{id}' });
    assert.deepEqual([v2.routeKey, v2.pathParameters, v2.requestContext.http.method], ['POST /items/{id}', { id: '1' }, 'POST']);
    assert.equal(gen('lambda-url', 'request').requestContext.authentication, null);
    assert.equal(gen('alb', 'request', { path: '/health' }).path, '/health');
  });

  it('explains unknown sources, types, options and bad values', () => {
    assert.throws(() => gen('s4', 'put'), /Unknown event source 's4'\. Sources: apigateway, /);
    assert.throws(() => gen('s3', 'copy'), /Unknown s3 event type 'copy'\. Types: put, delete\./);
    assert.throws(() => gen('s3', 'put', { queue: 'x' }), /s3 put does not take --queue; it takes --bucket, --key, --size\./);
    assert.throws(() => gen('dynamodb', 'update', { keys: '{' }), /dynamodb update: --keys must be JSON/);
    assert.throws(() => gen('s3', 'put', { size: 'big' }), /--size must be a whole number of bytes/);
  });

  it('prints a sample from the command line', async () => {
    const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((resolve) => execFile(process.execPath, [cli, ...args], (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr })));
    const ok = await run(['generate-event', 'sns', 'notification', '--message', 'hello', '--topic', 'alerts']);
    assert.equal(ok.code, 0, ok.stderr);
    const record = JSON.parse(ok.stdout).Records[0];
    assert.deepEqual([record.Sns.Message, record.Sns.TopicArn], ['hello', 'arn:aws:sns:us-east-1:123456789012:alerts']);
    const bad = await run(['generate-event', 'sns', 'notification', '--bucket', 'x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /sns notification does not take --bucket; it takes --topic, --message, --subject\./);
  });
});
