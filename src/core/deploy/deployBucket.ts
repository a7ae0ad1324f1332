// The S3 bucket of a deploy: the one the user named, or SAM's managed source bucket of the region
// (`aws-sam-cli-managed-default-samclisourcebucket-*`, shared with `sam deploy`), created only on request.
// Uploads are content-addressed (`<stack>/<md5>`) and skipped when the object is already there, as SAM does.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, PutObjectCommand, type BucketLocationConstraint, type S3Client } from '@aws-sdk/client-s3';
import { WorkbenchError } from '../errors';
import { artifactZip } from './artifacts';
import type { S3Location, Uploader } from './packageTemplate';

/** The name prefix of SAM's managed bucket (its stack `aws-sam-cli-managed-default`, resource SamCliSourceBucket). */
export const SAM_MANAGED_BUCKET_PREFIX = 'aws-sam-cli-managed-default-samclisourcebucket-';

/** A new managed bucket name: SAM's prefix and 12 lower-case characters, as CloudFormation names it. */
export function managedBucketName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return SAM_MANAGED_BUCKET_PREFIX + [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

export interface BucketRequest {
  readonly region: string;
  /** The user's bucket; it must exist. */
  readonly bucket?: string;
  /** May a managed bucket be created when the region has none? */
  readonly create: boolean;
}

/** The bucket to upload to, and whether it was created now. */
export async function resolveBucket(s3: S3Client, request: BucketRequest, signal?: AbortSignal): Promise<{ readonly bucket: string; readonly created: boolean }> {
  if (request.bucket) {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: request.bucket }), { abortSignal: signal });
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) throw new WorkbenchError(`The S3 bucket ${request.bucket} does not exist. Create it, or leave the bucket out to use SAM's managed bucket.`, 'NoSuchBucket');
      if (status === 403) throw new WorkbenchError(`No access to the S3 bucket ${request.bucket} (403). Use a bucket of this account, or leave the bucket out.`, 'AccessDenied');
      throw e;
    }
    return { bucket: request.bucket, created: false };
  }
  const listed = await s3.send(new ListBucketsCommand({ BucketRegion: request.region }), { abortSignal: signal });
  const managed = (listed.Buckets ?? []).find((b) => b.Name?.startsWith(SAM_MANAGED_BUCKET_PREFIX) && (b.BucketRegion === undefined || b.BucketRegion === request.region));
  if (managed?.Name) return { bucket: managed.Name, created: false };
  if (!request.create) {
    throw new WorkbenchError(`No deployment bucket in ${request.region}: name one (--bucket), or allow creating SAM's managed bucket (${SAM_MANAGED_BUCKET_PREFIX}...) with --yes or by confirming.`, 'BucketNeeded');
  }
  const bucket = managedBucketName();
  await s3.send(
    new CreateBucketCommand({ Bucket: bucket, ...(request.region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: request.region as BucketLocationConstraint } } : {}) }),
    { abortSignal: signal },
  );
  return { bucket, created: true };
}

/** Upload counts of one deploy. */
export interface UploadStats {
  uploaded: number;
  skipped: number;
  bytes: number;
}

/** An Uploader into `bucket` under `prefix/`, skipping objects that exist; reports each artifact. */
export function s3Uploader(s3: S3Client, bucket: string, prefix: string, stats: UploadStats, note: (m: string) => void, signal?: AbortSignal): Uploader {
  return async (what) => {
    const [body, label, ext] = 'artifact' in what ? [artifactZip(what.artifact), what.artifact.logicalId, ''] : [fs.readFileSync(what.file), path.basename(what.file), path.extname(what.file)];
    const key = `${prefix}/${createHash('md5').update(body).digest('hex')}${ext}`;
    if (await exists(s3, bucket, key, signal)) {
      stats.skipped++;
      note(`${label}: unchanged (s3://${bucket}/${key})`);
    } else {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }), { abortSignal: signal });
      stats.uploaded++;
      stats.bytes += body.length;
      note(`${label}: uploaded ${(body.length / 1024).toFixed(1)} KiB to s3://${bucket}/${key}`);
    }
    return { bucket, key } satisfies S3Location;
  };
}

async function exists(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return true;
  } catch (e) {
    if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw e;
  }
}
