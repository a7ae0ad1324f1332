// Which local program runs each Lambda runtime, resolved once to a real executable path (never a
// version-manager shim, which costs tens of milliseconds per spawn), with clear errors when missing.
// Node.js majors come from a pin, the local node, or the per-user cache (fetched once from the npm
// registry, after a warning); Python versions from a pin or pythonDiscovery.ts.
import { execFile } from 'node:child_process';
import { WorkbenchError } from '../errors';
import { installNode, installedMajors, installedNode, cacheRoot, type DownloadProgress } from './nodeDistribution';
import { defaultPython, findPython, probePython } from './pythonDiscovery';
import { effectiveRuntime, lifecycleText, runtimeEntry } from '../runtimeTable';
import { findOnPath, missingToolMessage } from './toolchainHints';
import { getRuntimeAssets } from './assets';
import { ensureJavaClient } from './java/javaClient';
import { findJdk } from './java/jdk';
import { findRuby } from './ruby/rubyInterpreter';

export type RuntimeFamily = 'nodejs' | 'python' | 'provided' | 'java' | 'ruby';

/** The oldest Python 3 minor our bootstrap (src/core/runtime/python) runs on. */
const MIN_PYTHON_MINOR = 7;

/** The launcher family of a runtime id (retired runtimes map through their successor; go1.x is an executable). */
export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  const entry = runtimeEntry(effectiveRuntime(runtime)) ?? runtimeEntry(runtime);
  if (entry?.language === 'nodejs' || (!entry && /^nodejs\d+\.x$/.test(runtime))) return 'nodejs';
  if (entry?.language === 'python' && entry.version.startsWith('2')) return undefined;
  if (entry?.language === 'python' || (!entry && /^python3\.\d+$/.test(runtime))) return 'python';
  if (entry?.language === 'provided' || entry?.language === 'go') return 'provided';
  if (entry?.language === 'java' || (!entry && /^java(8\.al2|11|17|21|25)$/.test(runtime))) return 'java';
  if (entry?.language === 'ruby' || (!entry && /^ruby3\.\d+$/.test(runtime))) return 'ruby';
  return undefined;
}

export interface Interpreter {
  readonly executable: string;
  /** `major.minor` of the local interpreter (Node: the full version). */
  readonly version: string;
  /** Set when the local version differs from the runtime's (reported once). */
  readonly mismatch: string | undefined;
  /** java*: the directory of our compiled runtime client (the JVM's -cp). */
  readonly clientClasspath?: string;
}

/** Where interpreters come from: pins (a path per Node major / Python version, or one for all) and the download switch. */
export interface InterpreterOptions {
  /** Node.js for every major without a pin of its own; replaces the engine's own node. */
  readonly node?: string;
  readonly python?: string;
  /** e.g. { "22": "/opt/node22/bin/node" }. */
  readonly nodeByMajor?: Readonly<Record<string, string>>;
  /** e.g. { "3.12": "/opt/py312/bin/python3.12" }. */
  readonly pythonByVersion?: Readonly<Record<string, string>>;
  /** Fetch missing Node.js majors from the npm registry (default true; LAMBDA_WORKBENCH_OFFLINE=1 turns it off). */
  readonly nodeDownload?: boolean;
  /** Cache root (default $LAMBDA_WORKBENCH_CACHE or ~/.cache/lambda-workbench). */
  readonly cacheDir?: string;
  /** The JDK that runs java* functions (default: JAVA_HOME, /usr/lib/jvm, PATH). */
  readonly javaHome?: string;
  /** The ruby that runs ruby3.* functions (default: PATH). */
  readonly ruby?: string;
}

/** What the catalog tells its user while resolving: one-time warnings and download progress. */
export interface CatalogHooks {
  warn?(message: string): void;
  /** Called per chunk, then once with `finished` (installed, failed or cancelled). */
  progress?(p: DownloadProgress & { readonly runtime: string; readonly finished?: boolean }): void;
}

function run(file: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000 }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

async function probeNode(file: string): Promise<{ executable: string; version: string } | undefined> {
  const out = await run(file, ['-p', 'process.execPath + "\\n" + process.versions.node']);
  const [executable, version] = out?.split('\n') ?? [];
  return executable && version ? { executable, version } : undefined;
}

const retiredNote = (runtime: string): string => {
  const entry = runtimeEntry(runtime);
  return entry && !entry.accepted ? `${runtime} was ${lifecycleText(entry)}` : '';
};

