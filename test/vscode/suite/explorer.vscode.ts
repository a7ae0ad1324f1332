// The function explorer in a real VS Code: the example functions with runtime, memory and timeout;
// Publish Version and Create Alias from the tree (typed into the real prompts when a browser driver is
// attached) change the engine's state; routing shows as `prod → 1 (90%) / 2 (10%)`; invoke shows results.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AliasSummary, VersionSummary } from '../../../src/vscode/backends/lambdaBackend';
import type { AliasNode, ExplorerNode, FunctionNode, LatestNode, RootNode, VersionNode } from '../../../src/vscode/functionExplorer/explorerNodes';
import type { StoredResult } from '../../../src/vscode/invoke/invokeResults';
import { hasDriver, press, screenshot, setSideBarWidth, typeText, waitForText } from '../support/driver';
import { fromEmitter, getApi, until } from '../support/extensionApi';

const cmd = (id: string, ...args: unknown[]): Thenable<unknown> => vscode.commands.executeCommand(id, ...args);

describe('function explorer', function () {
  this.timeout(90_000);
  let api: Awaited<ReturnType<typeof getApi>>;
  let root: RootNode;

  const children = async (node?: ExplorerNode): Promise<ExplorerNode[]> => api.explorer.explorer.getChildren(node);
  const fnNode = async (name: string): Promise<FunctionNode> => (await children(root)).find((n): n is FunctionNode => n.kind === 'function' && n.fn.name === name) as FunctionNode;
  const item = (node: ExplorerNode): vscode.TreeItem => api.explorer.explorer.getTreeItem(node);

  before(async () => {
    api = await getApi();
    await cmd('workbench.action.closeAllEditors');
    await cmd('lambdaWorkbench.functions.focus');
    // A wider side bar, so the screenshots show the descriptions.
    await setSideBarWidth(620);
    [root] = (await api.explorer.explorer.getRoots()) as [RootNode];
  });

  it('shows the example functions with runtime, memory, timeout and warm count', async () => {
    const nodes = await children(root);
    const names = nodes.filter((n): n is FunctionNode => n.kind === 'function').map((n) => n.fn.name);
    assert.deepEqual(names, ['hello-node', 'hello-python', 'hello-shell', 'hello-ts']);
    assert.match(String(item(await fnNode('hello-node')).description), /^nodejs20\.x · 256 MB · 5 s · \d+ warm$/);
    assert.match(String(item(await fnNode('hello-python')).description), /^python3\.11 · 256 MB · 5 s/);
    assert.match(String(item(root).description), /template\.yaml$/);
    assert.ok(await waitForText('hello-node', '.pane-body').catch(() => !hasDriver), 'the tree renders the functions');
  });

  it('publishes a version from the tree and the engine has it', async () => {
    const node = await fnNode('hello-node');
    let version: VersionSummary | undefined;
    if (hasDriver) {
      const running = cmd('lambdaWorkbench.explorer.publishVersion', node) as Thenable<VersionSummary | undefined>;
      assert.ok(await waitForText('Publish a version of hello-node', '.quick-input-widget'));
      await typeText('first release');
      await press('Enter');
      version = await running;
    } else {
      version = (await cmd('lambdaWorkbench.explorer.publishVersion', node, { description: 'first release' })) as VersionSummary;
    }
    assert.equal(version?.version, '1');
    const engine = await api.host.getEngine();
    const listed = (await engine.functions.versions.list('hello-node')) as { Versions: { Version: string; Description: string }[] };
    assert.deepEqual(listed.Versions.map((v) => v.Version), ['$LATEST', '1']);
    assert.equal(listed.Versions[1]?.Description, 'first release');
    const kids = await children(await fnNode('hello-node'));
    const v1 = kids.find((k): k is VersionNode => k.kind === 'version');
    assert.equal(item(v1!).label, 'Version 1');
    assert.match(String(item(v1!).description), /^first release · [0-9a-f]{8} · \d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it('creates an alias from a version in the tree and the engine routes it', async () => {
    const v1 = (await children(await fnNode('hello-node'))).find((k): k is VersionNode => k.kind === 'version')!;
    let alias: AliasSummary | undefined;
    if (hasDriver) {
      const running = cmd('lambdaWorkbench.explorer.createAlias', v1) as Thenable<AliasSummary | undefined>;
      assert.ok(await waitForText('Create an alias of hello-node', '.quick-input-widget'));
      await typeText('prod');
      await press('Enter');
      alias = await running;
    } else {
      alias = (await cmd('lambdaWorkbench.explorer.createAlias', v1, { name: 'prod' })) as AliasSummary;
    }
    assert.deepEqual([alias?.name, alias?.functionVersion], ['prod', '1']);
    const engine = await api.host.getEngine();
    const got = (await engine.functions.aliases.get('hello-node', 'prod')) as { FunctionVersion: string };
    assert.equal(got.FunctionVersion, '1');
  });

  it('edits routing to a second version and shows the split', async () => {
    const engine = await api.host.getEngine();
    const before = engine.registry.get('hello-node')!.latest.codeSha256;
    const file = path.join(path.dirname(engine.template!.project!.templatePath), 'node-js', 'index.js');
    fs.appendFileSync(file, '\n// changed by the end-to-end test\n');
    await until('$LATEST to pick up the code change', () => engine.registry.get('hello-node')!.latest.codeSha256 !== before, [fromEmitter(engine, 'functionsChanged')]);
    const v2 = (await cmd('lambdaWorkbench.explorer.publishVersion', await fnNode('hello-node'), { description: 'second release' })) as VersionSummary;
    assert.equal(v2.version, '2');
    const prod = (await children(await fnNode('hello-node'))).find((k): k is AliasNode => k.kind === 'alias' && k.alias.name === 'prod')!;
    const routed = (await cmd('lambdaWorkbench.explorer.editRouting', prod, { version: '2', weight: 0.1 })) as AliasSummary;
    assert.deepEqual(routed.routing, { version: '2', weight: 0.1 });
    const kids = await children(await fnNode('hello-node'));
    const shown = kids.map((k) => `${String(item(k).label)} ${item(k).description}`);
    assert.ok(shown.includes('prod → 1 (90%) / 2 (10%)'), shown.join('\n'));
    const v1 = kids.find((k): k is VersionNode => k.kind === 'version' && k.version.version === '1')!;
    assert.match(String(item(v1).contextValue), /\binUse\b/);
    const fn = await fnNode('hello-node');
    await cmd('workbench.action.closeAllEditors');
    await cmd('workbench.action.closePanel');
    await api.explorer.view.reveal(fn, { expand: true, select: false, focus: false });
    await screenshot('tree', '→ 1 (90%) / 2 (10%)', '.pane-body');
  });

  it('invokes $LATEST from the tree and shows payload, figures and logs', async () => {
    const latest = (await children(await fnNode('hello-node'))).find((k): k is LatestNode => k.kind === 'latest')!;
    let stored: StoredResult | undefined;
    if (hasDriver) {
      const running = cmd('lambdaWorkbench.explorer.invoke', latest) as Thenable<StoredResult | undefined>;
      assert.ok(await waitForText('Event for hello-node', '.quick-input-widget'));
      await typeText('Empty event');
      await press('Enter');
      stored = await running;
    } else {
      stored = (await cmd('lambdaWorkbench.explorer.invoke', latest, { event: {} })) as StoredResult;
    }
    assert.ok(stored, 'the invocation ran');
    assert.equal(stored.result.errorType, undefined);
    assert.match(stored.text, /Hello world/);
    for (const label of ['Executed version:', 'Duration:', 'Billed duration:', 'Memory:', 'Cloud cost:', 'Start:']) assert.ok(stored.text.includes(label), label);
    assert.match(stored.text, /REPORT RequestId: /);
    assert.match(stored.text, /hello from hello-node/);
    // The result tab of a function is reused: wait until it shows this invocation.
    await until(
      'the result editor to show this invocation',
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === stored.uri.toString() && e.document.getText() === stored.text),
      [vscode.window.onDidChangeVisibleTextEditors, vscode.workspace.onDidChangeTextDocument],
    );
    await screenshot('invoke-result', 'Billed duration');
  });

  it('sends a generated sample event, saved in a folder per function and offered next time', async function () {
    if (!hasDriver) this.skip(); // drives the real quick picks
    const fn = await fnNode('hello-ts');
    const running = cmd('lambdaWorkbench.explorer.invoke', fn) as Thenable<StoredResult | undefined>;
    const step = async (title: string, typed: string): Promise<void> => {
      assert.ok(await waitForText(title, '.quick-input-widget'), title);
      await typeText(typed);
      await press('Enter');
    };
    await step('Event for hello-ts', 'Sample event');
    await step('Sample event for hello-ts', 'sqs receive-message');
    await step('sqs receive-message sample event', 'Save it');
    await step('New saved event for hello-ts', 'sqs-sample');
    const stored = await running;
    assert.ok(stored, 'the invocation ran');
    assert.match(stored.text, /Event: +sqs-sample/);
    const engine = await api.host.getEngine();
    const saved = path.join(path.dirname(engine.template!.project!.templatePath), 'events', 'hello-ts', 'sqs-sample.json');
    assert.equal((JSON.parse(fs.readFileSync(saved, 'utf8')) as { Records: { eventSource: string }[] }).Records[0]?.eventSource, 'aws:sqs');
    const again = cmd('lambdaWorkbench.explorer.invoke', fn) as Thenable<StoredResult | undefined>;
    assert.ok(await waitForText('last used', '.quick-input-widget'));
    assert.ok(await waitForText('sqs-sample', '.quick-input-widget'));
    await press('Enter');
    assert.match((await again)?.text ?? '', /Event: +sqs-sample/);
  });

  it('invokes an alias and reports the executed version', async () => {
    const prod = (await children(await fnNode('hello-node'))).find((k): k is AliasNode => k.kind === 'alias')!;
    const stored = (await cmd('lambdaWorkbench.explorer.invoke', prod, { event: { name: 'alias' } })) as StoredResult;
    assert.ok(['1', '2'].includes(stored.result.executedVersion), stored.result.executedVersion);
    assert.match(stored.text, /Hello alias/);
  });

  it('shows an AWS root through the SDK (the engine as its endpoint) with the same versions, aliases and invoke', async () => {
    const engine = await api.host.getEngine();
    const settings = vscode.workspace.getConfiguration('lambdaWorkbench');
    await settings.update('aws.profiles', [{ profile: 'e2e', region: 'us-east-1', endpointUrl: engine.api!.baseUrl }], vscode.ConfigurationTarget.Global);
    try {
      const roots = await until('an AWS root', async () => ((await api.explorer.explorer.getRoots()).length === 2 ? api.explorer.explorer.getRoots() : undefined), [api.explorer.explorer.onDidChangeTreeData]);
      const awsRoot = roots[1]!;
      assert.equal(item(awsRoot).label, `AWS: e2e (us-east-1) at ${engine.api!.baseUrl}`);
      assert.equal(item(awsRoot).contextValue, 'root aws');
      const fns = (await children(awsRoot)).filter((n): n is FunctionNode => n.kind === 'function');
      assert.deepEqual(fns.map((f) => f.fn.name), ['hello-node', 'hello-python', 'hello-shell', 'hello-ts']);
      const node = fns[0]!;
      assert.match(String(item(node).contextValue), /^function aws unthrottled$/);
      const shown = (await children(node)).map((k) => `${String(item(k).label)} ${item(k).description}`);
      assert.ok(shown.includes('prod → 1 (90%) / 2 (10%)'), shown.join('\n'));
      assert.ok(shown.some((s) => s.startsWith('Version 2 second release')), shown.join('\n'));
      const stored = (await cmd('lambdaWorkbench.explorer.invoke', node, { event: { name: 'cloud' } })) as StoredResult;
      assert.match(stored.text, /Hello cloud/);
      assert.match(stored.text, /AWS: e2e \(us-east-1\)/);
      assert.match(stored.text, /Billed duration: +\d+ ms/);
      await api.explorer.view.reveal(node, { expand: true, select: false, focus: false });
      await cmd('workbench.action.closeAllEditors');
      await screenshot('tree-aws', 'AWS: e2e', '.pane-body');
    } finally {
      await settings.update('aws.profiles', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows the warm environment count after an invocation and forces a cold start', async () => {
    const engine = await api.host.getEngine();
    await until('a warm hello-node environment', () => engine.pool.counts('hello-node').warm > 0, [fromEmitter(engine, 'environmentsChanged')]);
    assert.match(String(item(await fnNode('hello-node')).description), /[1-9]\d* warm/);
    await cmd('lambdaWorkbench.explorer.forceColdStart', await fnNode('hello-node'));
    await until('no warm hello-node environment', () => engine.pool.counts('hello-node').warm === 0, [fromEmitter(engine, 'environmentsChanged')]);
  });

  it('throttles and unthrottles from the tree', async () => {
    assert.equal(await cmd('lambdaWorkbench.explorer.throttle', await fnNode('hello-python')), true);
    const throttled = await fnNode('hello-python');
    assert.match(String(item(throttled).contextValue), /\bthrottled\b/);
    assert.match(String(item(throttled).description), /throttled/);
    assert.equal(await cmd('lambdaWorkbench.explorer.invoke', throttled, { event: {} }), undefined, 'a throttled invoke fails');
    assert.equal(await cmd('lambdaWorkbench.explorer.unthrottle', await fnNode('hello-python')), true);
    assert.match(String(item(await fnNode('hello-python')).contextValue), /\bunthrottled\b/);
  });

  it('copies ARNs, opens the handler and reveals the function in the template', async () => {
    const prod = (await children(await fnNode('hello-node'))).find((k): k is AliasNode => k.kind === 'alias')!;
    assert.match(String(await cmd('lambdaWorkbench.explorer.copyArn', prod)), /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:hello-node:prod$/);
    assert.equal(await vscode.env.clipboard.readText(), prod.alias.arn);
    const handler = (await cmd('lambdaWorkbench.explorer.openHandler', await fnNode('hello-ts'))) as vscode.TextEditor;
    assert.match(handler.document.uri.fsPath, /ts-function[\\/]src[\\/]app\.ts$/);
    assert.match(handler.document.lineAt(handler.selection.active.line).text, /export const handler/);
    const template = (await cmd('lambdaWorkbench.explorer.revealInTemplate', await fnNode('hello-python'))) as vscode.TextEditor;
    assert.match(template.document.lineAt(template.selection.active.line).text, /HelloPython:/);
  });
});
