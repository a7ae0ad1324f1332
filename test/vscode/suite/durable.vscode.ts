// Durable executions in a real VS Code: the execution under its function in the explorer, the
// execution history view (timeline, skip a wait, succeed a callback, an invocation's logs in the log
// panel) and the tree's Stop Execution, with the real @aws/durable-execution-sdk-js.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecutionHistoryPanel } from '../../../src/vscode/functionExplorer/executionHistoryPanel';
import type { ExecutionNode, ExplorerNode, FunctionNode, RootNode } from '../../../src/vscode/functionExplorer/explorerNodes';
import type { FunctionConfig } from '../../../src/core/functionConfig';
import { fromEmitter, getApi, until } from '../support/extensionApi';

const cmd = (id: string, ...args: unknown[]): Thenable<unknown> => vscode.commands.executeCommand(id, ...args);
// The suite runs bundled (out/test/vscode): the repo's SDK copy is found walking up.
function sdkPath(): string {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) {
    const f = path.join(d, 'node_modules', '@aws', 'durable-execution-sdk-js', 'dist-cjs', 'index.js');
    if (fs.existsSync(f)) return f;
  }
  throw new Error('@aws/durable-execution-sdk-js is not installed: run npm install');
}
const SDK = sdkPath();

describe('durable executions in the explorer and the history view', function () {
  this.timeout(90_000);
  let api: Awaited<ReturnType<typeof getApi>>;
  let engine: Awaited<ReturnType<typeof api.host.getEngine>>;
  let dir: string;
  const name = 'durable-e2e';

  before(async () => {
    api = await getApi();
    engine = await api.host.getEngine();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-durable-e2e-'));
    fs.writeFileSync(path.join(dir, 'index.js'), [
      `const { withDurableExecution } = require(${JSON.stringify(SDK)});`,
      'exports.handler = withDurableExecution(async (event, ctx) => {',
      "  const first = await ctx.step('first', async () => { console.log('in first'); return event.n + 1; });",
      "  await ctx.wait('nap', { days: 1 });",
      "  const answer = await ctx.waitForCallback('approve', async () => undefined);",
      '  return { first, answer: JSON.parse(answer) };',
      '});',
      '',
    ].join('\n'));
    const config: FunctionConfig = {
      functionName: name, version: '$LATEST', handler: 'index.handler', runtime: 'nodejs20.x', codeDir: dir, memorySize: 128, timeout: 30, ephemeralStorage: 512,
      environment: {}, layers: [], logging: { logFormat: 'Text', logGroup: `/aws/lambda/${name}` }, description: '', architectures: ['x86_64'], role: undefined,
      codeSha256: 'sha-durable-e2e', durableConfig: { executionTimeout: 86_400 * 2, retentionPeriodInDays: 1 },
    };
    engine.defineFunction(config);
  });

  after(() => {
    engine.registry.remove(name);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const executionNode = async (arn: string): Promise<ExecutionNode | undefined> => {
    const [root] = (await api.explorer.explorer.getRoots()) as [RootNode];
    const fn = (await api.explorer.explorer.getChildren(root)).find((n): n is FunctionNode => n.kind === 'function' && n.fn.name === name);
    if (!fn) return undefined;
    return (await api.explorer.explorer.getChildren(fn)).find((n: ExplorerNode): n is ExecutionNode => n.kind === 'execution' && n.execution.arn === arn);
  };
  const start = async (): Promise<string> => (await engine.invoke({ functionName: name, invocationType: 'Event', payload: Buffer.from('{"n":1}') })).durableExecutionArn as string;
  const changed = () => [fromEmitter(engine.durable, 'change')];

  it('shows the timeline, skips the wait and succeeds the callback from the history view, and opens an invocation\'s logs', async () => {
    const arn = await start();
    const waiting = await until('the execution waiting on its wait', async () => {
      const n = await executionNode(arn);
      return n?.execution.waitingOn.includes('wait nap') ? n : undefined;
    }, changed());
    const panel = (await cmd('lambdaWorkbench.explorer.showExecutionHistory', waiting)) as ExecutionHistoryPanel;
    assert.match(panel.body, /<span class="kind">step<\/span> <b>first<\/b> <span class="status">SUCCEEDED<\/span>/);
    assert.match(panel.body, /<span class="kind">wait<\/span> <b>nap<\/b> <span class="status">STARTED<\/span>.*data-action="skipWait"/);

    await panel.receive({ type: 'skipWait' });
    const callbackId = await until('the open callback', async () => (await executionNode(arn))?.execution.callbacks[0]?.callbackId, changed());
    await until('the callback buttons in the view', async () => (await panel.receive({ type: 'refresh' }), panel.body.includes(`data-callback="${callbackId}"`)), changed());
    assert.match(panel.body, /<b>nap<\/b> <span class="status">SUCCEEDED<\/span>/);

    await panel.receive({ type: 'succeedCallback', callbackId, result: '{"approved":true}' });
    const end = await engine.durable.whenFinished(arn);
    assert.equal(end.status, 'SUCCEEDED');
    await until('the finished execution in the view', async () => (await panel.receive({ type: 'refresh' }), panel.body.includes('<h2>') && /<span class="status">SUCCEEDED<\/span><\/h2>/.test(panel.body)), changed());
    assert.match(panel.body, /approved/);

    const requestId = /data-action="logs" data-request="([0-9a-f-]{36})"/.exec(panel.body)?.[1];
    assert.ok(requestId, 'the step links to its invocation');
    const focused = (await panel.receive({ type: 'logs', requestId })) as { group: string; stream?: string };
    assert.equal(focused.group, `/aws/lambda/${name}`);
    assert.equal(focused.stream, (await engine.invocations.get(requestId))?.logStreamName);
    assert.ok(focused.stream);
    panel.panel.dispose();
  });

  it('stops an execution from the tree', async () => {
    const arn = await start();
    const node = await until('the waiting execution', async () => {
      const n = await executionNode(arn);
      return n?.execution.waitingOn.length ? n : undefined;
    }, changed());
    assert.equal(await cmd('lambdaWorkbench.explorer.stopExecution', node, { confirm: true }), true);
    assert.equal(engine.durable.get(arn).header.status, 'STOPPED');
    assert.equal((await executionNode(arn))?.execution.status, 'STOPPED');
  });
});
