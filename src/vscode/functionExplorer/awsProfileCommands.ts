// Add AWS Profile... / Remove: edits the `aws.profiles` setting (user settings), which rebuilds the
// explorer's AWS roots. Profiles come from the AWS config files; an endpoint URL is optional.
import * as vscode from 'vscode';
import { listLocalProfiles } from '../backends/awsProfiles';
import { awsBackendId } from '../backends/lambdaBackend';
import { settingIds } from '../contributionIds';
import { getAwsProfiles, type AwsProfileSetting } from '../settings';
import type { RootNode } from './explorerNodes';

const save = (profiles: readonly AwsProfileSetting[]): Thenable<void> =>
  vscode.workspace.getConfiguration(settingIds.section).update(settingIds.awsProfiles, profiles, vscode.ConfigurationTarget.Global);

/** Asks for a profile, a region and an optional endpoint, then adds them to the setting. */
export async function addAwsProfile(): Promise<AwsProfileSetting | undefined> {
  const local = listLocalProfiles();
  const picked = await vscode.window.showQuickPick(
    [...local.map((p) => ({ label: p.name, description: p.region ?? 'no default region' })), { label: '$(edit) Another profile name...', description: '' }],
    { title: 'Add an AWS profile to the explorer', placeHolder: local.length ? 'Profile from ~/.aws/config or ~/.aws/credentials' : 'No profiles found in ~/.aws: type a name' },
  );
  if (!picked) return undefined;
  const profile = picked.label.startsWith('$(') ? await vscode.window.showInputBox({ title: 'Profile name', validateInput: (v) => (v.trim() ? undefined : 'Required') }) : picked.label;
  if (!profile) return undefined;
  const region = await vscode.window.showInputBox({
    title: `Region for ${profile}`,
    value: local.find((p) => p.name === profile)?.region ?? 'us-east-1',
    validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(v.trim()) ? undefined : 'A region such as us-east-1 or eu-west-3'),
  });
  if (!region) return undefined;
  const endpointUrl = await vscode.window.showInputBox({
    title: 'Endpoint URL (optional)',
    prompt: 'Leave empty for AWS. For LocalStack or another Lambda Workbench, e.g. http://127.0.0.1:4566',
    validateInput: (v) => (!v.trim() || /^https?:\/\/[^\s]+$/.test(v.trim()) ? undefined : 'An http(s) URL, or empty'),
  });
  if (endpointUrl === undefined) return undefined;
  const entry: AwsProfileSetting = { profile, region: region.trim(), ...(endpointUrl.trim() ? { endpointUrl: endpointUrl.trim() } : {}) };
  const others = getAwsProfiles().filter((p) => !(p.profile === entry.profile && p.region === entry.region && p.endpointUrl === entry.endpointUrl));
  await save([...others, entry]);
  return entry;
}

/** Removes an AWS root from the setting. */
export async function removeAwsProfile(node: RootNode): Promise<void> {
  const keep = getAwsProfiles().filter((p) => awsBackendId(p) !== node.id);
  await save(keep);
}
