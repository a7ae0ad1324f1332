// The MCP server: the tools of functionTools, logTools, versionTools and executionTools served with the
// official SDK's Server over a transport (stdio for `lambda-workbench mcp`).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describeFailure } from '../cliOutput';
import type { EngineConnection } from './engineConnection';
import { executionTools } from './executionTools';
import { functionTools } from './functionTools';
import { logTools } from './logTools';
import { ToolInputError, type McpTool } from './mcpTool';
import { versionTools } from './versionTools';

/** Every tool the server offers, in the order a model sees them. */
export const mcpTools: readonly McpTool[] = [...functionTools, ...logTools, ...versionTools, ...executionTools];

const instructions =
  'Lambda Workbench runs AWS Lambda functions locally from a SAM template (real runtimes, real Lambda API). ' +
  'Call list_functions first; invoke_function runs one and returns its response and log; get_logs filters logs with CloudWatch filter patterns; ' +
  'get_invocation shows the event, response and log of a request id. Failures come back as {"error": {"code", "message"}}.';

/** Result of one tool call: the document as JSON text and as structured content. */
async function callTool(tool: McpTool, args: Record<string, unknown>, engine: EngineConnection): Promise<CallToolResult> {
  try {
    const doc = (await tool.run(args, engine)) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(doc, null, 2) }], structuredContent: doc };
  } catch (e) {
    const error = e instanceof ToolInputError ? { code: e.code, message: e.message } : describeFailure(e).error;
    return { content: [{ type: 'text', text: JSON.stringify({ error }, null, 2) }], isError: true };
  }
}

/** Serves the tools on `transport` until it closes. */
export async function runMcpServer(engine: EngineConnection, transport: Transport, version: string): Promise<void> {
  const server = new Server({ name: 'lambda-workbench', title: 'Lambda Workbench', version }, { capabilities: { tools: {} }, instructions });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: mcpTools.map((t) => ({ name: t.name, title: t.annotations.title, description: t.description, inputSchema: t.inputSchema, annotations: t.annotations })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const tool = mcpTools.find((t) => t.name === req.params.name);
    if (!tool) return { content: [{ type: 'text', text: JSON.stringify({ error: { code: 'UnknownTool', message: `No tool ${req.params.name}; the tools are ${mcpTools.map((t) => t.name).join(', ')}.` } }) }], isError: true };
    return callTool(tool, req.params.arguments ?? {}, engine);
  });
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(transport);
  await closed;
}
