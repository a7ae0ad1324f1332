// What a workspace remembers about its deploys (.lambda-workbench/deploy.json): profile, region, stack
// name, bucket, and the stacks the user opted in for code sync. Never credentials.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The remembered deploy choices of one workspace. */
export interface DeploySettings {
  readonly profile?: string;
  readonly region?: string;
  readonly stackName?: string;
  readonly bucket?: string;
  /** Stacks whose functions may be updated on save (`sync`): the user said so once per stack. */
  readonly syncStacks?: readonly string[];
}

const KEYS = ['profile', 'region', 'stackName', 'bucket'] as const;

/** The settings file of a workspace. */
export function deploySettingsFile(workspaceDir: string): string {
  return path.join(workspaceDir, '.lambda-workbench', 'deploy.json');
}

/** Reads the remembered settings ({} when none or unreadable). */
export function readDeploySettings(workspaceDir: string): DeploySettings {
  try {
    const raw = JSON.parse(fs.readFileSync(deploySettingsFile(workspaceDir), 'utf8')) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of KEYS) if (typeof raw[k] === 'string' && raw[k] !== '') out[k] = raw[k];
    if (Array.isArray(raw['syncStacks'])) out['syncStacks'] = raw['syncStacks'].filter((s): s is string => typeof s === 'string');
    return out;
  } catch {
    return {};
  }
}

/** Merges `changes` into the remembered settings (only the known keys are ever written). */
export function writeDeploySettings(workspaceDir: string, changes: DeploySettings): DeploySettings {
  const merged: Record<string, unknown> = { ...readDeploySettings(workspaceDir) };
  for (const k of KEYS) if (changes[k] !== undefined) merged[k] = changes[k];
  if (changes.syncStacks !== undefined) merged['syncStacks'] = [...changes.syncStacks];
  const file = deploySettingsFile(workspaceDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
  return merged;
}

/** Opts a stack in for code sync (or out, with `enabled` false). */
export function setSyncOptIn(workspaceDir: string, stackName: string, enabled: boolean): DeploySettings {
  const current = new Set(readDeploySettings(workspaceDir).syncStacks ?? []);
  if (enabled) current.add(stackName);
  else current.delete(stackName);
  return writeDeploySettings(workspaceDir, { syncStacks: [...current].sort() });
}

/** Default name patterns of production stacks (`lambdaWorkbench.deploy.productionPatterns`). */
export const DEFAULT_PRODUCTION_PATTERNS: readonly string[] = ['prod', 'production', 'prd', 'live'];

/** Whether a stack name looks like production: a pattern as a whole word (split on - _ .), or a /regex/. */
export function looksLikeProduction(stackName: string, patterns: readonly string[] = DEFAULT_PRODUCTION_PATTERNS): string | undefined {
  const words = stackName.split(/[-_.\s]+|(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase());
  return patterns.find((p) => {
    if (p.length > 2 && p.startsWith('/') && p.endsWith('/')) {
      try {
        return new RegExp(p.slice(1, -1), 'i').test(stackName);
      } catch {
        return false;
      }
    }
    return words.includes(p.toLowerCase());
  });
}
