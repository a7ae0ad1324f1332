// The engine the MCP server works on, found at the first tool call: --endpoint-url, else the engine that
// holds the workspace's state directory (`serve`, VS Code), else one of its own kept until the server stops.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import * as path from 'node:path';
import { defaultPartition } from '../../core/arn';
import type { Emulator } from '../../core/emulator';
import { ApiError, WorkbenchError } from '../../core/errors';
import { isHolderAlive, readLockHolder } from '../../core/state/stateLock';
import { findTemplate } from '../../core/project';
import type { SecretMasker } from '../../core/security/secrets';
import { startEngine, type Values } from '../engineFromArgs';
import { endpointMasker } from '../secretMasking';
import { stateDirFromArgs } from '../stateDirFromArgs';

/** Where an engine answers, and the clients that talk to it. */
export interface EngineEndpoint {
  readonly url: string;
  readonly lambda: LambdaClient;
  readonly logs: CloudWatchLogsClient;
  /** How the server reached it: the given URL, the engine holding the state directory, or its own. */
  readonly source: 'endpoint-url' | 'running-engine' | 'own-engine';
}

export class EngineConnection {
  private current: Promise<EngineEndpoint> | undefined;
  private own: Emulator | undefined;

  constructor(private readonly values: Values) {}

  /** The endpoint, connecting on first use (a failed attempt is retried on the next call). */
  endpoint(): Promise<EngineEndpoint> {
    this.current ??= this.connect();
    // Forget a failed attempt so the next call tries again; the caller sees the failure itself.
    void this.current.catch(() => (this.current = undefined));
    return this.current;
  }

  /** Folder of saved events: `events/` beside the template (`events/<function>/<name>.json`, shared `events/<name>.json`). */
  async eventsDir(): Promise<string> {
    if (this.values['events-dir']) return path.resolve(this.values['events-dir'] as string);
    const template = await findTemplate(process.cwd(), this.values.template as string | undefined).catch(() => undefined);
    return path.join(template ? path.dirname(template) : process.cwd(), 'events');
  }

  /** Masks the functions' secret environment values in logs and payloads the tools return. */
  async masker(): Promise<SecretMasker> {
    return endpointMasker((await this.endpoint()).url, this.values);
  }

  /** GET a workbench route of the engine as JSON; engine errors become ApiErrors. */
  async get<T>(route: string): Promise<T> {
    const { url } = await this.endpoint();
    const res = await fetch(`${url}${route}`).catch((e: unknown) => {
      throw new WorkbenchError(`Cannot reach the engine at ${url} (${(e as Error).message}). Is it still running?`, 'EngineUnreachable');
    });
    const body = (await res.json().catch(() => ({}))) as T & { Message?: string };
    if (!res.ok) throw new ApiError(res.headers.get('x-amzn-errortype')?.split(':')[0] ?? 'ServiceException', res.status, body.Message ?? `The engine answered ${res.status}.`);
    return body;
  }

  async dispose(): Promise<void> {
    const c = await this.current?.catch(() => undefined);
    c?.lambda.destroy();
    c?.logs.destroy();
    await this.own?.dispose();
  }

  private async connect(): Promise<EngineEndpoint> {
    const given = this.values['endpoint-url'] as string | undefined;
    if (given) return clients(given, 'endpoint-url');
    const holder = readLockHolder(await stateDirFromArgs(this.values));
    if (holder?.endpoint && isHolderAlive(holder)) return clients(holder.endpoint, 'running-engine');
    const engine = await startEngine(this.values, { api: { port: 0, host: '127.0.0.1' }, watch: true });
    this.own = engine;
    const url = await engine.listen();
    if (!url) throw new WorkbenchError('The engine started but its endpoint did not.', 'EngineUnreachable');
    return clients(url, 'own-engine');
  }
}

function clients(url: string, source: EngineEndpoint['source']): EngineEndpoint {
  const env = process.env;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'lambda-workbench', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'lambda-workbench', ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  const config = { endpoint: url, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? defaultPartition.region, credentials, maxAttempts: 1 };
  return { url, lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config), source };
}
