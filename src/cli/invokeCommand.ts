// `invoke` and `list`: run one function in a local engine and print the result like the AWS CLI would.
import * as fs from 'node:fs';
import { ApiError, WorkbenchError } from '../core/errors';
import { SecretMasker } from '../core/security/secrets';
import { InvokeCommand, LambdaServiceException, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { isHolderAlive, readLockHolder } from '../core/state/stateLock';
import { startEngine, type Values } from './engineFromArgs';
import { openSession } from './lambdaApiSession';
import { stateDirFromArgs } from './stateDirFromArgs';

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
    if (values.tail && r.LogResult) process.stderr.write(Buffer.from(r.LogResult, 'base64').toString('utf8'));
    process.stdout.write(Buffer.from(r.Payload ?? []).toString('utf8') + '\n');
    return r.FunctionError ? 1 : 0;
  } catch (e) {
    if (e instanceof LambdaServiceException) throw new WorkbenchError(`${e.name}: ${e.message}`, 'ApiError');
    throw e;
  } finally {
    await session.close();
  }
}

export async function invoke(values: Values, positionals: string[]): Promise<number> {
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new WorkbenchError('invoke takes exactly one function name: lambda-workbench invoke <function> [--event FILE|-]');
  const payload = await readEvent(values.event as string | undefined);
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
      })
      .catch((e: unknown) => {
        // AWS's message names the ARN; a local user also wants to know what the template has.
        if (!(e instanceof ApiError) || e.type !== 'ResourceNotFoundException' || engine.getFunction(name)) throw e;
        const names = engine.listFunctions().map((f) => f.name);
        throw new WorkbenchError(`${e.message}. ${names.length ? `The template's functions: ${names.join(', ')}.` : 'The template has no functions.'}`, 'FunctionNotFound');
      });
    if (values.tail && result.outcome) {
      const masker = new SecretMasker(engine.listFunctions().map((e) => e.latest.environment), Boolean(values['reveal-secrets']));
      process.stderr.write(masker.mask(result.outcome.logLines.join('')));
    }
    process.stdout.write(result.payload.toString('utf8') + '\n');
    return result.functionError ? 1 : 0;
  } finally {
    await engine.dispose();
  }
}

function printTable(rows: string[][]): void {
  const widths = rows.reduce((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), [] as number[]);
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd() + '\n');
}

export async function list(values: Values): Promise<number> {
  const endpoint = await runningEndpoint(values);
  if (endpoint) {
    process.stderr.write(`Using the running engine at ${endpoint}.\n`);
    const session = await openSession({ ...values, 'endpoint-url': endpoint });
    try {
      const rows: string[][] = [];
      let marker: string | undefined;
      do {
        const page = await session.client.send(new ListFunctionsCommand(marker ? { Marker: marker } : {}));
        for (const f of page.Functions ?? []) rows.push([f.FunctionName ?? '', f.Runtime ?? '', `${f.MemorySize} MB`, `${f.Timeout} s`, f.Handler ?? '']);
        marker = page.NextMarker;
      } while (marker);
      printTable(rows);
      return 0;
    } finally {
      await session.close();
    }
  }
  const engine = await startEngine(values);
  try {
    printTable(engine.listFunctions().map((e) => [e.name, e.latest.runtime, `${e.latest.memorySize} MB`, `${e.latest.timeout} s`, e.latest.handler, e.problems?.length ? 'has errors' : '']));
    return 0;
  } finally {
    await engine.dispose();
  }
}
