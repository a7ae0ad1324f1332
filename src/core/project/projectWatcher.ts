// Watches a project's template, env files and every code and layer directory (event-driven, no
// polling) and reports one batch of changes saying whether the template changed and which functions'
// code or layers did: code saves almost at once (save to result), templates after a quiet period.
import { watch, type FSWatcher } from 'chokidar';
import * as fs from 'fs';
import * as path from 'path';
import type { Project } from './functionSpec';
import { isIgnoredPath } from './ignoredPaths';

/** One batch of changes. */
export interface ProjectChange {
  /** The template or an env file changed: reload the project. */
  readonly templateChanged: boolean;
  /** Logical ids of functions whose code or layer directories changed. */
  readonly changedFunctions: readonly string[];
  /** Of those, the ones where a layer's directory changed (a layer change always recycles environments). */
  readonly layerChanged?: readonly string[];
}

export interface ProjectWatcherOptions {
  /** Env files (`.env`, env-vars JSON) to watch with the template; they need not exist yet. */
  readonly envFiles?: readonly string[];
  /** Quiet time before a batch with a template or env file change is reported; default 100 ms. */
  readonly debounceMs?: number;
  /** Quiet time before a batch of code changes only is reported; default 8 ms (coalesces one save's events). */
  readonly codeDebounceMs?: number;
}

/** File-system watcher for one project; call update() after a reload and close() when done. */
export class ProjectWatcher {
  /** Resolves when the initial scan is done and changes from then on are reported. */
  readonly ready: Promise<void>;
  // Config files are watched through their directories (depth 0): chokidar 4 emits 'ready' too early
  // when asked to watch a path that does not exist yet, and a `.env` may appear later.
  private readonly configWatcher: FSWatcher;
  private readonly codeWatcher: FSWatcher;
  private readonly configFiles: Set<string>;
  private readonly listeners = new Set<(c: ProjectChange) => void>();
  private readonly errorListeners = new Set<(e: Error) => void>();
  private readonly debounceMs: number;
  private readonly codeDebounceMs: number;
  private codeDirs = new Map<string, string[]>(); // function logical id -> its code and layer dirs
  private watched = new Set<string>();
  private generated = new Set<string>(); // watched paths whose code is generated (a .zip, an image context)
  private timer: NodeJS.Timeout | undefined;
  private pendingTemplate = false;
  private readonly pendingFunctions = new Set<string>();
  private readonly pendingLayers = new Set<string>();
  private layerDirs = new Set<string>();

  constructor(project: Project, options: ProjectWatcherOptions = {}) {
    this.debounceMs = options.debounceMs ?? 100;
    this.codeDebounceMs = options.codeDebounceMs ?? 8;
    this.configFiles = new Set([project.templatePath, ...(options.envFiles ?? [])].map((f) => path.resolve(f)));
    const configDirs = new Set([...this.configFiles].map((f) => path.dirname(f)));
    this.configWatcher = this.track(watch([...configDirs], {
      ignoreInitial: true,
      depth: 0,
      ignored: (p: string) => !configDirs.has(path.resolve(p)) && !this.configFiles.has(path.resolve(p)),
    }));
    this.watched = this.retarget(project);
    this.codeWatcher = this.track(watch([...this.watched], { ignoreInitial: true, ignored: (p: string) => isIgnoredPath(p) }));
    this.ready = Promise.all([this.configWatcher, this.codeWatcher].map((w) => new Promise<void>((r) => w.once('ready', () => r())))).then(() => undefined);
  }

  /** Registers a listener for change batches. */
  onDidChange(listener: (c: ProjectChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Registers a listener for watcher errors (e.g. too many watched files). */
  onDidError(listener: (e: Error) => void): { dispose(): void } {
    this.errorListeners.add(listener);
    return { dispose: () => this.errorListeners.delete(listener) };
  }

  /** Re-targets the watcher at a reloaded project: new code dirs are added, unused ones released. */
  update(project: Project): void {
    const wanted = this.retarget(project);
    const added = [...wanted].filter((p) => !this.watched.has(p));
    const removed = [...this.watched].filter((p) => !wanted.has(p));
    if (removed.length > 0) this.codeWatcher.unwatch(removed);
    if (added.length > 0) this.codeWatcher.add(added);
    this.watched = wanted;
  }

  /** Stops watching and releases every file-system handle. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    this.errorListeners.clear();
    await Promise.all([this.configWatcher.close(), this.codeWatcher.close()]);
  }

  private track(w: FSWatcher): FSWatcher {
    w.on('all', (_event, p) => this.onPath(path.resolve(p)));
    w.on('error', (e) => this.errorListeners.forEach((l) => l(e instanceof Error ? e : new Error(String(e)))));
    return w;
  }

  // Records which function owns which directory; returns the existing directories to watch.
  private retarget(project: Project): Set<string> {
    this.codeDirs = new Map(project.functions.map((f) => [f.logicalId, [...(f.codeWatch ?? [f.codeDir]), ...f.layers.map((l) => l.source?.file ?? l.contentDir)].map((d) => path.resolve(d))]));
    this.layerDirs = new Set(project.functions.flatMap((f) => f.layers.map((l) => path.resolve(l.source?.file ?? l.contentDir))));
    // Generated code (a .zip, an image's context) is made again by a reload, like a template change.
    this.generated = new Set([
      ...project.functions.filter((f) => f.codeSource).flatMap((f) => f.codeWatch ?? []),
      ...project.functions.flatMap((f) => f.layers.flatMap((l) => (l.source ? [l.source.file] : []))),
    ].map((d) => path.resolve(d)));
    return new Set([...this.codeDirs.values()].flat().filter((d) => fs.existsSync(d)));
  }

  private onPath(p: string): void {
    if (this.configFiles.has(p)) {
      this.pendingTemplate = true;
    } else {
      for (const [id, dirs] of this.codeDirs) {
        const hit = dirs.find((d) => p === d || p.startsWith(d + path.sep));
        if (hit === undefined) continue;
        if (this.generated.has(hit)) this.pendingTemplate = true;
        else this.pendingFunctions.add(id);
        // A function's code folder can sit inside a layer's (or the other way round): any layer hit counts.
        if (dirs.some((d) => this.layerDirs.has(d) && (p === d || p.startsWith(d + path.sep)))) this.pendingLayers.add(id);
      }
    }
    if (!this.pendingTemplate && this.pendingFunctions.size === 0) return;
    if (this.timer) clearTimeout(this.timer);
    // A template edit often arrives as several writes (formatters, git): wait for quiet. A code save is
    // one or two events within a few milliseconds: report it almost at once.
    this.timer = setTimeout(() => this.flush(), this.pendingTemplate ? this.debounceMs : this.codeDebounceMs);
  }

  private flush(): void {
    this.timer = undefined;
    const change: ProjectChange = {
      templateChanged: this.pendingTemplate,
      changedFunctions: [...this.pendingFunctions].sort(),
      ...(this.pendingLayers.size ? { layerChanged: [...this.pendingLayers].sort() } : {}),
    };
    this.pendingTemplate = false;
    this.pendingFunctions.clear();
    this.pendingLayers.clear();
    for (const l of this.listeners) l(change);
  }
}
