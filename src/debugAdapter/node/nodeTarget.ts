// The Node.js debuggee: DAP requests translated to the Chrome DevTools Protocol of the environment's
// inspector, with the Lambda clock paused for every stop and Node internals skipped when stepping.
import { entryDebugBuild } from '../../core/build/cdk';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LoadedSourceEvent, OutputEvent, StoppedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { getRuntimeAssets } from '../../core/runtime/assets';
import type { ExecutionEnvironment } from '../../core/runtime/executionEnvironment';
import type { DebugTarget, TargetOptions } from '../debugTarget';
import { debugErrors } from '../errors';
import { nodeHandlerFile } from '../handlerFile';
import { LOGPOINT_CONTEXT, NodeBreakpoints } from './breakpoints';
import type { CdpConnection } from './cdpConnection';
import type { ConsoleApiCalledEvent, Location, PausedEvent, ScriptParsedEvent } from './cdpTypes';
import { EntryStops } from './entryStops';
import { launchNodeDebuggee } from './nodeLaunch';
import { PausedState } from './pausedState';
import { Scripts, urlRegexFor } from './scripts';
import { SourceMapIndex } from './sourceMaps';
import { NodeVariables, renderRemote } from './variables';

/** The one thread a Lambda handler runs on. */
export const THREAD_ID = 1;
/** After the inspector connection closes, how long the process may take to exit by itself. */
const EXIT_GRACE_MS = 2000;

type Stepping = 'Debugger.resume' | 'Debugger.stepOver' | 'Debugger.stepInto' | 'Debugger.stepOut';

/** A Node.js execution environment under the inspector. */
export class NodeTarget implements DebugTarget {
  readonly watchesClock = true;
  readonly env: ExecutionEnvironment;
  private readonly cdp: CdpConnection;
  private readonly scripts: Scripts;
  private readonly breakpoints: NodeBreakpoints;
  private readonly variables: NodeVariables;
  private readonly entry: EntryStops;
  private paused: PausedState | undefined;
  private stepReason: 'step' | 'pause' | undefined;
  /** The error of a stop where a handler error reached the runtime. */
  private handlerError: string | undefined;
  private mainContextId: number | undefined;
  private readonly announced = new Set<string>();

  private constructor(private readonly options: TargetOptions, env: ExecutionEnvironment, cdp: CdpConnection, maps: SourceMapIndex) {
    this.env = env;
    this.cdp = cdp;
    const bootstrap = getRuntimeAssets().nodeBootstrap;
    this.scripts = new Scripts(maps, getRuntimeAssets().runtimeDir);
    this.breakpoints = new NodeBreakpoints(cdp, this.scripts, options.breakpointId, (bp) => options.sink.event({ seq: 0, type: 'event', event: 'breakpoint', body: { reason: 'changed', breakpoint: bp } }));
    this.variables = new NodeVariables(cdp);
    this.entry = new EntryStops(cdp, maps, bootstrap);
  }

  /** Starts the environment under the inspector; init waits until `run()`. */
  static async launch(given: TargetOptions): Promise<NodeTarget> {
    // Built code (npm) carries maps back to the workspace files: build before reading them.
    await given.engine.ensureBuilt(given.config);
    // A CDK NodejsFunction bundled without a source map: debug the engine's own build of its TypeScript entry.
    const spec = given.engine.getFunction(given.config.functionName)?.spec;
    const rebuilt = await entryDebugBuild(given.config, spec?.appSource, given.engine.stateDir);
    if (rebuilt) given.sink.event(new OutputEvent(`${rebuilt.note}\n`, 'console'));
    const options = rebuilt ? { ...given, config: rebuilt.config } : given;
    const maps = SourceMapIndex.scan([options.config.codeDir, ...options.config.layers.map((l) => l.contentDir)]);
    const { env, cdp } = await launchNodeDebuggee(options);
    const target = new NodeTarget(options, env, cdp, maps);
    try {
      await target.initialize();
    } catch (e) {
      await target.dispose();
      throw e;
    }
    return target;
  }

