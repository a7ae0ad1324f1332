// Connects the management commands to a Lambda API with the AWS SDK: --endpoint-url, else the running
// engine that holds the workspace's state directory, else an engine started just for this command.
import { LambdaClient, LambdaServiceException } from '@aws-sdk/client-lambda';
import { emitJson } from './cliOutput';
import { WorkbenchError, messageOf } from '../core/errors';
import { isHolderAlive, readLockHolder } from '../core/state/stateLock';
import { findTemplate, loadProject } from '../core/project';
import { defaultPartition } from '../core/arn';
import { parseParameterOverrides, startEngine, type Values } from './engineFromArgs';
import { stateDirFromArgs } from './stateDirFromArgs';

export interface ApiSession {
  readonly client: LambdaClient;
  /** The template's AutoPublishAlias of a function, if it declares one. */
  readonly autoPublishAlias: (functionName: string) => Promise<string | undefined>;
  close(): Promise<void>;
}

export const sessionOptions = { 'endpoint-url': { type: 'string' }, json: { type: 'boolean' } } as const;

function clientFor(endpoint: string): LambdaClient {
  const env = process.env;
  // The SDK's notice about future Node versions is noise for a local tool's users.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
    ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
    : { accessKeyId: 'lambda-workbench', secretAccessKey: 'lambda-workbench' };
  return new LambdaClient({ endpoint, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? defaultPartition.region, credentials, maxAttempts: 1 });
}

/** Opens the session the options ask for; the caller must `close` it. */
export async function openSession(values: Values): Promise<ApiSession> {
  const fromTemplate = async (name: string): Promise<string | undefined> => {
    const templatePath = await findTemplate(process.cwd(), values.template as string | undefined).catch(() => undefined);
    if (!templatePath) return undefined;
    const parameterOverrides = parseParameterOverrides(values['parameter-overrides'] as string | undefined);
    const project = await loadProject({ templatePath, partition: defaultPartition, ...(parameterOverrides ? { parameterOverrides } : {}) }).catch(() => undefined);
    return project?.functions.find((f) => f.functionName === name)?.autoPublishAlias;
  };
  const endpoint = values['endpoint-url'] as string | undefined;
  if (endpoint) return { client: clientFor(endpoint), autoPublishAlias: fromTemplate, close: async () => undefined };
  const holder = readLockHolder(await stateDirFromArgs(values));
  if (holder?.endpoint && isHolderAlive(holder)) {
    process.stderr.write(`Using the running engine at ${holder.endpoint} (pid ${holder.pid}).\n`);
    return { client: clientFor(holder.endpoint), autoPublishAlias: fromTemplate, close: async () => undefined };
  }
  const engine = await startEngine(values, { api: { port: 0, host: '127.0.0.1' } });
  try {
    const url = (await engine.listen()) as string;
    const client = clientFor(url);
    return {
      client,
      autoPublishAlias: async (name) => engine.getFunction(name)?.spec?.autoPublishAlias,
      close: async () => {
        client.destroy();
        await engine.dispose();
      },
    };
  } catch (e) {
    await engine.dispose();
    throw e;
  }
}

/** Runs `body` in a session; API errors reach main as they are (`<Exception>: <message>`, exit 1). */
export async function withSession(values: Values, body: (s: ApiSession) => Promise<number>): Promise<number> {
  const session = await openSession(values);
  try {
    return await body(session);
  } catch (e) {
    if (e instanceof LambdaServiceException || e instanceof WorkbenchError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') throw new WorkbenchError(`Cannot reach the Lambda endpoint (${messageOf(e)}). Is the engine still running?`, 'EngineUnreachable');
    throw e;
  } finally {
    await session.close();
  }
}

/** Prints an API response (without the SDK's $metadata) as JSON when --json is set; returns whether it did. */
export function printJson(values: Values, doc: unknown): boolean {
  const { $metadata: _m, ...rest } = doc as Record<string, unknown>;
  return emitJson(values, rest);
}
