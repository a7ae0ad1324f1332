// An AWS account/region (or any Lambda-compatible endpoint, our own included) as a backend, through
// @aws-sdk/client-lambda and client-cloudwatch-logs with the standard credential chain and a profile.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  ListDurableExecutionsByFunctionCommand,
  GetDurableExecutionHistoryCommand,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateAliasCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { timelineLines, type AnyHistoryEvent } from '../../core/durable/historyTimeline';
import { executionTimeline, type ExecutionTimeline } from '../../core/durable/executionTimeline';
import { byVersionNumber, routingConfig, toAliasSummary, toFunctionSummary, toVersionSummary } from './awsShapes';
import { BackendError, awsBackendId, type AliasSummary, type ChangeListener, type DurableExecutionSummary, type FunctionSummary, type InvokeResult, type LambdaBackend, type LogEventSummary, type VersionSummary } from './lambdaBackend';
import { parseReport } from './reportLine';
import { AwsLogs } from './awsLogs';
import type { CloudLogsApi } from './cloudLogsApi';
import { RecentInvocations } from './recentInvocations';

/** Which account, region and endpoint to talk to. */
export interface AwsTarget {
  readonly profile: string;
  readonly region: string;
  readonly endpointUrl?: string;
  /** Explicit keys (tests against a local endpoint); otherwise the profile's credential chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

const TAIL_LIMIT = 4096;

/** Runs an SDK call, turning service errors into BackendErrors that name the exception. */
async function call<T>(op: () => Promise<T>, target: AwsTarget): Promise<T> {
  try {
    return await op();
  } catch (e) {
    const err = e as { name?: string; message?: string; code?: string };
    if (err.name === 'CredentialsProviderError' || /Could not load credentials/i.test(err.message ?? '')) {
      throw new BackendError(`No AWS credentials for profile "${target.profile}": ${err.message ?? ''} Configure it with "aws configure --profile ${target.profile}" or sign in with "aws sso login".`, err.name);
    }
    if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND') {
      throw new BackendError(`Cannot reach ${target.endpointUrl ?? `AWS Lambda in ${target.region}`} (${err.code}).`, err.code);
    }
    throw new BackendError(err.message || String(e), err.name);
  }
}

/** An account/region through the AWS SDK. */
export class AwsBackend implements LambdaBackend {
  readonly kind = 'aws';
  readonly id: string;
  readonly label: string;
  private readonly lambda: LambdaClient;
  private readonly logs: CloudWatchLogsClient;
  private readonly listeners = new Set<ChangeListener>();
  /** Invocations made from this window, so request-id links on cloud logs can show the event and response. */
  readonly recent = new RecentInvocations();

  constructor(readonly target: AwsTarget) {
    this.id = awsBackendId(target);
    this.label = `AWS: ${target.profile} (${target.region})${target.endpointUrl ? ` at ${target.endpointUrl}` : ''}`;
    const config = {
      region: target.region,
      ...(target.credentials ? { credentials: target.credentials } : { profile: target.profile }),
      ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
    };
    this.lambda = new LambdaClient(config);
    // StartLiveTail's host prefix (`streaming-`) only resolves on AWS's own endpoints.
    this.logs = new CloudWatchLogsClient({ ...config, ...(target.endpointUrl ? { disableHostPrefix: true } : {}) });
  }

  onDidChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listFunctions(): Promise<FunctionSummary[]> {
    return call(async () => {
      const configs: FunctionConfiguration[] = [];
      let marker: string | undefined;
      do {
        const page = await this.lambda.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }));
        configs.push(...(page.Functions ?? []));
        marker = page.NextMarker;
      } while (marker);
      const reserved = await mapLimited(configs, 8, async (c) => (await this.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: c.FunctionName }))).ReservedConcurrentExecutions);
      return configs.map((c, i) => toFunctionSummary(c, reserved[i])).sort((a, b) => a.name.localeCompare(b.name));
    }, this.target);
  }

  listVersions(name: string): Promise<VersionSummary[]> {
    return call(async () => {
      const out: VersionSummary[] = [];
      let marker: string | undefined;
      do {
        const page = await this.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name, Marker: marker, MaxItems: 50 }));
        out.push(...(page.Versions ?? []).map(toVersionSummary));
        marker = page.NextMarker;
      } while (marker);
      return out.filter((v) => v.version !== '$LATEST').sort(byVersionNumber);
    }, this.target);
  }

  // One page, newest first; a function that is not durable (or a role that may not list) shows none.
  async listDurableExecutions(name: string): Promise<DurableExecutionSummary[]> {
    try {
      const page = await this.lambda.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: name, MaxItems: 20 }));
      return (page.DurableExecutions ?? []).map((e) => ({
        arn: e.DurableExecutionArn ?? '',
        name: e.DurableExecutionName ?? '',
        version: /:function:[^:]+:([^/]+)\//.exec(e.DurableExecutionArn ?? '')?.[1] ?? '$LATEST',
        status: e.Status ?? 'RUNNING',
        startTimestamp: e.StartTimestamp?.getTime() ?? 0,
        endTimestamp: e.EndTimestamp?.getTime(),
        waitingOn: [],
        callbacks: [],
        errorMessage: undefined,
      }));
    } catch {
      return [];
    }
  }

  durableHistory(arn: string): Promise<string[]> {
    return call(async () => timelineLines(await this.historyEvents(arn)), this.target);
  }

  durableTimeline(arn: string): Promise<ExecutionTimeline> {
    return call(async () => executionTimeline(await this.historyEvents(arn)), this.target);
  }

  private async historyEvents(arn: string): Promise<AnyHistoryEvent[]> {
    const events = [];
    let marker: string | undefined;
    do {
      const page = await this.lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, IncludeExecutionData: true, Marker: marker }));
      events.push(...(page.Events ?? []));
      marker = page.NextMarker;
    } while (marker);
    return events as unknown as AnyHistoryEvent[];
  }

  stopDurableExecution(arn: string): Promise<void> {
    return call(async () => {
      await this.lambda.send(new StopDurableExecutionCommand({ DurableExecutionArn: arn, Error: { ErrorMessage: 'Stopped from the Lambda explorer.' } }));
    }, this.target);
  }

  completeDurableCallback(callbackId: string, outcome: { readonly result: string } | { readonly error: string }): Promise<void> {
    return call(async () => {
      if ('result' in outcome) await this.lambda.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result: Buffer.from(outcome.result) }));
      else await this.lambda.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: callbackId, Error: { ErrorType: 'CallbackFailure', ErrorMessage: outcome.error } }));
    }, this.target);
  }

  listAliases(name: string): Promise<AliasSummary[]> {
    return call(async () => {
      const out: AliasSummary[] = [];
      let marker: string | undefined;
      do {
        const page = await this.lambda.send(new ListAliasesCommand({ FunctionName: name, Marker: marker, MaxItems: 50 }));
        out.push(...(page.Aliases ?? []).map(toAliasSummary));
        marker = page.NextMarker;
      } while (marker);
      return out;
    }, this.target);
  }

  publishVersion(name: string, description: string): Promise<VersionSummary> {
    return this.changing(name, async () => toVersionSummary(await this.lambda.send(new PublishVersionCommand({ FunctionName: name, ...(description ? { Description: description } : {}) }))));
  }

  createAlias(name: string, alias: string, version: string, description: string): Promise<AliasSummary> {
    return this.changing(name, async () => toAliasSummary(await this.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version, Description: description }))));
  }

  updateAlias(name: string, alias: string, change: { readonly functionVersion?: string; readonly routing?: { version: string; weight: number } | null }): Promise<AliasSummary> {
    return this.changing(name, async () =>
      toAliasSummary(
        await this.lambda.send(
          new UpdateAliasCommand({
            FunctionName: name,
            Name: alias,
            ...(change.functionVersion !== undefined ? { FunctionVersion: change.functionVersion } : {}),
            ...(change.routing !== undefined ? { RoutingConfig: routingConfig(change.routing) } : {}),
          }),
        ),
      ),
    );
  }

  deleteVersion(name: string, version: string): Promise<void> {
    return this.changing(name, async () => void (await this.lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: version }))));
  }

  deleteAlias(name: string, alias: string): Promise<void> {
    return this.changing(name, async () => void (await this.lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: alias }))));
  }

  setReservedConcurrency(name: string, value: number | undefined): Promise<void> {
    return this.changing(name, async () => {
      if (value === undefined) await this.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
      else await this.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: value }));
    });
  }

  invoke(name: string, qualifier: string | undefined, payload: Buffer): Promise<InvokeResult> {
    return call(async () => {
      const r = await this.lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload, LogType: 'Tail', ...(qualifier && qualifier !== '$LATEST' ? { Qualifier: qualifier } : {}) }));
      const log = r.LogResult ? Buffer.from(r.LogResult, 'base64').toString('utf8') : '';
      const report = parseReport(log);
      const body = r.Payload ? Buffer.from(r.Payload).toString('utf8') : '';
      const requestId = /RequestId: ([0-9a-f-]{36})/.exec(log)?.[1] ?? r.$metadata.requestId ?? '';
      const result: InvokeResult = {
        requestId,
        executedVersion: r.ExecutedVersion ?? qualifier ?? '$LATEST',
        payload: body,
        errorType: r.FunctionError ? errorTypeOf(body) ?? r.FunctionError : undefined,
        durationMs: report?.durationMs,
        billedDurationMs: report?.billedDurationMs,
        memorySizeMb: report?.memorySizeMb ?? 0,
        maxMemoryUsedMb: report?.maxMemoryUsedMb,
        coldStart: report ? report.initDurationMs !== undefined : undefined,
        initDurationMs: report?.initDurationMs,
        logLines: log.split(/\r?\n/).filter((l) => l !== ''),
        completeLog: Buffer.byteLength(log) < TAIL_LIMIT,
      };
      this.recent.add(name, payload, result);
      return result;
    }, this.target);
  }

  fetchLogEvents(logGroup: string, options: { readonly filterPattern?: string; readonly startTime?: number; readonly limit?: number } = {}): Promise<LogEventSummary[]> {
    return call(async () => {
      const r = await this.logs.send(
        new FilterLogEventsCommand({
          logGroupName: logGroup,
          ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
          ...(options.startTime !== undefined ? { startTime: options.startTime } : {}),
          limit: options.limit ?? 200,
        }),
      );
      return (r.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: (e.message ?? '').replace(/\n$/, ''), logStreamName: e.logStreamName ?? '' }));
    }, this.target);
  }

  /** CloudWatch Logs of this account/region, for the log panel. */
  cloudLogs(): CloudLogsApi {
    return new AwsLogs(this.logs, (op) => call(op, this.target));
  }

  dispose(): void {
    this.listeners.clear();
    this.lambda.destroy();
    this.logs.destroy();
  }

  /** Runs a change and tells listeners about it (the only way the tree learns about AWS changes). */
  private async changing<T>(name: string, op: () => Promise<T>): Promise<T> {
    const result = await call(op, this.target);
    for (const l of this.listeners) l([name]);
    return result;
  }
}

function errorTypeOf(body: string): string | undefined {
  try {
    const t = (JSON.parse(body) as { errorType?: unknown }).errorType;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
