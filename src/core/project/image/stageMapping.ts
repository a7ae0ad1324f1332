// Maps the instructions of one Dockerfile stage: ARG/ENV/WORKDIR tracking, COPY/ADD (from the context or
// a builder stage), RUN through runMapping, CMD/ENTRYPOINT. The final stage may only write the task root.
import { keyValues, substitute, type DockerInstruction } from './dockerfile';
import { TASK_ROOT, absolute, inTaskRoot } from './containerPaths';
import type { ImageStep } from './imageFunction';
import { mapRun } from './runMapping';

/** What mapping a stage needs. */
export interface StageContext {
  readonly args: Readonly<Record<string, string>>;
  /** Builder stages mapped so far, by lower-case name. */
  readonly builders: ReadonlyMap<string, number>;
  /** The builder stage's name; absent for the final stage. */
  readonly stage?: string;
  readonly runtime: string;
  readonly where: (ins: DockerInstruction) => string;
  readonly fail: (message: string) => void;
}

/** One mapped stage. */
export interface MappedStage {
  readonly steps: ImageStep[];
  readonly env: Record<string, string>;
  readonly workdir: string;
  readonly cmd?: string[];
  readonly entrypoint?: string[];
}

/** Maps `instructions` (after the stage's FROM); undefined after `fail` named the line that cannot be mapped. */
export function mapStage(instructions: readonly DockerInstruction[], ctx: StageContext): MappedStage | undefined {
  const { where, fail, stage } = ctx;
  const isFinal = stage === undefined;
  const vars: Record<string, string> = { ...ctx.args, LAMBDA_TASK_ROOT: TASK_ROOT, LAMBDA_RUNTIME_DIR: '/var/runtime' };
  const env: Record<string, string> = {};
  const steps: ImageStep[] = [];
  // Lambda base images start in the task root; others in /.
  let workdir = isFinal || ctx.runtime.includes('.') || /\d$/.test(ctx.runtime) ? TASK_ROOT : '/';
  let cmd: string[] | undefined;
  let entrypoint: string[] | undefined;
  const tag = stage === undefined ? {} : { stage };
  for (const ins of instructions) {
    const sub = (s: string): string => substitute(s, vars);
    switch (ins.keyword) {
      case 'ARG':
        for (const [k, v] of keyValues(ins)) vars[k] = ctx.args[k] ?? (v === undefined ? '' : sub(v));
        break;
      case 'ENV':
        for (const [k, v] of keyValues(ins)) vars[k] = env[k] = sub(v ?? '');
        break;
      case 'WORKDIR':
        workdir = absolute(sub(ins.args[0] ?? TASK_ROOT), workdir);
        break;
      case 'COPY':
      case 'ADD': {
        const from = ins.flags['from']?.toLowerCase();
        if (from !== undefined && !ctx.builders.has(from)) {
          fail(`${where(ins)}: ${ins.keyword} --from=${ins.flags['from']} copies from another image, which cannot be reproduced without Docker: build those files into the context first and COPY them from there`);
          return undefined;
        }
        const words = ins.args.map(sub);
        if (words.length < 2 || words.some((w) => w.startsWith('<<'))) {
          fail(`${where(ins)}: ${ins.keyword} needs sources and a destination (heredocs are not supported)`);
          return undefined;
        }
        const remote = words.slice(0, -1).find((w) => /^(https?|git):\/\//.test(w) || (ins.keyword === 'ADD' && /\.(tar(\.\w+)?|tgz)$/.test(w)));
        if (remote) {
          fail(`${where(ins)}: ADD ${remote} (a URL or an archive Docker would unpack) cannot be mapped: download or unpack it into the context and COPY it`);
          return undefined;
        }
        const last = words[words.length - 1]!;
        const dest = absolute(last, workdir) + (last.endsWith('/') || last === '.' || last === './' ? '/' : '');
        if (isFinal && !inTaskRoot(dest.replace(/\/$/, ''))) {
          fail(`${where(ins)}: ${ins.keyword} into ${dest} is outside \${LAMBDA_TASK_ROOT} (${TASK_ROOT}); only the task root is materialized without Docker`);
          return undefined;
        }
        // A builder's files are named by their absolute path in that stage.
        const sources = from === undefined ? words.slice(0, -1) : words.slice(0, -1).map((w) => absolute(w, '/'));
        steps.push({ kind: 'copy', line: ins.line, sources, dest, ...tag, ...(from !== undefined ? { from } : {}) });
        break;
      }
      case 'RUN': {
        const mapped = mapRun(ins.exec ? ins.args.join(' ') : ins.text, ctx.runtime);
        if (typeof mapped !== 'string') {
          fail(`${where(ins)}: RUN ${mapped.command} cannot run without Docker (npm, npx, yarn, pip, go in a Go builder stage, chmod, mkdir, rm, cp, mv and touch can): install it in the context beforehand or drop it`);
          return undefined;
        }
        if (isFinal && !inTaskRoot(workdir)) {
          fail(`${where(ins)}: RUN in WORKDIR ${workdir}, outside \${LAMBDA_TASK_ROOT} (${TASK_ROOT}), cannot be mapped`);
          return undefined;
        }
        steps.push({ kind: 'run', line: ins.line, command: mapped, workdir, env: { ...env }, ...tag });
        break;
      }
      case 'CMD':
        cmd = ins.args.map(sub);
        break;
      case 'ENTRYPOINT':
        entrypoint = ins.args.map(sub);
        break;
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
  return { steps, env, workdir, ...(cmd ? { cmd } : {}), ...(entrypoint ? { entrypoint } : {}) };
}
