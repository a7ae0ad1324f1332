// Keeps the registry's template functions in step with the workspace: loads the SAM template, builds
// esbuild functions, hashes code, and reloads on change without touching functions that did not change.
import { isJavaRuntime, prepareJavaCode } from '../build/javaBuild';
import { bundleInstall, hasGemfile, isRubyRuntime } from '../build/rubyBuild';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import type { Partition } from '../arn';
import { builtCode, type BuildManager } from '../build';
import { SynthWatcher, type SynthProgress } from '../build/cdk';
import { cdkAppForAssembly } from '../project/cdk';
import { defaultCacheRoot } from '../cacheRoot';
import { messageOf } from '../errors';
import { runtimeFamily } from '../project/runtimes';
import { scanImports } from '../runtime/sdk/importScan';
import { fetchArnLayer } from './arnLayers/arnLayerFetcher';
import { buildFunction, codeSha256, disposeBuilds, envFilesOf, loadProject, needsEsbuild, ProjectWatcher, type LoadProjectOptions } from '../project';
import type { FunctionSpec, Problem, Project } from '../project/functionSpec';
import { templateParseErrors } from '../project/templateParseErrors';
import { configFromSpec, type FunctionEntry, type FunctionRegistry } from './functionRegistry';

export interface TemplateSyncOptions {
  readonly templatePath: string;
  readonly stateDir: string;
  readonly partition: Partition;
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  readonly envVarsFile?: string;
  readonly dotEnvFile?: string | false;
  readonly watch?: boolean;
  /** Runs `sam build`-like builds (npm, pip, makefile, layers...) before functions first run. */
  readonly builds?: BuildManager;
  /** Lambda API endpoint for fetching layers by ARN (tests); default AWS's, or AWS_ENDPOINT_URL_LAMBDA. */
  readonly layerEndpoint?: string;
  /** Progress lines of generated code (an image function's RUN steps), for the CLI and the output channel. */
  readonly onOutput?: (line: string) => void;
  /** CDK apps: progress of the `cdk synth` run when the app's sources change (while watching). */
  readonly onSynth?: (p: SynthProgress) => void;
}

export declare interface TemplateSync {
  on(event: 'loaded', fn: (project: Project) => void): this;
  on(event: 'error', fn: (error: Error) => void): this;
  on(event: 'warning', fn: (message: string) => void): this;
  /** The template stopped parsing (errors) or parses again (empty list). */
  on(event: 'templateErrors', fn: (errors: readonly Problem[]) => void): this;
}

/** Loads the template into the registry and, when watching, keeps it current. */
export class TemplateSync extends EventEmitter {
  project: Project | undefined;
  /** Why the template on disk does not parse; the last good `project` stays applied meanwhile. */
  templateErrors: readonly Problem[] = [];
  private watcher: ProjectWatcher | undefined;
  /** A CDK app's synth-on-change, when the project is its cloud assembly and the sync watches. */
  cdk: SynthWatcher | undefined;
  private readonly entries = new Map<string, FunctionEntry>();
  private reloading: Promise<void> = Promise.resolve();
  /** Function names whose code alone changed in the rebuild being applied (hot reload may keep them warm). */
  private codeOnly = new Set<string>();

  constructor(private readonly registry: FunctionRegistry, private readonly options: TemplateSyncOptions) {
    super();
  }

  private get loadOptions(): LoadProjectOptions {
    const o = this.options;
    return {
      templatePath: o.templatePath,
      partition: o.partition,
      stateDir: o.stateDir,
      ...(o.onOutput ? { onOutput: o.onOutput } : {}),
      ...(o.parameterOverrides ? { parameterOverrides: o.parameterOverrides } : {}),
      ...(o.envVarsFile ? { envVarsFile: o.envVarsFile } : {}),
      ...(o.dotEnvFile !== undefined ? { dotEnvFile: o.dotEnvFile } : {}),
    };
  }

  /** First load; throws WorkbenchError when the template or a named env file cannot be read. */
  async start(): Promise<Project> {
    const project = await this.withArnLayers(await loadProject(this.loadOptions));
    await this.apply(project, undefined);
    this.templateErrors = templateParseErrors(project);
    if (this.options.watch) {
      this.watcher = new ProjectWatcher(project, { envFiles: envFilesOf(this.loadOptions) });
      this.watcher.onDidChange((change) => {
        this.reloading = this.reloading.then(() => (change.templateChanged ? this.reload() : this.rebuild(change.changedFunctions, change.layerChanged ?? [])));
      });
      await this.watcher.ready;
      await this.watchCdkApp(project.templatePath);
    }
    return project;
  }

  /** Whether the change being applied to `name` is a code-only one (no template, env file or layer change). */
  isCodeOnlyChange(name: string): boolean {
    return this.codeOnly.has(name);
  }

  // The rewritten manifest after a synth is reloaded by the project watcher like any template change.
  private async watchCdkApp(templatePath: string): Promise<void> {
    if (path.basename(templatePath) !== 'manifest.json') return;
    const app = await cdkAppForAssembly(templatePath);
    if (!app) return;
    this.cdk = new SynthWatcher(app, { onProgress: (p) => this.options.onSynth?.(p) });
    await this.cdk.start();
  }

  /** Resolves once reloads triggered so far have been applied. */
  settled(): Promise<void> {
    return this.reloading;
  }

