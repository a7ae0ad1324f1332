// Where API-created code comes from: a base64 ZipFile, or an S3-style location that maps to a local
// folder (`<bucketsDir>/<S3Bucket>/<S3Key>`, a .zip file or a directory). Errors are Lambda's.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, invalidParameter } from '../errors';
import { UnzippedTooLargeError, type CodeSnapshots, type Snapshot } from '../state/codeSnapshots';
import { ZipFormatError } from '../project/zipReader';

export interface CodeInput {
  readonly ZipFile?: unknown;
  readonly S3Bucket?: unknown;
  readonly S3Key?: unknown;
  readonly S3ObjectVersion?: unknown;
  readonly ImageUri?: unknown;
}

export const ZIPPED_LIMIT = 52_428_800;
/** The largest CreateFunction / UpdateFunctionCode request body Lambda accepts. */
export const CODE_REQUEST_LIMIT = 70_167_211;

/** Snapshots the code a request names. */
export async function snapshotCode(snapshots: CodeSnapshots, bucketsDir: string, code: CodeInput): Promise<Snapshot> {
  if (code.ImageUri !== undefined) throw invalidParameter('Lambda Workbench runs Zip packages only: container images (ImageUri) are not supported locally.');
  try {
    if (typeof code.ZipFile === 'string' && code.ZipFile !== '') {
      const zip = Buffer.from(code.ZipFile, 'base64');
      if (zip.length > ZIPPED_LIMIT) throw new ApiError('RequestEntityTooLargeException', 413, `Zipped size must be smaller than ${ZIPPED_LIMIT} bytes`);
      return asUploaded(await snapshots.importZip(zip), zip);
    }
    if (code.S3Bucket !== undefined || code.S3Key !== undefined) return await fromBucket(snapshots, bucketsDir, String(code.S3Bucket ?? ''), String(code.S3Key ?? ''));
  } catch (e) {
    if (e instanceof ZipFormatError) throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
    if (e instanceof UnzippedTooLargeError) throw invalidParameter(e.message);
    throw e;
  }
  throw invalidParameter('Please provide a source for function code.');
}

async function fromBucket(snapshots: CodeSnapshots, bucketsDir: string, bucket: string, key: string): Promise<Snapshot> {
  const noSuchBucket = invalidParameter('Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist');
  const noSuchKey = invalidParameter('Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
  if (!/^[0-9A-Za-z.\-_]{3,63}$/.test(bucket) || bucket.includes('..')) throw noSuchBucket;
  const bucketDir = path.join(bucketsDir, bucket);
  if (!isDir(bucketDir)) throw noSuchBucket;
  const file = path.resolve(bucketDir, key);
  if (key === '' || !file.startsWith(bucketDir + path.sep)) throw noSuchKey;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw noSuchKey;
  }
  if (stat.isDirectory()) return snapshots.importDirectory(file);
  if (stat.size > ZIPPED_LIMIT) throw new ApiError('RequestEntityTooLargeException', 413, `Zipped size must be smaller than ${ZIPPED_LIMIT} bytes`);
  const zip = fs.readFileSync(file);
  return asUploaded(await snapshots.importZip(zip), zip);
}

/**
 * AWS reports CodeSha256 and CodeSize of the zip as uploaded (base64 SHA-256 of its bytes, its length),
 * so a client that hashed its own zip (Terraform's source_code_hash, PublishVersion --code-sha256)
 * sees the same value. The snapshot key stays the hash of the extracted tree.
 */
function asUploaded(snap: Snapshot, zip: Buffer): Snapshot {
  return { ...snap, codeSha256: createHash('sha256').update(zip).digest('base64'), codeSize: zip.length };
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