/** Resolves and caches interpreters per runtime id. */
export class RuntimeCatalog {
  private readonly cache = new Map<string, Promise<Interpreter>>();
  private readonly installs = new Map<string, Promise<{ version: string; executable: string }>>();
  private downloads = new AbortController();

  constructor(
    private readonly overrides: InterpreterOptions = {},
    private readonly hooks: CatalogHooks = {},
  ) {}

  resolve(runtime: string): Promise<Interpreter> {
    let found = this.cache.get(runtime);
    if (!found) {
      found = this.lookup(runtime);
      found.catch(() => this.cache.delete(runtime));
      this.cache.set(runtime, found);
    }
    return found;
  }

  /** Installs the Node.js major of `runtime` into the cache now (the CLI's `runtimes install`). */
  installNodeMajor(major: string, signal?: AbortSignal): Promise<{ version: string; executable: string }> {
    const existing = installedNode(major, this.root());
    if (existing) return Promise.resolve(existing);
    let p = this.installs.get(major);
    if (!p) {
      const both = signal ? AbortSignal.any([signal, this.downloads.signal]) : this.downloads.signal;
      let last: DownloadProgress = { version: '', received: 0, total: undefined };
      const runtime = `nodejs${major}.x`;
      p = installNode(major, { root: this.root(), onProgress: (pr) => this.hooks.progress?.({ ...(last = pr), runtime }), signal: both });
      void p.finally(() => last.version && this.hooks.progress?.({ ...last, runtime, finished: true })).catch(() => undefined);
      // Forget a failed install so the next resolve retries it (the failure itself reaches the caller).
      void p.catch(() => this.installs.delete(major));
      this.installs.set(major, p);
    }
    return p;
  }

  /** Stops every download in progress (the functions waiting for one fall back to the local node). */
  cancelDownloads(): void {
    this.downloads.abort(new Error('the download was cancelled'));
    this.downloads = new AbortController();
  }

  private root(): string {
    return this.overrides.cacheDir ?? cacheRoot();
  }

  private async lookup(runtime: string): Promise<Interpreter> {
    const family = runtimeFamily(runtime);
    if (family === 'nodejs') return this.node(runtime);
    if (family === 'python') return this.python(runtime);
    if (family === 'provided') return { executable: '', version: '', mismatch: retiredNote(runtime) ? `${retiredNote(runtime)}; it runs locally as an executable, like provided.al2023.` : undefined };
    if (family === 'java') {
      const { jdk, mismatch } = findJdk(runtime, this.overrides.javaHome);
      const clientClasspath = await ensureJavaClient(getRuntimeAssets().javaSourceDir, jdk);
      return { executable: jdk.java, version: jdk.version, mismatch, clientClasspath };
    }
    if (family === 'ruby') return findRuby(runtime, this.overrides.ruby);
    throw new WorkbenchError(missingToolMessage(runtime), 'UnsupportedRuntime');
  }

  /** The engine's own node (or the pinned one): free to use, no download. */
  private async localNode(): Promise<{ executable: string; version: string } | undefined> {
    if (this.overrides.node) return probeNode(this.overrides.node);
    if (!process.versions.electron) return { executable: process.execPath, version: process.versions.node };
    const candidate = findOnPath('node');
    return candidate ? probeNode(candidate) : undefined;
  }

  private async node(runtime: string): Promise<Interpreter> {
    const entry = runtimeEntry(runtime);
    const wanted = entry?.version ?? runtime.replace(/^nodejs(\d+)\.x$/, '$1');
    // A pin: the engine option / VS Code setting, else LAMBDA_WORKBENCH_NODE_<major> (for the CLI).
    const pinned = this.overrides.nodeByMajor?.[wanted] ?? process.env[`LAMBDA_WORKBENCH_NODE_${wanted}`];
    if (pinned) {
      const hit = await probeNode(pinned);
      if (!hit) throw new WorkbenchError(`The Node.js pinned for ${runtime} (${pinned}) does not run. Fix or remove the pin (lambdaWorkbench.runtimes.nodePaths).`, 'MissingInterpreter');
      return { ...hit, mismatch: hit.version.split('.')[0] === wanted ? undefined : `${runtime} functions run on the pinned Node.js ${hit.version} (${pinned}); behaviour specific to Node.js ${wanted} may differ.` };
    }
    const local = await this.localNode();
    if (entry && !entry.accepted) return this.retiredNode(runtime, wanted, local);
    if (local && local.version.split('.')[0] === wanted) return { ...local, mismatch: undefined };
    const cached = installedNode(wanted, this.root());
    if (cached) return { ...cached, mismatch: undefined };
    let reason = 'downloads are turned off';
    if (this.downloadAllowed()) {
      this.hooks.warn?.(`${runtime}: downloading Node.js ${wanted} (${process.platform}-${process.arch}) from the npm registry into ${this.root()} (once, shared by all projects). Run \`lambda-workbench runtimes install ${runtime}\` ahead, or pin a path per major.`);
      try {
        const got = await this.installNodeMajor(wanted);
        return { ...got, mismatch: undefined };
      } catch (e) {
        reason = `the download failed: ${(e as Error).message}`;
      }
    }
    if (!local) {
      throw new WorkbenchError(`Node.js is needed to run ${runtime} functions but was not found on PATH and ${reason}. Install Node.js ${wanted} (https://nodejs.org), run \`lambda-workbench runtimes install ${runtime}\`, or pin one with the setting lambdaWorkbench.runtimes.nodePaths.`, 'MissingInterpreter');
    }
    return { ...local, mismatch: `${runtime} functions run on the local Node.js ${local.version} (${reason}); behaviour specific to Node.js ${wanted} may differ.` };
  }

