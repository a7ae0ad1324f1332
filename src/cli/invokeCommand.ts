// `invoke` and `list`: run one function in a local engine and print the result like the AWS CLI would.
import * as fs from 'node:fs';
import { ApiError, WorkbenchError } from '../core/errors';
import { SecretMasker } from '../core/security/secrets';
import { InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { isHolderAlive, readLockHolder } from '../core/state/stateLock';
import { emitJson, exitCodes, usageError } from './cliOutput';
import { startEngine, type Values } from './engineFromArgs';
import { parsePayload, reportFigures, type InvocationDocument } from './invocationDocument';
import { openSession } from './lambdaApiSession';
import { endpointMasker } from './secretMasking';
import { addReloadHeader, reloadFromArgs, reloadLine } from './reloadOption';
import type { ReloadNote } from '../core/runtime/hotReload';
import { stateDirFromArgs } from './stateDirFromArgs';
import { defaultTriggerPayload, samplePayload } from './triggerSampleOption';

async function readEvent(source: string | undefined): Promise<Buffer> {
  if (source === undefined) return Buffer.from('{}');
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await fs.promises.readFile(source);
  } catch {
    throw new WorkbenchError(`Cannot read the event file ${source}.`, 'EventNotFound');
  }
}

/** The endpoint of an engine already serving this workspace (it holds the state directory's lock). */
async function runningEndpoint(values: Values): Promise<string | undefined> {
  const holder = readLockHolder(await stateDirFromArgs(values));
  return holder?.endpoint && isHolderAlive(holder) ? holder.endpoint : undefined;
}

/** Invokes through a running engine's Invoke API, so `invoke` works while `serve` or VS Code runs. */
async function invokeRemote(endpoint: string, name: string, payload: Buffer, values: Values): Promise<number> {
  process.stderr.write(`Using the running engine at ${endpoint}.\n`);
  const session = await openSession({ ...values, 'endpoint-url': endpoint });
  let reload: ReloadNote | undefined;
  addReloadHeader(session.client, reloadFromArgs(values), (note) => (reload = note));
  try {
    const r = await session.client.send(
      new InvokeCommand({
        FunctionName: name,
        Payload: payload,
        LogType: 'Tail',
        ...(values.qualifier ? { Qualifier: values.qualifier as string } : {}),
        ...(values['tenant-id'] !== undefined ? { TenantId: values['tenant-id'] as string } : {}),
      }),
    );
    const masker = await endpointMasker(endpoint, values);
    const log = masker.mask(r.LogResult ? Buffer.from(r.LogResult, 'base64').toString('utf8') : '');
    const text = Buffer.from(r.Payload ?? []).toString('utf8');
    const doc: InvocationDocument = {
      requestId: r.$metadata.requestId ?? '',
      functionName: name,
      ...(r.ExecutedVersion ? { executedVersion: r.ExecutedVersion } : {}),
      ...(r.FunctionError ? { functionError: r.FunctionError } : {}),
      payload: parsePayload(text),
      ...reportFigures(log),
      ...(reload ? { reload } : {}),
      log,
    };
    if (!emitJson(values, doc)) {
      if (reload) process.stderr.write(reloadLine(reload));
      if (values.tail) process.stderr.write(log);
      process.stdout.write(text + '\n');
    }
    return r.FunctionError ? exitCodes.failed : exitCodes.ok;
  } finally {
    await session.close();
  }
}

