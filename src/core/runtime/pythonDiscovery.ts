// Finds a Python interpreter of an exact `3.X` version: PATH `python3.X`, pyenv, uv, asdf and conda
// installs, the system's /usr/bin; each candidate is asked for its real `sys.executable` once, so a
// version-manager shim is never what we spawn per environment.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface FoundPython {
  /** The real interpreter (sys.executable), never a shim. */
  readonly executable: string;
  /** `major.minor`. */
  readonly version: string;
}

const PROBE = 'import sys;print(sys.executable);print("%d.%d" % sys.version_info[:2])';

/** Runs `candidate` once and reports its real path and version, or undefined when it does not run. */
export function probePython(candidate: string): Promise<FoundPython | undefined> {
  return new Promise((resolve) => {
    execFile(candidate, ['-c', PROBE], { timeout: 10_000 }, (err, stdout) => {
      const [executable, version] = err ? [] : stdout.trim().split('\n');
      resolve(executable && version ? { executable, version } : undefined);
    });
  });
}

const isExecutable = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

const subdirs = (dir: string): string[] => {
  try {
    return fs.readdirSync(dir).map((n) => path.join(dir, n)).sort().reverse();
  } catch {
    return [];
  }
};

/** Directories of version-manager installs whose name says they hold `version` (3.12 matches 3.12.1, cpython-3.12.7-linux...). */
function managerBins(version: string, env: NodeJS.ProcessEnv, home: string): string[] {
  const re = new RegExp(`(^|[-/])${version.replace('.', '\\.')}(\\.\\d+|$|-)`);
  const roots: string[] = [
    path.join(env.PYENV_ROOT || path.join(home, '.pyenv'), 'versions'),
    path.join(env.UV_PYTHON_INSTALL_DIR || path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'uv', 'python')),
    path.join(env.ASDF_DATA_DIR || path.join(home, '.asdf'), 'installs', 'python'),
    path.join(home, '.local', 'share', 'mise', 'installs', 'python'),
  ];
  const bins = roots.flatMap((r) => subdirs(r).filter((d) => re.test(path.basename(d))).map((d) => path.join(d, 'bin')));
  // conda: the base install and its environments, whichever Python each holds.
  const condaRoots = [env.CONDA_PREFIX, ...['miniconda3', 'anaconda3', 'miniforge3', 'mambaforge'].map((n) => path.join(home, n))].filter((d): d is string => !!d);
  for (const c of condaRoots) bins.push(path.join(c, 'bin'), ...subdirs(path.join(c, 'envs')).map((e) => path.join(e, 'bin')));
  return bins;
}

/** Candidate files that may be a Python `version`, most specific first (none of them run yet). */
export function pythonCandidates(version: string, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string[] {
  const name = `python${version}`;
  const pathDirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const files = [
    ...pathDirs.map((d) => path.join(d, name)),
    ...managerBins(version, env, home).map((d) => path.join(d, name)),
    path.join('/usr/bin', name),
    path.join('/usr/local/bin', name),
  ];
  return [...new Set(files)].filter(isExecutable);
}

/** The first candidate that really is Python `version` (resolved to its real path), if any. */
export async function findPython(version: string, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): Promise<FoundPython | undefined> {
  for (const candidate of pythonCandidates(version, env, home)) {
    const found = await probePython(candidate);
    if (found?.version === version) return found;
  }
  return undefined;
}

/** The `python3` on PATH (the fallback when no interpreter of the wanted version exists). */
export async function defaultPython(env: NodeJS.ProcessEnv = process.env): Promise<FoundPython | undefined> {
  for (const d of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(d, 'python3');
    if (!isExecutable(file)) continue;
    const found = await probePython(file);
    if (found) return found;
  }
  return undefined;
}
