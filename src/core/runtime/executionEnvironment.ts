// One execution environment: a child process speaking the Runtime API to its own loopback server,
// with Lambda's lifecycle (init, one invocation at a time, warm reuse, reset after timeout/crash/OOM).
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { PausableStopwatch } from '../clock';
import type { FunctionConfig } from '../functionConfig';
import { EnvironmentLostError, INIT_TIMEOUT_MS, type EnvironmentOptions, type EnvironmentState, type Running } from './environmentTypes';
import { RELOAD_HEADER, reloadLogLine, type ReloadNote } from './hotReload';
import { errorTypeOf, platformErrors, type InvocationInput, type InvocationOutcome } from './invocation';
import type { LaunchSpec } from './launch';
import type { OutputLine } from './outputCapture';
import { platformLog, timeoutLogLine, type PlatformLog } from './platformLines';
import { extensionRoutes, ExtensionsHost, findExtensions } from './extensionsHost';
import { ephemeralStorageNotice } from './tmpUsage';
import { accepted, createRuntimeApiServer, nextHeaders, sendJson, type RuntimeApiHost } from './runtimeApi';
import { RuntimeProcess, type RuntimeProcessEvents } from './runtimeProcess';
import { receiveStream } from './streamedResponse';
import { runsFromSnapshot } from '../snapStart';
import { afterRestoreFailed, initReportLine, RESTORE_TIMEOUT_MS, restoreReportLine, restoreStartLine, restoreTimedOut, snapshotInitLimitMs } from './snapshotRestore';

export { EnvironmentLostError, INIT_TIMEOUT_MS, type EnvironmentOptions, type EnvironmentState } from './environmentTypes';

/** An execution environment; `invoke` runs one event at a time, cold the first time. */
export class ExecutionEnvironment extends EventEmitter {
  readonly id = randomBytes(16).toString('hex');
  readonly logStreamName: string;
  state: EnvironmentState = 'initializing';
  /** Held by an invocation through the pool (set between acquire and release). */
  inUse = false;
  private readonly server = createRuntimeApiServer(() => this.host);
  private proc: RuntimeProcess | undefined;
  private parkedNext: http.ServerResponse | undefined;
  private pending: { input: InvocationInput; resolve: (o: InvocationOutcome) => void; reject: (e: Error) => void } | undefined;
  /** Set once init completed: a later exit before the next /next loses no event (it is re-routed). */
  private initialized = false;
  /** Init overran 10 s and continues inside the first invocation's timeout. */
  private suppressedInit = false;
  private running: Running | undefined;
  private initStopwatch: PausableStopwatch | undefined;
  private initDurationMs: number | undefined;
  private initErrorBody: { body: Buffer; type: string } | undefined;
  private initLines: string[] = [];
  private exitInfo: { code: number | null; signal: string | null } | undefined;
  private tmpDir = '';
  private lastTmpCheck = -Infinity;
  private extensions: ExtensionsHost | undefined;
  private lastUsed: number;
  /** SnapStart: init ends at /restore/next (the snapshot); each cold start restores it. */
  readonly fromSnapshot: boolean;
  private parkedRestore: http.ServerResponse | undefined;
  private restoreStopwatch: PausableStopwatch | undefined;
  private restoreDurationMs: number | undefined;
  /** The configuration it runs; replaced only by `keepForReload` (a code-only change). */
  config: FunctionConfig;
  /** The function's code changed since this runtime loaded it (kept warm for a module reload). */
  staleCode = false;
  /** What the pool did for the next invocation after a change (told to the runtime and reported). */
  reloadNote: ReloadNote | undefined;
  private readonly platform: PlatformLog;

  constructor(private readonly options: EnvironmentOptions) {
    super();
    this.config = options.config;
    this.fromSnapshot = runsFromSnapshot(options.config);
    this.platform = platformLog(options.config.logging.logFormat, options.config.logging.systemLogLevel);
    const d = new Date(options.clock.now());
    const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
    this.logStreamName = `${day}/[${options.config.version}]${this.id}`;
    this.lastUsed = options.clock.monotonic();
    this.server.keepAliveTimeout = 0;
  }

