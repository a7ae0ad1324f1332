// VS Code entry: builds the one engine for the workspace and registers each feature. Wiring only.
import type * as vscode from 'vscode';
import { defaultPartition } from './core/arn';
import { registerEngine, type EngineHost } from './vscode/engineHost';
import { registerInlineLogs } from './vscode/inlineLogs/registerInlineLogs';
import { BackendSet } from './vscode/backends/backendSet';
import { registerCodeLens } from './vscode/codeLens/registerCodeLens';
import { registerFunctionExplorer, type FunctionExplorerHandle } from './vscode/functionExplorer/registerFunctionExplorer';
import type { InvokeResults } from './vscode/invoke/invokeResults';
import { registerInvoke } from './vscode/invoke/registerInvoke';
import { registerCompare } from './vscode/invoke/registerCompare';
import { coreSampleEvents } from './vscode/invoke/sampleEvents';
import { registerLanguageClient, type LanguageClientHandle } from './vscode/languageClient/registerLanguageClient';
import { registerStatusBar } from './vscode/statusBar';
import { registerBuildProgress } from './vscode/buildProgress';
import { registerCdkSynth } from './vscode/cdkSynth';
import { registerHttpApi } from './vscode/httpApi';
import { registerLogPanel } from './vscode/logPanel/registerLogPanel';
import { registerDebugging } from './vscode/debugging/registerDebugging';
import { registerStartWithoutLaunchJson, type F5Handle } from './vscode/debugging/startWithoutLaunchJson';
import { sharedOrStandalone } from './debugAdapter/engineLease';
import { LambdaDebugSession } from './debugAdapter/session';
import { registerLanguageModelTools } from './vscode/agents/languageModelTools';
import { registerDeploy } from './vscode/deploy/registerDeploy';
import { registerMcpServer } from './vscode/agents/registerMcpServer';

/** What activate() returns: the features' handles, for the end-to-end tests and other extensions. */
export interface ExtensionApi {
  readonly host: EngineHost;
  readonly backends: BackendSet;
  readonly explorer: FunctionExplorerHandle;
  readonly results: InvokeResults;
  readonly languageClient: LanguageClientHandle;
  /** The MCP server definition provider (agent mode), for the end-to-end tests. */
  readonly mcp: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>;
  /** F5 without a launch.json (issue 13), for the end-to-end tests. */
  readonly f5: F5Handle;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const host = registerEngine(context);
  const backends = new BackendSet(host);
  context.subscriptions.push(backends);
  const explorer = registerFunctionExplorer(context, backends);
  const results = registerInvoke(context, host, backends, coreSampleEvents(async () => (await host.engineNow().catch(() => undefined))?.partition ?? defaultPartition, async () => (await host.engineNow().catch(() => undefined))?.template?.project));
  registerCompare(context, backends, coreSampleEvents(async () => (await host.engineNow().catch(() => undefined))?.partition ?? defaultPartition, async () => (await host.engineNow().catch(() => undefined))?.template?.project));
  registerCodeLens(context, backends, results);
  registerStatusBar(context, host);
  registerBuildProgress(context, host);
  registerCdkSynth(context, host);
  registerHttpApi(context, host);
  const languageClient = registerLanguageClient(context, host.output);
  registerLogPanel(context, host, backends);
  registerInlineLogs(context, host);
  registerDebugging(context, host, (shared) => new LambdaDebugSession(sharedOrStandalone(shared)));
  const f5 = registerStartWithoutLaunchJson(context, host, backends);
  const mcp = registerMcpServer(context, host);
  registerLanguageModelTools(context, host, backends);
  registerDeploy(context, host);
  return { host, backends, explorer, results, languageClient, mcp, f5 };
}

export function deactivate(): void {
  // Disposables registered on the context stop the engine.
}
