// `sam sync --code` for one deployed stack: a function's logical id maps to its physical name through the
// stack's resources; its zip goes up with UpdateFunctionCode and the sync waits for LastUpdateStatus.
// Only stacks the user opted in for are synced; syncs run one at a time, a newer request for the same
// function replacing a waiting one.
import { GetFunctionConfigurationCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { WorkbenchError } from '../errors';
import { artifactZip, type Artifact } from './artifacts';
import type { AwsClients } from './awsClients';
import { readDeploySettings } from './deploySettings';
import { pause } from './pause';

/** What one sync did. */
export interface SyncReport {
  readonly logicalId: string;
  readonly functionName: string;
  readonly status: 'synced' | 'failed';
  readonly durationMs: number;
  readonly codeSha256?: string;
  readonly codeSize?: number;
  readonly error?: string;
}

// UpdateFunctionCode takes at most this much inline (base64-encoded request of 70 MB); larger zips go through S3.
const ZIP_FILE_LIMIT = 50 * 1024 * 1024;

/** Throws unless the workspace opted `stackName` in for code sync. */
export function assertSyncOptIn(workspaceDir: string, stackName: string): void {
  if (!(readDeploySettings(workspaceDir).syncStacks ?? []).includes(stackName)) {
    throw new WorkbenchError(`Code sync is off for stack ${stackName}: it updates the deployed functions in place. Opt in once with \`lambda-workbench sync --stack-name ${stackName} --enable\` (or the Sync on Save command in VS Code).`, 'SyncNotEnabled');
  }
}

export interface CodeSyncOptions {
  readonly stackName: string;
  /** Where zips over 50 MB go (the deploy bucket). */
  readonly bucket?: string;
  readonly signal?: AbortSignal;
  readonly onReport?: (r: SyncReport) => void;
  /** Milliseconds between LastUpdateStatus polls (default 1000). */
  readonly pollMs?: number;
}

/** Code sync of one stack's functions. */
export class CodeSync {
  private names: Map<string, string> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Map<string, Artifact>();

  constructor(private readonly clients: AwsClients, private readonly options: CodeSyncOptions) {}

  /** Logical id -> physical function name of the stack's AWS::Lambda::Function resources. */
  async functionNames(refresh = false): Promise<Map<string, string>> {
    if (this.names && !refresh) return this.names;
    const names = new Map<string, string>();
    let token: string | undefined;
    try {
      do {
        const page = await this.clients.cloudFormation.send(new ListStackResourcesCommand({ StackName: this.options.stackName, NextToken: token }), { abortSignal: this.options.signal });
        for (const r of page.StackResourceSummaries ?? []) if (r.ResourceType === 'AWS::Lambda::Function' && r.LogicalResourceId && r.PhysicalResourceId) names.set(r.LogicalResourceId, r.PhysicalResourceId);
        token = page.NextToken;
      } while (token);
    } catch (e) {
      if (/does not exist/.test((e as Error).message)) throw new WorkbenchError(`Stack ${this.options.stackName} does not exist in this account and region. Deploy it first (lambda-workbench deploy).`, 'StackNotFound');
      throw e;
    }
    this.names = names;
    return names;
  }

  /** Queues a sync of one function's artifact; resolves with its report (a replaced request resolves with the newer one's). */
  sync(artifact: Artifact): Promise<SyncReport> {
    const pending = this.waiting.has(artifact.logicalId);
    this.waiting.set(artifact.logicalId, artifact);
    if (pending) return this.queue as Promise<SyncReport>;
    const run = this.queue.then(() => {
      const latest = this.waiting.get(artifact.logicalId) ?? artifact;
      this.waiting.delete(artifact.logicalId);
      return this.syncNow(latest);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncNow(artifact: Artifact): Promise<SyncReport> {
    const started = Date.now();
    let functionName = artifact.logicalId;
    try {
      const names = await this.functionNames();
      const physical = names.get(artifact.logicalId) ?? (await this.functionNames(true)).get(artifact.logicalId);
      if (!physical) throw new WorkbenchError(`Stack ${this.options.stackName} has no function ${artifact.logicalId}. Deploy the template first (new functions need a deploy, not a sync).`, 'FunctionNotInStack');
      functionName = physical;
      const zip = artifactZip(artifact);
      const code = zip.length <= ZIP_FILE_LIMIT ? { ZipFile: zip } : await this.viaS3(zip, artifact.logicalId);
      await this.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: physical, ...code }), { abortSignal: this.options.signal });
      const done = await this.waitForUpdate(physical);
      const report: SyncReport = { logicalId: artifact.logicalId, functionName: physical, status: 'synced', durationMs: Date.now() - started, ...(done.CodeSha256 ? { codeSha256: done.CodeSha256 } : {}), ...(done.CodeSize !== undefined ? { codeSize: done.CodeSize } : {}) };
      this.options.onReport?.(report);
      return report;
    } catch (e) {
      const report: SyncReport = { logicalId: artifact.logicalId, functionName, status: 'failed', durationMs: Date.now() - started, error: e instanceof Error ? e.message : String(e) };
      this.options.onReport?.(report);
      return report;
    }
  }

  private async viaS3(zip: Buffer, logicalId: string): Promise<{ S3Bucket: string; S3Key: string }> {
    if (!this.options.bucket) throw new WorkbenchError(`The code of ${logicalId} is over 50 MB: it goes through S3. Name the deployment bucket (--bucket) or deploy once first.`, 'BucketNeeded');
    const key = `${this.options.stackName}/${createHash('md5').update(zip).digest('hex')}`;
    await this.clients.s3.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: zip }), { abortSignal: this.options.signal });
    return { S3Bucket: this.options.bucket, S3Key: key };
  }

  // Lambda applies code asynchronously: LastUpdateStatus goes InProgress -> Successful or Failed.
  private async waitForUpdate(functionName: string): Promise<{ CodeSha256?: string; CodeSize?: number }> {
    for (;;) {
      const c = await this.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }), { abortSignal: this.options.signal });
      if (c.LastUpdateStatus === 'Failed') throw new WorkbenchError(`Lambda could not update ${functionName}: ${c.LastUpdateStatusReason ?? c.LastUpdateStatusReasonCode ?? 'no reason given'}`, 'UpdateFailed');
      if (c.LastUpdateStatus !== 'InProgress') return { ...(c.CodeSha256 ? { CodeSha256: c.CodeSha256 } : {}), ...(c.CodeSize !== undefined ? { CodeSize: c.CodeSize } : {}) };
      await pause(this.options.pollMs ?? 1000, this.options.signal);
    }
  }
}
