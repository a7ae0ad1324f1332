// `durable start|list|get|history|callback|skip-wait|stop`: durable executions from the shell, through
// the Lambda API of the running engine (or one started for the command), all with --json.
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
  ListFunctionsCommand,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import { timelineLines } from '../core/durable/historyTimeline';
import { WorkbenchError } from '../core/errors';
import type { Values } from './engineFromArgs';
import { printJson, withSession } from './lambdaApiSession';

export const durableUsage =
  'lambda-workbench durable start <function> [--event FILE|JSON|-] [--name NAME] [--qualifier Q]\n' +
  '  lambda-workbench durable list [<function>] [--status RUNNING|SUCCEEDED|FAILED|TIMED_OUT|STOPPED]\n' +
  '  lambda-workbench durable get <execution-arn>\n' +
  '  lambda-workbench durable history <execution-arn>\n' +
  '  lambda-workbench durable callback <callback-id> --success JSON | --failure [--error-message M] [--error-type T]\n' +
  '  lambda-workbench durable skip-wait [<execution-arn>]   (fires pending waits and retry delays now; all executions without an ARN)\n' +
  '  lambda-workbench durable stop <execution-arn> [--error-message M]\n' +
  '  all take [--endpoint-url URL] [--json]';

export const durableOptions = {
  event: { type: 'string', short: 'e' },
  name: { type: 'string' },
  qualifier: { type: 'string', short: 'q' },
  status: { type: 'string' },
  success: { type: 'string' },
  failure: { type: 'boolean' },
  'error-message': { type: 'string' },
  'error-type': { type: 'string' },
} as const;

async function eventOf(source: string | undefined): Promise<Buffer> {
  if (source === undefined) return Buffer.from('{}');
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  if (/^\s*[[{"]/.test(source)) return Buffer.from(source);
  try {
    return await fs.promises.readFile(source);
  } catch {
    throw new WorkbenchError(`Cannot read the event file ${source} (pass a file, '-' for stdin, or inline JSON).`);
  }
}

const when = (d: Date | undefined): string => (d ? d.toISOString() : '-');

async function list(client: LambdaClient, values: Values, fn: string | undefined): Promise<number> {
  const names = fn ? [fn] : ((await client.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName as string);
  const status = values.status as string | undefined;
  const all = [];
  for (const name of names) {
    const r = await client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: name, ...(status ? { Statuses: [status as never] } : {}) }));
    all.push(...(r.DurableExecutions ?? []));
  }
  if (printJson(values, { DurableExecutions: all })) return 0;
  if (all.length === 0) process.stdout.write('No durable executions.\n');
  for (const e of all) process.stdout.write(`${String(e.Status).padEnd(10)} ${when(e.StartTimestamp)}  ${e.DurableExecutionName}  ${e.DurableExecutionArn}\n`);
  return 0;
}

export async function durable(values: Values, positionals: string[]): Promise<number> {
  const [sub, arg, ...extra] = positionals;
  const usage = (ok: boolean): void => {
    if (!ok || extra.length) throw new WorkbenchError(`Usage: ${durableUsage}`);
  };
  switch (sub) {
    case 'start': {
      usage(!!arg);
      const payload = await eventOf(values.event as string | undefined);
      return withSession(values, async ({ client }) => {
        const r = await client.send(new InvokeCommand({ FunctionName: arg, InvocationType: 'Event', Payload: payload, ...(values.name ? { DurableExecutionName: values.name as string } : {}), ...(values.qualifier ? { Qualifier: values.qualifier as string } : {}) }));
        if (!r.DurableExecutionArn) throw new WorkbenchError(`${arg} is not a durable function (it has no DurableConfig): use 'lambda-workbench invoke' instead.`);
        if (!printJson(values, { DurableExecutionArn: r.DurableExecutionArn })) process.stdout.write(`Started ${r.DurableExecutionArn}\n`);
        return 0;
      });
    }
    case 'list':
      usage(true);
      return withSession(values, ({ client }) => list(client, values, arg));
    case 'get':
      usage(!!arg);
      return withSession(values, async ({ client }) => {
        const r = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arg }));
        if (printJson(values, r)) return 0;
        process.stdout.write(`${r.Status}  ${r.DurableExecutionName}\n  started ${when(r.StartTimestamp)}, ended ${when(r.EndTimestamp)}\n`);
        if (r.Result !== undefined) process.stdout.write(`  result: ${r.Result}\n`);
        if (r.Error) process.stdout.write(`  error: ${r.Error.ErrorType ?? ''}: ${r.Error.ErrorMessage ?? ''}\n`);
        return 0;
      });
    case 'history':
      usage(!!arg);
      return withSession(values, async ({ client }) => {
        const r = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arg, IncludeExecutionData: true }));
        if (!printJson(values, { Events: r.Events })) for (const l of timelineLines((r.Events ?? []) as never)) process.stdout.write(l + '\n');
        return 0;
      });
    case 'callback': {
      usage(!!arg && (values.success !== undefined) !== !!values.failure);
      return withSession(values, async ({ client }) => {
        if (values.success !== undefined) {
          const text = values.success as string;
          try {
            JSON.parse(text);
          } catch {
            throw new WorkbenchError(`--success expects JSON (for example '{"approved":true}'), got '${text}'.`);
          }
          await client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: arg, Result: Buffer.from(text) }));
        } else {
          await client.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: arg, Error: { ErrorMessage: (values['error-message'] as string | undefined) ?? 'Callback failed', ErrorType: (values['error-type'] as string | undefined) ?? 'CallbackFailure' } }));
        }
        if (!printJson(values, { CallbackId: arg, Outcome: values.failure ? 'FAILED' : 'SUCCEEDED' })) process.stdout.write(`Callback ${values.failure ? 'failed' : 'succeeded'}.\n`);
        return 0;
      });
    }
    case 'skip-wait':
      usage(true);
      return withSession(values, async ({ client }) => {
        const ep = await client.config.endpoint?.();
        if (!ep) throw new WorkbenchError('The Lambda endpoint is unknown: pass --endpoint-url.');
        const url = `${ep.protocol}//${ep.hostname}${ep.port ? `:${ep.port}` : ''}/workbench/v1/durable-executions/skip-waits`;
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(arg ? { DurableExecutionArn: arg } : {}) });
        const body = (await res.json()) as { Fired?: number; message?: string };
        if (!res.ok) {
          process.stderr.write(`${body.message ?? res.statusText}\n`);
          return 1;
        }
        if (!printJson(values, body)) process.stdout.write(`Fired ${body.Fired ?? 0} pending wait(s) and retry delay(s).\n`);
        return 0;
      });
    case 'stop':
      usage(!!arg);
      return withSession(values, async ({ client }) => {
        const message = values['error-message'] as string | undefined;
        const r = await client.send(new StopDurableExecutionCommand({ DurableExecutionArn: arg, ...(message ? { Error: { ErrorMessage: message } } : {}) }));
        if (!printJson(values, r)) process.stdout.write(`Stopped at ${when(r.StopTimestamp)}.\n`);
        return 0;
      });
    default:
      throw new WorkbenchError(`Usage: ${durableUsage}`);
  }
}
