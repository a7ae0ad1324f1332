// "The cloud" of the deploy tests, without an AWS account: a second engine of ours as AWS Lambda, the
// s3rver package as S3, and our CloudFormation test server (cloudFormationServer.ts) executing change sets
// into that engine. `target` points a deploy at all three; `dispose` stops them.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DeployTarget } from '../../src/core/deploy';
import { CloudFormationServer } from './cloudFormationServer';
import { startTestEngine, type TestEngine } from './engine';

// s3rver checks signatures made with these keys (its documented defaults); every service here takes them.
export const CLOUD_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no types
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

export interface TestCloud {
  readonly lambdaEngine: TestEngine;
  readonly cloudFormation: CloudFormationServer;
  readonly s3: S3Client;
  readonly lambda: LambdaClient;
  readonly target: DeployTarget;
  dispose(): Promise<void>;
}

/** Starts S3 (s3rver), the Lambda engine and the CloudFormation server on loopback ports. */
export async function startTestCloud(region = 'us-east-1'): Promise<TestCloud> {
  const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-s3-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir });
  const address = await s3rver.run();
  const s3Url = `http://127.0.0.1:${address.port}`;
  const lambdaEngine = await startTestEngine({ listen: true });
  const s3 = new S3Client({ region, endpoint: s3Url, forcePathStyle: true, credentials: CLOUD_CREDENTIALS });
  const lambda = new LambdaClient({ region, endpoint: lambdaEngine.url, credentials: CLOUD_CREDENTIALS });
  const cloudFormation = new CloudFormationServer({ s3, lambda, secretAccessKey: CLOUD_CREDENTIALS.secretAccessKey, region });
  await cloudFormation.start();
  return {
    lambdaEngine,
    cloudFormation,
    s3,
    lambda,
    target: { region, credentials: CLOUD_CREDENTIALS, endpoints: { s3: s3Url, cloudformation: cloudFormation.url, lambda: lambdaEngine.url } },
    async dispose() {
      await cloudFormation.stop();
      s3.destroy();
      lambda.destroy();
      await lambdaEngine.dispose();
      await s3rver.close();
      fs.rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}
