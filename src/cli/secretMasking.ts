// Masks secret environment-variable values in the log text the CLI prints (unless --reveal-secrets):
// the values come from the template (local store) or from ListFunctions (a running engine).
import { defaultPartition } from '../core/arn';
import { findTemplate, loadProject } from '../core/project';
import { parseParameterOverrides } from './engineFromArgs';
import { SecretMasker } from '../core/security/secrets';
import type { Values } from './engineFromArgs';

export const revealOption = { 'reveal-secrets': { type: 'boolean' } } as const;

/** A masker for the functions of the template the options name (none found: nothing to mask). */
export async function templateMasker(values: Values): Promise<SecretMasker> {
  if (values['reveal-secrets']) return new SecretMasker([], true);
  const template = await findTemplate(process.cwd(), values.template as string | undefined).catch(() => undefined);
  if (!template) return new SecretMasker([]);
  const parameterOverrides = parseParameterOverrides(values['parameter-overrides'] as string | undefined);
  const project = await loadProject({ templatePath: template, partition: defaultPartition, ...(parameterOverrides ? { parameterOverrides } : {}), ...(values['env-vars'] ? { envVarsFile: values['env-vars'] as string } : {}) }).catch(() => undefined);
  return new SecretMasker(project?.functions.map((f) => f.environment) ?? []);
}

/** A masker for every function a running engine lists (ListFunctions returns their variables). */
export async function endpointMasker(url: string, values: Values): Promise<SecretMasker> {
  if (values['reveal-secrets']) return new SecretMasker([], true);
  const envs: Record<string, string>[] = [];
  let marker: string | undefined;
  do {
    const r = await fetch(`${url}/2015-03-31/functions/${marker ? `?Marker=${encodeURIComponent(marker)}` : ''}`).catch(() => undefined);
    if (!r?.ok) break;
    const page = (await r.json()) as { Functions?: { Environment?: { Variables?: Record<string, string> } }[]; NextMarker?: string };
    for (const f of page.Functions ?? []) envs.push(f.Environment?.Variables ?? {});
    marker = page.NextMarker;
  } while (marker);
  return new SecretMasker(envs);
}
