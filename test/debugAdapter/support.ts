// Shared helpers of the debug adapter tests: the bundled adapter under DebugClient, fixture copies in a
// temporary workspace, marked lines, and the check that a session leaves no process behind.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { findEngineProcesses } from '../support/processes';
import { waitFor } from '../support/wait';

export const adapterPath = path.resolve(__dirname, '../../dist/debugAdapter.js');
const fixtures = path.join(__dirname, 'fixtures');

/** A copy of the fixtures in a fresh temporary directory (so builds and logs stay out of the repo). */
export function makeWorkspace(): string {
  if (!fs.existsSync(adapterPath)) throw new Error('dist/debugAdapter.js is missing: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-debug-'));
  fs.cpSync(fixtures, dir, { recursive: true });
  return dir;
}

/** 1-based line of the `@bp:<name>` marker in a file. */
export function lineOf(file: string, name: string): number {
  const at = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(`@bp:${name}`) && new RegExp(`@bp:${name}(\\s|$)`).test(l));
  if (at < 0) throw new Error(`no @bp:${name} in ${file}`);
  return at + 1;
}

/** The adapter process behind a DebugClient started over stdio. */
export function adapterProcess(dc: DebugClient): ChildProcess {
  return (dc as unknown as { _adapterProcess: ChildProcess })._adapterProcess;
}

/** Starts the bundled adapter over stdio. */
export async function startClient(): Promise<DebugClient> {
  const dc = new DebugClient(process.execPath, adapterPath, 'lambda', { stdio: ['pipe', 'pipe', 'pipe'] });
  dc.defaultTimeout = 20_000;
  await dc.start();
  return dc;
}

/** Collects every output event (text only) so tests can wait for lines that may already have come. */
export class OutputLog {
  readonly events: DebugProtocol.OutputEvent[] = [];
  private waiters: (() => void)[] = [];

  constructor(dc: DebugClient) {
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      this.events.push(e);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  get text(): string {
    return this.events.map((e) => e.body.output).join('');
  }

  /** Resolves with the first output event matching `re` (already received or future). */
  async waitFor(re: RegExp, ms = 20_000): Promise<DebugProtocol.OutputEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.find((e) => re.test(e.body.output));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no output matching ${re} in:\n${this.text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Breakpoints to set during configuration. */
export interface BreakpointSpec {
  readonly path: string;
  readonly breakpoints: DebugProtocol.SourceBreakpoint[];
}

/**
 * initialize + launch + breakpoints + configurationDone, the way VS Code does it. Resolves with the
 * setBreakpoints responses once the launch request succeeded.
 */
export async function launch(dc: DebugClient, args: object, breakpoints: BreakpointSpec[] = [], exceptionFilters: string[] = []): Promise<DebugProtocol.Breakpoint[][]> {
  await dc.initializeRequest({ adapterID: 'lambda', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const initialized = dc.waitForEvent('initialized');
  const launched = dc.launchRequest(args);
  launched.catch(() => undefined);
  await Promise.race([initialized, launched]);
  const results: DebugProtocol.Breakpoint[][] = [];
  for (const spec of breakpoints) {
    const r = await dc.setBreakpointsRequest({ source: { path: spec.path }, breakpoints: spec.breakpoints });
    results.push(r.body.breakpoints);
  }
  await dc.setExceptionBreakpointsRequest({ filters: exceptionFilters });
  await dc.configurationDoneRequest();
  await launched;
  return results;
}

/** The next stopped event, with the top frame. */
export async function stopped(dc: DebugClient, wait: Promise<DebugProtocol.Event> = dc.waitForEvent('stopped')): Promise<{ event: DebugProtocol.StoppedEvent; frames: DebugProtocol.StackFrame[] }> {
  const event = (await wait) as DebugProtocol.StoppedEvent;
  const trace = await dc.stackTraceRequest({ threadId: event.body.threadId ?? 1 });
  return { event, frames: trace.body.stackFrames };
}

/** Variables of a scope or object, by name. */
export async function variablesOf(dc: DebugClient, ref: number): Promise<Map<string, DebugProtocol.Variable>> {
  const r = await dc.variablesRequest({ variablesReference: ref });
  return new Map(r.body.variables.map((v) => [v.name, v]));
}

/** The named scope of a frame. */
export async function scope(dc: DebugClient, frameId: number, name: string): Promise<DebugProtocol.Scope> {
  const scopes = (await dc.scopesRequest({ frameId })).body.scopes;
  const found = scopes.find((s) => s.name === name);
  assert.ok(found, `no ${name} scope in ${scopes.map((s) => s.name).join(', ')}`);
  return found;
}

/**
 * The hooks every adapter suite needs: one fixture workspace for the suite (removed after it) and a
 * fresh adapter per test (finished after it, leaving no process behind).
 */
export function useAdapterSessions(setWorkspace: (ws: string) => void, setClient: (dc: DebugClient) => void): void {
  let ws = '';
  let dc: DebugClient | undefined;
  before(() => setWorkspace((ws = makeWorkspace())));
  after(() => fs.rmSync(ws, { recursive: true, force: true }));
  beforeEach(async () => setClient((dc = await startClient())));
  afterEach(async () => {
    if (dc) await finish(dc);
  });
}

/** Disconnects; the adapter (stdio) must then exit and leave none of its processes behind. */
export async function finish(dc: DebugClient): Promise<void> {
  const child = adapterProcess(dc);
  const pid = child.pid as number;
  const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await dc.disconnectRequest({ terminateDebuggee: true });
    const left = findEngineProcesses(pid);
    await waitFor(() => findEngineProcesses(pid).length === 0, 5000, () => `processes left behind by the session: ${left.join(', ')}`);
    await withTimeout(exited, 5000, 'the adapter did not exit after disconnect');
  } finally {
    // Not dc.stop(): it sends a second disconnect, which an adapter that already exited never answers.
    (dc as unknown as { stopAdapter(): void }).stopAdapter();
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

/** Waits for the custom event the adapter sends when an invocation finished. */
export async function invocationResult(dc: DebugClient, wait: Promise<DebugProtocol.Event> = dc.waitForEvent('lambdaInvocation')): Promise<{ payload: string; errorType?: string; requestId: string }> {
  return (await wait).body as { payload: string; errorType?: string; requestId: string };
}