  /** A retired Node runtime runs on the nearest major already on this machine (never downloaded for it). */
  private retiredNode(runtime: string, wanted: string, local: { executable: string; version: string } | undefined): Interpreter {
    const options = installedMajors(this.root()).map((m) => installedNode(m, this.root())).filter((n): n is { version: string; executable: string } => !!n);
    if (local) options.push(local);
    if (options.length === 0) throw new WorkbenchError(`Node.js is needed to run ${runtime} functions but none was found. Install Node.js (https://nodejs.org) or pin one with the setting lambdaWorkbench.runtimes.nodePaths.`, 'MissingInterpreter');
    const dist = (v: string): number => Math.abs(Number(v.split('.')[0]) - Number(wanted));
    const best = options.reduce((a, b) => (dist(b.version) < dist(a.version) || (dist(b.version) === dist(a.version) && b.version > a.version) ? b : a));
    return { ...best, mismatch: `${retiredNote(runtime)}. Its functions run locally on the nearest available Node.js, ${best.version}.` };
  }

  private downloadAllowed(): boolean {
    if (this.overrides.nodeDownload === false) return false;
    return !/^(1|true|yes)$/i.test(process.env.LAMBDA_WORKBENCH_OFFLINE ?? '');
  }

  private async python(runtime: string): Promise<Interpreter> {
    const entry = runtimeEntry(runtime);
    const wanted = entry?.version ?? runtime.replace(/^python/, '');
    const retired = entry && !entry.accepted ? retiredNote(runtime) : '';
    const pinned = this.overrides.pythonByVersion?.[wanted] ?? process.env[`LAMBDA_WORKBENCH_PYTHON_${wanted.replace('.', '_')}`] ?? this.overrides.python;
    // Our bootstrap needs Python 3.7+: python3.6 functions run on the nearest newer one.
    const runnable = Number(wanted.split('.')[1]) >= MIN_PYTHON_MINOR;
    const found = pinned ? await probePython(pinned) : ((runnable ? await findPython(wanted) : undefined) ?? (retired ? await this.nearestPython(wanted) : await defaultPython()));
    if (!found) {
      throw new WorkbenchError(
        `Python is needed to run ${runtime} functions but ${pinned ? `the configured interpreter ${pinned} does not run` : `no python${wanted} (PATH, pyenv, uv, asdf, conda) nor python3 was found`}. Install Python ${wanted} (pyenv install ${wanted}, uv python install ${wanted}, or Debian/Ubuntu: apt-get install python3) or pin one with the setting lambdaWorkbench.runtimes.pythonPaths.`,
        'MissingInterpreter',
      );
    }
    let mismatch: string | undefined;
    if (retired) mismatch = `${retired}. Its functions run locally on Python ${found.version} (${found.executable}).`;
    else if (found.version !== wanted) mismatch = `${runtime} functions run on the local Python ${found.version}; behaviour specific to Python ${wanted} may differ.`;
    return { ...found, mismatch };
  }

  /** For retired Python 3 versions: the closest 3.X found, newer first on ties. */
  private async nearestPython(wanted: string): Promise<{ executable: string; version: string } | undefined> {
    const minor = Number(wanted.split('.')[1]);
    for (let d = 1; d <= 10; d++) {
      for (const m of [minor + d, minor - d]) {
        if (m < MIN_PYTHON_MINOR) continue;
        const hit = await findPython(`3.${m}`);
        if (hit) return hit;
      }
    }
    return defaultPython();
  }
}
