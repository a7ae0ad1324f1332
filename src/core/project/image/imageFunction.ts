// Maps a container-image function's Dockerfile to a function that runs without Docker: the AWS base
// image's runtime, COPY/ADD into the task root, RUN npm/pip as build steps, ENV, CMD and ENTRYPOINT.
import * as fs from 'node:fs';
import type { CodeSource } from '../codeLocation';
import { keyValues, parseDockerfile, substitute, type DockerInstruction } from './dockerfile';
import { TASK_ROOT, absolute, inTaskRoot } from './containerPaths';
import { mapStage } from './stageMapping';

export { TASK_ROOT } from './containerPaths';

/** One step, in Dockerfile order; `stage` names a builder stage (absent: the final stage, the task root). */
export type ImageStep =
  | { readonly kind: 'copy'; readonly line: number; readonly sources: readonly string[]; readonly dest: string; readonly stage?: string; readonly from?: string }
  | { readonly kind: 'run'; readonly line: number; readonly command: string; readonly workdir: string; readonly env: Readonly<Record<string, string>>; readonly stage?: string };

/** How to materialize an image function's task root. */
export interface ImagePlan {
  /** The final stage's Lambda runtime (its Python version is the one pip runs with). */
  readonly runtime: string;
  readonly dockerfile: string;
  readonly context: string;
  readonly steps: readonly ImageStep[];
  /** A generated `bootstrap` for provided images whose ENTRYPOINT is not the task root's bootstrap. */
  readonly bootstrap?: string;
}

/** What the template's function gets from its image. */
export interface ImageFunction {
  readonly runtime: string;
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly plan: ImagePlan;
}

// Builder stages may start from the Docker Official Node.js / Python / Go images (as well as Lambda's);
// Go builders run the local Go toolchain.
const BUILDER_BASE = /^(?:(?:docker\.io\/)?(?:library\/)?|public\.ecr\.aws\/docker\/library\/)(?:node|python|golang)(?::\S+)?$/;
const BASE = /^(?:public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-)(nodejs|python|provided|java|dotnet|ruby)(?::([^@\s]+))?(?:@\S+)?$/;
const LATEST: Readonly<Record<string, string>> = { nodejs: 'nodejs22.x', python: 'python3.13', provided: 'provided.al2023', java: 'java21', dotnet: 'dotnet8', ruby: 'ruby3.3' };
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

/** The Lambda runtime of a base image reference (`public.ecr.aws/lambda/python:3.12` -> python3.12), or undefined. */
export function runtimeOfBaseImage(image: string): string | undefined {
  const m = BASE.exec(image.trim());
  if (!m) return undefined;
  const lang = m[1]!;
  const tag = (m[2] ?? 'latest').replace(/[-.](x86_64|arm64)$/, '');
  if (tag === 'latest') return LATEST[lang];
  if (lang === 'nodejs') return /^\d+/.test(tag) ? `nodejs${/^\d+/.exec(tag)![0]}.x` : undefined;
  if (lang === 'python') return /^3\.\d+/.test(tag) ? `python${/^3\.\d+/.exec(tag)![0]}` : undefined;
  if (lang === 'provided') return tag === 'al2' || tag === 'al2023' ? `provided.${tag}` : tag === 'alami' ? 'provided' : undefined;
  if (lang === 'java') return /^\d+/.test(tag) ? `java${/^\d+/.exec(tag)![0]}${tag.includes('al2') && tag.startsWith('8') ? '.al2' : ''}` : undefined;
  if (lang === 'dotnet') return /^\d+/.test(tag) ? `dotnet${/^\d+/.exec(tag)![0]}` : undefined;
  if (lang === 'ruby') return /^\d+\.\d+/.test(tag) ? `ruby${/^\d+\.\d+/.exec(tag)![0]}` : undefined;
  return undefined;
}

