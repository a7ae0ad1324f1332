// Cloud logs in the log panel: an AWS root (the SDK against a second engine playing the cloud) lists
// its functions' log groups under the root, filters with the CloudWatch pattern syntax, folds
// invocations, follows through StartLiveTail, and request-id links open the event and the response.
import * as assert from 'node:assert/strict';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { AwsBackend } from '../../../src/vscode/backends/awsBackend';
import { CloudLogSource } from '../../../src/vscode/logPanel/cloudLogSource';
import { LogPanelSession } from '../../../src/vscode/logPanel/logPanelSession';
import type { PanelEvent, ToWebview } from '../../../src/vscode/logPanel/logPanelProtocol';
import { buildRows } from '../../../src/vscode/logPanel/logRendering';
import { PanelSources, groupKey } from '../../../src/vscode/logPanel/panelSources';
import type { TestEngine } from '../../support/engine';
import { startCloud } from '../../core/remote/cloudFixture';

describe('log panel: cloud logs', function () {
  this.timeout(60_000);
  let cloud: TestEngine;
  let stop: () => Promise<void>;
  let backend: AwsBackend;
  let sources: PanelSources;
  let key: string;
  let requestId: string;
  before(async () => {
    ({ cloud, dispose: stop } = await startCloud());
    backend = new AwsBackend({ profile: 'cloudtest', region: 'us-east-1', endpointUrl: cloud.url, credentials: { accessKeyId: 'AKIDCLOUDTEST', secretAccessKey: 'cloud-test-secret' } });
    sources = new PanelSources(async () => undefined, async () => [{ id: backend.id, label: backend.label, source: new CloudLogSource(backend.cloudLogs(), backend.recent) }]);
    key = groupKey(backend.id, '/aws/lambda/orders-api');
    requestId = (await backend.invoke('orders-api', undefined, Buffer.from('{"order":1}'))).requestId;
    await cloud.whenLogsFlushed?.();
  });
  after(async () => {
    backend.dispose();
    await stop();
  });

  it("lists the functions' log groups under the AWS root", async () => {
    const groups = await sources.listGroups();
    assert.deepEqual(groups.map((g) => [g.name, g.label, g.root]), [[key, '/aws/lambda/orders-api', backend.label]]);
    const streams = await sources.listStreams(key);
    assert.equal(streams.length, 1);
    assert.match(streams[0]!.name, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('filters with the CloudWatch pattern syntax and folds invocations like local logs', async () => {
    const all = await sources.query(key, undefined, '', 100);
    const rows = buildRows(all.events);
    const fold = rows.find((r) => r.kind === 'fold');
    assert.ok(fold && fold.kind === 'fold', 'one fold per invocation');
    assert.equal(fold.summary.requestId, requestId);
    assert.equal(fold.summary.status, 'ok');
    assert.equal(fold.summary.memorySizeMb, 256);
    const only = await sources.query(key, undefined, '"handling" -START', 100);
    assert.deepEqual(only.events.map((e) => e.message.split('\t')[3]?.trim()), ['handling {"order":1}']);
    await assert.rejects(sources.query(key, undefined, '{ $.a = ', 100), /InvalidParameterException|Invalid/);
  });

  it('opens the event and response of an invocation made from this window, and the log lines of others', async () => {
    const mine = await sources.invocation(requestId, key);
    assert.equal(mine?.payload, '{"order":1}');
    assert.deepEqual(JSON.parse(mine.response), { greeting: 'hello from the cloud', memory: '256', echo: { order: 1 } });
    const other = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'orders-api', Payload: Buffer.from('{"order":2}') }));
    const otherId = other.$metadata.requestId!;
    await cloud.whenLogsFlushed?.();
    const theirs = await sources.invocation(otherId, key);
    assert.match(theirs!.payload, /not recorded/);
    assert.ok((JSON.parse(theirs!.response) as string[]).some((l) => l.includes('handling {"order":2}')));
    assert.ok(theirs!.durationMs > 0);
  });

  it('follows new events through StartLiveTail', async () => {
    const seen: PanelEvent[] = [];
    let resolve!: () => void;
    const arrived = new Promise<void>((r) => (resolve = r));
    const end = sources.follow(key, undefined, '"live-marker"', (events) => {
      seen.push(...events);
      resolve();
    });
    try {
      let settled = false;
      void arrived.then(() => (settled = true));
      // The session starts asynchronously: invoke until the first matching line arrives (each invoke awaited).
      for (let i = 0; !settled && i < 100; i++) await backend.invoke('orders-api', undefined, Buffer.from('{"tag":"live-marker"}'));
      assert.ok(settled, 'a live event arrived');
      assert.ok(seen.every((e) => e.message.includes('live-marker')));
    } finally {
      end();
    }
  });

  it('serves the panel session (groups under the root, request-id link)', async () => {
    const posted: ToWebview[] = [];
    const opened: string[] = [];
    const session = new LogPanelSession(sources, (m) => posted.push(m), { openInvocation: (inv) => void opened.push(inv.payload), openSource: () => undefined, copy: () => undefined, openAsDocument: () => undefined, showError: (m) => assert.fail(m) });
    await session.receive({ type: 'ready' });
    await session.receive({ type: 'query', group: key, pattern: '' });
    await session.receive({ type: 'openInvocation', requestId });
    session.dispose();
    assert.equal((posted[0] as Extract<ToWebview, { type: 'groups' }>).groups[0]?.root, backend.label);
    assert.ok((posted[1] as Extract<ToWebview, { type: 'events' }>).events.length >= 4);
    assert.deepEqual(opened, ['{"order":1}']);
  });
});