export async function invoke(values: Values, positionals: string[]): Promise<number> {
  const name = positionals[0];
  if (!name || positionals.length > 1) throw usageError('invoke takes exactly one function name: lambda-workbench invoke <function> [--event FILE|-]');
  if (values.event !== undefined && values.sample !== undefined) throw usageError('invoke takes --event or --sample, not both.');
  const reloadMode = reloadFromArgs(values);
  const payload =
    values.sample !== undefined
      ? await samplePayload(values, name, values.sample as string)
      : values.event === undefined
        ? ((await defaultTriggerPayload(values, name)) ?? (await readEvent(undefined)))
        : await readEvent(values.event as string);
  const endpoint = await runningEndpoint(values);
  if (endpoint) return invokeRemote(endpoint, name, payload, values);
  const engine = await startEngine(values);
  try {
    const result = await engine
      .invoke({
        functionName: name,
        payload,
        logType: 'Tail',
        ...(values.qualifier ? { qualifier: values.qualifier as string } : {}),
        ...(values['tenant-id'] !== undefined ? { tenantId: values['tenant-id'] as string } : {}),
        ...(reloadMode ? { reload: reloadMode } : {}),
      })
      .catch((e: unknown) => {
        // AWS's message names the ARN; a local user also wants to know what the template has.
        if (!(e instanceof ApiError) || e.type !== 'ResourceNotFoundException' || engine.getFunction(name)) throw e;
        const names = engine.listFunctions().map((f) => f.name);
        throw new ApiError(e.type, e.statusCode, `${e.message}. ${names.length ? `The template's functions: ${names.join(', ')}.` : 'The template has no functions.'}`);
      });
    const masker = new SecretMasker(engine.listFunctions().map((e) => e.latest.environment), Boolean(values['reveal-secrets']));
    const o = result.outcome;
    const log = o ? masker.mask(o.logLines.join('')) : '';
    const text = result.payload.toString('utf8');
    const doc: InvocationDocument = {
      requestId: result.requestId,
      functionName: name,
      ...(result.executedVersion ? { executedVersion: result.executedVersion } : {}),
      ...(result.functionError ? { functionError: result.functionError } : {}),
      payload: parsePayload(text),
      ...(o ? { coldStart: o.coldStart, durationMs: o.durationMs, billedDurationMs: o.billedDurationMs, ...(o.initDurationMs !== undefined ? { initDurationMs: o.initDurationMs } : {}), maxMemoryUsedMb: o.maxMemoryUsedMb } : {}),
      ...(o?.reload ? { reload: o.reload } : {}),
      log,
    };
    if (!emitJson(values, doc)) {
      if (o?.reload) process.stderr.write(reloadLine(o.reload));
      if (values.tail) process.stderr.write(log);
      process.stdout.write(text + '\n');
    }
    return result.functionError ? exitCodes.failed : exitCodes.ok;
  } finally {
    await engine.dispose();
  }
}

function printTable(rows: string[][]): void {
  const widths = rows.reduce((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), [] as number[]);
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd() + '\n');
}

/** One function as `list --json` shows it. */
interface ListedFunction {
  readonly name: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly handler: string;
  readonly hasErrors: boolean;
  /** The first problem the template has for it ("error: ..." / "warning: ..."). */
  readonly firstProblem?: string;
  /** A CDK function's construct path (`MyStack/MyFunction`). */
  readonly constructPath?: string;
}

async function listFunctions(values: Values): Promise<ListedFunction[]> {
  const endpoint = await runningEndpoint(values);
  if (endpoint) {
    process.stderr.write(`Using the running engine at ${endpoint}.\n`);
    const session = await openSession({ ...values, 'endpoint-url': endpoint });
    try {
      const out: ListedFunction[] = [];
      let marker: string | undefined;
      do {
        const page = await session.client.send(new ListFunctionsCommand(marker ? { Marker: marker } : {}));
        for (const f of page.Functions ?? []) out.push({ name: f.FunctionName ?? '', runtime: f.Runtime ?? '', memorySize: f.MemorySize ?? 128, timeout: f.Timeout ?? 3, handler: f.Handler ?? '', hasErrors: false });
        marker = page.NextMarker;
      } while (marker);
      return out;
    } finally {
      await session.close();
    }
  }
  const engine = await startEngine(values);
  try {
    return engine.listFunctions().map((e) => ({
      name: e.name,
      runtime: e.latest.runtime || '-',
      memorySize: e.latest.memorySize,
      timeout: e.latest.timeout,
      handler: e.latest.handler || '-',
      hasErrors: Boolean(e.problems?.some((p) => p.severity === 'error')),
      ...(e.spec?.constructPath ? { constructPath: e.spec.constructPath } : {}),
      ...(e.problems?.length ? { firstProblem: `${e.problems[0]!.severity}: ${e.problems[0]!.message}` } : {}),
    }));
  } finally {
    await engine.dispose();
  }
}

export async function list(values: Values): Promise<number> {
  const functions = await listFunctions(values);
  // A CDK project's functions also show the construct path they can be invoked by.
  const cdk = functions.some((f) => f.constructPath);
  if (!emitJson(values, { functions })) printTable(functions.map((f) => [f.name, ...(cdk ? [f.constructPath ?? '-'] : []), f.runtime, `${f.memorySize} MB`, `${f.timeout} s`, f.handler, f.hasErrors ? (f.firstProblem ?? 'has errors') : '']));
  // Like a linter: errors reported above make the exit status non-zero.
  return functions.some((f) => f.hasErrors) ? exitCodes.failed : exitCodes.ok;
}