  /** Milliseconds of monotonic time since the environment last finished work. */
  idleFor(): number {
    return this.state === 'idle' ? this.options.clock.monotonic() - this.lastUsed : 0;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Keeps this warm environment for `config`, whose code alone differs: the next invoke may reload the module. */
  keepForReload(config: FunctionConfig): void {
    this.config = config;
    this.staleCode = true;
  }

  /** Sets what the pool did for the coming invocation and writes it to the function's log. */
  announceReload(note: ReloadNote): void {
    this.reloadNote = note;
    this.emitLine({ timestamp: this.options.clock.now(), message: reloadLogLine(note) });
  }

  /** Spawns the runtime process; init starts at once (its first /next ends the init phase). Never rejects. */
  async start(): Promise<void> {
    try {
      const [, tmpDir] = await Promise.all([
        new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve)),
        fs.promises.mkdtemp(path.join(this.options.tmpRoot ?? os.tmpdir(), 'lambda-tmp-')),
      ]);
      this.tmpDir = tmpDir;
      const port = (this.server.address() as AddressInfo).port;
      const spec = await this.options.launch({
        runtimeApi: `127.0.0.1:${port}`,
        logStreamName: this.logStreamName,
        tmpDir: this.tmpDir,
        // Before INIT_START: what the engine did to prepare (e.g. installing the runtime's SDK once).
        note: (message) => this.emitLine({ timestamp: this.options.clock.now(), message: `${message}\n` }),
      });
      if (this.state === 'dead') return;
      this.beginInit();
      const extensions = findExtensions(this.config);
      if (extensions.length) {
        // Extension init comes first; the runtime starts once every extension has registered.
        this.extensions = new ExtensionsHost(this.config, (l) => this.emitLine(l));
        this.extensions.start(extensions, spec.env, spec.cwd);
        await this.extensions.registered();
        if ((this.state as EnvironmentState) === 'dead') return;
      }
      this.spawnRuntime(spec);
    } catch (e) {
      this.abort(e instanceof Error ? e.message : String(e));
    }
  }

  private beginInit(): void {
    this.emitPlatform(this.platform.initStart(this.config.runtime, this.fromSnapshot ? 'snap-start' : this.options.provisioned ? 'provisioned-concurrency' : 'on-demand'));
    this.initStopwatch = new PausableStopwatch(this.options.clock);
    this.initStopwatch.armWatchdog(this.fromSnapshot ? snapshotInitLimitMs(this.config.timeout) : INIT_TIMEOUT_MS, () => this.onInitTimeout());
  }

  private spawnRuntime(spec: LaunchSpec): void {
    const events: RuntimeProcessEvents = {
      onLine: (l) => {
        if (!this.options.interceptLine?.(l.message)) this.emitLine(l);
      },
      onExit: (code, signal, oom, spawnError) => this.onExit(code, signal, oom, spawnError),
    };
    // A parked standby (Node.js) skips the interpreter's own boot; the init phase is the function's.
    this.proc = this.options.standby?.take(spec, this.config.memorySize, events) ?? new RuntimeProcess(spec, this.config.memorySize, events);
    this.proc.watchMemory(true);
  }

  /** The environment could not even start (missing interpreter or bootstrap): fail like an invalid entrypoint. */
  private abort(reason: string): void {
    this.emitLine({ timestamp: this.options.clock.now(), message: `Error: the runtime could not be started: ${reason}\n` });
    if (this.pending) {
      const body = Buffer.from(JSON.stringify({ errorType: 'Runtime.InvalidEntrypoint', errorMessage: `RequestId: ${this.pending.input.requestId} Error: ${reason}` }));
      this.failPending(body, 'Runtime.InvalidEntrypoint', 'error');
    }
    this.markDead();
  }

  /**
   * Runs one invocation; resolves with the outcome (never rejects for function failures). Rejects with
   * EnvironmentLostError when a warm runtime exited before it took the event, so the caller can retry.
   */
  invoke(input: InvocationInput): Promise<InvocationOutcome> {
    return new Promise((resolve, reject) => {
      if (this.state === 'dead' || this.pending || this.running) {
        return reject(new EnvironmentLostError(`environment ${this.id} is not available (${this.state})`));
      }
      this.pending = { input, resolve, reject };
      if (this.state === 'idle') this.state = 'busy';
      else if (this.state === 'snapshot') this.beginRestore();
      if (this.parkedNext) this.deliver();
    });
  }

  /** Pauses the Lambda clock of the current phase (the debugger holds a breakpoint). */
  pauseClock(): void {
    (this.running?.stopwatch ?? this.initStopwatch)?.pause();
  }

  resumeClock(): void {
    (this.running?.stopwatch ?? this.initStopwatch)?.resume();
  }

  /** Milliseconds the current invocation's clock has been paused (for the debuggee's remaining time). */
  pausedMs(): number {
    return this.running?.stopwatch.paused() ?? 0;
  }

  /** Lambda-clock milliseconds left in the running invocation (what the context reports), if one runs. */
  remainingMs(): number | undefined {
    const r = this.running;
    return r && !r.finished ? this.config.timeout * 1000 - r.stopwatch.elapsed() : undefined;
  }

  /**
   * Ends the environment: kills the whole process group, then closes the Runtime API server. With
   * extensions, an idle environment first gets Lambda's graceful shutdown (SIGTERM to the runtime,
   * SHUTDOWN to extensions, at most 2 seconds).
   */
  shutdown(): void {
    if (this.state === 'dead' && !this.proc) return;
    const ext = this.extensions;
    if (ext?.count && this.state === 'idle' && this.proc && !this.exitInfo) {
      this.state = 'stopping';
      this.proc.terminate();
      void ext.shutdown('SPINDOWN', 2000).then(() => {
        this.kill();
        this.markDead();
      });
      return;
    }
    this.kill();
    this.markDead();
  }

  private readonly host: RuntimeApiHost = {
    next: (res) => {
      if (this.restoreStopwatch) this.finishRestore();
      if (this.running && !this.running.finished) {
        return sendJson(res, 403, {
          errorType: 'InvalidStateTransition',
          errorMessage: 'State transition from Running to Ready failed for runtime. Error: State transition is not allowed',
        });
      }
      this.parkedNext = res;
      if (this.state !== 'initializing') {
        if (this.pending) this.deliver();
      } else if (!this.extensions) {
        this.finishInit();
        if (this.pending) this.deliver();
      } else {
        // Init ends when the runtime and every extension wait for their next event.
        this.extensions.registrationOpen = false;
        void this.extensions.idle().then(() => {
          if (this.state !== 'initializing' || this.exitInfo) return;
          this.finishInit();
          if (this.pending) this.deliver();
        });
      }
    },
    response: (id, body, contentType, res) => {
      const r = this.running;
      if (!r || r.finished || r.input.requestId !== id) return sendJson(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
      accepted(res);
      this.complete(r, body, contentType ?? 'application/json', undefined);
    },
    responseTooLarge: (id, res) => {
      const r = this.running;
      if (!r || r.finished || r.input.requestId !== id) return sendJson(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
      sendJson(res, 413, { errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' });
      this.complete(r, platformErrors.responseTooLarge(), 'application/json', 'Function.ResponseSizeTooLarge');
    },
    streamResponse: (id, req, contentType, res) => {
      const r = this.running;
      if (!r || r.finished || r.input.requestId !== id) {
        req.resume();
        return sendJson(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
      }
      r.streamed = true;
      receiveStream(req, contentType ?? 'application/octet-stream', r.input.responseSink, {
        onOversize: (e) => this.complete(r, e.payload, e.contentType, e.errorType),
        onEnd: (e, oversize) => {
          if (oversize) sendJson(res, 413, { errorMessage: 'Exceeded maximum allowed payload size.', errorType: 'RequestEntityTooLarge' });
          else accepted(res);
          this.complete(r, e.payload, e.contentType, e.errorType);
        },
      });
    },
    error: (id, body, errorType, res) => {
      const r = this.running;
      if (!r || r.finished || r.input.requestId !== id) return sendJson(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
      accepted(res);
      this.complete(r, body, 'application/json', errorTypeOf(body, errorType));
    },
    initError: (body, errorType, res) => {
      if (this.state !== 'initializing') {
        return sendJson(res, 403, { errorType: 'InvalidStateTransition', errorMessage: 'State transition from Ready to InitError failed for runtime.' });
      }
      accepted(res);
      this.initErrorBody = { body, type: errorTypeOf(body, errorType) };
    },
    restoreNext: (res) => {
      if (!this.fromSnapshot || this.state !== 'initializing' || this.parkedRestore) {
        return sendJson(res, 403, { errorType: 'InvalidStateTransition', errorMessage: 'State transition from Ready to RestoreNext failed for runtime. Error: State transition is not allowed' });
      }
      this.takeSnapshot(res);
    },
    restoreError: (_body, _errorType, res) => {
      if (!this.restoreStopwatch) return sendJson(res, 403, { errorType: 'InvalidStateTransition', errorMessage: 'State transition from Running to RestoreError failed for runtime.' });
      accepted(res);
      this.failRestore(restoreReportLine(this.restoreStopwatch.elapsed(), 'error'), afterRestoreFailed());
    },
    ...extensionRoutes(() => this.extensions),
  };

  /** Init and the before-snapshot hooks are done: this environment is now the version's snapshot. */
  private takeSnapshot(res: http.ServerResponse): void {
    this.parkedRestore = res;
    this.initialized = true;
    const ms = this.initStopwatch?.elapsed() ?? 0;
    this.initStopwatch?.stop();
    this.initStopwatch = undefined;
    this.emitLine({ timestamp: this.options.clock.now(), message: initReportLine(ms) });
    // The init output belongs to the publish, not to the first invocation restored from it.
    this.initLines = [];
    this.state = 'snapshot';
    this.emit('snapshot');
    if (this.pending) this.beginRestore();
  }

  /** A cold start: the snapshot resumes (the runtime's /restore/next returns) and the after-restore hooks run. */
  private beginRestore(): void {
    const res = this.parkedRestore;
    if (!res) return;
    this.parkedRestore = undefined;
    this.state = 'busy';
    this.emitLine({ timestamp: this.options.clock.now(), message: restoreStartLine(this.config.runtime) });
    this.restoreStopwatch = new PausableStopwatch(this.options.clock);
    this.restoreStopwatch.armWatchdog(RESTORE_TIMEOUT_MS, () => this.failRestore(restoreReportLine(RESTORE_TIMEOUT_MS, 'timeout'), restoreTimedOut()));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 0 });
    res.end();
  }

  private finishRestore(): void {
    this.restoreDurationMs = this.restoreStopwatch?.elapsed();
    this.restoreStopwatch?.stop();
    this.restoreStopwatch = undefined;
    this.emitLine({ timestamp: this.options.clock.now(), message: restoreReportLine(this.restoreDurationMs ?? 0) });
  }

  /** The restore failed or overran: the waiting Invoke gets Lambda's error and the environment is torn down. */
  private failRestore(line: string, error: Error): void {
    this.restoreStopwatch?.stop();
    this.restoreStopwatch = undefined;
    this.emitLine({ timestamp: this.options.clock.now(), message: line });
    const p = this.pending;
    this.pending = undefined;
    this.kill();
    this.markDead();
    p?.reject(error);
  }

  private finishInit(): void {
    this.initialized = true;
    this.initDurationMs = this.options.provisioned ? undefined : this.initStopwatch?.elapsed();
    this.initStopwatch?.stop();
    this.initStopwatch = undefined;
    this.state = this.pending ? 'busy' : 'idle';
    this.lastUsed = this.options.clock.monotonic();
    this.emit('ready');
  }

  private deliver(): void {
    const p = this.pending;
    const res = this.parkedNext;
    if (!p || !res) return;
    this.pending = undefined;
    this.parkedNext = undefined;
    this.state = 'busy';
    const { input } = p;
    const reload = this.reloadNote;
    this.reloadNote = undefined;
    const startedAt = this.options.clock.now();
    const running: Running = {
      input,
      stopwatch: new PausableStopwatch(this.options.clock),
      startedAt,
      cold: this.initDurationMs !== undefined || this.restoreDurationMs !== undefined,
      lines: this.initLines,
      resolve: p.resolve,
      finished: false,
      ...(reload ? { reload } : {}),
    };
    this.initLines = [];
    this.running = running;
    this.emitPlatform(this.platform.start(input.requestId, this.config.version, input.tenantId), startedAt);
    const headers = nextHeaders(input, startedAt + this.config.timeout * 1000);
    if (reload?.action === 'reloaded') {
      headers[RELOAD_HEADER] = '1';
      this.staleCode = false;
    }
    res.writeHead(200, headers);
    res.end(input.payload);
    this.extensions?.invoke(input, startedAt + this.config.timeout * 1000);
    running.stopwatch.armWatchdog(this.config.timeout * 1000, () => this.onTimeout(running));
    this.proc?.watchMemory(true);
  }

  private complete(r: Running, payload: Buffer, contentType: string, errorType: string | undefined, status?: string): void {
    if (r.finished) return;
    r.finished = true;
    r.stopwatch.stop();
    const durationMs = r.stopwatch.elapsed();
    const initDurationMs = r.cold ? this.initDurationMs : undefined;
    const restoreDurationMs = r.cold ? this.restoreDurationMs : undefined;
    // Output written before the response may still sit in the pipes: let it drain before END/REPORT.
    // Extensions still processing the event extend the invocation (and keep the environment busy).
    const afterExtensions = (fn: () => void): void => {
      if (this.extensions?.count && !this.exitInfo) void this.extensions.idle().then(() => setImmediate(fn));
      else setImmediate(fn);
    };
    afterExtensions(() => {
      const maxMemoryUsedMb = this.proc?.maxMemoryUsedMb(r.cold) ?? 1;
      const now = this.options.clock.now();
      this.emitPlatform(this.platform.end(r.input.requestId), now);
      const figures = { durationMs, memorySizeMb: this.config.memorySize, maxMemoryUsedMb, initDurationMs, restoreDurationMs, tenantId: r.input.tenantId };
      const report = status ? { ...figures, status, ...(errorType && status === 'error' ? { errorType } : {}) } : figures;
      this.emitPlatform(this.platform.report(r.input.requestId, report), now);
      if (this.running === r) this.running = undefined;
      if (this.state === 'busy' && !this.running) {
        this.state = this.pending ? 'busy' : 'idle';
        this.lastUsed = this.options.clock.monotonic();
        this.proc?.watchMemory(false);
      }
      if (initDurationMs !== undefined) this.initDurationMs = undefined;
      if (restoreDurationMs !== undefined) this.restoreDurationMs = undefined;
      if (r.cold) this.options.standby?.replenish();
      r.resolve({
        requestId: r.input.requestId,
        payload,
        contentType,
        errorType,
        durationMs,
        billedDurationMs: Math.max(1, Math.ceil(durationMs)),
        initDurationMs,
        ...(restoreDurationMs !== undefined ? { restoreDurationMs } : {}),
        maxMemoryUsedMb,
        logLines: r.lines,
        coldStart: r.cold,
        environmentId: this.id,
        logStreamName: this.logStreamName,
        executedVersion: this.config.version,
        startedAt: r.startedAt,
        ...(r.streamed ? { streamed: true } : {}),
        ...(r.reload ? { reload: r.reload } : {}),
      });
      this.emit('completed');
      this.checkTmpUsage();
    });
  }

  private onTimeout(r: Running): void {
    this.kill();
    this.emitLine({ timestamp: this.options.clock.now(), message: timeoutLogLine(this.options.clock.now(), r.input.requestId, r.stopwatch.elapsed()) });
    this.complete(r, platformErrors.timeout(r.input.requestId, this.config.timeout), 'application/json', 'Sandbox.Timedout', 'timeout');
    this.markDead();
  }

  /**
   * The 10-second init limit passed. With an event waiting, Lambda continues ("suppressed init") as part
   * of the invocation, bounded by the function timeout; without one the environment is discarded.
   */
  private onInitTimeout(): void {
    if (this.state !== 'initializing') return;
    const waiting = this.pending;
    this.emitLine({ timestamp: this.options.clock.now(), message: `INIT_REPORT Init Duration: ${INIT_TIMEOUT_MS.toFixed(2)} ms\tPhase: init\tStatus: timeout\n` });
    if (waiting && !this.suppressedInit) {
      this.suppressedInit = true;
      const stopwatch = new PausableStopwatch(this.options.clock);
      this.initStopwatch = stopwatch;
      stopwatch.armWatchdog(this.config.timeout * 1000, () => this.onInitTimeout());
      return;
    }
    this.kill();
    const seconds = this.suppressedInit ? this.config.timeout : INIT_TIMEOUT_MS / 1000;
    this.failPending(platformErrors.timeout(waiting?.input.requestId ?? '', seconds), 'Sandbox.Timedout', 'timeout');
    this.markDead();
  }

  private onExit(code: number | null, signal: string | null, oom: boolean, spawnError?: string): void {
    if (this.exitInfo) return;
    this.exitInfo = { code, signal };
    // During a graceful shutdown the runtime exits on SIGTERM first; extensions keep their grace
    // period to handle SHUTDOWN, and shutdown() kills them and marks the environment dead after it.
    if (this.state === 'stopping') return;
    this.extensions?.kill();
    if (spawnError) this.emitLine({ timestamp: this.options.clock.now(), message: `Error: cannot start the runtime: ${spawnError}\n` });
    // Let the last output arrive before the outcome is written.
    setImmediate(() => {
      const r = this.running;
      if (this.restoreStopwatch) return this.failRestore(restoreReportLine(this.restoreStopwatch.elapsed(), 'error'), afterRestoreFailed());
      if (r && !r.finished) {
        const id = r.input.requestId;
        const body = oom ? platformErrors.outOfMemory(id) : platformErrors.exit(id, code, signal);
        this.complete(r, body, 'application/json', oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError', 'error');
      } else if (this.pending && this.initialized && !this.initErrorBody) {
        const p = this.pending;
        this.pending = undefined;
        p.reject(new EnvironmentLostError(`the runtime exited before taking the event (${signal ?? `exit status ${code}`})`));
      } else if (this.pending) {
        if (this.initErrorBody) this.failPending(this.initErrorBody.body, this.initErrorBody.type, 'error');
        else {
          const id = this.pending.input.requestId;
          const body = oom ? platformErrors.outOfMemory(id) : platformErrors.exit(id, code, signal);
          this.failPending(body, oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError', 'error');
        }
      }
      this.markDead();
    });
  }

  /** Fails an invocation that never reached the runtime (init failed): START, END and REPORT still appear. */
  private failPending(body: Buffer, errorType: string, status: string): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const stopwatch = new PausableStopwatch(this.options.clock);
    const reload = this.reloadNote;
    this.reloadNote = undefined;
    const r: Running = { input: p.input, stopwatch, startedAt: this.options.clock.now(), cold: true, lines: this.initLines, resolve: p.resolve, finished: false, ...(reload ? { reload } : {}) };
    this.initLines = [];
    this.initDurationMs = this.initStopwatch?.elapsed() ?? this.initDurationMs;
    this.initStopwatch?.stop();
    this.running = r;
    this.emitPlatform(this.platform.start(p.input.requestId, this.config.version, p.input.tenantId), r.startedAt);
    this.complete(r, body, 'application/json', errorType, status);
  }

  /** EphemeralStorage: an environment whose /tmp outgrew the limit is reset (see tmpUsage.ts). */
  private checkTmpUsage(): void {
    const now = this.options.clock.monotonic();
    if (!this.tmpDir || now - this.lastTmpCheck < 1000) return;
    this.lastTmpCheck = now;
    void ephemeralStorageNotice(this.tmpDir, this.config.ephemeralStorage).then((notice) => {
      if (!notice || this.state === 'dead') return;
      this.emitLine({ timestamp: this.options.clock.now(), message: notice });
      if (this.state === 'idle') this.shutdown();
      else this.once('completed', () => this.shutdown());
    });
  }

  private kill(): void {
    this.proc?.kill();
    this.extensions?.kill();
  }

  private markDead(): void {
    if (this.state === 'dead') return;
    if (this.fromSnapshot && !this.initialized) this.emit('snapshotFailed', this.initErrorBody ? snapshotFailure(this.initErrorBody) : `the runtime exited during init (${this.exitInfo?.signal ?? `exit status ${this.exitInfo?.code ?? 'unknown'}`})`);
    this.state = 'dead';
    this.proc?.watchMemory(false);
    this.initStopwatch?.stop();
    if (this.proc && !this.exitInfo) this.kill();
    this.parkedNext?.destroy();
    this.parkedNext = undefined;
    this.parkedRestore?.destroy();
    this.parkedRestore = undefined;
    this.server.closeAllConnections();
    this.server.close();
    this.options.standby?.replenish();
    const tmp = this.tmpDir;
    if (tmp) fs.promises.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    this.emit('dead');
  }

  private emitPlatform(message: string | undefined, timestamp = this.options.clock.now()): void {
    if (message !== undefined) this.emitLine({ timestamp, message });
  }

  private emitLine(line: OutputLine): void {
    if (this.options.quietInit && this.state === 'initializing') return;
    (this.running ? this.running.lines : this.initLines).push(line.message);
    const requestId = this.running?.input.requestId;
    this.options.logSink.append(this.config.logging.logGroup, this.logStreamName, {
      timestamp: line.timestamp,
      message: line.message,
      ...(requestId ? { requestId } : {}),
      ...(line.callSite ? { callSite: line.callSite } : {}),
    });
  }

}

/** `errorType: errorMessage` of an init error body (a SnapStart version's StateReason). */
function snapshotFailure(e: { body: Buffer; type: string }): string {
  try {
    const v = JSON.parse(e.body.toString('utf8')) as { errorMessage?: unknown };
    return typeof v.errorMessage === 'string' ? `${e.type}: ${v.errorMessage}` : e.type;
  } catch {
    return e.type;
  }
}
