// Which AWS account and region a remote operation talks to: a profile (or the default credential chain:
// environment, SSO, instance roles), a region, optionally an endpoint (a second engine in tests).
import { LambdaClient } from '@aws-sdk/client-lambda';

export interface RemoteTarget {
  readonly region: string;
  /** A named profile; undefined uses the SDK's default chain (AWS_PROFILE, environment keys, SSO...). */
  readonly profile?: string;
  /** Another Lambda-compatible endpoint (the tests' "cloud" engine). */
  readonly endpointUrl?: string;
}

/** The SDK client configuration of a target: credentials always come from the SDK's own chain. */
export function clientConfig(target: RemoteTarget): { region: string; profile?: string; endpoint?: string; maxAttempts: number } {
  return { region: target.region, maxAttempts: 3, ...(target.profile ? { profile: target.profile } : {}), ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}) };
}

/** A Lambda client for the target. */
export const lambdaClient = (target: RemoteTarget): LambdaClient => new LambdaClient(clientConfig(target));

/** A readable line for SDK failures, with what to do when the credentials are the problem. */
export function remoteFailure(e: unknown, target: RemoteTarget, what: string): Error {
  const err = e as { name?: string; message?: string; code?: string };
  if (err.name === 'CredentialsProviderError' || /Could not load credentials|Token is expired|SSO session/i.test(err.message ?? '')) {
    const profile = target.profile ?? process.env.AWS_PROFILE ?? 'default';
    return new Error(`${what}: no usable AWS credentials for profile "${profile}" (${err.message ?? err.name}). Configure it with "aws configure --profile ${profile}" or sign in with "aws sso login --profile ${profile}".`, { cause: e });
  }
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND') return new Error(`${what}: cannot reach ${target.endpointUrl ?? `AWS Lambda in ${target.region}`} (${err.code}).`, { cause: e });
  return new Error(`${what}: ${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message ?? String(e)}`, { cause: e });
}
