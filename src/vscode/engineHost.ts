// Owns the workspace's one Emulator inside VS Code: started for the first folder with a SAM template,
// stopped with the extension. When another process (a second window, an old extension host, the CLI)
// holds the state directory, this window attaches to that engine and can take it over (issue 13).
import { synthesizeFirst } from './cdkSynth';
import * as vscode from 'vscode';
import { Emulator, type EmulatorOptions } from '../core/emulator';
import { WorkbenchError } from '../core/errors';
import { findTemplate, type Project } from '../core/project';
import { isHolderAlive, readLockHolder, type LockHolder } from '../core/state/stateLock';
import { settingIds } from './contributionIds';
import { describeProcess, engineAnswers, requestHandover, stopHolder, waitForRelease, type Attachment } from './engineAttachment';
import { runtimeInterpreters, showRuntimeDownloads } from './runtimeSettings';
import { registerSdkInstallProgress } from './sdkInstallProgress';
import { offerMissingParameters, registerParameterCommand, rememberedParameters } from './templateParameters';
import { getAccountConcurrency, getAsyncRetrySpeedup, getAuthentication, getEndpointPort, getHotReloadMode, getIdleEnvironmentLifetimeMs, getStateDirectory } from './settings';

/** The engine's options from the settings (issue 7). */
function engineOptions(workspaceDir: string): EmulatorOptions {
  return {
    workspaceDir,
    stateDir: getStateDirectory(workspaceDir),
    accountConcurrency: getAccountConcurrency(),
    idleTimeoutMs: getIdleEnvironmentLifetimeMs(),
    events: { retryDelayScale: 1 / getAsyncRetrySpeedup() },
    api: { port: getEndpointPort(), auth: getAuthentication() },
    interpreters: runtimeInterpreters(),
    reloadMode: getHotReloadMode(),
  };
}

