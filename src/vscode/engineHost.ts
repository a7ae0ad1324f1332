// Owns the workspace's one Emulator inside VS Code: started for the first folder with a SAM template,
// stopped with the extension. Other features get it from here.
import { synthesizeFirst } from './cdkSynth';
import * as vscode from 'vscode';
import { Emulator, type EmulatorOptions } from '../core/emulator';
import { findTemplate } from '../core/project';
import { settingIds } from './contributionIds';
import { runtimeInterpreters, showRuntimeDownloads } from './runtimeSettings';
import { registerSdkInstallProgress } from './sdkInstallProgress';
import { offerMissingParameters, registerParameterCommand, rememberedParameters } from './templateParameters';
import { getAccountConcurrency, getAsyncRetrySpeedup, getAuthentication, getEndpointPort, getIdleEnvironmentLifetimeMs, getStateDirectory } from './settings';

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
  };
}

export interface EngineHost {
  /** The running engine, started on first use. */
  getEngine(): Promise<Emulator>;
  readonly output: vscode.LogOutputChannel;
}

export function registerEngine(context: vscode.ExtensionContext): EngineHost {
  const output = vscode.window.createOutputChannel('Lambda Workbench', { log: true });
  context.subscriptions.push(output);
  let starting: Promise<Emulator> | undefined;
  const askedParameters = new Set<string>();
  const start = async (): Promise<Emulator> => {
    const configured = vscode.workspace.getConfiguration(settingIds.section).get<string>(settingIds.template) || undefined;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // A CDK app opened before its first synth is synthesized now.
      const templatePath = (await findTemplate(folder.uri.fsPath, configured)) ?? (configured ? undefined : await synthesizeFirst(folder.uri.fsPath, output));
      if (!templatePath) continue;
      const engine = new Emulator(engineOptions(folder.uri.fsPath));
      engine.on('warning', (m) => output.warn(m));
      showRuntimeDownloads(engine);
      context.subscriptions.push(registerSdkInstallProgress(engine));
      context.subscriptions.push({ dispose: () => void engine.dispose() });
      const remembered = await rememberedParameters(context.secrets, templatePath);
      const sync = await engine.loadTemplate({ templatePath, watch: true, onOutput: (line) => output.info(line), ...(Object.keys(remembered).length ? { parameterOverrides: remembered } : {}) });
      // A notification: not awaited, so startup goes on; a failed reload is logged.
      void offerMissingParameters(context, engine, templatePath, askedParameters).catch((e: unknown) => output.warn(`Template parameters: ${e instanceof Error ? e.message : String(e)}`));
      for (const p of sync.project?.problems ?? []) if (p.severity === 'error') output.error(`${p.file}:${p.range.start.line + 1}: ${p.message}`);
      output.info(`Loaded ${engine.listFunctions().length} function(s) from ${templatePath}`);
      try {
        output.info(`Lambda and CloudWatch Logs endpoint: ${await engine.listen()}`);
      } catch (e) {
        output.error(`The endpoint did not start (${e instanceof Error ? e.message : String(e)}); check the ${settingIds.section}.${settingIds.endpointPort} setting.`);
      }
      return engine;
    }
    throw new Error('No SAM template (template.yaml, template.yml or template.json) or CDK app (cdk.json) in this workspace.');
  };
  const getEngine = (): Promise<Emulator> => {
    starting ??= start();
    starting.catch(() => (starting = undefined));
    return starting;
  };
  registerParameterCommand(context, getEngine);
  return { output, getEngine };
}
