// Agent mode in a real VS Code: the language-model tools are registered (vscode.lm.tools) and run through
// vscode.lm.invokeTool without a model; the MCP server definition resolves to `lambda-workbench mcp` on
// the editor's own engine, driven here by the MCP SDK's client.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { toolNames } from '../../../src/vscode/agents/agentIds';
import { getApi } from '../support/extensionApi';

const cancel = new vscode.CancellationTokenSource().token;

async function callTool(name: string, input: object): Promise<any> {
  const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, cancel);
  const text = r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
  return JSON.parse(text);
}

describe('agents: language-model tools and the MCP server', function () {
  this.timeout(90_000);

  before(async () => {
    await getApi();
  });

  it('registers the tools with vscode.lm', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    for (const name of Object.values(toolNames)) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const invoke = vscode.lm.tools.find((t) => t.name === toolNames.invoke);
    assert.match(invoke?.description ?? '', /Invokes a Lambda function/);
    assert.deepEqual((invoke?.inputSchema as { required?: string[] }).required, ['functionName']);
  });

  it('lists, invokes and reads logs through vscode.lm.invokeTool', async () => {
    const listed = await callTool(toolNames.listFunctions, {});
    assert.ok(listed.functions.some((f: { name: string }) => f.name === 'hello-node'), JSON.stringify(listed));
    const invoked = await callTool(toolNames.invoke, { functionName: 'hello-node', event: { name: 'agent' } });
    assert.equal(invoked.payload.message, 'Hello agent');
    assert.match(invoked.log, new RegExp(`REPORT RequestId: ${invoked.requestId}`));
    const logs = await callTool(toolNames.readLogs, { functionName: 'hello-node', filterPattern: `"${invoked.requestId}"` });
    assert.ok(logs.events.length >= 2, JSON.stringify(logs));
    assert.ok(logs.events.every((e: { message: string }) => e.message.includes(invoked.requestId)));
    await assert.rejects(callTool(toolNames.invoke, { functionName: 'nope' }), /No function 'nope' in the workspace\. The functions are: .*hello-node/);
  });

  it('resolves the MCP server definition to the CLI on the editor engine, and it serves tools', async () => {
    const api = await getApi();
    const defs = (await api.mcp.provideMcpServerDefinitions(cancel)) ?? [];
    assert.equal(defs.length, 1);
    const def = (await api.mcp.resolveMcpServerDefinition?.(defs[0]!, cancel)) ?? defs[0]!;
    const engine = await api.host.getEngine();
    assert.ok(def.args.includes('--endpoint-url') && def.args.includes(engine.api?.baseUrl as string), def.args.join(' '));
    const env = Object.fromEntries(Object.entries({ ...process.env, ...def.env }).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
    const client = new Client({ name: 'vscode-e2e', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: def.command, args: def.args, env }));
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((t) => t.name === 'invoke_function'));
      const r = await client.callTool({ name: 'invoke_function', arguments: { functionName: 'hello-node', event: { name: 'mcp' } } });
      const doc = JSON.parse((r.content as { text: string }[])[0]!.text);
      assert.equal(doc.payload.message, 'Hello mcp');
      // The editor's engine ran it: its own invocation archive has the request.
      assert.equal((await engine.invocations.get(doc.requestId))?.functionName, 'hello-node');
    } finally {
      await client.close();
    }
  });
});