/** Who runs the workspace's engine, from this window's point of view. */
export type EngineRole =
  | { readonly kind: 'starting' }
  | { readonly kind: 'owner'; readonly engine: Emulator }
  /** Another process owns it and answers: this window works through its endpoint. */
  | { readonly kind: 'attached'; readonly attachment: Attachment }
  /** Another process holds the state directory but its engine does not answer. */
  | { readonly kind: 'blocked'; readonly holder: LockHolder; readonly process: string; readonly stateDir: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface EngineHost {
  /** The engine this window owns, started on first use; while another process owns it, resolves once this window takes over. */
  getEngine(): Promise<Emulator>;
  /** The engine now, or an error naming the process that owns it (for commands that must answer at once). */
  engineNow(): Promise<Emulator>;
  readonly role: EngineRole;
  readonly onDidChangeRole: vscode.Event<EngineRole>;
  /** Owner: stops every environment and reloads the template. Otherwise: looks again, offering to take over. */
  restart(options?: TakeOverOptions): Promise<void>;
  /** Becomes the owner: asks the holder to hand over, or stops it when it does not answer (after asking). */
  takeOver(options?: TakeOverOptions): Promise<boolean>;
  /** Runs `bind` for each engine this window owns (now and after a take-over); its result undoes it. */
  forEachEngine(bind: (engine: Emulator) => () => void): vscode.Disposable;
  readonly output: vscode.LogOutputChannel;
}

/** Answers to the questions takeOver asks (tests, commands). */
export interface TakeOverOptions {
  readonly takeOver?: boolean;
  readonly stopUnresponsive?: boolean;
}

const NO_TEMPLATE = 'No SAM template (template.yaml, template.yml or template.json) or CDK app (cdk.json) in this workspace.';

export function registerEngine(context: vscode.ExtensionContext): EngineHost {
  const output = vscode.window.createOutputChannel('Lambda Workbench', { log: true });
  const roleChanged = new vscode.EventEmitter<EngineRole>();
  context.subscriptions.push(output, roleChanged);
  let role: EngineRole = { kind: 'starting' };
  const setRole = (r: EngineRole): void => {
    role = r;
    roleChanged.fire(r);
  };
  let starting: Promise<Emulator> | undefined;
  // getEngine() callers waiting while another process owns the engine.
  let waiting: { resolve: (e: Emulator) => void; promise: Promise<Emulator> } | undefined;
  const waitForOwnership = (): Promise<Emulator> => {
    if (!waiting) {
      let resolve: (e: Emulator) => void = () => undefined;
      const promise = new Promise<Emulator>((r) => (resolve = r));
      waiting = { resolve, promise };
    }
    return waiting.promise;
  };
  const askedParameters = new Set<string>();
  const logProblems = (project: Project | undefined): void => {
    const errors = project?.problems.filter((p) => p.severity === 'error') ?? [];
    for (const p of errors) output.error(`${p.file}:${p.range.start.line + 1}: ${p.message}`);
    if (errors.length) output.error(`The template has ${errors.length} error(s); functions with errors do not run until they are fixed.`);
  };

  const workspaceTemplate = async (): Promise<{ folder: string; templatePath: string }> => {
    const configured = vscode.workspace.getConfiguration(settingIds.section).get<string>(settingIds.template) || undefined;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // A CDK app opened before its first synth is synthesized now.
      const templatePath = (await findTemplate(folder.uri.fsPath, configured)) ?? (configured ? undefined : await synthesizeFirst(folder.uri.fsPath, output));
      if (templatePath) return { folder: folder.uri.fsPath, templatePath };
    }
    throw new Error(NO_TEMPLATE);
  };

  /** Starts this window's engine; throws StateLocked when another process holds the state directory. */
  const startOwn = async (folder: string, templatePath: string): Promise<Emulator> => {
    const engine = new Emulator({ ...engineOptions(folder), onHandover: () => void handOver(engine) });
    engine.on('warning', (m) => output.warn(m));
    // The hot reload setting applies to the running engine at once (no restart).
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${settingIds.section}.${settingIds.hotReload}`)) engine.invoker.reloadMode = getHotReloadMode();
    }));
    showRuntimeDownloads(engine);
    context.subscriptions.push(registerSdkInstallProgress(engine));
    context.subscriptions.push({ dispose: () => void engine.dispose() });
    const remembered = await rememberedParameters(context.secrets, templatePath);
    const sync = await engine.loadTemplate({ templatePath, watch: true, onOutput: (line) => output.info(line), ...(Object.keys(remembered).length ? { parameterOverrides: remembered } : {}) });
    // A notification: not awaited, so startup goes on; a failed reload is logged.
    void offerMissingParameters(context, engine, templatePath, askedParameters).catch((e: unknown) => output.warn(`Template parameters: ${e instanceof Error ? e.message : String(e)}`));
    logProblems(sync.project);
    // Every reload (the template is watched): its errors go to the output too.
    sync.on('loaded', logProblems);
    output.info(`Loaded ${engine.listFunctions().length} function(s) from ${templatePath}`);
    try {
      output.info(`Lambda and CloudWatch Logs endpoint: ${await engine.listen()} (engine of this window, pid ${process.pid})`);
    } catch (e) {
      output.error(`The endpoint did not start (${e instanceof Error ? e.message : String(e)}); check the ${settingIds.section}.${settingIds.endpointPort} setting.`);
    }
    setRole({ kind: 'owner', engine });
    waiting?.resolve(engine);
    waiting = undefined;
    return engine;
  };

  /** Another process holds the state directory: attach to it when it answers, else report it blocked. */
  const lookAtHolder = async (stateDir: string): Promise<'attached' | 'blocked' | 'free'> => {
    const holder = readLockHolder(stateDir);
    if (!holder || !isHolderAlive(holder)) return 'free';
    const who = describeProcess(holder);
    if (holder.endpoint && (await engineAnswers(holder.endpoint))) {
      output.info(`The state directory ${stateDir} is owned by ${who}: this window works through its engine at ${holder.endpoint}.`);
      setRole({ kind: 'attached', attachment: { holder, endpoint: holder.endpoint, process: who, stateDir } });
      return 'attached';
    }
    output.warn(`The state directory ${stateDir} is held by ${who}, whose engine ${holder.endpoint ? `at ${holder.endpoint} does not answer` : 'has no endpoint yet'}.`);
    setRole({ kind: 'blocked', holder, process: who, stateDir });
    return 'blocked';
  };

  const start = async (): Promise<Emulator> => {
    const { folder, templatePath } = await workspaceTemplate().catch((e: unknown) => {
      setRole({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      throw e;
    });
    const stateDir = getStateDirectory(folder);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await startOwn(folder, templatePath);
      } catch (e) {
        if (!(e instanceof WorkbenchError && e.code === 'StateLocked')) {
          const message = e instanceof Error ? e.message : String(e);
          output.error(`The Lambda engine did not start: ${message}`);
          setRole({ kind: 'failed', message });
          throw e;
        }
      }
      const seen = await lookAtHolder(stateDir);
      if (seen === 'blocked') void offerTakeOver();
      if (seen !== 'free') return waitForOwnership();
    }
    return waitForOwnership();
  };

  const getEngine = (): Promise<Emulator> => {
    starting ??= start();
    starting.catch(() => (starting = undefined));
    return starting;
  };

  const notOwnerMessage = (): string | undefined =>
    role.kind === 'attached'
      ? `This window works through the engine of ${role.attachment.process} at ${role.attachment.endpoint}. Use Lambda: Restart Engine to take it over.`
      : role.kind === 'blocked'
        ? `The state directory is held by ${role.process}, whose engine does not answer. Use Lambda: Restart Engine to take it over.`
        : undefined;
  const engineNow = (): Promise<Emulator> => {
    const owned = getEngine();
    // Rejects as soon as it is clear another process owns the engine (getEngine would wait).
    const elsewhere = new Promise<never>((_resolve, reject) => {
      const check = (): void => {
        const m = notOwnerMessage();
        if (m) reject(new Error(m));
      };
      const sub = roleChanged.event(check);
      const done = (): void => {
        sub.dispose();
      };
      owned.then(done, done);
      check();
    });
    return Promise.race([owned, elsewhere]);
  };

  /** Another window asked for the engine: stop it, then work through the new owner's. */
  const handOver = async (engine: Emulator): Promise<void> => {
    output.info('Another window or tool takes this engine over: stopping it here.');
    starting = waitForOwnership();
    setRole({ kind: 'starting' });
    await engine.dispose();
    const stateDir = engine.stateDir;
    // The new owner writes its endpoint into the lock once it listens.
    for (let i = 0; i < 300; i++) {
      const h = readLockHolder(stateDir);
      if (h?.endpoint && isHolderAlive(h) && h.pid !== process.pid && (await lookAtHolder(stateDir)) === 'attached') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await lookAtHolder(stateDir);
  };

  const takeOver = async (options: TakeOverOptions = {}): Promise<boolean> => {
    if (role.kind === 'owner') return true;
    const { folder, templatePath } = await workspaceTemplate();
    const stateDir = getStateDirectory(folder);
    if ((await lookAtHolder(stateDir)) !== 'free') {
      const current = role;
      let freed = current.kind === 'attached' && (await requestHandover(current.attachment.endpoint)) && (await waitForRelease(stateDir, 15_000));
      if (!freed && (current.kind === 'attached' || current.kind === 'blocked')) {
        const holder = current.kind === 'attached' ? current.attachment.holder : current.holder;
        const who = current.kind === 'attached' ? current.attachment.process : current.process;
        const stop =
          options.stopUnresponsive ??
          (await vscode.window.showWarningMessage(`Stop ${who} and take its Lambda Workbench engine over? It ${current.kind === 'attached' ? 'did not agree to hand it over' : 'does not answer'}.`, { modal: true }, 'Stop It and Take Over')) !== undefined;
        if (!stop) return false;
        output.warn(`Stopping ${who} to take the state directory ${stateDir} over.`);
        freed = await stopHolder(stateDir, holder);
      }
      if (!freed) {
        void vscode.window.showErrorMessage(`Lambda Workbench: the state directory ${stateDir} is still held; see the Lambda Workbench output.`);
        return false;
      }
    }
    try {
      starting = startOwn(folder, templatePath);
      await starting;
      output.info(`This window (pid ${process.pid}) now owns the engine.`);
      return true;
    } catch (e) {
      starting = undefined;
      output.error(`Taking the engine over failed: ${e instanceof Error ? e.message : String(e)}`);
      await lookAtHolder(stateDir);
      return false;
    }
  };

  const offerTakeOver = async (): Promise<void> => {
    if (role.kind !== 'blocked') return;
    const pick = await vscode.window.showWarningMessage(`Lambda Workbench: the state directory is held by ${role.process}, whose engine does not answer.`, 'Take Over', 'Show Output');
    if (pick === 'Take Over') await takeOver();
    else if (pick === 'Show Output') output.show();
  };

  const restart = async (options: TakeOverOptions = {}): Promise<void> => {
    if (role.kind === 'owner') {
      const engine = role.engine;
      const names = engine.listFunctions().map((e) => e.name);
      for (const n of names) engine.forceColdStart(n);
      const { templatePath } = await workspaceTemplate();
      const remembered = await rememberedParameters(context.secrets, templatePath);
      const sync = await engine.loadTemplate({ templatePath, watch: true, onOutput: (line) => output.info(line), ...(Object.keys(remembered).length ? { parameterOverrides: remembered } : {}) });
      logProblems(sync.project);
      sync.on('loaded', logProblems);
      output.info(`Restarted the engine: stopped the environments of ${names.length} function(s) and reloaded ${templatePath}.`);
      setRole({ kind: 'owner', engine });
      return;
    }
    if (role.kind === 'failed' || !starting) {
      starting = undefined;
      await getEngine().catch(() => undefined);
      return;
    }
    const { folder } = await workspaceTemplate();
    const seen = await lookAtHolder(getStateDirectory(folder));
    if (seen === 'free') {
      await takeOver(options);
      return;
    }
    const current = role as EngineRole;
    const who = current.kind === 'attached' ? current.attachment.process : current.kind === 'blocked' ? current.process : 'another process';
    const take =
      options.takeOver ??
      (await vscode.window.showInformationMessage(`The engine is owned by ${who}. Take it over in this window?`, 'Take Over', 'Keep Working Through It')) === 'Take Over';
    if (take) await takeOver(options);
  };

  const forEachEngine = (bind: (engine: Emulator) => () => void): vscode.Disposable => {
    let bound: { engine: Emulator; undo: () => void } | undefined;
    const apply = (engine: Emulator): void => {
      if (bound?.engine === engine) return;
      bound?.undo();
      bound = { engine, undo: bind(engine) };
    };
    const sub = roleChanged.event((r) => {
      if (r.kind === 'owner') apply(r.engine);
    });
    getEngine().then(apply, () => undefined);
    return new vscode.Disposable(() => (sub.dispose(), bound?.undo()));
  };

  registerParameterCommand(context, engineNow);
  return {
    forEachEngine,
    output,
    getEngine,
    engineNow,
    get role() {
      return role;
    },
    onDidChangeRole: roleChanged.event,
    restart,
    takeOver,
  };
}
