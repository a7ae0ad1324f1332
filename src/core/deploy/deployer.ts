// A deploy in two steps, so the user sees the change set before anything changes: `prepareDeploy`
// (bucket, zips uploaded, template packaged, change set created and described) then `executeDeploy`
// (or `discardDeploy`). Progress is reported as lines; every step takes an AbortSignal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { WorkbenchError } from '../errors';
import { parseTemplate } from '../project/templateDocument';
import type { Artifact } from './artifacts';
import type { AwsClients, DeployTarget } from './awsClients';
import { createChangeSet, deleteChangeSet, type ChangeSetPlan } from './changeSet';
import { resolveBucket, s3Uploader, type UploadStats } from './deployBucket';
import { packageTemplate, requiredCapabilities } from './packageTemplate';
import { cancelled } from './pause';
import { executeChangeSet, type DeployOutcome, type FollowOptions } from './stackEvents';

/** CloudFormation's limit for TemplateBody; larger templates go through S3 (TemplateURL), as in SAM. */
export const TEMPLATE_BODY_LIMIT = 51_200;

export interface DeployRequest {
  readonly target: DeployTarget;
  readonly stackName: string;
  readonly templatePath: string;
  readonly artifacts: readonly Artifact[];
  readonly bucket?: string;
  /** Create SAM's managed bucket when the region has none. */
  readonly createBucket: boolean;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly note?: (line: string) => void;
}

/** A change set waiting for the user's answer. */
export interface PreparedDeploy extends ChangeSetPlan {
  readonly bucket: string;
  readonly bucketCreated: boolean;
  readonly capabilities: readonly string[];
  readonly uploads: UploadStats;
  /** The packaged template (JSON) that was sent. */
  readonly packagedTemplate: string;
}

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** Uploads the artifacts, packages the template and creates the change set. */
export async function prepareDeploy(clients: AwsClients, request: DeployRequest): Promise<PreparedDeploy> {
  const note = request.note ?? (() => undefined);
  const { signal } = request;
  if (!STACK_NAME.test(request.stackName)) {
    throw new WorkbenchError(`"${request.stackName}" is not a valid stack name: start with a letter, then letters, digits and hyphens (at most 128).`, 'InvalidStackName');
  }
  const doc = parseTemplate(fs.readFileSync(request.templatePath, 'utf8'), request.templatePath);
  const syntax = doc.problems.find((p) => p.severity === 'error');
  if (syntax) throw new WorkbenchError(`${request.templatePath}:${syntax.range.start.line + 1}: ${syntax.message}`, 'InvalidTemplate');
  const { bucket, created } = await resolveBucket(clients.s3, { region: request.target.region, create: request.createBucket, ...(request.bucket ? { bucket: request.bucket } : {}) }, signal);
  note(created ? `Created the deployment bucket ${bucket}` : `Deployment bucket: ${bucket}`);
  const uploads: UploadStats = { uploaded: 0, skipped: 0, bytes: 0 };
  const packaged = await packageTemplate(doc.value, path.dirname(request.templatePath), request.artifacts, s3Uploader(clients.s3, bucket, request.stackName, uploads, note, signal));
  if (signal?.aborted) throw cancelled();
  const capabilities = requiredCapabilities(packaged);
  const body = JSON.stringify(packaged, null, 1);
  let templateUrl: string | undefined;
  if (Buffer.byteLength(body) > TEMPLATE_BODY_LIMIT) {
    const key = `${request.stackName}/${createHash('md5').update(body).digest('hex')}.template`;
    await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }), { abortSignal: signal });
    templateUrl = request.target.endpoints?.s3 ? `${request.target.endpoints.s3.replace(/\/$/, '')}/${bucket}/${key}` : `https://${bucket}.s3.${request.target.region}.amazonaws.com/${key}`;
    note(`Template is ${Buffer.byteLength(body)} bytes: uploaded to ${templateUrl}`);
  }
  note(`Creating a change set for ${request.stackName} (${capabilities.join(', ') || 'no capabilities'})`);
  const plan = await createChangeSet(clients.cloudFormation, { stackName: request.stackName, ...(templateUrl ? { templateUrl } : { templateBody: body }), capabilities, ...(request.parameters ? { parameters: request.parameters } : {}) }, signal);
  return { ...plan, bucket, bucketCreated: created, capabilities, uploads, packagedTemplate: body };
}

/** Executes a prepared change set and follows the stack until it settles. */
export function executeDeploy(clients: AwsClients, prepared: PreparedDeploy, options: FollowOptions = {}): Promise<DeployOutcome> {
  return executeChangeSet(clients.cloudFormation, prepared, options);
}

/** Deletes a change set the user declined (a new stack stays in REVIEW_IN_PROGRESS, as with `sam deploy`). */
export async function discardDeploy(clients: AwsClients, prepared: PreparedDeploy): Promise<void> {
  if (!prepared.empty) await deleteChangeSet(clients.cloudFormation, prepared.stackName, prepared.changeSetId);
}
