// `demo`: invokes every function of the template twice (cold, then warm) and prints what happened.
import { emitJson } from './cliOutput';
import { startEngine, type Values } from './engineFromArgs';
import { parsePayload } from './invocationDocument';

export async function demo(values: Values): Promise<number> {
  const engine = await startEngine(values);
  let failures = 0;
  const results: Record<string, unknown>[] = [];
  const out = (text: string): void => {
    if (!values.json) process.stdout.write(text);
  };
  try {
    for (const entry of engine.listFunctions()) {
      for (const round of ['cold', 'warm']) {
        const result = await engine.invoke({ functionName: entry.name, payload: Buffer.from(JSON.stringify({ name: 'demo', round })) });
        const o = result.outcome;
        const status = result.functionError ? `error ${o?.errorType}` : 'ok';
        results.push({
          functionName: entry.name,
          runtime: entry.latest.runtime,
          round,
          ...(result.functionError ? { functionError: result.functionError } : {}),
          ...(o ? { durationMs: o.durationMs, ...(o.initDurationMs !== undefined ? { initDurationMs: o.initDurationMs } : {}) } : {}),
          payload: parsePayload(result.payload.toString('utf8')),
        });
        out(
          `${entry.name.padEnd(20)} ${entry.latest.runtime.padEnd(16)} ${round} ${status.padEnd(8)} ` +
            `${o ? `${o.durationMs.toFixed(2)} ms` : ''}${o?.initDurationMs !== undefined ? ` (init ${o.initDurationMs.toFixed(1)} ms)` : ''}\n` +
            `    ${result.payload.toString('utf8').slice(0, 200)}\n`,
        );
        if (result.functionError) failures++;
      }
    }
    out(`\nServe these functions to the AWS CLI and SDKs with: node bin/lambda-workbench.js serve --template ${values.template ?? 'template.yaml'}\n`);
  } finally {
    await engine.dispose();
  }
  emitJson(values, { results });
  return failures ? 1 : 0;
}
