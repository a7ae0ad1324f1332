// VS Code entry: builds the one engine for the workspace and registers each feature. Wiring only.
import type * as vscode from 'vscode';
import { registerEngine, type EngineHost } from './vscode/engineHost';
import { registerInlineLogs } from './vscode/inlineLogs/registerInlineLogs';
import { BackendSet } from './vscode/backends/backendSet';
import { registerCodeLens } from './vscode/codeLens/registerCodeLens';
import { registerFunctionExplorer, type FunctionExplorerHandle } from './vscode/functionExplorer/registerFunctionExplorer';
import type { InvokeResults } from './vscode/invoke/invokeResults';
import { registerInvoke } from './vscode/invoke/registerInvoke';
import { coreSampleEvents } from './vscode/invoke/sampleEvents';
import { registerLanguageClient, type LanguageClientHandle } from './vscode/languageClient/registerLanguageClient';
import { registerStatusBar } from './vscode/statusBar';
import { registerBuildProgress } from './vscode/buildProgress';
import { registerCdkSynth } from './vscode/cdkSynth';
import { registerHttpApi } from './vscode/httpApi';
import { registerLogPanel } from './vscode/logPanel/registerLogPanel';
import { registerDebugging } from './vscode/debugging/registerDebugging';
import { sharedOrStandalone } from './debugAdapter/engineLease';
import { LambdaDebugSession } from './debugAdapter/session';
import { registerLanguageModelTools } from './vscode/agents/languageModelTools';
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
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const host = registerEngine(context);
  const backends = new BackendSet(host);
  context.subscriptions.push(backends);
  const explorer = registerFunctionExplorer(context, backends);
  const results = registerInvoke(context, host, backends, coreSampleEvents(async () => (await host.getEngine()).partition, async () => (await host.getEngine()).template?.project));
  registerCodeLens(context, backends, results);
  registerStatusBar(context, host);
  registerBuildProgress(context, host);
  registerCdkSynth(context, host);
  registerHttpApi(context, host);
  const languageClient = registerLanguageClient(context, host.output);
  registerLogPanel(context, host);
  registerInlineLogs(context, host);
  registerDebugging(context, host, (shared) => new LambdaDebugSession(sharedOrStandalone(shared)));
  const mcp = registerMcpServer(context, host);
  registerLanguageModelTools(context, host, backends);
  return { host, backends, explorer, results, languageClient, mcp };
}

export function deactivate(): void {
  // Disposables registered on the context stop the engine.
}
