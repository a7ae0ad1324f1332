// The `lambda` launch configuration has one definition: package.json's debugger schema must be the
// one in src/debugAdapter/launchArguments.ts, and snippets may only use attributes it defines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchAttributes } from '../../src/debugAdapter/launchArguments';
import { commandIds, debugType } from '../../src/vscode/contributionIds';

interface DebuggerContribution {
  type: string;
  languages?: string[];
  configurationAttributes: { launch: { properties: Record<string, unknown> } };
  initialConfigurations: Record<string, unknown>[];
  configurationSnippets: { body: Record<string, unknown> }[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { debuggers: DebuggerContribution[]; breakpoints: { language: string }[]; commands: { command: string }[]; menus: Record<string, { command: string; when?: string }[]> };
};

describe('lambda launch configuration', () => {
  const contribution = manifest.contributes.debuggers.find((d) => d.type === debugType);

  it('package.json declares the schema defined in launchArguments.ts', () => {
    assert.ok(contribution, `no "${debugType}" debugger in package.json`);
    assert.deepEqual(contribution.configurationAttributes.launch, launchAttributes);
  });

  it('initial configurations and snippets only use defined attributes', () => {
    const known = new Set([...Object.keys(launchAttributes.properties), 'type', 'request', 'name']);
    const bodies = [...(contribution?.initialConfigurations ?? []), ...(contribution?.configurationSnippets ?? []).map((s) => s.body)];
    assert.ok(bodies.length >= 3);
    for (const body of bodies) {
      assert.equal(body.type, debugType);
      assert.equal(body.request, 'launch');
      for (const key of Object.keys(body)) assert.ok(known.has(key), `unknown attribute "${key}"`);
    }
  });

  it('breakpoints, activation and the Invoke Again command are contributed', () => {
    assert.deepEqual(manifest.contributes.breakpoints.map((b) => b.language).sort(), ['javascript', 'python', 'typescript']);
    assert.ok(manifest.activationEvents.includes(`onDebugResolve:${debugType}`));
    assert.ok(manifest.contributes.commands.some((c) => c.command === commandIds.debugInvokeAgain));
    assert.ok(manifest.contributes.menus['debug/toolBar']?.some((m) => m.command === commandIds.debugInvokeAgain && m.when === `debugType == ${debugType}`));
  });
});
