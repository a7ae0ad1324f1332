// `demo`: invokes every function of the template twice (cold, then warm) and prints what happened.
import { startEngine, type Values } from './engineFromArgs';

export async function demo(values: Values): Promise<number> {
  const engine = await startEngine(values);
  let failures = 0;
  try {
    for (const entry of engine.listFunctions()) {
      for (const round of ['cold', 'warm']) {
        const result = await engine.invoke({ functionName: entry.name, payload: Buffer.from(JSON.stringify({ name: 'demo', round })) });
        const o = result.outcome;
        const status = result.functionError ? `error ${o?.errorType}` : 'ok';
        process.stdout.write(
          `${entry.name.padEnd(20)} ${entry.latest.runtime.padEnd(16)} ${round} ${status.padEnd(8)} ` +
            `${o ? `${o.durationMs.toFixed(2)} ms` : ''}${o?.initDurationMs !== undefined ? ` (init ${o.initDurationMs.toFixed(1)} ms)` : ''}\n` +
            `    ${result.payload.toString('utf8').slice(0, 200)}\n`,
        );
        if (result.functionError) failures++;
      }
    }
    process.stdout.write(`\nServe these functions to the AWS CLI and SDKs with: node bin/lambda-workbench.js serve --template ${values.template ?? 'template.yaml'}\n`);
  } finally {
    await engine.dispose();
  }
  return failures ? 1 : 0;
}