  private async initialize(): Promise<void> {
    const cdp = this.cdp;
    cdp.on('Debugger.scriptParsed', (e: ScriptParsedEvent) => this.onScriptParsed(e));
    cdp.on('Debugger.paused', (e: PausedEvent) => void this.onPaused(e).catch((err: unknown) => this.warn(`Could not handle a stop: ${String(err)}`)));
    cdp.on('Debugger.resumed', () => this.onResumed());
    cdp.on('Debugger.breakpointResolved', (e: { breakpointId: string; location: Location }) => this.breakpoints.onResolved(e.breakpointId, e.location));
    cdp.on('Runtime.consoleAPICalled', (e: ConsoleApiCalledEvent) => this.onConsole(e));
    cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; auxData?: { isDefault?: boolean } } }) => {
      if (e.context.auxData?.isDefault) this.mainContextId ??= e.context.id;
    });
    // The process is exiting: it waits for the debugger to disconnect, so let it go.
    cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => {
      if (e.executionContextId === this.mainContextId) cdp.close();
    });
    cdp.on('close', () => this.onClosed());
    // Worker threads inherit the inspector flags and would wait for a debugger forever: let them run.
    cdp.on('NodeWorker.attachedToWorker', (e: { sessionId: string }) => void this.releaseWorker(e.sessionId));
    await cdp.send('Runtime.enable');
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.setAsyncCallStackDepth', { maxDepth: 32 });
    await cdp.send('Debugger.setBlackboxPatterns', { patterns: ['^node:', urlRegexFor(getRuntimeAssets().nodeBootstrap)] });
    await cdp.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
    if (this.options.breakInInit) {
      const file = nodeHandlerFile(this.options.config.codeDir, this.options.config.handler);
      if (file) await this.entry.armInit(file);
      else this.warn(`breakIn "init": cannot find the module of handler ${this.options.config.handler} in ${this.options.config.codeDir}.`);
    }
  }

  setBreakpoints(source: string, breakpoints: readonly DebugProtocol.SourceBreakpoint[]): Promise<DebugProtocol.Breakpoint[]> {
    return this.breakpoints.set(source, breakpoints);
  }

  async setExceptionFilters(filters: readonly string[]): Promise<void> {
    const state = filters.includes('all') ? 'all' : filters.includes('uncaught') ? 'uncaught' : 'none';
    await this.cdp.send('Debugger.setPauseOnExceptions', { state });
    // V8 counts an error the runtime catches as caught; for a Lambda handler it is the uncaught one.
    if (!(await this.entry.setHandlerErrorStop(filters.includes('uncaught')))) {
      this.warn('Uncaught Exceptions: the runtime bootstrap has no recognizable error report; only errors V8 sees as uncaught stop.');
    }
  }

  async run(): Promise<void> {
    await this.cdp.send('Runtime.runIfWaitingForDebugger');
  }

  async armHandlerEntry(): Promise<void> {
    if (!(await this.entry.armHandler())) this.warn('stopOnEntry: the runtime bootstrap has no recognizable handler call; set a breakpoint in the handler instead.');
  }

  async request(command: string, args: unknown): Promise<unknown> {
    const a = (args ?? {}) as Record<string, unknown>;
    switch (command) {
      case 'threads':
        return { threads: [{ id: THREAD_ID, name: `${this.options.config.functionName} (Lambda handler)` }] };
      case 'stackTrace': {
        const frames = this.paused?.frames ?? [];
        const start = Number(a.startFrame ?? 0);
        const levels = Number(a.levels ?? 0) || frames.length;
        return { stackFrames: frames.slice(start, start + levels), totalFrames: frames.length };
      }
      case 'scopes': {
        const frame = this.paused?.callFrame(Number(a.frameId));
        return { scopes: frame ? this.variables.scopes(frame) : [] };
      }
      case 'variables':
        return { variables: await this.variables.variables(Number(a.variablesReference)) };
      case 'setVariable':
        return this.variables.setVariable(Number(a.variablesReference), String(a.name), String(a.value), this.paused?.top);
      case 'evaluate': {
        const frame = a.frameId !== undefined ? this.paused?.callFrame(Number(a.frameId)) : this.paused?.top;
        return this.variables.evaluate(String(a.expression), frame, a.context as string | undefined);
      }
      case 'continue':
        await this.resume('Debugger.resume');
        return { allThreadsContinued: true };
      case 'next':
        return this.resume('Debugger.stepOver');
      case 'stepIn':
        return this.resume('Debugger.stepInto');
      case 'stepOut':
        return this.resume('Debugger.stepOut');
      case 'pause':
        this.stepReason = 'pause';
        return this.cdp.send('Debugger.pause');
      case 'source':
        return this.source(args as DebugProtocol.SourceArguments);
      case 'loadedSources':
        return { sources: this.loadedSources() };
      case 'exceptionInfo':
        return this.exceptionInfo();
      default:
        throw debugErrors.badLaunch(`the request "${command}" is not supported for Node.js functions`);
    }
  }

  mapLocation(file: string, line: number, column: number): { path: string; line: number; column: number } {
    const generated = file.startsWith('file://') ? fileURLToPath(file) : file;
    this.scripts.maps.loadFile(generated);
    const original = this.scripts.maps.originalFor(generated, line, Math.max(0, column - 1));
    return original ? { path: original.path, line: original.line, column: original.column + 1 } : { path: generated, line, column };
  }

  async dispose(): Promise<void> {
    this.cdp.close();
    this.env.shutdown();
  }

  private async releaseWorker(sessionId: string): Promise<void> {
    const run = JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' });
    await this.cdp.send('NodeWorker.sendMessageToWorker', { sessionId, message: run }).catch(() => undefined);
    await this.cdp.send('NodeWorker.detach', { sessionId }).catch(() => undefined);
  }

  private async resume(method: Stepping): Promise<void> {
    if (!this.paused && method !== 'Debugger.resume') throw debugErrors.notStopped();
    this.stepReason = method === 'Debugger.resume' ? undefined : 'step';
    this.paused = undefined;
    this.variables.clear();
    this.options.clock.resume();
    await this.cdp.send(method, method === 'Debugger.stepInto' ? { breakOnAsyncCall: true } : {});
  }

  private resumeQuietly(): void {
    this.paused = undefined;
    this.options.clock.resume();
    void this.cdp.send('Debugger.resume').catch(() => undefined);
  }

  private async onPaused(e: PausedEvent): Promise<void> {
    // First thing: the debuggee is already stopped, every millisecond from here is not Lambda time.
    this.options.clock.pause();
    if (e.reason === 'Break on start') return this.resumeQuietly();
    const internal = await this.entry.onPause(e);
    if (internal?.kind === 'resume') return this.resumeQuietly();
    const hit = e.hitBreakpoints ?? [];
    let reason: string;
    let text: string | undefined;
    if (internal?.kind === 'entry') reason = 'entry';
    else if (internal?.kind === 'handlerError') {
      reason = 'exception';
      text = `Uncaught in the handler: ${internal.description.split('\n')[0]}`;
      this.handlerError = internal.description;
    } else if (e.reason === 'exception' || e.reason === 'promiseRejection') {
      // Caught inside Node or the runtime (a file probe, say): not the user's business.
      const top = e.callFrames[0];
      if (!e.data?.uncaught && (!top || this.scripts.get(top.location.scriptId)?.internal !== false)) return this.resumeQuietly();
      reason = 'exception';
    }
    else if (this.breakpoints.owns(hit)) {
      if (!this.breakpoints.shouldStop(hit)) return this.resumeQuietly();
      reason = 'breakpoint';
    } else reason = this.stepReason ?? (e.reason === 'other' ? 'breakpoint' : 'pause');
    this.stepReason = undefined;
    this.paused = new PausedState(e, this.scripts);
    if (internal?.kind !== 'handlerError') this.handlerError = undefined;
    if (reason === 'exception') text ??= this.paused.exceptionText?.split('\n')[0];
    this.options.sink.event(new StoppedEvent(reason, THREAD_ID, text));
  }

  private onResumed(): void {
    this.paused = undefined;
    this.variables.clear();
    this.options.clock.resume();
  }

  private onScriptParsed(e: ScriptParsedEvent): void {
    const script = this.scripts.add(e);
    if (script.internal || !script.path) return;
    const sources = this.scripts.maps.hasMap(script.path) ? this.scripts.maps.sourcesOf(script.path) : [script.path];
    for (const file of sources) {
      if (this.announced.has(file) || /[\\/]node_modules[\\/]/.test(file)) continue;
      this.announced.add(file);
      this.options.sink.event(new LoadedSourceEvent('new', this.scripts.sourceOfPath(file, false)));
    }
    void this.breakpoints.onScriptParsed(script).catch(() => undefined);
  }

  private onConsole(e: ConsoleApiCalledEvent): void {
    if (!e.context?.startsWith(LOGPOINT_CONTEXT)) return;
    const text = e.args.map((a) => (a.type === 'string' ? String(a.value) : renderRemote(a))).join('');
    const frame = e.stackTrace?.callFrames.find((f) => f.url);
    const loc = frame ? this.scripts.toDap(frame.scriptId, frame.lineNumber, frame.columnNumber) : undefined;
    const out = new OutputEvent(`${text}\n`, 'console') as DebugProtocol.OutputEvent;
    if (loc) Object.assign(out.body, { source: loc.source, line: loc.line, column: loc.column });
    this.options.sink.event(out);
  }

  private onClosed(): void {
    this.paused = undefined;
    this.options.clock.resume();
    // Give a process that is exiting by itself the chance to report how it ended.
    if (this.env.state !== 'dead') setTimeout(() => this.env.shutdown(), EXIT_GRACE_MS).unref();
    this.options.sink.ended();
  }

  private async source(args: DebugProtocol.SourceArguments): Promise<DebugProtocol.SourceResponse['body']> {
    const scriptId = this.scripts.scriptForReference(args.sourceReference ?? args.source?.sourceReference ?? 0);
    if (scriptId) {
      const r = await this.cdp.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
      return { content: r.scriptSource, mimeType: 'text/javascript' };
    }
    if (args.source?.path) return { content: fs.readFileSync(args.source.path, 'utf8') };
    throw debugErrors.unknownReference('source');
  }

  private loadedSources(): DebugProtocol.Source[] {
    return [...this.announced].map((file) => this.scripts.sourceOfPath(file, false));
  }

  private exceptionInfo(): DebugProtocol.ExceptionInfoResponse['body'] {
    const data = this.paused?.event.data;
    const description = this.handlerError ?? this.paused?.exceptionText ?? 'Exception';
    return {
      exceptionId: data?.className ?? 'Error',
      description: description.split('\n')[0],
      breakMode: data?.uncaught || this.handlerError ? 'unhandled' : 'always',
      details: { message: description.split('\n')[0], stackTrace: description },
    };
  }

  private warn(message: string): void {
    this.options.sink.event(new OutputEvent(`${message}\n`, 'important'));
  }
}
