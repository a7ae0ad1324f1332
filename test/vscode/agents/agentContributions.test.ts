// package.json contributes exactly the language-model tools and the MCP provider the code registers,
// each tool with a model description and an object input schema.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mcpProviderId, toolNames } from '../../../src/vscode/agents/agentIds';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: { languageModelTools: { name: string; modelDescription: string; displayName: string; inputSchema: { type: string; required?: string[] } }[]; mcpServerDefinitionProviders: { id: string; label: string }[] };
};

describe('agent contributions', () => {
  it('contributes the language-model tools the code registers, described for a model', () => {
    assert.deepEqual(pkg.contributes.languageModelTools.map((t) => t.name).sort(), Object.values(toolNames).sort());
    for (const t of pkg.contributes.languageModelTools) {
      assert.ok(t.modelDescription.length > 100 && t.displayName, t.name);
      assert.equal(t.inputSchema.type, 'object');
      assert.match(t.name, /^[\w-]+$/);
    }
  });

  it('contributes the MCP server definition provider and needs a VS Code that has the API (1.101)', () => {
    assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders.map((p) => p.id), [mcpProviderId]);
    assert.equal(pkg.engines.vscode, '^1.101.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.101.0');
  });
});
