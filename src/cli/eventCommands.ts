// Event-source commands: `generate-event` (sample events), `fire-schedule` (run a schedule now) and
// `async-events` (the Event queue's history), against a running engine when there is one.
import * as http from 'node:http';
import { defaultPartition } from '../core/arn';
import { ApiError, messageOf, WorkbenchError } from '../core/errors';
import { isHolderAlive, readLockHolder } from '../core/state/stateLock';
import type { AsyncEventHistory } from '../core/invoke/asyncEventStore';
import type { InvocationRecord } from '../core/invoke/invoker';
import { allSampleOptions, generateEvent, listSamples } from '../core/events/samples/sampleEvents';
import { emitJson, usageError } from './cliOutput';
import { engineOptions, startEngine, type Values } from './engineFromArgs';
import { parsePayload } from './invocationDocument';
import { stateDirFromArgs } from './stateDirFromArgs';
import { functionTriggerSamples, generateCommandOf } from './triggerSampleOption';

/** Every option any sample takes, declared for the argument parser. */
export const generateEventOptions = { ...Object.fromEntries(allSampleOptions().map((name) => [name, { type: 'string' as const }])), for: { type: 'string' as const }, template: { type: 'string' as const, short: 't' }, 'parameter-overrides': { type: 'string' as const } };
/** Help line of `generate-event`. */
export const generateEventUsage = 'lambda-workbench generate-event <source> <type> [--<option> VALUE ...] | --for <function> [--template FILE]: prints a sample event (--for: the one matching the function\'s trigger; no arguments: lists sources, types and options)';

/** `generate-event`: prints a sample event, or the catalogue. */
export async function generateEventCommand(values: Values, positionals: string[]): Promise<number> {
  if (values.for !== undefined) {
    const found = await functionTriggerSamples(values, values.for as string);
    if (found.length === 0) throw new WorkbenchError(`${values.for} has no trigger in the template that a sample event fits; name a source and type instead. ${generateEventUsage}`);
    for (const other of found.slice(1)) process.stderr.write(`Also triggered by ${other.label}: ${generateCommandOf(other)}\n`);
    process.stderr.write(`${found[0]!.label}:\n`);
    process.stdout.write(JSON.stringify(generateEvent(found[0]!.source, found[0]!.type, found[0]!.options, defaultPartition), null, 2) + '\n');
    return 0;
  }
  if (positionals.length === 0) {
    if (emitJson(values, { samples: listSamples() })) return 0;
    const lines = listSamples().flatMap((s) => [`${s.source} ${s.type}: ${s.help}`, ...Object.entries(s.options).map(([name, o]) => `    --${name} (default ${JSON.stringify(o.default)}): ${o.help}`)]);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  const [source, type] = positionals;
  if (!source || !type || positionals.length > 2) throw usageError(`generate-event takes a source and a type, e.g. generate-event s3 put --bucket photos --key a.jpg. ${generateEventUsage}`);
  const options = Object.fromEntries(Object.entries(values).filter(([k, v]) => typeof v === 'string' && !['json', 'template', 'parameter-overrides'].includes(k))) as Record<string, string>;
  process.stdout.write(JSON.stringify(generateEvent(source, type, options, defaultPartition), null, 2) + '\n');
  return 0;
}

/** Options of commands that talk to a running engine or start one. */
export const endpointOptions = { ...engineOptions, 'endpoint-url': { type: 'string' } } as const;

// --endpoint-url, else the running engine that holds the workspace's state directory.
async function runningEndpoint(values: Values): Promise<string | undefined> {
  if (values['endpoint-url']) return values['endpoint-url'] as string;
  const holder = readLockHolder(await stateDirFromArgs(values));
  return holder?.endpoint && isHolderAlive(holder) ? holder.endpoint : undefined;
}

/** The engine's JSON answer: AWS-shaped fields read where used. */
interface EngineAnswer {
  readonly Message?: string;
  readonly message?: string;
  readonly RequestId?: string;
  readonly [key: string]: unknown;
}

function call(method: string, url: string): Promise<{ status: number; errorType?: string; body: EngineAnswer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, errorType: (res.headers['x-amzn-errortype'] as string | undefined)?.split(':')[0], body: text ? (JSON.parse(text) as EngineAnswer) : {} });
        } catch (e) {
          reject(new WorkbenchError(`${url} answered something that is not JSON: ${messageOf(e)}`));
        }
      });
    });
    req.on('error', (e) => reject(new WorkbenchError(`Cannot reach the engine at ${url} (${e.message}). Is it still running?`, 'EngineUnreachable')));
    req.end();
  });
}

