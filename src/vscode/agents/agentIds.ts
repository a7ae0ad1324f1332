// Ids of the agent contributions (package.json languageModelTools and mcpServerDefinitionProviders).

/** The language-model tool names. */
export const toolNames = {
  listFunctions: 'lambdaWorkbench_listFunctions',
  invoke: 'lambdaWorkbench_invokeFunction',
  readLogs: 'lambdaWorkbench_readLogs',
  debug: 'lambdaWorkbench_debugFunction',
} as const;

/** The MCP server definition provider id. */
export const mcpProviderId = 'lambdaWorkbench.mcp';
