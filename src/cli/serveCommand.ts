// `serve`: loads the template, starts the Lambda-compatible endpoint on loopback and keeps it running.
import { WorkbenchError } from '../core/errors';
import type { Emulator } from '../core/emulator';
import { usageError, writeJson } from './cliOutput';
import { startEngine, type Values } from './engineFromArgs';
import { strictKeysFromArgs } from './strictKeys';
import { reloadFromArgs } from './reloadOption';
import { printSynthProgress } from './synthCommand';

export async function serve(values: Values): Promise<number> {
  const port = values.port === undefined ? 3001 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a number from 0 to 65535, got '${values.port}'.`);
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const keys = strictKeysFromArgs(values);
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  // A VS Code window that takes the engine over (issue 13) asks through the endpoint: stop serving.
  const onHandover = (): void => (process.stderr.write('Another Lambda Workbench engine takes this state directory over: stopping.\n'), stop());
  const reload = reloadFromArgs(values);
  const engine = await startEngine(values, { api: { port, host, ...(keys ? { auth: { strict: true, keys } } : {}) }, watch: !values['no-watch'], onHandover });
  if (reload) engine.invoker.reloadMode = reload;
  // CDK apps are synthesized again on every change of their sources: say when, and why it failed.
  printSynthProgress(engine, Boolean(values.verbose));
  let url: string | undefined;
  try {
    url = await engine.listen();
  } catch (e) {
    await engine.dispose();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new WorkbenchError(`Port ${port} is already in use. Pick another with --port.`, 'PortInUse');
    throw e;
  }
  if (!url) {
    await engine.dispose();
    throw new WorkbenchError('The endpoint did not start.');
  }
  const names = engine.listFunctions().map((e) => e.name);
  let front: string;
  try {
    front = await startHttpFront(engine, values, host);
  } catch (e) {
    await engine.dispose();
    throw e;
  }
  if (values.json) {
    const { routes, urls } = engine.httpFront.list();
    const base = engine.httpFront.url;
    writeJson({
      endpoint: url,
      functions: names,
      httpRoutes: [...routes.map((r) => ({ method: r.method, url: `${base ?? ''}${r.path}`, functionName: r.functionName })), ...urls.map((u) => ({ method: 'ANY', url: u.localUrl ?? '', functionName: u.functionName }))],
    });
  } else process.stdout.write(
    `Lambda Workbench is serving ${names.length} function(s) at ${url}${keys ? ` (strict: requests must be signed with one of ${keys.length} configured key(s))` : ''}\n` +
      `  ${names.join(', ')}\n\n` +
      `Use it with the AWS CLI:\n  aws lambda invoke --endpoint-url ${url} --function-name ${names[0] ?? '<name>'} out.json\n` +
      eventSourceHints(engine, url) +
      front +
      `Press Ctrl+C to stop.\n`,
  );
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await stopped;
  await engine.dispose();
  return 0;
}

// Serves the template's Api / HttpApi routes and function URLs (like `sam local start-api`), if any.
async function startHttpFront(engine: Emulator, values: Values, host: string): Promise<string> {
  const { routes, urls } = engine.httpFront.list();
  if (routes.length === 0 && urls.length === 0) return '';
  const port = values['http-port'] === undefined ? 3000 : Number(values['http-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--http-port must be a number from 0 to 65535, got '${values['http-port']}'.`);
  let base: string;
  try {
    base = await engine.httpFront.listen(port, host);
  } catch (e) {
    if ((e as { code?: string }).code === 'EADDRINUSE') throw new WorkbenchError(`Port ${port} is already in use. Pick another with --http-port.`, 'PortInUse');
    throw e;
  }
  const lines = [
    ...routes.map((r) => `  ${r.method.padEnd(7)} ${base}${r.path === '$default' ? '/*' : r.path}  -> ${r.functionName}`),
    ...engine.httpFront.list().urls.map((u) => `  URL     ${u.localUrl}  -> ${u.functionName} (${u.authType})`),
  ];
  return `\nHTTP routes and function URLs:\n${lines.join('\n')}\n`;
}

// How to feed the template's topics and queues from the CLI, when it has any.
function eventSourceHints(engine: Emulator, url: string): string {
  const topicArn = engine.topicArns()[0];
  const queueUrl = engine.queueUrls()[0];
  return (
    (topicArn ? `  aws sns publish --endpoint-url ${url} --topic-arn ${topicArn} --message '{}'\n` : '') +
    (queueUrl ? `  aws sqs send-message --endpoint-url ${url} --queue-url ${queueUrl} --message-body '{}'\n` : '')
  );
}
