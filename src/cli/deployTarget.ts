// The account, region and stack a `deploy` or `sync` goes to: flags first, then what the workspace
// remembered (.lambda-workbench/deploy.json), then the AWS environment. Endpoints may be redirected with
// AWS_ENDPOINT_URL_S3 / _CLOUDFORMATION / _LAMBDA (the SDK's own variables; S3 then uses path-style URLs).
import * as readline from 'node:readline';
import { readDeploySettings, type DeploySettings, type DeployTarget } from '../core/deploy';
import { WorkbenchError } from '../core/errors';
import type { Values } from './engineFromArgs';

export const deployTargetOptions = {
  'stack-name': { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
} as const;

/** The resolved target and stack of a command. */
export interface ResolvedTarget {
  readonly target: DeployTarget;
  readonly stackName: string;
  readonly settings: DeploySettings;
}

/** Resolves the target from flags, the workspace's remembered settings and the environment. */
export function resolveTarget(values: Values, workspaceDir: string): ResolvedTarget {
  const settings = readDeploySettings(workspaceDir);
  const env = process.env;
  const stackName = (values['stack-name'] as string | undefined) ?? settings.stackName;
  if (!stackName) throw new WorkbenchError('Which stack? Pass --stack-name NAME (it is remembered for this workspace).', 'StackNameNeeded');
  const profile = (values.profile as string | undefined) ?? settings.profile ?? env.AWS_PROFILE;
  const region = (values.region as string | undefined) ?? settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new WorkbenchError('Which region? Pass --region (e.g. us-east-1), or set AWS_REGION. It is remembered for this workspace.', 'RegionNeeded');
  const endpoints = {
    ...(env.AWS_ENDPOINT_URL_S3 ? { s3: env.AWS_ENDPOINT_URL_S3 } : {}),
    ...(env.AWS_ENDPOINT_URL_CLOUDFORMATION ? { cloudformation: env.AWS_ENDPOINT_URL_CLOUDFORMATION } : {}),
    ...(env.AWS_ENDPOINT_URL_LAMBDA ? { lambda: env.AWS_ENDPOINT_URL_LAMBDA } : {}),
  };
  return { stackName, settings, target: { region, ...(profile ? { profile } : {}), ...(Object.keys(endpoints).length ? { endpoints } : {}) } };
}

/** Asks a yes/no question on the terminal; false without one (piped input, CI). */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
