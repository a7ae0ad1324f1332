// The three AWS SDK v3 clients a deploy uses, from one profile and region through the standard credential
// chain (environment, profiles, SSO). Endpoints can be overridden (tests, or AWS_ENDPOINT_URL_* as the SDK reads them).
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';

/** Where a deploy goes: an account (profile) and region, optionally other endpoints. */
export interface DeployTarget {
  /** A profile of ~/.aws/config; undefined uses the default chain (AWS_PROFILE, environment keys, default). */
  readonly profile?: string;
  readonly region: string;
  readonly endpoints?: { readonly s3?: string; readonly cloudformation?: string; readonly lambda?: string };
  /** Explicit keys (tests against local servers); otherwise the credential chain. Never written anywhere. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The SDK clients of one target. */
export interface AwsClients {
  readonly s3: S3Client;
  readonly cloudFormation: CloudFormationClient;
  readonly lambda: LambdaClient;
  destroy(): void;
}

/** Creates the clients of a target. */
export function awsClients(target: DeployTarget): AwsClients {
  const base = {
    region: target.region,
    ...(target.credentials ? { credentials: target.credentials } : target.profile ? { profile: target.profile } : {}),
  };
  const s3 = new S3Client({ ...base, ...(target.endpoints?.s3 ? { endpoint: target.endpoints.s3, forcePathStyle: true } : {}) });
  const cloudFormation = new CloudFormationClient({ ...base, ...(target.endpoints?.cloudformation ? { endpoint: target.endpoints.cloudformation } : {}) });
  const lambda = new LambdaClient({ ...base, ...(target.endpoints?.lambda ? { endpoint: target.endpoints.lambda } : {}) });
  return {
    s3,
    cloudFormation,
    lambda,
    destroy: () => {
      s3.destroy();
      cloudFormation.destroy();
      lambda.destroy();
    },
  };
}

/** An SDK error as a message that says what to do (credentials, network), never with secrets. */
export function awsErrorMessage(e: unknown, target: DeployTarget): string {
  const err = e as { name?: string; message?: string; code?: string };
  const who = target.profile ? `profile "${target.profile}"` : 'the default credential chain';
  if (err.name === 'CredentialsProviderError' || /Could not load credentials/i.test(err.message ?? '')) {
    return `No AWS credentials for ${who}: ${err.message ?? ''} Configure them with "aws configure${target.profile ? ` --profile ${target.profile}` : ''}" or sign in with "aws sso login".`;
  }
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND') return `Cannot reach AWS in ${target.region} (${err.code}). Check the network and the region.`;
  return err.message || String(e);
}