  private async reload(): Promise<void> {
    try {
      const loaded = await loadProject(this.loadOptions);
      // A half-typed template must not drop the functions, versions, aliases and warm environments.
      const errors = templateParseErrors(loaded);
      if (errors.length > 0 && this.project && this.project.functions.length > 0) return this.setTemplateErrors(errors);
      const project = await this.withArnLayers(loaded);
      this.watcher?.update(project);
      await this.apply(project, undefined);
      if (errors.length > 0 || this.templateErrors.length > 0) this.setTemplateErrors(errors);
    } catch (e) {
      this.emit('error', e instanceof Error ? e : new Error(messageOf(e)));
    }
  }

  private async rebuild(logicalIds: readonly string[], layerChanged: readonly string[]): Promise<void> {
    const project = this.project;
    if (!project) return;
    this.codeOnly = new Set(project.functions.filter((f) => logicalIds.includes(f.logicalId) && !layerChanged.includes(f.logicalId)).map((f) => f.functionName));
    try {
      await this.apply(project, new Set(logicalIds));
    } finally {
      this.codeOnly = new Set();
    }
  }

  private setTemplateErrors(errors: readonly Problem[]): void {
    this.templateErrors = errors;
    this.emit('templateErrors', errors);
  }


  /** Fetches layers named by ARN into the cache (once, announced), then loads again to mount them. */
  private async withArnLayers(project: Project): Promise<Project> {
    const users = new Map<string, FunctionSpec[]>();
    for (const fn of project.functions) for (const arn of fn.pendingLayerArns ?? []) users.set(arn, [...(users.get(arn) ?? []), fn]);
    if (users.size === 0) return project;
    let fetched = 0;
    for (const [arn, fns] of users) {
      const imports = [...new Set(fns.flatMap((f) => (runtimeFamily(f.runtime) === 'node' ? scanImports(f.codeDir, 'nodejs') : [])))];
      const dir = await fetchArnLayer(arn, {
        cacheRoot: defaultCacheRoot(),
        imports,
        note: (m) => this.emit('warning', m),
        ...(this.options.layerEndpoint ? { endpoint: this.options.layerEndpoint } : {}),
      });
      if (dir) fetched++;
    }
    return fetched ? loadProject(this.loadOptions) : project;
  }

  /** Builds entries for the project's functions; `only` limits rebuilding to those logical ids. */
  private async apply(project: Project, only: Set<string> | undefined): Promise<void> {
    this.project = project;
    const next: FunctionEntry[] = [];
    for (const spec of project.functions) {
      const previous = this.entries.get(spec.logicalId);
      const entry = previous && only && !only.has(spec.logicalId) && previous.spec === spec ? previous : await this.entryFor(spec, problemsOf(project, spec));
      this.entries.set(spec.logicalId, entry);
      next.push(entry);
    }
    for (const id of [...this.entries.keys()]) if (!project.functions.some((f) => f.logicalId === id)) this.entries.delete(id);
    this.registry.setTemplateFunctions(next);
    this.emit('loaded', project);
  }

  private async entryFor(spec: FunctionSpec, problems: Problem[]): Promise<FunctionEntry> {
    let codeDir = spec.codeDir;
    const buildProblems: Problem[] = [];
    // Functions that need a build run from its output; the build itself waits for their first environment.
    const built = this.options.builds ? builtCode(spec, this.options.stateDir, this.options.builds) : undefined;
    if (built?.codeDir) {
      codeDir = built.codeDir;
    } else if (needsEsbuild(spec)) {
      try {
        codeDir = await buildFunction(spec, path.join(this.options.stateDir, 'build', spec.logicalId));
      } catch (e) {
        buildProblems.push({ severity: 'error', message: `esbuild failed: ${messageOf(e)}`, file: spec.file, range: spec.range, resource: spec.logicalId, code: 'esbuild-failed' });
      }
    }
    if (isJavaRuntime(spec.runtime)) {
      try {
        codeDir = await prepareJavaCode(spec.logicalId, spec.codeDir, path.join(this.options.stateDir, 'build'));
      } catch (e) {
        buildProblems.push({ severity: 'error', message: messageOf(e), file: spec.file, range: spec.range, resource: spec.logicalId, code: 'java-build-failed' });
      }
    }
    if (isRubyRuntime(spec.runtime) && hasGemfile(codeDir)) {
      try {
        await bundleInstall(spec.logicalId, codeDir, path.join(this.options.stateDir, 'build'));
      } catch (e) {
        buildProblems.push({ severity: 'error', message: messageOf(e), file: spec.file, range: spec.range, resource: spec.logicalId, code: 'bundle-failed' });
      }
    }
    let sha = '';
    try {
      // A built function's hash covers its inputs (sources, manifest, lockfile): its output may not exist yet.
      sha = await codeSha256([built?.codeDir ? spec.codeDir : codeDir, ...spec.layers.map((l) => l.contentDir)]);
    } catch {
      // A missing code directory is already a template problem.
    }
    return {
      name: spec.functionName,
      source: 'template',
      spec,
      latest: { ...configFromSpec(spec, codeDir, sha), ...(built ? { layers: built.layers } : {}) },
      reservedConcurrency: spec.reservedConcurrency,
      problems: [...problems, ...buildProblems],
    };
  }

  async dispose(): Promise<void> {
    await this.cdk?.close();
    await this.watcher?.close();
    await disposeBuilds();
  }
}

function problemsOf(project: Project, spec: FunctionSpec): Problem[] {
  return project.problems.filter((p) => p.resource === spec.logicalId && p.severity === 'error');
}
