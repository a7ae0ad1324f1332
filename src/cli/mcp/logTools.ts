// MCP tools that read what happened: log events filtered with CloudWatch Logs filter patterns, one
// invocation by request id (event, response, log), and the AWS/Lambda metrics.
import { FilterLogEventsCommand, ResourceNotFoundException, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { parseSince } from '../stateDirFromArgs';
import { optionalString, stringArg, ToolInputError, type McpTool } from './mcpTool';

const since = { type: 'string', description: 'How far back: "10m", "2h", "1d" or an ISO date.' };

function sinceArg(args: Record<string, unknown>, fallback: string): number {
  const raw = optionalString(args, 'since') ?? fallback;
  try {
    return parseSince(raw);
  } catch (e) {
    throw new ToolInputError((e as Error).message);
  }
}

export const logTools: McpTool[] = [
  {
    name: 'get_logs',
    description:
      "Reads a function's log events (its CloudWatch Logs group /aws/lambda/<function>, kept locally), newest last, optionally filtered with a CloudWatch Logs filter pattern. " +
      'Pattern syntax: terms match words ("ERROR", "Task timed out"), -term excludes, ?a ?b means either; JSON logs: { $.level = "error" } or { $.durationMs > 100 }; space-delimited: [ip, user, ..., status=5*]. ' +
      'Each invocation logs START RequestId, its output, END and REPORT (Duration, Billed Duration, Memory, Init Duration on cold starts).',
    inputSchema: {
      type: 'object',
      properties: {
        functionName: { type: 'string', description: 'Function name, or a log group name starting with "/".' },
        filterPattern: { type: 'string', description: 'CloudWatch Logs filter pattern; omit for every event.' },
        since: { ...since, default: '10m' },
        limit: { type: 'integer', minimum: 1, maximum: 10000, default: 200, description: 'Most events returned (the newest ones).' },
      },
      required: ['functionName'],
      additionalProperties: false,
    },
    annotations: { title: 'Read function logs', readOnlyHint: true, openWorldHint: false },
    run: async (args, engine) => {
      const name = stringArg(args, 'functionName');
      const logGroupName = name.startsWith('/') ? name : `/aws/lambda/${name}`;
      const limit = args.limit === undefined ? 200 : Number(args.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new ToolInputError('limit must be a whole number from 1 to 10000.');
      const filterPattern = optionalString(args, 'filterPattern');
      const { logs } = await engine.endpoint();
      const events: FilteredLogEvent[] = [];
      let nextToken: string | undefined;
      const startTime = sinceArg(args, '10m');
      do {
        const page = await logs
          .send(new FilterLogEventsCommand({ logGroupName, startTime, ...(filterPattern ? { filterPattern } : {}), ...(nextToken ? { nextToken } : {}) }))
          .catch((e: unknown) => {
            if (e instanceof ResourceNotFoundException) return undefined;
            throw e;
          });
        if (!page) return { logGroup: logGroupName, events: [], note: `No log group ${logGroupName} yet: the function has not run (or the name is wrong; list_functions shows the names).` };
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken && events.length < 50_000);
      const masker = await engine.masker();
      const kept = events.slice(-limit);
      return {
        logGroup: logGroupName,
        ...(events.length > kept.length ? { omittedOlderEvents: events.length - kept.length } : {}),
        events: kept.map((e) => ({ timestamp: new Date(e.timestamp ?? 0).toISOString(), logStreamName: e.logStreamName, message: masker.mask(e.message ?? '').replace(/\n$/, '') })),
      };
    },
  },
  {
    name: 'get_invocation',
    description:
      'Gets one past invocation by its request id (from invoke_function, a log line or the async history): the event it received, the response it returned, error type, duration, cold start and init duration, the version that ran, and its log lines.',
    inputSchema: { type: 'object', properties: { requestId: { type: 'string', description: 'The invocation\'s request id (a UUID).' } }, required: ['requestId'], additionalProperties: false },
    annotations: { title: 'Get an invocation', readOnlyHint: true, openWorldHint: false },
    run: async (args, engine) => {
      const inv = await engine.get<Record<string, unknown> & { payload: string; response: string; log: { timestamp: number; message: string }[] }>(`/workbench/v1/invocations/${encodeURIComponent(stringArg(args, 'requestId'))}`);
      const masker = await engine.masker();
      const json = (text: string): unknown => {
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      };
      const { payload, response, log, ...rest } = inv;
      return { ...rest, event: json(masker.mask(payload)), response: json(masker.mask(response)), log: log.map((l) => masker.mask(l.message).replace(/\n$/, '')).join('\n') };
    },
  },
  {
    name: 'get_metrics',
    description:
      "Reads a function's AWS/Lambda metrics per period: Invocations, Errors, Throttles, Duration (average, p50, p99, max), ConcurrentExecutions and the async event counters. Use resource to narrow to an alias (\"fn:live\") or version.",
    inputSchema: {
      type: 'object',
      properties: {
        functionName: { type: 'string', description: 'Function name.' },
        since: { ...since, default: '60m' },
        period: { type: 'integer', minimum: 60, multipleOf: 60, default: 60, description: 'Seconds per datapoint, a multiple of 60.' },
        resource: { type: 'string', description: 'The Resource dimension: "fn" for unqualified calls, "fn:alias" or "fn:version".' },
        executedVersion: { type: 'string', description: 'Only invocations that ran this version.' },
      },
      required: ['functionName'],
      additionalProperties: false,
    },
    annotations: { title: 'Read function metrics', readOnlyHint: true, openWorldHint: false },
    run: async (args, engine) => {
      const q = new URLSearchParams({ StartTime: String(sinceArg(args, '60m')), Period: String(args.period ?? 60) });
      const resource = optionalString(args, 'resource');
      const version = optionalString(args, 'executedVersion');
      if (resource) q.set('Resource', resource);
      if (version) q.set('ExecutedVersion', version);
      const r = await engine.get<{ Period: number; Datapoints: unknown[]; FunctionsWithMetrics: string[] }>(`/workbench/v1/metrics/${encodeURIComponent(stringArg(args, 'functionName'))}?${q}`);
      return { functionName: args.functionName, period: r.Period, datapoints: r.Datapoints, ...(r.Datapoints.length ? {} : { functionsWithMetrics: r.FunctionsWithMetrics }) };
    },
  },
];
