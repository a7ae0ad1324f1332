// `mcp`: the Model Context Protocol server on stdin/stdout, over the workspace's running engine or one of its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Values } from './engineFromArgs';
import { EngineConnection } from './mcp/engineConnection';
import { runMcpServer } from './mcp/mcpServer';

// The extension's version, from the package.json beside dist/ (the bundle runs from dist/cli.js).
function ownVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function mcp(values: Values): Promise<number> {
  const engine = new EngineConnection(values);
  const transport = new StdioServerTransport();
  const stop = (): void => void transport.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The client closing stdin ends the session (the usual way an MCP host stops a stdio server).
  process.stdin.once('end', stop);
  try {
    await runMcpServer(engine, transport, ownVersion());
  } finally {
    await engine.dispose();
  }
  return 0;
}
