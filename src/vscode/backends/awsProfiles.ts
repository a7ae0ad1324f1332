// The AWS profiles configured on this machine (~/.aws/config and ~/.aws/credentials, or the files
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE name) and their default regions, for "Add AWS Profile".
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseIni } from '../../core/runtime/awsProfile';

export interface LocalProfile {
  readonly name: string;
  readonly region: string | undefined;
}

const read = (file: string): Record<string, Record<string, string>> => {
  try {
    return parseIni(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
};

/** Profile names with their configured region, sorted, `default` first. */
export function listLocalProfiles(env: NodeJS.ProcessEnv = process.env): LocalProfile[] {
  const home = os.homedir();
  const config = read(env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'));
  const credentials = read(env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'));
  const regions = new Map<string, string | undefined>();
  for (const [section, values] of Object.entries(config)) {
    const name = section === 'default' ? 'default' : section.startsWith('profile ') ? section.slice(8).trim() : undefined;
    if (name) regions.set(name, values['region']);
  }
  for (const name of Object.keys(credentials)) if (!regions.has(name)) regions.set(name, undefined);
  return [...regions].map(([name, region]) => ({ name, region })).sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}
