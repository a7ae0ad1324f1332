// F5 on Lambda handlers inside VS Code: the `lambda` debugger runs inline on the extension's engine
// (so the function tree and log views see the run), launch.json support, and "Invoke Again".
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../core/emulator';
import type { LambdaLaunchArguments } from '../../debugAdapter/launchArguments';
import { commandIds, debugType } from '../contributionIds';
import type { EngineHost } from '../engineHost';
import { registerAttachHandOff } from './attachHandOff';
import { LambdaConfigurationProvider } from './debugConfigurationProvider';

/** The shared engine for a launch, or undefined when the session must use its own (another template). */
export type SharedEngine = (args: LambdaLaunchArguments) => Promise<Emulator | undefined>;

/** Makes the DAP session (wired in extension.ts, which may import the debug adapter). */
export type DebugSessionFactory = (shared: SharedEngine) => vscode.DebugAdapter;

function sharedEngine(host: EngineHost): SharedEngine {
  return async (args) => {
    let engine: Emulator;
    try {
      // Another process owns the engine: the session runs on a private one (debugging needs it in-process).
      engine = await host.engineNow();
    } catch {
      return undefined;
    }
    if (!args.template) return engine;
    const wanted = path.resolve(args.cwd ?? '', args.template);
    return engine.project?.templatePath === wanted ? engine : undefined;
  };
}

async function invokeAgain(): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== debugType) {
    void vscode.window.showInformationMessage('Invoke Again works in a Lambda debug session: start one with F5 first.');
    return;
  }
  try {
    await session.customRequest('invoke', {});
  } catch (e) {
    void vscode.window.showErrorMessage(`Invoke Again: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Registers the `lambda` debugger: inline adapter, configuration provider, Invoke Again. */
export function registerDebugging(context: vscode.ExtensionContext, host: EngineHost, createSession: DebugSessionFactory): void {
  const shared = sharedEngine(host);
  const provider = new LambdaConfigurationProvider(host);
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory(debugType, {
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterInlineImplementation(createSession(shared)),
    }),
    vscode.debug.registerDebugConfigurationProvider(debugType, provider),
    vscode.debug.registerDebugConfigurationProvider(
      debugType,
      { provideDebugConfigurations: () => provider.provideDebugConfigurations() },
      vscode.DebugConfigurationProviderTriggerKind.Dynamic,
    ),
    vscode.commands.registerCommand(commandIds.debugInvokeAgain, invokeAgain),
    // Debug runs in the output channel, next to the invokes.
    vscode.debug.onDidStartDebugSession((s) => {
      if (s.type !== debugType) return;
      const c = s.configuration;
      host.output.info(`Debug session "${s.name}" started: ${typeof c.function === 'string' ? `function ${c.function}` : `handler ${String(c.handler)}`}${typeof c.qualifier === 'string' ? `:${c.qualifier}` : ''}`);
    }),
    vscode.debug.onDidTerminateDebugSession((s) => s.type === debugType && host.output.info(`Debug session "${s.name}" ended`)),
  );
  registerAttachHandOff(context);
}
