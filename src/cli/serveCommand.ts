// `serve`: loads the template, starts the Lambda-compatible endpoint on loopback and keeps it running.
import { WorkbenchError } from '../core/errors';
import { startEngine, type Values } from './engineFromArgs';

export async function serve(values: Values): Promise<number> {
  const port = values.port === undefined ? 3001 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WorkbenchError(`--port must be a number from 0 to 65535, got '${values.port}'.`);
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const engine = await startEngine(values, { api: { port, host }, watch: !values['no-watch'] });
  let url: string | undefined;
  try {
    url = await engine.listen();
  } catch (e) {
    await engine.dispose();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new WorkbenchError(`Port ${port} is already in use. Pick another with --port.`);
    throw e;
  }
  const names = engine.registry.list().map((e) => e.name);
  process.stdout.write(
    `Lambda Workbench is serving ${names.length} function(s) at ${url}\n` +
      `  ${names.join(', ')}\n\n` +
      `Use it with the AWS CLI:\n  aws lambda invoke --endpoint-url ${url} --function-name ${names[0] ?? '<name>'} out.json\n` +
      `Press Ctrl+C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await engine.dispose();
  return 0;
}
