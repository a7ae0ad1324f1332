// CloudWatch Logs of an AWS account through the SDK (DescribeLogGroups/Streams, FilterLogEvents,
// StartLiveTail), for the log panel's cloud sources. Part of the lazily loaded awsBackend bundle.
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, StartLiveTailCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudLogEvent, CloudLogGroup, CloudLogsApi } from './cloudLogsApi';

export class AwsLogs implements CloudLogsApi {
  private liveSeq = 0;

  constructor(private readonly client: CloudWatchLogsClient, private readonly call: <T>(op: () => Promise<T>) => Promise<T>) {}

  listLogGroups(prefix: string): Promise<CloudLogGroup[]> {
    return this.call(async () => {
      const groups: LogGroup[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }));
        groups.push(...(page.logGroups ?? []));
        nextToken = page.nextToken;
      } while (nextToken && groups.length < 1000);
      return groups.map((g) => ({
        name: g.logGroupName ?? '',
        arn: g.logGroupArn ?? (g.arn ?? '').replace(/:\*$/, ''),
        storedBytes: g.storedBytes ?? 0,
        ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
      }));
    });
  }

  listLogStreams(group: string): Promise<{ name: string; lastEventTimestamp?: number }[]> {
    return this.call(async () => {
      const page = await this.client.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: 50 }));
      return (page.logStreams ?? []).map((s) => ({ name: s.logStreamName ?? '', ...(s.lastEventTimestamp !== undefined ? { lastEventTimestamp: s.lastEventTimestamp } : {}) }));
    });
  }

  filterLogEvents(group: string, o: { readonly stream?: string; readonly pattern: string; readonly limit: number; readonly startTime?: number; readonly nextToken?: string }): Promise<{ events: CloudLogEvent[]; nextToken?: string }> {
    return this.call(async () => {
      const r = await this.client.send(
        new FilterLogEventsCommand({
          logGroupName: group,
          limit: Math.min(o.limit, 10_000),
          ...(o.stream ? { logStreamNames: [o.stream] } : {}),
          ...(o.pattern ? { filterPattern: o.pattern } : {}),
          ...(o.startTime !== undefined ? { startTime: o.startTime } : {}),
          ...(o.nextToken ? { nextToken: o.nextToken } : {}),
        }),
      );
      const events = (r.events ?? []).map((e, i) => ({ id: e.eventId ?? `${e.logStreamName}@${e.timestamp}#${i}`, stream: e.logStreamName ?? '', timestamp: e.timestamp ?? 0, message: e.message ?? '' }));
      return { events, ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
    });
  }

  startLiveTail(groupArn: string, o: { readonly stream?: string; readonly pattern: string }, onEvents: (events: CloudLogEvent[]) => void, onError: (message: string) => void): () => void {
    const abort = new AbortController();
    const run = async (): Promise<void> => {
      const r = await this.client.send(
        new StartLiveTailCommand({ logGroupIdentifiers: [groupArn], ...(o.stream ? { logStreamNames: [o.stream] } : {}), ...(o.pattern ? { logEventFilterPattern: o.pattern } : {}) }),
        { abortSignal: abort.signal },
      );
      for await (const m of r.responseStream ?? []) {
        if (abort.signal.aborted) return;
        const results = m.sessionUpdate?.sessionResults ?? [];
        if (results.length) onEvents(results.map((e) => ({ id: `live-${++this.liveSeq}`, stream: e.logStreamName ?? '', timestamp: e.timestamp ?? 0, message: e.message ?? '' })));
        const failure = m.SessionTimeoutException ?? m.SessionStreamingException;
        if (failure) throw new Error(failure.message ?? 'the live tail session ended');
      }
    };
    run().catch((e: unknown) => {
      if (!abort.signal.aborted) onError(`Live tail of ${groupArn} stopped: ${e instanceof Error ? e.message : String(e)}`);
    });
    return () => abort.abort();
  }
}
