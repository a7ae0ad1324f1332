// Workbench-only read routes for tools outside the engine process (the MCP server, scripts): one
// invocation by request id (event, response, figures and its log lines) and live metrics datapoints.
import { ApiError, validationError } from '../../errors';
import { filterEvents } from '../../logs/filterEvents';
import { compileFilterPattern } from '../../logs/filterPattern/filterPattern';
import type { ArchivedInvocation, InvocationArchive } from '../../logs/invocationArchive';
import type { LogStore } from '../../logs/logStore';
import type { MetricsStore } from '../../metrics/metricsStore';
import type { Route } from '../http/router';

/** The log lines of one invocation: INIT lines of a cold start, then START to REPORT. */
export async function invocationLog(logs: LogStore, inv: ArchivedInvocation): Promise<{ timestamp: number; message: string }[]> {
  const stream = logs.getGroup(inv.logGroup)?.streams.get(inv.logStreamName);
  if (!stream) return [];
  await logs.whenFlushed();
  const startTime = inv.startedAt - (inv.initDurationMs ?? 0) - 1000;
  const page = await filterEvents({ streams: [stream], filter: compileFilterPattern(undefined), startTime, endTime: inv.startedAt + inv.durationMs + 5000, limit: 10_000, maxBytes: 4 * 1024 * 1024 });
  const events = page.matches.map((m) => ({ timestamp: m.event.timestamp, message: m.event.message }));
  let start = events.findIndex((e) => e.message.startsWith(`START RequestId: ${inv.requestId}`));
  const end = events.findIndex((e) => e.message.startsWith(`REPORT RequestId: ${inv.requestId}`));
  if (start < 0 || end < start) return [];
  if (inv.coldStart) {
    for (let i = start - 1; i >= 0; i--) {
      if (/^(START|REPORT) RequestId:/.test(events[i]!.message)) break;
      start = i;
    }
  }
  return events.slice(start, end + 1);
}

/** GET /workbench/v1/invocations/<request id>, GET /workbench/v1/metrics/<function>. */
export function inspectionRoutes(archive: InvocationArchive, logs: LogStore, metrics: MetricsStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/workbench\/v1\/invocations\/([^/]+)\/?$/,
      handler: async (req) => {
        const inv = await archive.get(req.params[0] as string);
        if (!inv) throw new ApiError('ResourceNotFoundException', 404, `No invocation with request id ${req.params[0]} (only invocations of this state directory are kept, the oldest days are removed past the archive's size cap).`);
        return { status: 200, body: { ...inv, log: await invocationLog(logs, inv) } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/workbench\/v1\/metrics\/([^/]+)\/?$/,
      handler: (req) => {
        const num = (name: string, fallback: number): number => {
          const raw = req.query.get(name);
          const n = raw === null ? fallback : Number(raw);
          if (!Number.isFinite(n)) throw validationError(raw, name, 'Member must be a number');
          return n;
        };
        const period = num('Period', 60);
        if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) throw validationError(period, 'period', 'Member must be a multiple of 60');
        const resource = req.query.get('Resource');
        const version = req.query.get('ExecutedVersion');
        const datapoints = metrics.query({
          functionName: req.params[0] as string,
          startTime: num('StartTime', Date.now() - 3_600_000),
          period,
          ...(resource ? { resource } : {}),
          ...(version ? { executedVersion: version } : {}),
        });
        return { status: 200, body: { FunctionName: req.params[0], Period: period, Datapoints: datapoints, FunctionsWithMetrics: metrics.functions() } };
      },
    },
  ];
}
