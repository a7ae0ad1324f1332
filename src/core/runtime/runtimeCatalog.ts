// Which local program runs each Lambda runtime, resolved once to a real executable path (never a
// version-manager shim, which costs tens of milliseconds per spawn), with clear errors when missing.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchError } from '../errors';
import { getRuntimeAssets } from './assets';
import { ensureJavaClient } from './java/javaClient';
import { findJdk } from './java/jdk';
import { findRuby } from './ruby/rubyInterpreter';

export type RuntimeFamily = 'nodejs' | 'python' | 'provided' | 'java' | 'ruby';

export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  if (/^nodejs\d+\.x$/.test(runtime)) return 'nodejs';
  if (/^python3\.\d+$/.test(runtime)) return 'python';
  if (/^provided(\.al2|\.al2023)?$/.test(runtime)) return 'provided';
  if (/^java(8\.al2|11|17|21|25)$/.test(runtime)) return 'java';
  if (/^ruby3\.\d+$/.test(runtime)) return 'ruby';
  return undefined;
}

export interface Interpreter {
  readonly executable: string;
  /** `major.minor` of the local interpreter. */
  readonly version: string;
  /** Set when the local version differs from the runtime's (reported once). */
  readonly mismatch: string | undefined;
  /** java*: the directory of our compiled runtime client (the JVM's -cp). */
  readonly clientClasspath?: string;
}

function run(file: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000 }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** Resolves and caches interpreters per runtime id. */
export class RuntimeCatalog {
  private readonly cache = new Map<string, Promise<Interpreter>>();

  constructor(private readonly overrides: { readonly node?: string; readonly python?: string; readonly javaHome?: string; readonly ruby?: string } = {}) {}

  resolve(runtime: string): Promise<Interpreter> {
    let found = this.cache.get(runtime);
    if (!found) {
      found = this.lookup(runtime);
      found.catch(() => this.cache.delete(runtime));
      this.cache.set(runtime, found);
    }
    return found;
  }

  private async lookup(runtime: string): Promise<Interpreter> {
    const family = runtimeFamily(runtime);
    if (family === 'nodejs') return this.node(runtime);
    if (family === 'python') return this.python(runtime);
    if (family === 'provided') return { executable: '', version: '', mismatch: undefined };
    if (family === 'java') {
      const { jdk, mismatch } = findJdk(runtime, this.overrides.javaHome);
      const clientClasspath = await ensureJavaClient(getRuntimeAssets().javaSourceDir, jdk);
      return { executable: jdk.java, version: jdk.version, mismatch, clientClasspath };
    }
    if (family === 'ruby') return findRuby(runtime, this.overrides.ruby);
    throw new WorkbenchError(`The runtime ${runtime} cannot run locally: Lambda Workbench runs nodejs*, python3.*, java*, ruby3.* and provided* functions.`, 'UnsupportedRuntime');
  }

  private async node(runtime: string): Promise<Interpreter> {
    const wanted = runtime.replace(/^nodejs(\d+)\.x$/, '$1');
    let executable: string | undefined;
    let version: string | undefined;
    if (this.overrides.node) {
      const out = await run(this.overrides.node, ['-p', 'process.execPath + "\\n" + process.versions.node']);
      [executable, version] = out?.split('\n') ?? [];
    } else if (!process.versions.electron) {
      executable = process.execPath;
      version = process.versions.node;
    } else {
      const candidate = onPath('node');
      const out = candidate ? await run(candidate, ['-p', 'process.execPath + "\\n" + process.versions.node']) : undefined;
      [executable, version] = out?.split('\n') ?? [];
    }
    if (!executable || !version) {
      throw new WorkbenchError(`Node.js is needed to run ${runtime} functions but was not found on PATH. Install Node.js ${wanted} (https://nodejs.org) or set lambdaWorkbench.nodePath.`, 'MissingInterpreter');
    }
    const major = version.split('.')[0] ?? '';
    return {
      executable,
      version,
      mismatch: major === wanted ? undefined : `${runtime} functions run on the local Node.js ${version}; behaviour specific to Node.js ${wanted} may differ.`,
    };
  }

  private async python(runtime: string): Promise<Interpreter> {
    const wanted = runtime.replace(/^python/, '');
    const candidates = this.overrides.python ? [this.overrides.python] : [`python${wanted}`, 'python3'].map(onPath).filter((p): p is string => !!p);
    for (const candidate of candidates) {
      const out = await run(candidate, ['-c', 'import sys;print(sys.executable);print("%d.%d" % sys.version_info[:2])']);
      const [executable, version] = out?.split('\n') ?? [];
      if (executable && version) {
        return {
          executable,
          version,
          mismatch: version === wanted ? undefined : `${runtime} functions run on the local Python ${version}; behaviour specific to Python ${wanted} may differ.`,
        };
      }
    }
    throw new WorkbenchError(`Python is needed to run ${runtime} functions but neither python${wanted} nor python3 was found on PATH. Install Python ${wanted} (Debian/Ubuntu: apt-get install python3) or set lambdaWorkbench.pythonPath.`, 'MissingInterpreter');
  }
}
