// Finds the engine state directory the read-only commands (logs, metrics) look at, without starting an engine.
import * as path from 'node:path';
import { findTemplate } from '../core/project';
import { usageError } from './cliOutput';
import type { Values } from './engineFromArgs';

/** `--state-dir`, else `.lambda-workbench` beside the template (or in the current directory). */
export async function stateDirFromArgs(values: Values): Promise<string> {
  if (values['state-dir']) return path.resolve(values['state-dir'] as string);
  const template = await findTemplate(process.cwd(), values.template as string | undefined).catch(() => undefined);
  return path.join(template ? path.dirname(template) : process.cwd(), '.lambda-workbench');
}

/** `10m`, `2h`, `30s`, `1d` or an ISO date to epoch ms (like `aws logs tail --since`). */
export function parseSince(text: string, now = Date.now()): number {
  const m = /^(\d+)([smhdw])$/.exec(text);
  if (m) return now - Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[m[2] as 's'];
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw usageError(`--since expects 10m, 2h, 1d or an ISO date, got '${text}'`);
  return t;
}
