// Offers `lambda-workbench mcp` to VS Code's MCP support (agent mode, other extensions' chat clients):
// resolving the definition starts the workspace's engine and points the server at its endpoint, so the
// agent and the editor see the same functions, logs and invocations.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';
import { getEventsDirectory } from '../settings';
import { mcpProviderId } from './agentIds';


/** Registers the provider; returns it for the end-to-end tests. */
export function registerMcpServer(context: vscode.ExtensionContext, host: EngineHost): vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> {
  const cli = context.asAbsolutePath('dist/cli.js');
  const version = (context.extension.packageJSON as { version?: string }).version;
  const provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> = {
    // ELECTRON_RUN_AS_NODE: in desktop VS Code process.execPath is the editor's Electron, run as Node.
    provideMcpServerDefinitions: () => [new vscode.McpStdioServerDefinition('Lambda Workbench', process.execPath, [cli, 'mcp'], { ELECTRON_RUN_AS_NODE: '1' }, version)],
    resolveMcpServerDefinition: async (def) => {
      const role = host.role;
      if (role.kind === 'attached') {
        // Another process owns the engine: the MCP server talks to it.
        def.args = [cli, 'mcp', '--endpoint-url', role.attachment.endpoint, '--state-dir', role.attachment.stateDir];
        return def;
      }
      const engine = await host.engineNow();
      const url = engine.api?.baseUrl;
      if (!url) throw new Error('The Lambda Workbench endpoint is not running; check the lambdaWorkbench.endpoint.port setting and the Lambda Workbench output.');
      const template = engine.template?.project?.templatePath;
      const events = template ? ['--template', template, '--events-dir', path.resolve(path.dirname(template), getEventsDirectory())] : [];
      def.args = [cli, 'mcp', '--endpoint-url', url, '--state-dir', engine.stateDir, ...events];
      return def;
    },
  };
  context.subscriptions.push(vscode.lm.registerMcpServerDefinitionProvider(mcpProviderId, provider));
  return provider;
}
