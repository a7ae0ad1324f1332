// The DAP session: translates the debug protocol to the engine. Launch starts the function's execution
// environment in debug mode, sets breakpoints before init, sends the event, shows logs and the result,
// and stays attached to the warm environment for more `invoke` requests until the user stops.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { ContinuedEvent, DebugSession, Event, InitializedEvent, OutputEvent, Response, TerminatedEvent, ThreadEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { functionArn } from '../core/arn';
import type { BuildProgress } from '../core/build';
import { messageOf } from '../core/errors';
import { DebugClock } from '../core/runtime/debugClock';
import type { DebugTarget, StopClock, TargetOptions } from './debugTarget';
import type { EngineLease, EngineProvider } from './engineLease';
import { BreakpointStore } from './breakpointStore';
import { DurableFollower } from './durableFollow';
import { debugErrors } from './errors';
import { reportInvocation, reportRefused } from './invocationReport';
import { LAMBDA_SCOPE_REF, lambdaScope, lambdaScopeVariables } from './lambdaScope';
import type { LambdaLaunchArguments } from './launchArguments';
import { loadEvent, resolveLaunch, type LaunchTarget } from './launchTarget';
import { logOutputEvent } from './logOutput';
import { NodeTarget, THREAD_ID } from './node/nodeTarget';
import { HandOffTarget } from './handOff/handOffTarget';
import { javaHandOff } from './handOff/javaHandOff';
import { rubyHandOff } from './handOff/rubyHandOff';
import { PythonTarget } from './python/pythonTarget';

/** Requests a target answers (the session only adds the Lambda scope). */
const FORWARDED = new Set(['threads', 'stackTrace', 'scopes', 'variables', 'setVariable', 'evaluate', 'continue', 'next', 'stepIn', 'stepOut', 'pause', 'source', 'loadedSources', 'exceptionInfo']);

/** One debug session (one function, one execution environment at a time). */
export class LambdaDebugSession extends DebugSession {
  private lease: EngineLease | undefined;
  private args: LambdaLaunchArguments = {};
  private launched: LaunchTarget | undefined;
  private target: DebugTarget | undefined;
  private clock: DebugClock | undefined;
  private stopClock: StopClock | undefined;
  private invocations = 0;
  private running: string | undefined;
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((resolve) => (this.configured = resolve));
  private readonly breakpoints = new BreakpointStore();
  private stopLogs: (() => void) | undefined;
  private stopWarnings: (() => void) | undefined;
  private ended = false;
  private durable: DurableFollower | undefined;

