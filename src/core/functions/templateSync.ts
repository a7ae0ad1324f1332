// Keeps the registry's template functions in step with the workspace: loads the SAM template, builds
// esbuild functions, hashes code, and reloads on change without touching functions that did not change.
import { isJavaRuntime, prepareJavaCode } from '../build/javaBuild';
import { bundleInstall, hasGemfile, isRubyRuntime } from '../build/rubyBuild';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import type { Partition } from '../arn';
import { messageOf } from '../errors';
import { buildFunction, codeSha256, disposeBuilds, envFilesOf, loadProject, needsEsbuild, ProjectWatcher, type LoadProjectOptions } from '../project';
import type { FunctionSpec, Problem, Project } from '../project/functionSpec';
import { configFromSpec, type FunctionEntry, type FunctionRegistry } from './functionRegistry';

export interface TemplateSyncOptions {
  readonly templatePath: string;
  readonly stateDir: string;
  readonly partition: Partition;
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  readonly envVarsFile?: string;
  readonly dotEnvFile?: string | false;
  readonly watch?: boolean;
}

export declare interface TemplateSync {
  on(event: 'loaded', fn: (project: Project) => void): this;
  on(event: 'error', fn: (error: Error) => void): this;
}

/** Loads the template into the registry and, when watching, keeps it current. */
export class TemplateSync extends EventEmitter {
  project: Project | undefined;
  private watcher: ProjectWatcher | undefined;
  private readonly entries = new Map<string, FunctionEntry>();
  private reloading: Promise<void> = Promise.resolve();

  constructor(private readonly registry: FunctionRegistry, private readonly options: TemplateSyncOptions) {
    super();
  }

  private get loadOptions(): LoadProjectOptions {
    const o = this.options;
    return {
      templatePath: o.templatePath,
      partition: o.partition,
      ...(o.parameterOverrides ? { parameterOverrides: o.parameterOverrides } : {}),
      ...(o.envVarsFile ? { envVarsFile: o.envVarsFile } : {}),
      ...(o.dotEnvFile !== undefined ? { dotEnvFile: o.dotEnvFile } : {}),
    };
  }

  /** First load; throws WorkbenchError when the template or a named env file cannot be read. */
  async start(): Promise<Project> {
    const project = await loadProject(this.loadOptions);
    await this.apply(project, undefined);
    if (this.options.watch) {
      this.watcher = new ProjectWatcher(project, { envFiles: envFilesOf(this.loadOptions) });
      this.watcher.onDidChange((change) => {
        this.reloading = this.reloading.then(() => (change.templateChanged ? this.reload() : this.rebuild(change.changedFunctions)));
      });
      await this.watcher.ready;
    }
    return project;
  }

  /** Resolves once reloads triggered so far have been applied. */
  settled(): Promise<void> {
    return this.reloading;
  }

  private async reload(): Promise<void> {
    try {
      const project = await loadProject(this.loadOptions);
      this.watcher?.update(project);
      await this.apply(project, undefined);
    } catch (e) {
      this.emit('error', e instanceof Error ? e : new Error(messageOf(e)));
    }
  }

  private async rebuild(logicalIds: readonly string[]): Promise<void> {
    if (this.project) await this.apply(this.project, new Set(logicalIds));
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
    if (needsEsbuild(spec)) {
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
      sha = await codeSha256([codeDir, ...spec.layers.map((l) => l.contentDir)]);
    } catch {
      // A missing code directory is already a template problem.
    }
    return {
      name: spec.functionName,
      source: 'template',
      spec,
      latest: configFromSpec(spec, codeDir, sha),
      reservedConcurrency: spec.reservedConcurrency,
      problems: [...problems, ...buildProblems],
    };
  }

  async dispose(): Promise<void> {
    await this.watcher?.close();
    await disposeBuilds();
  }
}

function problemsOf(project: Project, spec: FunctionSpec): Problem[] {
  return project.problems.filter((p) => p.resource === spec.logicalId && p.severity === 'error');
}
