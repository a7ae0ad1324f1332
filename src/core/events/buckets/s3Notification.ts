// The S3 event notification record (fidelity 9.4) for a local object: key URL-encoded like S3 does,
// size and ETag for creations, a growing sequencer.
import { randomBytes } from 'node:crypto';

/** The S3 event names local folders produce. */
export type S3EventName = 'ObjectCreated:Put' | 'ObjectRemoved:Delete';

/** What happened to one object. */
export interface ObjectChange {
  readonly bucket: string;
  readonly key: string;
  readonly eventName: S3EventName;
  readonly size?: number;
  readonly eTag?: string;
  /** Epoch ms. */
  readonly time: number;
  readonly sequencer: string;
}

let sequence = 0n;

/** An increasing hexadecimal sequencer (S3 orders events for one key by it). */
export function nextSequencer(time: number): string {
  sequence++;
  return (BigInt(time) * 1_000_000n + (sequence % 1_000_000n)).toString(16).toUpperCase().padStart(18, '0');
}

/** S3 URL-encodes keys in notifications the form way: spaces become "+", "/" stays. */
export function encodeKey(key: string): string {
  return key.split('/').map((part) => encodeURIComponent(part).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

/** `{Records:[...]}` for one change, in S3's field order. */
export function s3Event(c: ObjectChange, region: string, configurationId: string): Record<string, unknown> {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date(c.time).toISOString(),
        eventName: c.eventName,
        userIdentity: { principalId: 'AWS:AIDALAMBDAWORKBENCH' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': randomBytes(48).toString('base64') },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: { name: c.bucket, ownerIdentity: { principalId: 'A3LAMBDAWORKBENCH' }, arn: `arn:aws:s3:::${c.bucket}` },
          object: c.eventName === 'ObjectCreated:Put'
            ? { key: encodeKey(c.key), size: c.size ?? 0, eTag: c.eTag ?? '', sequencer: c.sequencer }
            : { key: encodeKey(c.key), sequencer: c.sequencer },
        },
      },
    ],
  };
}