/** `fire-schedule`: queues a schedule's event now; locally it also waits and prints the outcome. */
export async function fireSchedule(values: Values, positionals: string[]): Promise<number> {
  const [fn, event] = positionals;
  if (!fn || positionals.length > 2) throw usageError('fire-schedule takes a function name and, when it has several schedules, the event name: fire-schedule <function> [event]');
  const endpoint = await runningEndpoint(values);
  if (endpoint) {
    const r = await call('POST', `${endpoint}/workbench/v1/schedules/${encodeURIComponent(fn)}${event ? `/${encodeURIComponent(event)}` : ''}/fire`);
    if (r.status !== 202) throw new ApiError(r.errorType ?? 'ServiceException', r.status, r.body.Message ?? r.body.message ?? `The engine answered ${r.status}.`);
    if (emitJson(values, { queued: true, requestId: r.body.RequestId, endpoint })) return 0;
    process.stdout.write(`Queued the scheduled event on ${endpoint}; request id ${r.body.RequestId}.\n`);
    return 0;
  }
  const engine = await startEngine(values);
  try {
    const runs: InvocationRecord[] = [];
    engine.on('invocation', (r) => runs.push(r));
    const id = await engine.fireSchedule(fn, event);
    const history = await new Promise<AsyncEventHistory>((resolve) => {
      const stop = engine.onAsyncEvent((h) => {
        if (h.requestId !== id || !['Succeeded', 'Failed', 'Dropped'].includes(h.status)) return;
        stop();
        resolve(h);
      });
    });
    const last = runs.filter((r) => r.outcome.requestId === id).at(-1);
    const ok = history.status === 'Succeeded' ? 0 : 1;
    if (emitJson(values, { requestId: id, status: history.status, invokeCount: history.invokeCount, ...(last ? { payload: parsePayload(last.outcome.payload.toString('utf8')) } : {}) })) return ok;
    process.stdout.write(`${history.status} after ${history.invokeCount} run(s), request id ${id}\n`);
    if (last) process.stdout.write(last.outcome.payload.toString('utf8') + '\n');
    return history.status === 'Succeeded' ? 0 : 1;
  } finally {
    await engine.dispose();
  }
}

/** `async-events`: the Event queue's recent history (from the running engine, or the saved state). */
export async function asyncEvents(values: Values): Promise<number> {
  const endpoint = await runningEndpoint(values);
  const fn = values['function'] as string | undefined;
  let events: AsyncEventHistory[];
  if (endpoint) {
    const r = await call('GET', `${endpoint}/workbench/v1/async-events?MaxItems=100${fn ? `&FunctionName=${encodeURIComponent(fn)}` : ''}`);
    events = (r.body.Events as AsyncEventHistory[] | undefined) ?? [];
  } else {
    const engine = await startEngine(values);
    try {
      events = engine.asyncEventHistory({ ...(fn ? { functionName: fn } : {}), limit: 100 });
    } finally {
      await engine.dispose();
    }
  }
  if (emitJson(values, { events })) return 0;
  for (const h of events) {
    const attempts = h.attempts.map((a) => a.result).join(', ') || 'not run yet';
    const outcome = h.condition ? `${h.status} (${h.condition})` : h.status;
    process.stdout.write(`${new Date(h.receivedAt).toISOString()}  ${h.requestId}  ${h.functionName.padEnd(20)} ${outcome.padEnd(28)} ${attempts}\n`);
  }
  if (events.length === 0) process.stdout.write('No Event invocations yet.\n');
  return 0;
}
