// Builds a container-image function's task root without Docker: the Dockerfile's COPY/ADD steps copy
// from the build context (honouring .dockerignore), its RUN npm/pip steps run on the host in that root.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../../errors';
import { TASK_ROOT, type ImagePlan, type ImageStep } from './imageFunction';
import { dockerIgnore, globRegExp } from './dockerIgnore';

// Never copied from a context: the engine's own state and VCS data.
const ALWAYS_SKIPPED = new Set(['.lambda-workbench', '.git', '.aws-sam']);

/** A key of everything the build reads: the Dockerfile, the plan and each context file's size and time. */
export async function imageInputsKey(plan: ImagePlan): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(plan));
  hash.update(await fs.promises.readFile(plan.dockerfile).catch(() => Buffer.alloc(0)));
  const ignored = dockerIgnore(plan.context);
  for (const file of listContext(plan.context, ignored)) {
    const s = fs.statSync(path.join(plan.context, file));
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Runs the plan into the empty directory `root`; throws WorkbenchError naming the Dockerfile line. */
export async function buildImageCode(plan: ImagePlan, root: string, output?: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const ignored = dockerIgnore(plan.context);
  const contextFiles = listContext(plan.context, ignored);
  const python = plan.steps.some((s) => s.kind === 'run' && s.command.includes('LAMBDA_WORKBENCH_PYTHON')) ? await pythonFor(plan.runtime) : undefined;
  // Builder stages get a scratch "/" of their own beside the task root, removed afterwards.
  const stagesDir = `${root}.stages`;
  const stageRoot = (name: string): string => path.join(stagesDir, name.replace(/[^\w.-]/g, '_'));
  try {
    for (const step of plan.steps) {
      if (signal?.aborted) throw new WorkbenchError('The image build was cancelled', 'Cancelled');
      const here = `${plan.dockerfile}:${step.line}`;
      const toHost = (p: string): string => (step.stage === undefined ? path.join(root, p.slice(TASK_ROOT.length)) : path.join(stageRoot(step.stage), p));
      if (step.kind === 'copy') {
        const fromDir = step.from === undefined ? plan.context : stageRoot(step.from);
        const files = step.from === undefined ? contextFiles : listContext(fromDir, () => false);
        copyStep(step, fromDir, files, toHost, here);
      } else {
        const env = python ? { ...step.env, LAMBDA_WORKBENCH_PYTHON: python } : step.env;
        await runStep({ ...step, env }, toHost(step.workdir), step.stage === undefined ? root : path.join(stageRoot(step.stage), TASK_ROOT), here, output, signal);
      }
    }
    if (plan.bootstrap) await fs.promises.writeFile(path.join(root, 'bootstrap'), plan.bootstrap, { mode: 0o755 });
  } finally {
    await fs.promises.rm(stagesDir, { recursive: true, force: true });
  }
}

function copyStep(step: Extract<ImageStep, { kind: 'copy' }>, from: string, files: readonly string[], toHost: (p: string) => string, here: string): void {
  const destIsDir = step.dest.endsWith('/') || step.sources.length > 1 || step.sources.some((s) => /[*?[]/.test(s));
  const dest = toHost(step.dest.replace(/\/$/, '') || '/');
  for (const src of step.sources) {
    const rel = path.posix.normalize(src.replace(/^\.?\//, '')).replace(/\/+$/, '').replace(/^\.$/, '');
    if (rel.startsWith('..')) throw new WorkbenchError(`${here}: COPY ${src} is outside the build context ${from}`);
    const matcher = globRegExp(rel);
    const matched = rel === '' ? [...files] : files.filter((f) => matcher.test(f) || f.startsWith(rel + '/'));
    if (matched.length === 0) throw new WorkbenchError(`${here}: COPY ${src}: no such file in ${step.from === undefined ? `the build context ${from} (or it is in .dockerignore)` : `the builder stage ${step.from}`}`);
    for (const f of matched) {
      // A directory source copies its contents; a file source lands in dest (a folder) or as dest.
      const isInside = rel !== '' && f.startsWith(rel + '/') && !matcher.test(f);
      const target = rel === ''
        ? path.join(dest, f)
        : isInside
          ? path.join(dest, f.slice(rel.length + 1))
          : destIsDir || (fs.existsSync(dest) && fs.statSync(dest).isDirectory()) ? path.join(dest, path.posix.basename(f)) : dest;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(from, f), target);
      fs.chmodSync(target, fs.statSync(path.join(from, f)).mode & 0o777);
    }
  }
}

function runStep(step: Extract<ImageStep, { kind: 'run' }>, cwd: string, root: string, here: string, output?: (line: string) => void, signal?: AbortSignal): Promise<void> {
  fs.mkdirSync(cwd, { recursive: true });
  fs.mkdirSync(root, { recursive: true });
  const command = step.command.replace(/\/var\/task(?=\/|\b|$)/g, '$LAMBDA_TASK_ROOT');
  output?.(`${here}: RUN ${command}`);
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env: { ...process.env, ...step.env, LAMBDA_TASK_ROOT: root }, stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
    const tail: string[] = [];
    const collect = (d: Buffer): void => {
      for (const line of d.toString('utf8').split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        output?.(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => reject(new WorkbenchError(`${here}: RUN ${step.command} could not start: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new WorkbenchError(`${here}: RUN ${step.command} failed (exit ${code}). Reproduce with: cd ${cwd} && LAMBDA_TASK_ROOT=${root} sh -c '${command.replace(/'/g, `'\\''`)}'\n${tail.join('\n')}`, 'ImageBuildFailed'));
    });
  });
}

/** The interpreter pip runs with: $LAMBDA_WORKBENCH_PYTHON, else the runtime's version (python3.12) when it runs, else python3; resolved past shims. */
async function pythonFor(runtime: string): Promise<string> {
  const preset = process.env['LAMBDA_WORKBENCH_PYTHON'];
  if (preset) return preset;
  for (const candidate of [runtime.startsWith('python') ? runtime : undefined, 'python3'].filter((c): c is string => !!c)) {
    const real = await new Promise<string | undefined>((resolve) => {
      execFile(candidate, ['-c', 'import sys; print(sys.executable)'], { timeout: 15_000 }, (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined));
    });
    if (real) return real;
  }
  throw new WorkbenchError(`No Python interpreter found to run pip for this ${runtime} image: install ${runtime} or python3, or set LAMBDA_WORKBENCH_PYTHON`);
}

/** Every file of the context (relative, '/'-separated) that .dockerignore does not exclude. */
function listContext(context: string, ignored: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if ((!rel && ALWAYS_SKIPPED.has(e.name)) || ignored(r)) continue;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(context, '');
  return out.sort();
}
