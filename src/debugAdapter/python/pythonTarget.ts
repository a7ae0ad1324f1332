// The Python debuggee: the environment runs its bootstrap under debugpy, and DAP requests are forwarded
// to debugpy as they are. Around them the target adds the Lambda lifecycle: the clock paused while
// stopped (tracked from the requests, debugpy's `continued` arrives late), entry stops, runtime frames hidden.
import * as fs from 'node:fs';
import { OutputEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { getRuntimeAssets } from '../../core/runtime/assets';
import type { ExecutionEnvironment } from '../../core/runtime/executionEnvironment';
import { whenDead, type DebugTarget, type TargetOptions } from '../debugTarget';
import { debugErrors } from '../errors';
import { pythonFirstLine, pythonHandlerFile } from '../handlerFile';
import { DapConnection } from './dapConnection';
import { debugpyInterpreter } from './debugpy';

const ATTACH_TIMEOUT_MS = 20_000;
const EXIT_GRACE_MS = 2000;
/** pydevd's own notices on stderr (`0.00s - Debugger warning: ...`). */
const pydevdNotice = /^\d+\.\d+s - /;
const RESUMING = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto']);
const DROPPED_EVENTS = new Set(['initialized', 'terminated', 'exited', 'process', 'debugpyWaitingForServer', 'debugpySockets']);

/** A Python execution environment under debugpy. */
export class PythonTarget implements DebugTarget {
  readonly watchesClock = false;
  private readonly userBreakpoints = new Map<string, readonly DebugProtocol.SourceBreakpoint[]>();
  /** Temporary breakpoints (entry stops) per file: line -> debugpy breakpoint id. */
  private readonly entryLines = new Map<string, Map<number, number | undefined>>();
  private attached: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: TargetOptions, readonly env: ExecutionEnvironment, private readonly dap: DapConnection) {}

  /** Starts the environment under debugpy and attaches; init waits until `run()`. */
  static async launch(options: TargetOptions): Promise<PythonTarget> {
    // A failed build is the launch's error, not a runtime that never starts.
    await options.engine.ensureBuilt(options.config);
    const interpreter = await debugpyInterpreter(options.engine, options.config.runtime);
    // A first-time install of the runtime's boto3 happens here, outside the attach timeout.
    await options.engine.prepareRuntimeSdk(options.config, interpreter, (m) => options.sink.event(new OutputEvent(`${m}\n`, 'console')));
    // debugpy connects to us (reverse mode): the debuggee listens on nothing another local user could reach.
    const listener = await DapConnection.listen();
    const early: string[] = [];
    const env = options.engine.startEnvironment(options.config, {
      interpreter,
      interpreterArgs: ['-Xfrozen_modules=off', '-m', 'debugpy', '--connect', `127.0.0.1:${listener.port}`, '--wait-for-client'],
      extraEnv: options.extraEnv,
      interceptLine: (message) => {
        if (pydevdNotice.test(message)) return true;
        if (early.length < 20) early.push(message.trimEnd());
        return false;
      },
    });
    let dead = env.state === 'dead';
    void whenDead(env).then(() => (dead = true));
    const dap = await listener.accepted(Date.now() + ATTACH_TIMEOUT_MS, () => !dead);
    if (!dap) {
      env.shutdown();
      throw dead ? debugErrors.runtimeExited(early.join('\n')) : debugErrors.attachTimeout('debugpy', ATTACH_TIMEOUT_MS);
    }
    const target = new PythonTarget(options, env, dap);
    try {
      await target.initialize();
    } catch (e) {
      await target.dispose();
      throw e;
    }
    return target;
  }

  private async initialize(): Promise<void> {
    this.dap.on('event', (e: DebugProtocol.Event) => void this.onEvent(e));
    this.dap.on('close', () => this.onClosed());
    const initialized = this.dap.nextEvent('initialized');
    // Sent back to back: debugpy answers in order, and each round trip costs a delayed ACK here.
    const initializing = this.dap.request('initialize', {
      clientID: 'lambda-workbench',
      adapterID: 'debugpy',
      pathFormat: 'path',
      linesStartAt1: true,
      columnsStartAt1: true,
      supportsVariableType: true,
    });
    this.attached = this.dap.request('attach', {
      justMyCode: true,
      // Built functions run from a copy (.lambda-workbench/build): breakpoints are set on the workspace files.
      pathMappings: this.options.engine.buildSourceMappings([this.options.config.codeDir, ...this.options.config.layers.map((l) => l.contentDir)]),
      subProcess: false,
      redirectOutput: false,
      showReturnValue: true,
      // The runtime's own frames (bootstrap, context) are not the user's code.
      rules: [{ path: getRuntimeAssets().pythonRuntimeDir, include: false }],
    });
    this.attached.catch(() => undefined);
    await initializing;
    await initialized;
    if (this.options.breakInInit) {
      const handler = pythonHandlerFile(this.options.config.codeDir, this.options.config.handler);
      const line = handler ? pythonFirstLine(fs.readFileSync(handler.file, 'utf8')) : undefined;
      if (handler && line) await this.addEntry(handler.file, line);
      else this.warn(`breakIn "init": cannot find the module of handler ${this.options.config.handler} in ${this.options.config.codeDir}.`);
    }
  }

  async setBreakpoints(source: string, breakpoints: readonly DebugProtocol.SourceBreakpoint[]): Promise<DebugProtocol.Breakpoint[]> {
    this.userBreakpoints.set(source, breakpoints);
    return this.sendBreakpoints(source);
  }

  async setExceptionFilters(filters: readonly string[]): Promise<void> {
    const mapped = [...new Set(filters.map((f) => (f === 'all' ? 'raised' : f)))];
    await this.dap.request('setExceptionBreakpoints', { filters: mapped });
  }

  async run(): Promise<void> {
    await this.dap.request('configurationDone');
    await this.attached;
  }

  async armHandlerEntry(): Promise<void> {
    const handler = pythonHandlerFile(this.options.config.codeDir, this.options.config.handler);
    const line = handler ? pythonFirstLine(fs.readFileSync(handler.file, 'utf8'), handler.functionName) : undefined;
    if (handler && line) await this.addEntry(handler.file, line);
    else this.warn(`stopOnEntry: cannot find the function of handler ${this.options.config.handler}; set a breakpoint in it instead.`);
  }

  async request(command: string, args: unknown): Promise<unknown> {
    if (RESUMING.has(command)) this.options.clock.resume();
    return this.dap.request(command, args);
  }

  mapLocation(file: string, line: number, column: number): { path: string; line: number; column: number } {
    return { path: file, line, column };
  }

  async dispose(): Promise<void> {
    this.dap.close();
    this.env.shutdown();
  }

  private async sendBreakpoints(file: string): Promise<DebugProtocol.Breakpoint[]> {
    const user = this.userBreakpoints.get(file) ?? [];
    const entries = this.entryLines.get(file);
    const extra = [...(entries?.keys() ?? [])].filter((line) => !user.some((bp) => bp.line === line));
    const body = await this.dap.request<{ breakpoints: DebugProtocol.Breakpoint[] }>('setBreakpoints', {
      source: { path: file },
      breakpoints: [...user, ...extra.map((line) => ({ line }))],
    });
    const results = body.breakpoints;
    if (entries) {
      for (const [i, line] of extra.entries()) entries.set(line, results[user.length + i]?.id);
      for (const [i, bp] of user.entries()) if (entries.has(bp.line)) entries.set(bp.line, results[i]?.id);
    }
    return results.slice(0, user.length);
  }

  private async addEntry(file: string, line: number): Promise<void> {
    const lines = this.entryLines.get(file) ?? new Map<number, number | undefined>();
    lines.set(line, undefined);
    this.entryLines.set(file, lines);
    await this.sendBreakpoints(file);
  }

  /** Whether a stop is at an entry breakpoint; the entry breakpoint is removed. */
  private async takeEntry(body: DebugProtocol.StoppedEvent['body']): Promise<boolean> {
    const hit = body.hitBreakpointIds ?? [];
    for (const [file, lines] of this.entryLines) {
      for (const [line, id] of lines) {
        if (id === undefined || !hit.includes(id)) continue;
        lines.delete(line);
        if (lines.size === 0) this.entryLines.delete(file);
        await this.sendBreakpoints(file);
        return true;
      }
    }
    return false;
  }

  private async onEvent(e: DebugProtocol.Event): Promise<void> {
    if (DROPPED_EVENTS.has(e.event)) return;
    if (e.event === 'output' && (e.body as { category?: string }).category === 'telemetry') return;
    if (e.event === 'stopped') {
      this.options.clock.pause();
      const body = e.body as DebugProtocol.StoppedEvent['body'];
      const entry = (body.reason === 'breakpoint' && (await this.takeEntry(body).catch(() => false))) || false;
      this.options.sink.event({ ...e, body: entry ? { ...body, reason: 'entry', hitBreakpointIds: [] } : body });
      return;
    }
    this.options.sink.event(e);
  }

  private onClosed(): void {
    this.options.clock.resume();
    if (this.env.state !== 'dead') setTimeout(() => this.env.shutdown(), EXIT_GRACE_MS).unref();
    this.options.sink.ended();
  }

  private warn(message: string): void {
    this.options.sink.event(new OutputEvent(`${message}\n`, 'important'));
  }
}