/** Maps the Dockerfile of `source`; undefined after `fail` said which line cannot be mapped and why. */
export function imageFunctionOf(source: Extract<CodeSource, { kind: 'image' }>, p: Record<string, unknown>, fail: (message: string) => void): ImageFunction | undefined {
  let text: string;
  try {
    text = fs.readFileSync(source.dockerfile, 'utf8');
  } catch {
    fail(`The Dockerfile ${source.dockerfile} (Metadata DockerContext / Dockerfile) does not exist: fix the Metadata or add the file`);
    return undefined;
  }
  const where = (ins: DockerInstruction): string => `${source.dockerfile}:${ins.line}`;
  const all = parseDockerfile(text);
  const froms = all.map((ins, i) => [ins, i] as const).filter(([ins]) => ins.keyword === 'FROM');
  if (froms.length === 0) {
    fail(`${source.dockerfile} has no FROM instruction`);
    return undefined;
  }
  const args: Record<string, string> = {};
  for (const ins of all.slice(0, froms[0]![1])) if (ins.keyword === 'ARG') for (const [k, v] of keyValues(ins)) if (v !== undefined) args[k] = v;
  // Earlier stages are builders: reproducible when they start from a Node.js / Python image and only
  // copy files and run npm / pip; their output reaches the final stage through COPY --from.
  const builders = new Map<string, number>();
  const steps: ImageStep[] = [];
  for (let s = 0; s < froms.length - 1; s++) {
    const [ins, index] = froms[s]!;
    const name = (ins.args[2] ?? String(s)).toLowerCase();
    const base = substitute(ins.args[0] ?? '', args);
    if (!runtimeOfBaseImage(base) && !BUILDER_BASE.test(base)) {
      fail(`${where(ins)}: the builder stage FROM ${base} cannot be reproduced without Docker (Node.js, Python, Go and Lambda base images can): build its output into the context first and COPY it`);
      return undefined;
    }
    const mapped = mapStage(all.slice(index + 1, froms[s + 1]![1]), { args, builders, stage: name, runtime: runtimeOfBaseImage(base) ?? (base.includes('python') ? 'python3' : base.includes('golang') ? 'go' : 'nodejs'), where, fail });
    if (!mapped) return undefined;
    steps.push(...mapped.steps);
    builders.set(name, s);
  }
  const [fromIns, fromIndex] = froms[froms.length - 1]!;
  const base = substitute(fromIns.args[0] ?? '', args);
  const runtime = runtimeOfBaseImage(base);
  if (!runtime) {
    fail(`${where(fromIns)}: FROM ${base} is not an AWS Lambda base image (public.ecr.aws/lambda/<runtime>:<tag>); only those can run without Docker. Build from a Lambda base image, or use a zip package`);
    return undefined;
  }
  const final = mapStage(all.slice(fromIndex + 1), { args, builders, runtime, where, fail });
  if (!final) return undefined;
  steps.push(...final.steps);
  const env = final.env;
  const workdir = final.workdir;
  let cmd = final.cmd;
  let entrypoint = final.entrypoint;
  const config = asRecord(p['ImageConfig']);
  cmd = strings(config['Command']) ?? cmd;
  entrypoint = strings(config['EntryPoint']) ?? entrypoint;
  const workingDirectory = typeof config['WorkingDirectory'] === 'string' ? config['WorkingDirectory'] : undefined;
  const runDir = workingDirectory ?? workdir;
  const isProvided = runtime.startsWith('provided');
  const defaultEntry = !entrypoint || entrypoint.length === 0 || entrypoint[0] === '/lambda-entrypoint.sh';
  if (!defaultEntry && !isProvided) {
    fail(`${source.dockerfile}: ENTRYPOINT ${JSON.stringify(entrypoint)} replaces the ${runtime} runtime's own entrypoint, which cannot be mapped: keep the base image's entrypoint and name the handler in CMD`);
    return undefined;
  }
  const handler = cmd?.[0] ?? (isProvided ? 'bootstrap' : undefined);
  if (!handler) {
    fail(`${source.dockerfile}: no CMD names the handler (e.g. CMD [ "app.handler" ]), and the template has no ImageConfig Command`);
    return undefined;
  }
  let bootstrap: string | undefined;
  if (isProvided && !defaultEntry) {
    const entry = entrypoint!.map((w, i) => (i === 0 ? absolute(w, runDir) : w));
    if (!(entry.length === 1 && entry[0] === `${TASK_ROOT}/bootstrap` && runDir === TASK_ROOT && !cmd)) {
      const quote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;
      const toRoot = (w: string): string => (inTaskRoot(w) ? `"$LAMBDA_TASK_ROOT"${quote(w.slice(TASK_ROOT.length))}` : quote(w));
      bootstrap = `#!/bin/sh\n# Generated by Lambda Workbench from ${source.dockerfile}: ENTRYPOINT + CMD, as the container would run them.\ncd ${toRoot(runDir)} || exit 1\nexec ${[toRoot(entry[0]!), ...entry.slice(1).map(quote), ...(cmd ?? []).map(quote)].join(' ')}\n`;
    }
  } else if (workingDirectory !== undefined && workingDirectory !== TASK_ROOT) {
    fail(`ImageConfig WorkingDirectory ${workingDirectory} is not modelled for ${runtime} without Docker: functions run in ${TASK_ROOT}`);
    return undefined;
  }
  return { runtime, handler, environment: env, plan: { runtime, dockerfile: source.dockerfile, context: source.context, steps, ...(bootstrap ? { bootstrap } : {}) } };
}
