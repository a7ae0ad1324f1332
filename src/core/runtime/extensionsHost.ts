// External extensions (executables in a layer's `extensions/` folder, Lambda's /opt/extensions) and the
// Extensions API (fidelity 1.3): registration, INVOKE and SHUTDOWN events, init and shutdown phases.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import type { FunctionConfig } from '../functionConfig';
import type { InvocationInput } from './invocation';
import { captureLines, type OutputLine } from './outputCapture';
import { ENGINE_MARKER, HIDDEN_TMPDIR, killGroup } from './processTree';
import { sendJson, type RuntimeApiHost } from './runtimeApi';

type EventType = 'INVOKE' | 'SHUTDOWN';

interface Extension {
  readonly name: string;
  readonly process: ChildProcess;
  id?: string;
  events: Set<EventType>;
  parked?: http.ServerResponse;
  queue: object[];
  /** Waiting in /event/next: done with init or with the last event. */
  ready: boolean;
  exited: boolean;
}

/** Executables found in the layers' `extensions/` folders, in name order like Lambda. */
export function findExtensions(config: FunctionConfig): string[] {
  const found: string[] = [];
  for (const layer of config.layers) {
    const dir = path.join(layer.contentDir, 'extensions');
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) found.push(file);
      } catch {
        // not executable: Lambda ignores it too
      }
    }
  }
  return found;
}

/** Extensions of one execution environment. `changed` fires whenever one becomes ready or exits. */
export class ExtensionsHost {
  private readonly extensions: Extension[] = [];
  private waiters: (() => void)[] = [];
  registrationOpen = true;

  constructor(private readonly config: FunctionConfig, private readonly onLine: (line: OutputLine) => void) {}

  get count(): number {
    return this.extensions.length;
  }

