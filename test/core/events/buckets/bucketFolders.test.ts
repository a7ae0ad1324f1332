// S3 events on local folders: a file dropped in the bucket folder invokes the function with the
// exact notification (URL-encoded key, size, ETag), deletions and filters work, other keys are skipped.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BucketNotification } from '../../../../src/core/events/buckets/bucketFolders';
import type { InvocationRecord } from '../../../../src/core/invoke/invoker';
import { handlers, samTemplate } from '../eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { nextEvent } from '../../../support/wait';

const template = samTemplate(`  Photos:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: my-photos
  Thumbnailer:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: thumbnailer
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Photos
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: uploads/
                  - Name: suffix
                    Value: .jpg
  Janitor:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: janitor
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      Events:
        Removed:
          Type: S3
          Properties:
            Bucket: !Ref Photos
            Events:
              - s3:ObjectRemoved:Delete
`);

describe('S3 bucket folders', function () {
  this.timeout(30_000);
  let t: TestEngine;
  let folder: string;
  const notification = (key: string, eventName: string) =>
    nextEvent<[BucketNotification]>(t.events.buckets, 'notification', (n) => n.change.key === key && n.change.eventName === eventName).then(([n]) => n);
  const invoked = (id: string) => nextEvent<[InvocationRecord]>(t, 'invocation', (r) => r.outcome.requestId === id).then(([r]) => JSON.parse(r.payload.toString('utf8')));

  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers, ...{ events: { bucketFolders: { 'my-photos': 'buckets/photos' } } } });
    folder = path.join(t.dir, 'buckets', 'photos');
  });
  after(async () => t.dispose());

  it('watches the configured folder of each bucket', () => {
    assert.deepEqual(t.events.buckets.list(), [{ bucket: 'my-photos', folder }]);
    assert.ok(fs.statSync(folder).isDirectory());
  });

  it('invokes with ObjectCreated:Put, the encoded key, size and ETag when a file is dropped', async () => {
    const content = Buffer.from('not really a jpeg');
    const seen = notification('uploads/summer trip/beach (1).jpg', 'ObjectCreated:Put');
    fs.mkdirSync(path.join(folder, 'uploads', 'summer trip'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'uploads', 'summer trip', 'beach (1).jpg'), content);
    const n = await seen;
    assert.deepEqual(n.delivered.map((d) => d.functionName), ['thumbnailer']);
    const event = await invoked(n.delivered[0]!.requestId);
    assert.equal(event.Records.length, 1);
    const r = event.Records[0];
    assert.deepEqual(Object.keys(r), ['eventVersion', 'eventSource', 'awsRegion', 'eventTime', 'eventName', 'userIdentity', 'requestParameters', 'responseElements', 's3']);
    assert.equal(r.eventVersion, '2.1');
    assert.equal(r.eventSource, 'aws:s3');
    assert.equal(r.eventName, 'ObjectCreated:Put');
    assert.match(r.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(Object.keys(r.responseElements), ['x-amz-request-id', 'x-amz-id-2']);
    assert.deepEqual(Object.keys(r.s3), ['s3SchemaVersion', 'configurationId', 'bucket', 'object']);
    assert.equal(r.s3.configurationId, 'ThumbnailerUpload');
    assert.deepEqual(r.s3.bucket, { name: 'my-photos', ownerIdentity: { principalId: 'A3LAMBDAWORKBENCH' }, arn: 'arn:aws:s3:::my-photos' });
    assert.deepEqual(Object.keys(r.s3.object), ['key', 'size', 'eTag', 'sequencer']);
    assert.equal(r.s3.object.key, 'uploads/summer+trip/beach+%281%29.jpg');
    assert.equal(r.s3.object.size, content.length);
    assert.equal(r.s3.object.eTag, createHash('md5').update(content).digest('hex'));
    assert.match(r.s3.object.sequencer, /^[0-9A-F]{18}$/);
  });

  it('skips keys outside the prefix/suffix filter and sends deletions to removal subscribers', async () => {
    const skipped = notification('notes.txt', 'ObjectCreated:Put');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'x');
    assert.deepEqual((await skipped).delivered, []);
    const removed = notification('notes.txt', 'ObjectRemoved:Delete');
    fs.rmSync(path.join(folder, 'notes.txt'));
    const n = await removed;
    assert.deepEqual(n.delivered.map((d) => d.functionName), ['janitor']);
    const r = (await invoked(n.delivered[0]!.requestId)).Records[0];
    assert.equal(r.eventName, 'ObjectRemoved:Delete');
    assert.deepEqual(Object.keys(r.s3.object), ['key', 'sequencer']);
    assert.equal(r.s3.object.key, 'notes.txt');
  });
});
