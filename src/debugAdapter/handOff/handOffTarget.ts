// A debuggee whose language debugger is another extension's (Java through JDWP, Ruby through the debug
// gem): the environment starts with the debug agent listening on loopback, and the session asks the
// client to attach its own debugger there (the `lambdaWorkbench.attach` event, or the printed hint).
import { Event, OutputEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ExecutionEnvironment } from '../../core/runtime/executionEnvironment';
import type { Interpreter } from '../../core/runtime/runtimeCatalog';
import { whenDead, type DebugTarget, type TargetOptions } from '../debugTarget';
import { debugErrors } from '../errors';

/** The custom DAP event carrying the attach configuration for the client's language debugger. */
export const ATTACH_EVENT = 'lambdaWorkbench.attach';

/** How a language hands off: the agent's arguments and the attach configuration for it. */
export interface HandOff {
  /** Shown in messages: "the Java debugger". */
  readonly debuggerName: string;
  readonly interpreter?: Interpreter;
  readonly interpreterArgs: readonly string[];
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** A launch.json-style configuration of the other debugger (`type`, `request: attach`, address). */
  readonly attach: Record<string, unknown>;
  /** How to attach from other editors or the shell (printed to the debug console). */
  readonly hint: string;
  /** The agent's line saying it listens: only then can a debugger attach. */
  readonly listening: RegExp;
}

const LISTEN_TIMEOUT_MS = 30_000;

/** An environment under a debug agent that another debugger attaches to. */
export class HandOffTarget implements DebugTarget {
  readonly watchesClock = false;

  private constructor(
    readonly env: ExecutionEnvironment,
    private readonly handOff: HandOff,
    private readonly options: TargetOptions,
  ) {}

  /** Starts the environment and resolves once the agent listens (the attach event is sent then). */
  static async launch(options: TargetOptions, handOff: HandOff): Promise<HandOffTarget> {
    let onListening: () => void = () => undefined;
    const listening = new Promise<void>((resolve) => (onListening = resolve));
    const early: string[] = [];
    const env = options.engine.startEnvironment(options.config, {
      ...(handOff.interpreter ? { interpreter: handOff.interpreter } : {}),
      interpreterArgs: handOff.interpreterArgs,
      extraEnv: { ...options.extraEnv, ...handOff.extraEnv },
      interceptLine: (message) => {
        if (handOff.listening.test(message)) onListening();
        else if (early.length < 20) early.push(message.trimEnd());
        return false;
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      listening.then(() => 'listening' as const),
      whenDead(env).then(() => 'dead' as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), LISTEN_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (outcome !== 'listening') {
      env.shutdown();
      await whenDead(env);
      throw outcome === 'dead' ? debugErrors.runtimeExited(early.join('\n')) : debugErrors.attachTimeout(handOff.debuggerName, LISTEN_TIMEOUT_MS);
    }
    const target = new HandOffTarget(env, handOff, options);
    void whenDead(env).then(() => options.sink.ended());
    options.sink.event(new OutputEvent(`${handOff.hint}\n`, 'console'));
    options.sink.event(new Event(ATTACH_EVENT, { configuration: handOff.attach }));
    return target;
  }

  setBreakpoints(_source: string, breakpoints: readonly DebugProtocol.SourceBreakpoint[]): Promise<DebugProtocol.Breakpoint[]> {
    // The attached debugger binds them: this session only reports where they went.
    return Promise.resolve(breakpoints.map((b) => ({ verified: false, line: b.line, message: `Bound by ${this.handOff.debuggerName} session.` })));
  }

  setExceptionFilters(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * The agent holds the runtime until its debugger attaches and resumes it: that wait (and init under
   * the other debugger, whose stops this session cannot see) is not Lambda init time.
   */
  run(): Promise<void> {
    if (this.env.state === 'initializing') {
      this.options.clock.pause();
      this.env.once('ready', () => this.options.clock.resume());
    }
    return Promise.resolve();
  }

  armHandlerEntry(): Promise<void> {
    return Promise.resolve();
  }

  request(command: string): Promise<unknown> {
    if (command === 'threads') return Promise.resolve({ threads: [{ id: 1, name: `Lambda (see ${this.handOff.debuggerName} session)` }] });
    return Promise.reject(debugErrors.badLaunch(`"${command}" is answered by ${this.handOff.debuggerName} session attached to this function.`));
  }

  mapLocation(file: string, line: number, column: number): { path: string; line: number; column: number } {
    return { path: file, line, column };
  }

  async dispose(): Promise<void> {
    this.env.shutdown();
    await whenDead(this.env);
  }
}
