// The per-user cache shared by every engine on the machine (runtime SDK copies, layers fetched by ARN).
import * as os from 'node:os';
import * as path from 'node:path';

/** `$LAMBDA_WORKBENCH_CACHE`, else `$XDG_CACHE_HOME/lambda-workbench` or `~/.cache/lambda-workbench`. */
export function defaultCacheRoot(): string {
  return process.env.LAMBDA_WORKBENCH_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'lambda-workbench');
}
