// Durable executions in the explorer: the local backend lists them under their function (waiting on a
// wait, then succeeded) and signals the change; the nodes read and match menus by their state.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { AwsBackend } from '../../../src/vscode/backends/awsBackend';
import { LocalBackend } from '../../../src/vscode/backends/localBackend';
import { contextValueOf, executionDescription, tooltipOf, type ExecutionNode } from '../../../src/vscode/functionExplorer/explorerNodes';
import { functionConfig, startTestEngine, type TestEngine } from '../../support/engine';
import { SDK_PATH } from '../../core/durable/durableWorkflow';

describe('durable executions in the explorer', function () {
  this.timeout(60_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('lists executions under their function with what they wait on, and refreshes on changes', async () => {
    m = await startTestEngine({ listen: true });
    m.write('wf/index.js', `const { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});\nexports.handler = withDurableExecution(async (event, ctx) => { await ctx.wait('nap', { hours: 2 }); return 'done'; });\n`);
    m.defineFunction(functionConfig('wf', path.join(m.dir, 'wf'), { timeout: 10, durableConfig: { executionTimeout: 86400, retentionPeriodInDays: 1 } }));
    const backend = new LocalBackend(m);
    try {
      const changed: string[] = [];
      backend.onDidChange((names) => changed.push(...(names ?? [])));
      const started = await m.invoke({ functionName: 'wf', payload: Buffer.from('{}'), invocationType: 'Event', durableExecutionName: 'nightly' });
      const arn = started.durableExecutionArn as string;
      const waiting = async (): Promise<boolean> => (await backend.listDurableExecutions('wf'))[0]?.waitingOn.length === 1;
      await new Promise<void>((resolve) => {
        const off = m!.onDurableExecution(() => void waiting().then((w) => w && (off(), resolve())));
      });
      const [e] = await backend.listDurableExecutions('wf');
      assert.ok(e);
      assert.deepEqual([e.arn, e.name, e.status, e.waitingOn], [arn, 'nightly', 'RUNNING', ['wait nap']]);
      assert.ok(changed.includes('wf'));
      const fn = (await backend.listFunctions()).find((f) => f.name === 'wf');
      assert.ok(fn);
      const node: ExecutionNode = { kind: 'execution', backend, fn, execution: e };
      assert.equal(contextValueOf(node), 'execution waiting local');
      assert.match(executionDescription(e), /^waiting: wait nap · \d\d:\d\d:\d\d$/);
      assert.match(tooltipOf(node), /Durable execution \*\*nightly\*\* of wf/);

      assert.equal(await m.durable.skipWaits(), 1);
      await m.durable.whenFinished(arn);
      const [done] = await backend.listDurableExecutions('wf');
      assert.ok(done);
      assert.equal(contextValueOf({ ...node, execution: done }), 'execution succeeded local');
      assert.deepEqual(await backend.listDurableExecutions('other'), []);
      // The AWS backend reads the same executions through ListDurableExecutionsByFunction.
      const aws = new AwsBackend({ profile: 'test', region: 'us-east-1', endpointUrl: m.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
      try {
        const listed = await aws.listDurableExecutions('wf');
        assert.deepEqual(listed.map((x) => [x.arn, x.name, x.version, x.status]), [[arn, 'nightly', '$LATEST', 'SUCCEEDED']]);
        assert.deepEqual(await aws.listDurableExecutions('missing'), []);
      } finally {
        aws.dispose();
      }
    } finally {
      backend.dispose();
    }
  });
});
