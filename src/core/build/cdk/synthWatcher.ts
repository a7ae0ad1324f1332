// Synth on change: watches a CDK app's sources (cdk.json's watch globs, as `cdk watch` does) and runs
// `cdk synth` after each batch of saves, one at a time; the rewritten assembly is then reloaded by the
// project watcher like any template change. Progress goes to one listener for the CLI and VS Code.
import { watch, type FSWatcher } from 'chokidar';
import * as path from 'node:path';
import { messageOf } from '../../errors';
import { isAppSource, type CdkApp } from '../../project/cdk';
import { BuildCancelledError } from '../buildCommand';
import { synthesize, type SynthResult } from './synthesize';

/** One step of a synth, for progress reporting. */
export interface SynthProgress {
  readonly phase: 'start' | 'output' | 'done' | 'failed' | 'cancelled';
  readonly message: string;
  /** The app folder. */
  readonly appDir: string;
  /** On 'done'. */
  readonly result?: SynthResult;
}

export interface SynthWatcherOptions {
  readonly onProgress: (p: SynthProgress) => void;
  /** Quiet time after the last save before synthesizing; default 150 ms. */
  readonly debounceMs?: number;
  readonly cacheRoot?: string;
}

/** Runs `cdk synth` when the app's sources change (after `start()`), or on request. */
export class SynthWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SynthResult | undefined> | undefined;
  private queued: Promise<SynthResult | undefined> | undefined;
  private queuedReasons: string[] = [];
  private abort: AbortController | undefined;
  private readonly changed = new Set<string>();

  constructor(readonly app: CdkApp, private readonly options: SynthWatcherOptions) {}

  /** Starts watching; resolves when the initial scan is done. */
  start(): Promise<void> {
    const app = this.app;
    const hardExcluded = (p: string): boolean => {
      const rel = path.relative(app.dir, p);
      if (!rel) return false;
      const first = rel.split(path.sep)[0] ?? '';
      return first === 'node_modules' || first.startsWith('.') || path.resolve(app.dir, first) === app.outputDir || rel.split(path.sep).includes('node_modules');
    };
    this.watcher = watch(app.dir, { ignoreInitial: true, ignored: hardExcluded });
    this.watcher.on('all', (_event, p) => {
      const file = path.resolve(p);
      if (!isAppSource(app, file)) return;
      this.changed.add(path.relative(app.dir, file));
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), this.options.debounceMs ?? 150);
    });
    this.watcher.on('error', (e) => this.options.onProgress({ phase: 'failed', appDir: app.dir, message: `Watching the CDK app failed: ${messageOf(e)}` }));
    const w = this.watcher;
    return new Promise((resolve) => w.once('ready', () => resolve()));
  }

  /** Synthesizes now, or once after the running synth (requests meanwhile share that one run); undefined when it failed or was cancelled. */
  synthNow(reason = 'requested'): Promise<SynthResult | undefined> {
    if (!this.running) {
      this.running = this.run(reason).finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queuedReasons.push(reason);
    this.queued ??= this.running.then(() => {
      const reasons = this.queuedReasons.join(', ');
      this.queued = undefined;
      this.queuedReasons = [];
      return this.synthNow(reasons);
    });
    return this.queued;
  }

  /** Stops the running synth, if any. */
  cancel(): void {
    this.abort?.abort();
  }

  /** Stops watching (and a running synth). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.cancel();
    await this.watcher?.close();
    this.watcher = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const files = [...this.changed].sort();
    this.changed.clear();
    void this.synthNow(files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more changed` : `${files.join(', ')} changed`);
  }

  private async run(reason: string): Promise<SynthResult | undefined> {
    const appDir = this.app.dir;
    const report = this.options.onProgress;
    this.abort = new AbortController();
    report({ phase: 'start', appDir, message: `Synthesizing the CDK app in ${appDir} (${reason})` });
    try {
      const result = await synthesize(this.app, {
        signal: this.abort.signal,
        onLine: (line) => report({ phase: 'output', appDir, message: line }),
        ...(this.options.cacheRoot ? { cacheRoot: this.options.cacheRoot } : {}),
      });
      report({ phase: 'done', appDir, result, message: `Synthesized the CDK app in ${(result.durationMs / 1000).toFixed(1)} s` });
      return result;
    } catch (e) {
      if (e instanceof BuildCancelledError) report({ phase: 'cancelled', appDir, message: 'The CDK synth was cancelled; functions keep the code of the last synth.' });
      else report({ phase: 'failed', appDir, message: messageOf(e) });
      return undefined;
    } finally {
      this.abort = undefined;
    }
  }
}
