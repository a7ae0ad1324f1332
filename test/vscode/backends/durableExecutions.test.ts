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

      assert.equal(await backend.skipDurableWaits(arn), 1);
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

  it('completes a callback and stops an execution through the local and AWS backends', async () => {
    m = await startTestEngine({ listen: true });
    m.write('cb/index.js', `const { withDurableExecution } = require(${JSON.stringify(SDK_PATH)});\nexports.handler = withDurableExecution(async (event, ctx) => ctx.waitForCallback('approve', async () => undefined));\n`);
    m.defineFunction(functionConfig('cb', path.join(m.dir, 'cb'), { timeout: 10, durableConfig: { executionTimeout: 600, retentionPeriodInDays: 1 } }));
    const local = new LocalBackend(m);
    const aws = new AwsBackend({ profile: 'test', region: 'us-east-1', endpointUrl: m.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
    try {
      const start = async (name: string) => {
        const r = await m!.invoke({ functionName: 'cb', payload: Buffer.from('{}'), invocationType: 'Event', durableExecutionName: name });
        const arn = r.durableExecutionArn as string;
        const open = async (): Promise<boolean> => ((await local.listDurableExecutions('cb')).find((e) => e.arn === arn)?.callbacks.length ?? 0) > 0;
        if (!(await open())) {
          await new Promise<void>((resolve) => {
            const off = m!.onDurableExecution(() => void open().then((yes) => {
              if (yes) {
                off();
                resolve();
              }
            }));
          });
        }
        return arn;
      };
      const first = await start('approve-me');
      const [e] = await local.listDurableExecutions('cb');
      assert.ok(e);
      const fn = (await local.listFunctions()).find((f) => f.name === 'cb');
      assert.ok(fn);
      assert.equal(contextValueOf({ kind: 'execution', backend: local, fn, execution: e }), 'execution waiting callback local');
      assert.deepEqual(e.waitingOn, ['callback approve']);
      await aws.completeDurableCallback(e.callbacks[0]?.callbackId as string, { result: '{"ok":true}' });
      // waitForCallback hands the handler the result text as it was sent.
      assert.equal((await m.durable.whenFinished(first)).result, JSON.stringify('{"ok":true}'));

      // The history reads the same through both backends: callback, its result, the invocations.
      await m.durable.whenFinished(first);
      const viaLocal = await local.durableHistory(first);
      assert.deepEqual(await aws.durableHistory(first), viaLocal);
      assert.ok(viaLocal.some((l) => /CallbackStarted .*callback id /.test(l)), viaLocal.join('\n'));
      assert.ok(viaLocal.some((l) => /CallbackSucceeded .*result: \{"ok":true\}/.test(l)), viaLocal.join('\n'));
      assert.match(viaLocal.at(-1) ?? '', /ExecutionSucceeded/);
      // The history view's timeline too: the callback (wrapped in waitForCallback's context) with its
      // result, linked to the invocation that started it.
      const timeline = await local.durableTimeline(first);
      assert.deepEqual(await aws.durableTimeline(first), timeline);
      assert.equal(timeline.status, 'SUCCEEDED');
      const callback = timeline.entries.find((x) => x.kind === 'callback');
      assert.deepEqual([callback?.status, callback?.result, callback?.callbackId], ['SUCCEEDED', '{"ok":true}', e.callbacks[0]?.callbackId]);
      assert.equal(timeline.entries.find((x) => x.kind === 'context')?.name, 'approve');
      assert.ok(timeline.invocations.length >= 1);
      assert.match(timeline.invocations[0]?.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(callback?.requestIds[0], timeline.invocations[0]?.requestId);

      const second = await start('stop-me');
      await local.stopDurableExecution(second);
      assert.equal((await m.durable.whenFinished(second)).status, 'STOPPED');
      await assert.rejects(aws.stopDurableExecution(second), /already STOPPED/);
    } finally {
      local.dispose();
      aws.dispose();
    }
  });
});
