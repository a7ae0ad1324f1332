// Builds an Emulator from the common CLI options (--template, --state-dir, --parameter-overrides ...).
import type { AuthSettings } from '../core/api/http/apiServer';
import * as path from 'node:path';
import { synthesizeIfMissing } from '../core/build/cdk';
import { Emulator } from '../core/emulator';
import { WorkbenchError } from '../core/errors';
import { findTemplate } from '../core/project';
import { printBuildProgress } from './buildProgress';
import type { Problem } from '../core/project/functionSpec';
import { reportRuntimeDownloads } from './runtimesCommand';

export const engineOptions = {
  template: { type: 'string', short: 't' },
  'state-dir': { type: 'string' },
  'parameter-overrides': { type: 'string' },
  'env-vars': { type: 'string' },
  'aws-profile': { type: 'string' },
  'routing-seed': { type: 'string' },
} as const;

export type Values = Record<string, string | boolean | undefined>;

/** `--parameter-overrides`: `Name=Value` pairs (spaces or commas between them, values may be quoted) or SAM's `ParameterKey=Name,ParameterValue=Value`. */
export function parseParameterOverrides(raw: string | undefined): Record<string, string> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  const sam = /ParameterKey=([^,\s]+),ParameterValue=("[^"]*"|'[^']*'|[^\s]*)/g;
  if (/ParameterKey=/.test(raw)) {
    for (const m of raw.matchAll(sam)) out[m[1]!] = unquote(m[2]!);
    if (Object.keys(out).length === 0) throw new WorkbenchError(`--parameter-overrides expects ParameterKey=Name,ParameterValue=Value, got '${raw}'.`);
    return out;
  }
  for (const m of raw.matchAll(/([^\s,=]+)=("[^"]*"|'[^']*'|[^\s,]*)|(\S+)/g)) {
    if (m[3] !== undefined) throw new WorkbenchError(`--parameter-overrides expects Name=Value pairs, got '${m[3]}'.`);
    out[m[1]!] = unquote(m[2]!);
  }
  return out;
}

function unquote(v: string): string {
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}

export function formatProblem(p: Problem): string {
  return `${path.relative(process.cwd(), p.file) || p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message}`;
}

/** Loads the template named by the options (or found in the current directory) into a new engine. */
export async function startEngine(values: Values, extra: { api?: false | { port?: number; host?: string; auth?: AuthSettings }; watch?: boolean; quietBuilds?: boolean; onHandover?: () => void } = {}): Promise<Emulator> {
  const cwd = process.cwd();
  // A CDK app never synthesized: synthesize it first (its output shows as it comes).
  const templatePath = (await findTemplate(cwd, values.template as string | undefined)) ?? (values.template ? undefined : (await synthesizeIfMissing(cwd, { onLine: (l) => process.stderr.write(`  | ${l}\n`) }))?.manifest);
  if (!templatePath) {
    throw new WorkbenchError(
      values.template ? `Template not found: ${values.template}` : `No template.yaml, template.yml, template.json or CDK cloud assembly (cdk.out) in ${cwd}. Pass --template <file>, or run it in a CDK app's folder (cdk.json).`,
      'TemplateNotFound',
    );
  }
  const workspaceDir = path.dirname(templatePath);
  const seed = values['routing-seed'] === undefined ? undefined : Number(values['routing-seed']);
  if (seed !== undefined && !Number.isInteger(seed)) throw new WorkbenchError(`--routing-seed expects a whole number, got '${values['routing-seed']}'.`);
  const retryScale = values['retry-delay-scale'] === undefined ? undefined : Number(values['retry-delay-scale']);
  if (retryScale !== undefined && !(retryScale >= 0)) throw new WorkbenchError(`--retry-delay-scale expects a number such as 0.01 (a minute becomes 0.6 s), got '${values['retry-delay-scale']}'.`);
  const engine = new Emulator({
    workspaceDir,
    ...(values['state-dir'] ? { stateDir: path.resolve(values['state-dir'] as string) } : {}),
    api: extra.api ?? false,
    ...(extra.onHandover ? { onHandover: extra.onHandover } : {}),
    ...(values['aws-profile'] ? { awsProfile: values['aws-profile'] as string } : {}),
    ...(seed !== undefined ? { functions: { routingSeed: seed } } : {}),
    ...(retryScale !== undefined ? { events: { retryDelayScale: retryScale } } : {}),
  });
  engine.on('warning', (m) => process.stderr.write(`warning: ${m}\n`));
  // invoke, serve and the others build functions before their first run: say so (`build` prints its own).
  if (!extra.quietBuilds) printBuildProgress(engine);
  reportRuntimeDownloads(engine);
  const params = parseParameterOverrides(values['parameter-overrides'] as string | undefined);
  const sync = await engine.loadTemplate({
    templatePath,
    watch: extra.watch ?? false,
    onOutput: (line: string) => process.stderr.write(`  ${line}\n`),
    ...(params ? { parameterOverrides: params } : {}),
    ...(values['env-vars'] ? { envVarsFile: values['env-vars'] as string } : {}),
  });
  for (const p of sync.project?.problems ?? []) if (p.severity !== 'info') process.stderr.write(formatProblem(p) + '\n');
  return engine;
}
