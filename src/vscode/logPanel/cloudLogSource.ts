// An AWS account's CloudWatch Logs as a log panel source: the functions' log groups, FilterLogEvents
// with the same pattern syntax, StartLiveTail for live mode, and request-id links that open what this
// window recorded of the invocation or, failing that, its log lines and REPORT figures.
import type { ArchivedInvocation } from '../../core/logs/invocationArchive';
import type { CloudLogsApi } from '../backends/cloudLogsApi';
import type { EventPage, LogSource } from './logSource';
import type { PanelEvent, PanelGroup, PanelStream } from './logPanelProtocol';
import { parseReport } from './logRendering';

/** The prefix of Lambda functions' log groups. */
export const FUNCTION_GROUP_PREFIX = '/aws/lambda/';

export class CloudLogSource implements LogSource {
  private arns = new Map<string, string>();

  constructor(
    private readonly api: CloudLogsApi,
    private readonly recorded: { get(requestId: string): ArchivedInvocation | undefined } | undefined,
    private readonly onLiveError: (message: string) => void = () => undefined,
  ) {}

  async listGroups(): Promise<PanelGroup[]> {
    const groups = await this.api.listLogGroups(FUNCTION_GROUP_PREFIX);
    this.arns = new Map(groups.map((g) => [g.name, g.arn]));
    return groups.map((g) => ({ name: g.name, storedBytes: g.storedBytes, ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}) }));
  }

  async listStreams(group: string): Promise<PanelStream[]> {
    return this.api.listLogStreams(group);
  }

  async query(group: string, stream: string | undefined, pattern: string, limit: number, next?: unknown): Promise<EventPage> {
    const page = await this.api.filterLogEvents(group, { pattern, limit, ...(stream ? { stream } : {}), ...(typeof next === 'string' ? { nextToken: next } : {}) });
    return { events: page.events.map(toPanel), next: page.nextToken };
  }

  follow(group: string, stream: string | undefined, pattern: string, onEvents: (events: PanelEvent[]) => void): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    this.arnOf(group).then(
      (arn) => {
        if (!stopped) stop = this.api.startLiveTail(arn, { pattern, ...(stream ? { stream } : {}) }, (events) => onEvents(events.map(toPanel)), this.onLiveError);
      },
      (e: unknown) => this.onLiveError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }

  /** StartLiveTail takes log group ARNs. */
  private async arnOf(group: string): Promise<string> {
    if (!this.arns.has(group)) await this.listGroups();
    const arn = this.arns.get(group);
    if (!arn) throw new Error(`Live tail: no log group ${group} in this account and region (it appears with the function's first invocation).`);
    return arn;
  }

  async invocation(requestId: string, group?: string): Promise<ArchivedInvocation | undefined> {
    const known = this.recorded?.get(requestId);
    if (known || !group) return known;
    // Lambda keeps no copy of the event: show what the logs say about the invocation.
    const page = await this.api.filterLogEvents(group, { pattern: `"${requestId}"`, limit: 1000 });
    if (page.events.length === 0) return undefined;
    const report = page.events.map((e) => parseReport(e.message)).find((r) => r !== undefined);
    return {
      requestId,
      functionName: group.startsWith(FUNCTION_GROUP_PREFIX) ? group.slice(FUNCTION_GROUP_PREFIX.length) : group,
      invokedArn: '',
      invocationType: 'unknown',
      executedVersion: /^\d{4}\/\d\d\/\d\d\/\[([^\]]+)\]/.exec(page.events[0]!.stream)?.[1] ?? '$LATEST',
      logGroup: group,
      logStreamName: page.events[0]!.stream,
      startedAt: page.events[0]!.timestamp,
      durationMs: report?.durationMs ?? 0,
      billedDurationMs: report?.billedMs ?? 0,
      ...(report?.initDurationMs !== undefined ? { initDurationMs: report.initDurationMs } : {}),
      maxMemoryUsedMb: report?.maxMemoryUsedMb ?? 0,
      coldStart: report?.initDurationMs !== undefined,
      ...(report?.status === 'error' || report?.status === 'timeout' ? { errorType: report.status } : {}),
      payload: '"(not recorded: Lambda keeps no copy of an event; invocations made from this window are recorded)"',
      response: JSON.stringify(page.events.map((e) => e.message.replace(/\n$/, ''))),
    };
  }
}

const toPanel = (e: { id: string; stream: string; timestamp: number; message: string }): PanelEvent => ({ id: e.id, stream: e.stream, timestamp: e.timestamp, message: e.message });
