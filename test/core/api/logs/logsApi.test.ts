import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { awsOutput as aws } from '../../../support/awsCli';
import { defineNodeFunction, startTestEngine, type TestEngine } from '../../../support/engine';

const fnSource = `exports.handler = async (e) => {
  console.log('hello', JSON.stringify(e));
  if (e.json) console.log(JSON.stringify({ level: e.level ?? 'INFO', latency: e.latency ?? 1 }));
  if (e.fail) console.error('ERROR failing on purpose');
  return 'ok';
};`;

describe('api/logsApi (aws CLI and @aws-sdk/client-cloudwatch-logs)', function () {
  this.timeout(60_000);
  let t: TestEngine;
  let client: CloudWatchLogsClient;
  const group = '/aws/lambda/logfn';
  const invoke = (event: object) => t.invoke({ functionName: 'logfn', payload: Buffer.from(JSON.stringify(event)) });

  before(async () => {
    t = await startTestEngine({ listen: true });
    defineNodeFunction(t, 'logfn', fnSource);
    client = new CloudWatchLogsClient({ endpoint: t.url, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, disableHostPrefix: true });
    await invoke({ n: 1 });
    await invoke({ n: 2, fail: true });
    await invoke({ n: 3, json: true, level: 'ERROR', latency: 1500 });
  });
  after(async () => {
    client.destroy();
    await t.dispose();
  });

  it('DescribeLogGroups: Lambda groups, prefix and pattern, pagination, and their exclusivity', async () => {
    for (let i = 0; i < 3; i++) assert.strictEqual((await aws(t.url, ['logs', 'create-log-group', '--log-group-name', `/app/g${i}`])).code, 0);
    const all = (await aws(t.url, ['logs', 'describe-log-groups'])).json as { logGroups: { logGroupName: string; arn: string; logGroupArn: string }[] };
    assert.deepStrictEqual(all.logGroups.map((g) => g.logGroupName), ['/app/g0', '/app/g1', '/app/g2', group]);
    const lg = all.logGroups[3]!;
    assert.strictEqual(lg.arn, `arn:aws:logs:us-east-1:123456789012:log-group:${group}:*`);
    assert.strictEqual(lg.logGroupArn, `arn:aws:logs:us-east-1:123456789012:log-group:${group}`);
    const byPrefix = (await aws(t.url, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/app/'])).json as { logGroups: unknown[] };
    assert.strictEqual(byPrefix.logGroups.length, 3);
    const byPattern = (await aws(t.url, ['logs', 'describe-log-groups', '--log-group-name-pattern', 'g1'])).json as { logGroups: { logGroupName: string }[] };
    assert.deepStrictEqual(byPattern.logGroups.map((g) => g.logGroupName), ['/app/g1']);
    const p1 = await client.send(new DescribeLogGroupsCommand({ limit: 2 }));
    assert.strictEqual(p1.logGroups?.length, 2);
    const p2 = await client.send(new DescribeLogGroupsCommand({ limit: 2, nextToken: p1.nextToken }));
    assert.deepStrictEqual(p2.logGroups?.map((g) => g.logGroupName), ['/app/g2', group]);
    assert.strictEqual(p2.nextToken, undefined);
    const both = await aws(t.url, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/a', '--log-group-name-pattern', 'g']);
    assert.match(both.stderr, /InvalidParameterException.*mutually exclusive/);
    const tooMany = await aws(t.url, ['logs', 'describe-log-groups', '--limit', '51']);
    assert.match(tooMany.stderr, /InvalidParameterException.*Member must have value less than or equal to 50/);
  });

  it('Create/PutLogEvents/DescribeLogStreams: ordering, prefix rule, pagination, errors', async () => {
    const g = '/app/streams';
    await aws(t.url, ['logs', 'create-log-group', '--log-group-name', g]);
    const dup = await aws(t.url, ['logs', 'create-log-group', '--log-group-name', g]);
    assert.match(dup.stderr, /ResourceAlreadyExistsException.*The specified log group already exists/);
    const now = Date.now();
    for (const [name, ts] of [['b', now - 3000], ['a', now - 1000], ['c', now - 2000]] as const) {
      await aws(t.url, ['logs', 'create-log-stream', '--log-group-name', g, '--log-stream-name', name]);
      const put = await aws(t.url, ['logs', 'put-log-events', '--log-group-name', g, '--log-stream-name', name, '--log-events', `timestamp=${ts},message=hi-${name}`]);
      assert.strictEqual(put.code, 0, put.stderr);
    }
    const noStream = await aws(t.url, ['logs', 'put-log-events', '--log-group-name', g, '--log-stream-name', 'zz', '--log-events', `timestamp=${now},message=x`]);
    assert.match(noStream.stderr, /ResourceNotFoundException.*The specified log stream does not exist/);
    const outOfOrder = await client.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: 'a', logEvents: [{ timestamp: now, message: 'x' }, { timestamp: now - 5, message: 'y' }] })).catch((e: Error) => e);
    assert.strictEqual((outOfOrder as Error).name, 'InvalidParameterException');
    const rejected = await client.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: 'a', logEvents: [{ timestamp: now - 20 * 86_400_000, message: 'ancient' }, { timestamp: now - 20 * 86_400_000 + 5, message: 'old' }] }));
    assert.deepStrictEqual(rejected.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1 });
    const span = await client.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: 'a', logEvents: [{ timestamp: now - 2 * 86_400_000, message: 'x' }, { timestamp: now, message: 'y' }] })).catch((e: Error) => e);
    assert.match((span as Error).message, /cannot span more than 24 hours/);
    const byName = (await aws(t.url, ['logs', 'describe-log-streams', '--log-group-name', g])).json as { logStreams: { logStreamName: string; lastEventTimestamp: number }[] };
    assert.deepStrictEqual(byName.logStreams.map((s) => s.logStreamName), ['a', 'b', 'c']);
    const byTime = (await aws(t.url, ['logs', 'describe-log-streams', '--log-group-name', g, '--order-by', 'LastEventTime', '--descending'])).json as typeof byName;
    assert.deepStrictEqual(byTime.logStreams.map((s) => s.logStreamName), ['a', 'c', 'b']);
    const bad = await aws(t.url, ['logs', 'describe-log-streams', '--log-group-name', g, '--order-by', 'LastEventTime', '--log-stream-name-prefix', 'a']);
    assert.match(bad.stderr, /InvalidParameterException.*Cannot order by LastEventTime with a logStreamNamePrefix/);
    const p1 = await client.send(new DescribeLogStreamsCommand({ logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${g}`, limit: 2, descending: true }));
    const p2 = await client.send(new DescribeLogStreamsCommand({ logGroupName: g, limit: 2, descending: true, nextToken: p1.nextToken }));
    assert.deepStrictEqual([...p1.logStreams!, ...p2.logStreams!].map((s) => s.logStreamName), ['c', 'b', 'a']);
    const missing = await aws(t.url, ['logs', 'describe-log-streams', '--log-group-name', '/nope']);
    assert.match(missing.stderr, /ResourceNotFoundException.*The specified log group does not exist/);
  });

  it('GetLogEvents: newest page by default, forward walk ends when the same token comes back, backward tokens', async () => {
    const g = '/app/paging';
    await aws(t.url, ['logs', 'create-log-group', '--log-group-name', g]);
    await aws(t.url, ['logs', 'create-log-stream', '--log-group-name', g, '--log-stream-name', 's']);
    const base = Date.now() - 60_000;
    await client.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: 's', logEvents: Array.from({ length: 25 }, (_, i) => ({ timestamp: base + i, message: `m${i}` })) }));
    const newest = await client.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', limit: 10 }));
    assert.deepStrictEqual(newest.events!.map((e) => e.message), Array.from({ length: 10 }, (_, i) => `m${15 + i}`));
    assert.match(newest.nextForwardToken!, /^f\/\d{56}\/s$/);
    assert.match(newest.nextBackwardToken!, /^b\/\d{56}\/s$/);
    const older = await client.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', limit: 10, nextToken: newest.nextBackwardToken }));
    assert.deepStrictEqual(older.events!.map((e) => e.message), Array.from({ length: 10 }, (_, i) => `m${5 + i}`));
    const seen: string[] = [];
    let token: string | undefined;
    for (let calls = 0; calls < 10; calls++) {
      const r = await client.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', limit: 7, startFromHead: true, ...(token ? { nextToken: token } : {}) }));
      seen.push(...r.events!.map((e) => e.message!));
      if (r.nextForwardToken === token) break;
      token = r.nextForwardToken;
    }
    assert.deepStrictEqual(seen, Array.from({ length: 25 }, (_, i) => `m${i}`));
    const ranged = (await aws(t.url, ['logs', 'get-log-events', '--log-group-name', g, '--log-stream-name', 's', '--start-from-head', '--start-time', String(base + 3), '--end-time', String(base + 6)])).json as { events: { message: string }[] };
    assert.deepStrictEqual(ranged.events.map((e) => e.message), ['m3', 'm4', 'm5']);
    const badToken = await aws(t.url, ['logs', 'get-log-events', '--log-group-name', g, '--log-stream-name', 's', '--next-token', 'nonsense']);
    assert.match(badToken.stderr, /InvalidParameterException.*nextToken is invalid/);
  });

  it('FilterLogEvents through `aws logs filter-log-events`: term, JSON and exclusion patterns, time ranges, pagination', async () => {
    const errors = (await aws(t.url, ['logs', 'filter-log-events', '--log-group-name', group, '--filter-pattern', 'ERROR'])).json as { events: { message: string; eventId: string }[] };
    assert.deepStrictEqual(errors.events.map((e) => e.message.split('\t').slice(2).join('\t')), [
      'ERROR\tERROR failing on purpose\n',
      'INFO\thello {"n":3,"json":true,"level":"ERROR","latency":1500}\n',
      'INFO\t{"level":"ERROR","latency":1500}\n',
    ]);
    assert.ok(errors.events.every((e) => /^\d{56}$/.test(e.eventId)));
    const starts = (await aws(t.url, ['logs', 'filter-log-events', '--log-group-name', group, '--filter-pattern', '"START RequestId"'])).json as { events: unknown[] };
    assert.strictEqual(starts.events.length, 3);
    const noHello = (await aws(t.url, ['logs', 'filter-log-events', '--log-group-name', group, '--filter-pattern', 'INFO -hello'])).json as { events: { message: string }[] };
    assert.strictEqual(noHello.events.length, 1);
    const g = '/app/filter';
    await aws(t.url, ['logs', 'create-log-group', '--log-group-name', g]);
    const base = Date.now() - 120_000;
    for (const s of ['x', 'y']) {
      await aws(t.url, ['logs', 'create-log-stream', '--log-group-name', g, '--log-stream-name', s]);
      await client.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: s, logEvents: Array.from({ length: 60 }, (_, i) => ({ timestamp: base + i * 2 + (s === 'y' ? 1 : 0), message: JSON.stringify({ level: i % 2 ? 'ERROR' : 'INFO', i, stream: s }) })) }));
    }
    // --page-size makes the CLI follow nextToken across many small pages.
    const json = (await aws(t.url, ['logs', 'filter-log-events', '--log-group-name', g, '--filter-pattern', '{ $.level = "ERROR" && $.i >= 10 }', '--page-size', '7'])).json as { events: { message: string; logStreamName: string; timestamp: number }[] };
    assert.strictEqual(json.events.length, 50);
    const ts = json.events.map((e) => e.timestamp);
    assert.deepStrictEqual(ts, [...ts].sort((a, b) => a - b), 'interleaved by timestamp');
    assert.strictEqual(new Set(ts).size, 50, 'no repeats across pages');
    const one = (await aws(t.url, ['logs', 'filter-log-events', '--log-group-name', g, '--log-stream-names', 'y', '--start-time', String(base + 10), '--end-time', String(base + 20)])).json as typeof json;
    assert.deepStrictEqual(one.events.map((e) => e.timestamp), [11, 13, 15, 17, 19].map((d) => base + d));
    const sdkPage = await client.send(new FilterLogEventsCommand({ logGroupName: g, limit: 5 }));
    assert.strictEqual(sdkPage.events!.length, 5);
    assert.ok(sdkPage.nextToken);
    assert.deepStrictEqual(sdkPage.searchedLogStreams, []);
    const badPattern = await aws(t.url, ['logs', 'filter-log-events', '--log-group-name', g, '--filter-pattern', '{ $.a = }']);
    assert.match(badPattern.stderr, /InvalidParameterException/);
  });

  it('PutRetentionPolicy accepts only CloudWatch periods, shows up in DescribeLogGroups, deletes go away', async () => {
    const g = '/app/retention';
    await aws(t.url, ['logs', 'create-log-group', '--log-group-name', g]);
    const bad = await aws(t.url, ['logs', 'put-retention-policy', '--log-group-name', g, '--retention-in-days', '2']);
    assert.match(bad.stderr, /InvalidParameterException.*Member must satisfy enum value set: \[1, 3, 5/);
    assert.strictEqual((await aws(t.url, ['logs', 'put-retention-policy', '--log-group-name', g, '--retention-in-days', '7'])).code, 0);
    const d = (await aws(t.url, ['logs', 'describe-log-groups', '--log-group-name-prefix', g])).json as { logGroups: { retentionInDays?: number }[] };
    assert.strictEqual(d.logGroups[0]!.retentionInDays, 7);
    await aws(t.url, ['logs', 'delete-retention-policy', '--log-group-name', g]);
    const d2 = (await aws(t.url, ['logs', 'describe-log-groups', '--log-group-name-prefix', g])).json as { logGroups: { retentionInDays?: number }[] };
    assert.strictEqual(d2.logGroups[0]!.retentionInDays, undefined);
    await aws(t.url, ['logs', 'create-log-stream', '--log-group-name', g, '--log-stream-name', 's']);
    assert.strictEqual((await aws(t.url, ['logs', 'delete-log-stream', '--log-group-name', g, '--log-stream-name', 's'])).code, 0);
    assert.match((await aws(t.url, ['logs', 'delete-log-stream', '--log-group-name', g, '--log-stream-name', 's'])).stderr, /ResourceNotFoundException/);
    assert.strictEqual((await aws(t.url, ['logs', 'delete-log-group', '--log-group-name', g])).code, 0);
    assert.match((await aws(t.url, ['logs', 'delete-log-group', '--log-group-name', g])).stderr, /ResourceNotFoundException.*The specified log group does not exist/);
  });

  it('StartLiveTail (SDK): sessionStart, then a handler line that matches the filter', async () => {
    const r = await client.send(new StartLiveTailCommand({ logGroupIdentifiers: [`arn:aws:logs:us-east-1:123456789012:log-group:${group}`], logEventFilterPattern: 'live-marker' }));
    const it = r.responseStream![Symbol.asyncIterator]();
    const start = await it.next();
    assert.ok(start.value?.sessionStart?.sessionId);
    void invoke({ marker: 'live-marker' });
    for (;;) {
      const u = (await it.next()).value?.sessionUpdate;
      if (!u?.sessionResults?.length) continue;
      assert.strictEqual(u.sessionResults.length, 1);
      assert.match(u.sessionResults[0]!.message, /hello \{"marker":"live-marker"\}/);
      assert.strictEqual(u.sessionMetadata?.sampled, false);
      break;
    }
    await it.return?.();
  });

  it('`aws logs start-live-tail` (CLI) prints a new line', async () => {
    const child = spawn('aws', ['logs', 'start-live-tail', '--log-group-identifiers', group, '--log-event-filter-pattern', 'cli-marker', '--endpoint-url', t.url], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_DEFAULT_REGION: 'us-east-1', AWS_DISABLE_HOST_PREFIX_INJECTION: 'true' },
    });
    let out = '';
    const subscribers = t.logs.subscriberCount;
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const seen = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('cli-marker')) resolve();
      });
    });
    // Invoke once the CLI's session is subscribed to the store (a condition, not a delay).
    while (t.logs.subscriberCount === subscribers && !stderr) await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(stderr, '');
    await invoke({ marker: 'cli-marker' });
    await seen.finally(() => child.kill());
    await exited;
    assert.match(out, /hello \{"marker":"cli-marker"\}/);
  });

  it('the polling `aws logs tail --follow` does (FilterLogEvents from the newest timestamp, de-duplicated by eventId) sees each new line once', async () => {
    // AWS CLI v2's tail --follow: repeat FilterLogEvents(startTime = newest seen timestamp), skip seen eventIds.
    let startTime = Date.now() - 600_000;
    const seen = new Map<number, Set<string>>();
    const printed: string[] = [];
    const poll = async (): Promise<void> => {
      let nextToken: string | undefined;
      do {
        const r = await client.send(new FilterLogEventsCommand({ logGroupName: group, startTime, interleaved: true, ...(nextToken ? { nextToken } : {}) }));
        for (const e of r.events!) {
          const ids = seen.get(e.timestamp!) ?? new Set<string>();
          if (!ids.has(e.eventId!)) {
            ids.add(e.eventId!);
            seen.set(e.timestamp!, ids);
            printed.push(e.message!);
          }
        }
        nextToken = r.nextToken;
      } while (nextToken);
      const newest = Math.max(...seen.keys());
      for (const k of [...seen.keys()]) if (k !== newest) seen.delete(k);
      startTime = newest;
    };
    await poll();
    const before = printed.length;
    await invoke({ marker: 'tail-marker' });
    await poll();
    await poll();
    const added = printed.slice(before);
    assert.strictEqual(added.filter((m) => m.includes('tail-marker')).length, 1);
    assert.strictEqual(added.filter((m) => m.startsWith('START')).length, 1);
    assert.strictEqual(added.filter((m) => m.startsWith('REPORT')).length, 1);
  });
});
