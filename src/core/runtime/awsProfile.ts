// Handler credentials from a named local AWS profile (~/.aws/credentials and ~/.aws/config, standard INI),
// the stand-in for the execution role's credentials Lambda would hand the function. Static keys only.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';

export interface ProfileCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ProfileFiles {
  readonly credentialsFile?: string;
  readonly configFile?: string;
}

/** Parses an INI document into sections of lower-cased keys (full-line `#`/`;` comments, no nesting). */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = out[header[1] as string] ??= {};
      continue;
    }
    // Indented lines belong to a nested block (e.g. `s3 =` settings): not credentials.
    if (!section || /^\s/.test(raw)) continue;
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    section[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** Loads the static keys of `profile`; throws a WorkbenchError that never contains a secret. */
export function loadProfileCredentials(profile: string, files: ProfileFiles = {}): ProfileCredentials {
  const home = os.homedir();
  const credentialsFile = files.credentialsFile ?? process.env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials');
  const configFile = files.configFile ?? process.env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config');
  const fromCredentials = readIni(credentialsFile)[profile];
  const config = readIni(configFile);
  const fromConfig = config[profile === 'default' ? 'default' : `profile ${profile}`] ?? (profile === 'default' ? undefined : config[profile]);
  if (!fromCredentials && !fromConfig) {
    throw new WorkbenchError(`AWS profile '${profile}' was not found in ${credentialsFile} or ${configFile}.`, 'ProfileNotFound');
  }
  const values = { ...fromConfig, ...fromCredentials };
  const accessKeyId = values.aws_access_key_id;
  const secretAccessKey = values.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) {
    const source = ['role_arn', 'sso_session', 'sso_start_url', 'credential_process', 'source_profile', 'web_identity_token_file'].find((k) => values[k] !== undefined);
    const why = source ? `gets its credentials through ${source}, which Lambda Workbench does not resolve` : 'has no aws_access_key_id and aws_secret_access_key';
    throw new WorkbenchError(`AWS profile '${profile}' ${why}. Choose a profile with static keys for handler credentials.`, 'ProfileUnsupported');
  }
  return { accessKeyId, secretAccessKey, ...(values.aws_session_token ? { sessionToken: values.aws_session_token } : {}) };
}

function readIni(file: string): Record<string, Record<string, string>> {
  try {
    return parseIni(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new WorkbenchError(`Cannot read ${file}: ${(e as Error).message}`, 'ProfileUnreadable');
  }
}