  /** Starts the extension executables with the environment's variables (minus `_`-prefixed ones). */
  start(files: readonly string[], env: Readonly<Record<string, string>>, cwd: string): void {
    const extEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('_') || k === ENGINE_MARKER));
    // Extensions share the function's /tmp; executables we do not start ourselves only see it as TMPDIR.
    if (env[HIDDEN_TMPDIR]) extEnv.TMPDIR = env[HIDDEN_TMPDIR];
    for (const file of files) {
      const child = spawn(file, [], { cwd, env: extEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const ext: Extension = { name: path.basename(file), process: child, events: new Set(), queue: [], ready: false, exited: false };
      child.on('error', () => this.exited(ext));
      child.on('exit', () => this.exited(ext));
      captureLines(child.stdout, this.onLine);
      captureLines(child.stderr, this.onLine);
      this.extensions.push(ext);
    }
  }

  /** Resolves when every live extension has registered. */
  registered(): Promise<void> {
    return this.until(() => this.extensions.every((e) => e.exited || e.id !== undefined));
  }

  /** Resolves when every live extension waits in /event/next (init done, or done with an event). */
  idle(): Promise<void> {
    return this.until(() => this.extensions.every((e) => e.exited || e.ready));
  }

  register(name: string, body: Buffer, res: http.ServerResponse): void {
    if (!this.registrationOpen) return sendJson(res, 403, { errorMessage: 'Registration is closed', errorType: 'Extension.RegistrationClosed' });
    const ext = this.extensions.find((e) => e.name === name && e.id === undefined);
    if (!ext) return sendJson(res, 403, { errorMessage: `Unknown extension name ${name}: it must be the executable's file name`, errorType: 'Extension.RegistrationClosed' });
    let events: unknown;
    try {
      events = (JSON.parse(body.toString('utf8') || '{}') as { events?: unknown }).events ?? [];
    } catch {
      return sendJson(res, 400, { errorMessage: 'Invalid request body', errorType: 'InvalidRequestFormat' });
    }
    if (!Array.isArray(events) || events.some((e) => e !== 'INVOKE' && e !== 'SHUTDOWN')) {
      return sendJson(res, 400, { errorMessage: 'Invalid event type in the events list', errorType: 'Extension.InvalidEventType' });
    }
    ext.id = randomUUID();
    ext.events = new Set(events as EventType[]);
    sendJson(res, 200, { functionName: this.config.functionName, functionVersion: this.config.version, handler: this.config.handler }, { 'Lambda-Extension-Identifier': ext.id });
    this.notify();
  }

  next(id: string | undefined, res: http.ServerResponse): void {
    const ext = this.byId(id, res);
    if (!ext) return;
    ext.parked = res;
    ext.ready = true;
    this.flush(ext);
    this.notify();
  }

  error(id: string | undefined, errorType: string | undefined, res: http.ServerResponse): void {
    const ext = this.byId(id, res);
    if (!ext) return;
    if (!errorType) return sendJson(res, 400, { errorMessage: 'Missing Lambda-Extension-Function-Error-Type header', errorType: 'Extension.MissingHeader' });
    sendJson(res, 202, { status: 'OK' });
  }

  /** Sends INVOKE to every extension that subscribed to it. */
  invoke(input: InvocationInput, deadlineMs: number): void {
    for (const ext of this.extensions) {
      if (ext.exited || !ext.events.has('INVOKE')) continue;
      ext.ready = false;
      ext.queue.push({
        eventType: 'INVOKE',
        deadlineMs,
        requestId: input.requestId,
        invokedFunctionArn: input.invokedFunctionArn,
        tracing: { type: 'X-Amzn-Trace-Id', value: input.traceId ?? '' },
      });
      this.flush(ext);
    }
  }

  /** Sends SHUTDOWN, waits up to `graceMs` for the extensions to finish, then kills them. */
  async shutdown(reason: 'SPINDOWN' | 'TIMEOUT' | 'FAILURE', graceMs: number): Promise<void> {
    const deadlineMs = Date.now() + graceMs;
    for (const ext of this.extensions) {
      if (ext.exited || !ext.events.has('SHUTDOWN')) continue;
      ext.ready = false;
      ext.queue.push({ eventType: 'SHUTDOWN', shutdownReason: reason, deadlineMs });
      this.flush(ext);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    this.kill();
  }

  kill(): void {
    for (const ext of this.extensions) {
      ext.parked?.destroy();
      if (ext.process.pid && !ext.exited) killGroup(ext.process.pid);
    }
  }

  private byId(id: string | undefined, res: http.ServerResponse): Extension | undefined {
    if (!id) {
      sendJson(res, 403, { errorMessage: 'Missing Lambda-Extension-Identifier header', errorType: 'Extension.MissingExtensionIdentifier' });
      return undefined;
    }
    const ext = this.extensions.find((e) => e.id === id);
    if (!ext) sendJson(res, 403, { errorMessage: 'Invalid Lambda-Extension-Identifier', errorType: 'Extension.InvalidExtensionIdentifier' });
    return ext;
  }

  private flush(ext: Extension): void {
    const event = ext.queue[0];
    const res = ext.parked;
    if (!event || !res) return;
    ext.queue.shift();
    ext.parked = undefined;
    ext.ready = false;
    sendJson(res, 200, event, { 'Lambda-Extension-Event-Identifier': randomUUID() });
  }

  private exited(ext: Extension): void {
    ext.exited = true;
    if (ext.process.pid) killGroup(ext.process.pid);
    this.notify();
  }

  private until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (condition()) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** The Extensions API routes of an environment; without extensions, registration is closed. */
export function extensionRoutes(host: () => ExtensionsHost | undefined): Pick<RuntimeApiHost, 'extensionRegister' | 'extensionNext' | 'extensionError'> {
  const invalidId = (res: http.ServerResponse): void =>
    sendJson(res, 403, { errorType: 'Extension.InvalidExtensionIdentifier', errorMessage: 'Invalid Lambda-Extension-Identifier' });
  return {
    extensionRegister: (name, body, res) => {
      const h = host();
      if (h) h.register(name, body, res);
      else sendJson(res, 403, { errorType: 'Extension.RegistrationClosed', errorMessage: 'Registration is closed' });
    },
    extensionNext: (id, res) => {
      const h = host();
      if (h) h.next(id, res);
      else invalidId(res);
    },
    extensionError: (id, _phase, type, res) => {
      const h = host();
      if (h) h.error(id, type, res);
      else invalidId(res);
    },
  };
}
