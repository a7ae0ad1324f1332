// `serve --strict`: the access keys strict mode accepts, read from a private file or from environment
// variables, never from the command line (argv is visible to every local user in `ps`).
import * as fs from 'node:fs';
import { WorkbenchError } from '../core/errors';
import type { AccessKey } from '../core/security/requestAuth';
import type { Values } from './engineFromArgs';

export const KEY_ID_VAR = 'LAMBDA_WORKBENCH_ACCESS_KEY_ID';
export const SECRET_VAR = 'LAMBDA_WORKBENCH_SECRET_ACCESS_KEY';
export const PRINCIPAL_VAR = 'LAMBDA_WORKBENCH_PRINCIPAL';

/** The keys for `--strict`, or undefined when strict mode is off. */
export function strictKeysFromArgs(values: Values, env: NodeJS.ProcessEnv = process.env): AccessKey[] | undefined {
  if (!values.strict) {
    if (values['keys-file']) throw new WorkbenchError('--keys-file only applies with --strict.');
    return undefined;
  }
  const file = values['keys-file'] as string | undefined;
  if (file) return readKeysFile(file);
  const id = env[KEY_ID_VAR];
  const secret = env[SECRET_VAR];
  if (id && secret) return [{ accessKeyId: id, secretAccessKey: secret, ...(env[PRINCIPAL_VAR] ? { principal: env[PRINCIPAL_VAR] } : {}) }];
  throw new WorkbenchError(
    `--strict needs the keys clients will sign with: set ${KEY_ID_VAR} and ${SECRET_VAR}, or pass --keys-file FILE ` +
      '(a JSON list of {"accessKeyId","secretAccessKey","principal"?}, readable only by you: chmod 600).',
  );
}

function readKeysFile(file: string): AccessKey[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new WorkbenchError(`Keys file not found: ${file}`);
  }
  // Like ssh with private keys: a secret other users can read is not a secret.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new WorkbenchError(`Keys file ${file} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}). Run: chmod 600 ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new WorkbenchError(`Keys file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(list) || list.length === 0) throw new WorkbenchError(`Keys file ${file} must hold a non-empty JSON list of {"accessKeyId","secretAccessKey","principal"?}.`);
  return list.map((k: unknown, i) => {
    const key = k as Partial<AccessKey>;
    if (typeof key?.accessKeyId !== 'string' || !key.accessKeyId || typeof key.secretAccessKey !== 'string' || !key.secretAccessKey) {
      throw new WorkbenchError(`Keys file ${file}: entry ${i + 1} needs string "accessKeyId" and "secretAccessKey".`);
    }
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, ...(typeof key.principal === 'string' ? { principal: key.principal } : {}) };
  });
}
