// `concurrency <fn> [N|none]`: reserved concurrency (0 throttles every invocation); with --qualifier,
// provisioned concurrency of a version or alias.
import {
  DeleteFunctionConcurrencyCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import type { Values } from './engineFromArgs';
import { emitJson, usageError } from './cliOutput';
import { printJson, withSession } from './lambdaApiSession';

export const concurrencyUsage = 'lambda-workbench concurrency <function> [N|none] [--qualifier VERSION|ALIAS (provisioned concurrency)]';

export async function concurrency(values: Values, positionals: string[]): Promise<number> {
  const [fn, amount, ...extra] = positionals;
  if (!fn || extra.length) throw usageError(`Usage: ${concurrencyUsage}`);
  if (amount !== undefined && amount !== 'none' && !/^\d+$/.test(amount)) throw usageError(`Concurrency must be a whole number or 'none', got '${amount}'.`);
  const q = values.qualifier as string | undefined;
  return withSession(values, async ({ client }) => {
    if (q !== undefined) {
      if (amount === 'none') {
        await client.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: q }));
        if (!emitJson(values, { removed: true, functionName: fn, qualifier: q })) process.stdout.write(`Removed provisioned concurrency of ${fn}:${q}.\n`);
        return 0;
      }
      const r = amount === undefined
        ? await client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: q }))
        : await client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: q, ProvisionedConcurrentExecutions: Number(amount) }));
      if (!printJson(values, r)) {
        process.stdout.write(`${fn}:${q} provisioned concurrency ${r.RequestedProvisionedConcurrentExecutions} (${r.AllocatedProvisionedConcurrentExecutions} initialized, ${r.Status}).\n`);
      }
      return 0;
    }
    if (amount === 'none') {
      await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: fn }));
      if (!emitJson(values, { removed: true, functionName: fn })) process.stdout.write(`${fn} has no reserved concurrency now.\n`);
      return 0;
    }
    const r = amount === undefined
      ? await client.send(new GetFunctionConcurrencyCommand({ FunctionName: fn }))
      : await client.send(new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: Number(amount) }));
    if (printJson(values, r)) return 0;
    const n = r.ReservedConcurrentExecutions;
    process.stdout.write(n === undefined ? `${fn} has no reserved concurrency.\n` : n === 0 ? `${fn} reserved concurrency 0: every invocation is throttled.\n` : `${fn} reserved concurrency ${n}.\n`);
    return 0;
  });
}
