// The per-user cache shared by every engine on the machine (Node.js majors, runtime SDK copies, layers
// fetched by ARN, the compiled Java runtime client).
import * as os from 'node:os';
import * as path from 'node:path';

/** `$LAMBDA_WORKBENCH_CACHE`, else `$XDG_CACHE_HOME/lambda-workbench` or `~/.cache/lambda-workbench`. */
export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAMBDA_WORKBENCH_CACHE || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'lambda-workbench');
}
