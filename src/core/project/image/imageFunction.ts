// Maps a container-image function's Dockerfile to a function that runs without Docker: the AWS base
// image's runtime, COPY/ADD into the task root, RUN npm/pip as build steps, ENV, CMD and ENTRYPOINT.
import * as fs from 'node:fs';
import type { CodeSource } from '../codeLocation';
import { keyValues, parseDockerfile, substitute, type DockerInstruction } from './dockerfile';
import { mapRun } from './runMapping';

/** Lambda's task root inside the image. */
export const TASK_ROOT = '/var/task';

/** One step that fills the task root, in Dockerfile order. */
export type ImageStep =
  | { readonly kind: 'copy'; readonly line: number; readonly sources: readonly string[]; readonly dest: string }
  | { readonly kind: 'run'; readonly line: number; readonly command: string; readonly workdir: string; readonly env: Readonly<Record<string, string>> };

/** How to materialize an image function's task root. */
export interface ImagePlan {
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
  const [fromIns, fromIndex] = froms[froms.length - 1]!;
  const base = substitute(fromIns.args[0] ?? '', args);
  const runtime = runtimeOfBaseImage(base);
  if (!runtime) {
    fail(`${where(fromIns)}: FROM ${base} is not an AWS Lambda base image (public.ecr.aws/lambda/<runtime>:<tag>); only those can run without Docker. Build from a Lambda base image, or use a zip package`);
    return undefined;
  }
  const vars: Record<string, string> = { ...args, LAMBDA_TASK_ROOT: TASK_ROOT, LAMBDA_RUNTIME_DIR: '/var/runtime' };
  const env: Record<string, string> = {};
  const steps: ImageStep[] = [];
  let workdir = TASK_ROOT;
  let cmd: string[] | undefined;
  let entrypoint: string[] | undefined;
  const stages = new Set(froms.slice(0, -1).map(([ins]) => (ins.args[2] ?? '').toLowerCase()).filter(Boolean));
  for (const ins of all.slice(fromIndex + 1)) {
    const sub = (s: string): string => substitute(s, vars);
    switch (ins.keyword) {
      case 'ARG':
        for (const [k, v] of keyValues(ins)) vars[k] = args[k] ?? (v === undefined ? '' : sub(v));
        break;
      case 'ENV':
        for (const [k, v] of keyValues(ins)) vars[k] = env[k] = sub(v ?? '');
        break;
      case 'WORKDIR':
        workdir = absolute(sub(ins.args[0] ?? TASK_ROOT), workdir);
        break;
      case 'COPY':
      case 'ADD': {
        if (ins.flags['from'] !== undefined) {
          const stage = ins.flags['from'];
          fail(`${where(ins)}: ${ins.keyword} --from=${stage} copies from ${stages.has(stage.toLowerCase()) ? 'a builder stage' : 'another image'}, which cannot be reproduced without Docker: build those files into the context first (e.g. with sam build or a script) and COPY them from there`);
          return undefined;
        }
        const words = (ins.exec ? ins.args : ins.args).map(sub);
        if (words.length < 2 || words.some((w) => w.startsWith('<<'))) {
          fail(`${where(ins)}: ${ins.keyword} needs sources and a destination (heredocs are not supported)`);
          return undefined;
        }
        const remote = words.slice(0, -1).find((w) => /^(https?|git):\/\//.test(w) || (ins.keyword === 'ADD' && /\.(tar(\.\w+)?|tgz)$/.test(w)));
        if (remote) {
          fail(`${where(ins)}: ADD ${remote} (a URL or an archive Docker would unpack) cannot be mapped: download or unpack it into the context and COPY it`);
          return undefined;
        }
        const dest = absolute(words[words.length - 1]!, workdir) + (words[words.length - 1]!.endsWith('/') ? '/' : '');
        if (!inTaskRoot(dest)) {
          fail(`${where(ins)}: ${ins.keyword} into ${dest} is outside \${LAMBDA_TASK_ROOT} (${TASK_ROOT}); only the task root is materialized without Docker`);
          return undefined;
        }
        steps.push({ kind: 'copy', line: ins.line, sources: words.slice(0, -1), dest });
        break;
      }
      case 'RUN': {
        const mapped = mapRun(ins.exec ? ins.args.join(' ') : ins.text, runtime);
        if (typeof mapped !== 'string') {
          fail(`${where(ins)}: RUN ${mapped.command} cannot run without Docker (npm, npx, yarn, pip, chmod, mkdir, rm, cp, mv and touch can): install it in the context beforehand or drop it`);
          return undefined;
        }
        if (!inTaskRoot(workdir)) {
          fail(`${where(ins)}: RUN in WORKDIR ${workdir}, outside \${LAMBDA_TASK_ROOT} (${TASK_ROOT}), cannot be mapped`);
          return undefined;
        }
        steps.push({ kind: 'run', line: ins.line, command: mapped, workdir, env: { ...env } });
        break;
      }
      case 'CMD':
        cmd = (ins.exec ? ins.args : ins.args).map(sub);
        break;
      case 'ENTRYPOINT':
        entrypoint = (ins.exec ? ins.args : ins.args).map(sub);
        break;
      case 'FROM':
      case 'LABEL':
      case 'EXPOSE':
      case 'USER':
      case 'VOLUME':
      case 'STOPSIGNAL':
      case 'HEALTHCHECK':
      case 'SHELL':
      case 'MAINTAINER':
      case 'ONBUILD':
        break;
      default:
        fail(`${where(ins)}: unknown instruction ${ins.keyword}`);
        return undefined;
    }
  }
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
  return { runtime, handler, environment: env, plan: { dockerfile: source.dockerfile, context: source.context, steps, ...(bootstrap ? { bootstrap } : {}) } };
}

function absolute(p: string, cwd: string): string {
  const joined = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const parts: string[] = [];
  for (const s of joined.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return '/' + parts.join('/');
}

function inTaskRoot(p: string): boolean {
  return p === TASK_ROOT || p.startsWith(TASK_ROOT + '/');
}