  constructor(private readonly provideEngine: EngineProvider) {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsSetVariable: true,
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
      supportsLoadedSourcesRequest: true,
      supportsExceptionInfoRequest: true,
      supportsDelayedStackTraceLoading: true,
      exceptionBreakpointFilters: [
        { filter: 'all', label: 'Caught Exceptions', default: false },
        { filter: 'uncaught', label: 'Uncaught Exceptions', default: false },
      ],
    };
    this.sendResponse(response);
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: LambdaLaunchArguments): void {
    this.guard(response, async () => {
      this.args = args;
      try {
        await this.launch(args);
      } catch (e) {
        // Nothing of a failed launch stays behind (the client may try another configuration).
        await this.teardown();
        throw e;
      }
      this.sendResponse(response);
      void this.invoke((this.launched as LaunchTarget).payload, args.stopOnEntry === true && args.breakIn !== 'init');
    });
  }

  /** Engine, function, debuggee; breakpoints arrive between `initialized` and configurationDone. */
  private async launch(args: LambdaLaunchArguments): Promise<void> {
    this.lease = await this.provideEngine(args);
    for (const note of this.lease.notes ?? []) this.output(`${note}\n`, 'important');
    const engine = this.lease.engine;
    // Interpreter notes (a Node.js major being downloaded, a version that differs) belong in the debug console.
    const onWarning = (m: string): void => this.output(`${m}\n`, 'important');
    const onDownload = (p: { runtime: string; version: string; received: number; total: number | undefined; finished?: boolean }): void => {
      if (!p.finished && p.total && p.received === p.total) this.output(`${p.runtime}: Node.js ${p.version} downloaded (${(p.total / 1e6).toFixed(1)} MB)\n`, 'console');
    };
    engine.on('warning', onWarning);
    engine.on('runtimeDownload', onDownload);
    this.stopWarnings = () => {
      engine.off('warning', onWarning);
      engine.off('runtimeDownload', onDownload);
    };
    this.launched = resolveLaunch(engine, args);
    this.durable = new DurableFollower(engine, () => this.target?.env, (line) => this.output(line, 'console'));
    this.stopLogs = engine.onDidAppendLog((_group, stream, event) => {
      const t = this.target;
      if (t && stream === t.env.logStreamName) this.sendEvent(logOutputEvent(event, (f, l, c) => t.mapLocation(f, l, c)));
    });
    // The function may be built first (npm, pip...): say so in the debug console while it runs.
    const onBuild = (p: BuildProgress): void => {
      if (p.phase === 'start' || p.phase === 'built' || p.phase === 'cancelled') this.output(`${p.message}\n`, 'console');
      else if (p.phase === 'step') this.output(`  ${p.message}\n`, 'console');
    };
    const offBuild = engine.onBuildProgress(onBuild);
    try {
      await this.startTarget();
    } finally {
      offBuild();
    }
    this.sendEvent(new InitializedEvent());
    await this.configurationDone;
    await this.runTarget();
  }

  protected override attachRequest(response: DebugProtocol.AttachResponse): void {
    this.guard(response, async () => {
      throw debugErrors.badLaunch('the lambda debugger starts the function itself: use "request": "launch".');
    });
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configured();
    this.sendResponse(response);
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.guard(response, async () => {
      const requested = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
      if (!args.source.path) {
        response.body = { breakpoints: requested.map(() => ({ verified: false, message: 'Breakpoints need a file on disk.' })) };
        return this.sendResponse(response);
      }
      const file = this.breakpoints.set(args.source.path, requested);
      response.body = { breakpoints: this.target ? await this.target.setBreakpoints(file, requested) : this.breakpoints.pending(file, requested) };
      this.sendResponse(response);
    });
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.guard(response, async () => {
      this.breakpoints.exceptionFilters = args.filters;
      await this.target?.setExceptionFilters(args.filters);
      this.sendResponse(response);
    });
  }

  /** `invoke` sends another event (`{event?}`, default the launch's) to the same environment. */
  protected override customRequest(command: string, response: DebugProtocol.Response, args: { event?: LambdaLaunchArguments['event'] } | undefined): void {
    if (command !== 'invoke') return super.customRequest(command, response, args);
    this.guard(response, async () => {
      if (!this.launched) throw debugErrors.notRunning();
      if (this.running) throw debugErrors.busy(this.running);
      const payload = args?.event !== undefined ? loadEvent(args.event, path.resolve(this.args.cwd ?? process.cwd())) : this.launched.payload;
      const requestId = randomUUID();
      response.body = { requestId };
      void this.invoke(payload, false, requestId);
      this.sendResponse(response);
    });
  }

  /** Restart: a new (cold) environment with the same breakpoints, then the launch event again. */
  protected override restartRequest(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments): void {
    this.guard(response, async () => {
      if (!this.lease) throw debugErrors.notRunning();
      if (args?.arguments) this.args = args.arguments;
      this.launched = resolveLaunch(this.lease.engine, this.args);
      await this.startTarget();
      await this.runTarget();
      this.sendResponse(response);
      void this.invoke(this.launched.payload, this.args.stopOnEntry === true && this.args.breakIn !== 'init');
    });
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.guard(response, async () => {
      await this.end();
      this.sendResponse(response);
      this.sendEvent(new TerminatedEvent());
    });
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.guard(response, async () => {
      await this.end();
      this.sendResponse(response);
      this.shutdown();
    });
  }

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (!FORWARDED.has(request.command)) return super.dispatchRequest(request);
    const response: DebugProtocol.Response = new Response(request);
    this.guard(response, async () => {
      const a = (request.arguments ?? {}) as { variablesReference?: number };
      if (request.command === 'variables' && a.variablesReference === LAMBDA_SCOPE_REF) {
        response.body = { variables: this.lambdaVariables() };
      } else if (!this.target) {
        if (request.command !== 'threads') throw debugErrors.notRunning();
        response.body = { threads: [] };
      } else {
        response.body = await this.target.request(request.command, request.arguments);
        if (request.command === 'scopes') {
          const scopes = (response.body as DebugProtocol.ScopesResponse['body']).scopes;
          scopes.splice(Math.min(1, scopes.length), 0, lambdaScope);
        }
      }
      this.sendResponse(response);
    });
  }

  /** Ends the session's debuggee and engine lease once; safe to call again. */
  private async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.teardown();
  }

  private async teardown(): Promise<void> {
    const target = this.target;
    this.target = undefined;
    await target?.dispose();
    this.clock?.close();
    this.durable?.dispose();
    this.stopLogs?.();
    this.stopWarnings?.();
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
  }

  /** Replaces the debuggee with a new environment, with the breakpoints and exception filters set so far. */
  private async startTarget(): Promise<void> {
    const launched = this.launched;
    const lease = this.lease;
    if (!launched || !lease) throw debugErrors.notRunning();
    const old = this.target;
    this.target = undefined;
    if (old) {
      await old.dispose();
      this.sendEvent(new ThreadEvent('exited', THREAD_ID));
    }
    this.clock?.close();
    const clock = (this.clock = await DebugClock.listen());
    const frozen = this.args.freezeClock !== false;
    const stopClock: StopClock = frozen ? { pause: () => clock.pause(), resume: () => clock.resume() } : { pause: () => undefined, resume: () => undefined };
    this.stopClock = stopClock;
    let target: DebugTarget | undefined;
    const options: TargetOptions = {
      engine: lease.engine,
      config: launched.config,
      // Without a frozen clock the runtime needs no bridge: its remaining time is plain wall-clock time.
      extraEnv: frozen ? clock.environmentVariables : {},
      clock: stopClock,
      breakInInit: this.args.breakIn === 'init',
      breakpointId: (source, bp) => this.breakpoints.idFor(source, bp),
      sink: { event: (e) => this.sendEvent(e), ended: () => target && this.onTargetEnded(target) },
    };
    target =
      launched.language === 'node' ? await NodeTarget.launch(options)
      : launched.language === 'python' ? await PythonTarget.launch(options)
      : await HandOffTarget.launch(options, launched.language === 'java' ? await javaHandOff(options) : await rubyHandOff(lease.engine, options));
    clock.attach(target.env);
    // The runtime waits for the debugger's configuration before init: that wait is not init time.
    stopClock.pause();
    this.invocations = 0;
    for (const bp of await this.breakpoints.applyTo(target)) this.sendEvent(new Event('breakpoint', { reason: 'changed', breakpoint: bp }));
    this.target = target;
    if (old) this.sendEvent(new ThreadEvent('started', THREAD_ID));
  }

  /** Lets the new debuggee's init run; the time it waited for the client's configuration was not Lambda time. */
  private async runTarget(): Promise<void> {
    this.stopClock?.resume();
    await (this.target as DebugTarget).run();
  }

  /** Sends one event to the debug environment (a new one when it ended, or each time with `coldStart`). */
  private async invoke(payload: Buffer, stopAtHandler: boolean, requestId = randomUUID()): Promise<void> {
    const launched = this.launched;
    const engine = this.lease?.engine;
    if (!launched || !engine || this.ended) return;
    this.running = requestId;
    try {
      if (!this.target || this.target.env.state === 'dead' || (this.args.coldStart && this.invocations > 0)) {
        this.output(this.target ? 'Starting a new execution environment (cold start).\n' : '', 'console');
        await this.startTarget();
        await this.runTarget();
      }
      const target = this.target as DebugTarget;
      this.invocations++;
      if (stopAtHandler) await target.armHandlerEntry();
      if (!(await (this.clock as DebugClock).beginInvocation(target.watchesClock && this.args.freezeClock !== false))) {
        this.output('The runtime did not connect to the debugger clock: getRemainingTimeInMillis() will count time spent stopped.\n', 'important');
      }
      const request = { functionName: launched.functionName, qualifier: launched.qualifier, payload, environment: target.env, requestId };
      const result = launched.config.durableConfig && this.durable ? await this.durable.invoke(request) : await engine.invoke(request);
      if (target !== this.target) return this.output(`Invocation ${requestId} ended with its environment (restarted).\n`, 'console');
      for (const e of reportInvocation(launched.functionName, result)) this.sendEvent(e);
    } catch (e) {
      this.output(`Invoke failed: ${messageOf(e)}\n`, 'stderr');
      this.sendEvent(reportRefused(requestId, e instanceof Error ? e : new Error(String(e))));
    } finally {
      if (this.running === requestId) this.running = undefined;
    }
  }

  private onTargetEnded(target: DebugTarget): void {
    if (this.target !== target || this.ended) return;
    this.sendEvent(new ContinuedEvent(THREAD_ID, true));
    this.output('The execution environment ended; the next invoke starts a new one (cold start).\n', 'console');
  }

  private lambdaVariables(): DebugProtocol.Variable[] {
    const launched = this.launched;
    if (!launched || !this.lease) return [];
    return [
      ...lambdaScopeVariables({
        language: launched.language,
        config: launched.config,
        env: this.target?.env,
        requestId: this.running,
        invokedFunctionArn: functionArn(this.lease.engine.partition, launched.functionName, launched.qualifier),
        clockFrozen: this.args.freezeClock !== false,
      }),
      ...(this.durable?.variables() ?? []),
    ];
  }

  private output(text: string, category: string): void {
    if (text) this.sendEvent(new OutputEvent(text, category));
  }

  /** Runs a request handler; any failure becomes an error response the user sees. */
  private guard(response: DebugProtocol.Response, fn: () => Promise<void>): void {
    fn().catch((e: unknown) => this.sendErrorResponse(response, { id: 1001, format: '{_message}', variables: { _message: messageOf(e) }, showUser: true }));
  }

  /** In stdio mode the process exits after disconnect; make sure the environment went first. */
  override shutdown(): void {
    void this.end().finally(() => super.shutdown());
  }
}
