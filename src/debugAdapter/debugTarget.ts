// What the session needs from a language's debuggee (Node through the inspector, Python through
// debugpy): breakpoints before init, letting init run, entry stops, and the debugging requests.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Emulator } from '../core/emulator';
import type { FunctionConfig } from '../core/functionConfig';
import type { ExecutionEnvironment } from '../core/runtime/executionEnvironment';

/** The Lambda clock as a target drives it: paused while the debuggee is stopped. */
export interface StopClock {
  pause(): void;
  resume(): void;
}

/** Where a target reports to the session. */
export interface TargetSink {
  /** DAP events to forward (stopped, breakpoint, output, loadedSource...). */
  event(event: DebugProtocol.Event): void;
  /** The debuggee is gone (its environment ended, or the debugger connection closed). */
  ended(): void;
}

/** Everything a target needs to start its debuggee. */
export interface TargetOptions {
  readonly engine: Emulator;
  readonly config: FunctionConfig;
  /** Variables the environment must start with (the clock endpoint). */
  readonly extraEnv: Readonly<Record<string, string>>;
  readonly clock: StopClock;
  /** Stop at the first line of module-scope code during init. */
  readonly breakInInit: boolean;
  /** Stable DAP ids for breakpoints, so a restarted debuggee updates the same ones. */
  readonly breakpointId: (source: string, bp: DebugProtocol.SourceBreakpoint) => number;
  readonly sink: TargetSink;
}

/** One debuggee: an execution environment under a language debugger. */
export interface DebugTarget {
  readonly env: ExecutionEnvironment;
  /** Whether the runtime keeps a live copy of the clock (Node) that must confirm each reset. */
  readonly watchesClock: boolean;
  setBreakpoints(source: string, breakpoints: readonly DebugProtocol.SourceBreakpoint[]): Promise<DebugProtocol.Breakpoint[]>;
  /** `all` and/or `uncaught`. */
  setExceptionFilters(filters: readonly string[]): Promise<void>;
  /** Lets the runtime start: init runs with the breakpoints set so far. */
  run(): Promise<void>;
  /** The next invocation stops at the handler's first line. */
  armHandlerEntry(): Promise<void>;
  /** Answers threads, stackTrace, scopes, variables, evaluate, stepping and the other inspection requests. */
  request(command: string, args: unknown): Promise<unknown>;
  /** Where a log call site (as the runtime recorded it) is in the sources the user edits. */
  mapLocation(file: string, line: number, column: number): { readonly path: string; readonly line: number; readonly column: number };
  /** Disconnects and ends the environment. */
  dispose(): Promise<void>;
}

/** Resolves when the environment ends (or at once if it already has). */
export function whenDead(env: ExecutionEnvironment): Promise<void> {
  return env.state === 'dead' ? Promise.resolve() : new Promise((resolve) => env.once('dead', () => resolve()));
}
