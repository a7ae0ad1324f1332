// The extension's settings, one typed getter each; ids and defaults match package.json's
// `contributes.configuration` (a test keeps them in step).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuthSettings } from '../core/api/http/apiServer';
import type { PriceTable } from './invoke/invocationCost';
import { settingIds } from './contributionIds';
import { parseReloadMode, type ReloadMode } from '../core/runtime/hotReload';

/** One AWS account/region root in the function explorer. */
export interface AwsProfileSetting {
  readonly profile: string;
  readonly region: string;
  /** Another Lambda-compatible endpoint (LocalStack, another Lambda Workbench). */
  readonly endpointUrl?: string;
}

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(settingIds.section);
const get = <T>(key: string, fallback: T): T => config().get<T>(key) ?? fallback;
const expandHome = (p: string): string => (p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p);

/** Path of the SAM template relative to the workspace folder ('' = find it). */
export const getTemplateSetting = (): string | undefined => get<string>(settingIds.template, '') || undefined;

/** The engine's state directory for `workspaceDir` (logs, versions, aliases, queues). */
export function getStateDirectory(workspaceDir: string): string {
  const raw = get<string>(settingIds.stateDirectory, '').trim();
  return raw ? path.resolve(workspaceDir, expandHome(raw)) : path.join(workspaceDir, '.lambda-workbench');
}

/** What an invoke does after a code-only save: recycle the environment (cold start) or reload the handler module. */
export const getHotReloadMode = (): ReloadMode => parseReloadMode(get<string>(settingIds.hotReload, 'recycle')) ?? 'recycle';

/** Account-wide concurrent executions. */
export const getAccountConcurrency = (): number => Math.max(1, Math.floor(get<number>(settingIds.accountConcurrency, 50)));

/** How many times faster than Lambda's timing asynchronous retries and backoffs run (1 = real timing). */
export const getAsyncRetrySpeedup = (): number => Math.max(1, get<number>(settingIds.asyncRetrySpeedup, 1));

/** Port of the engine's HTTP endpoint; 0 picks a free port. */
export const getEndpointPort = (): number => Math.max(0, Math.floor(get<number>(settingIds.endpointPort, 0)));

/** Port of the HTTP API (template routes and function URLs); 0 picks a free port. */
export const getHttpApiPort = (): number => Math.min(65535, Math.max(0, Math.floor(get<number>(settingIds.httpApiPort, 3000))));

/** Strict SigV4 authentication of the endpoint and the keys it accepts. */
export function getAuthentication(): AuthSettings {
  const keys = get<readonly { accessKeyId?: unknown; secretAccessKey?: unknown; principal?: unknown }[]>(settingIds.authenticationKeys, []);
  return {
    strict: get<boolean>(settingIds.strictAuthentication, false),
    keys: keys
      .filter((k) => typeof k.accessKeyId === 'string' && typeof k.secretAccessKey === 'string')
      .map((k) => ({ accessKeyId: k.accessKeyId as string, secretAccessKey: k.secretAccessKey as string, ...(typeof k.principal === 'string' ? { principal: k.principal } : {}) })),
  };
}

/** AWS profiles and regions shown as roots of the function explorer. */
export function getAwsProfiles(): AwsProfileSetting[] {
  const raw = get<readonly Partial<AwsProfileSetting>[]>(settingIds.awsProfiles, []);
  return raw
    .filter((p) => typeof p.profile === 'string' && typeof p.region === 'string' && p.profile && p.region)
    .map((p) => ({ profile: p.profile as string, region: p.region as string, ...(p.endpointUrl ? { endpointUrl: p.endpointUrl } : {}) }));
}

/** Whether log lines are shown inline next to the code that wrote them. */
export const getInlineLogsEnabled = (): boolean => get<boolean>(settingIds.inlineLogs, true);

/** Milliseconds an idle execution environment stays warm. */
export const getIdleEnvironmentLifetimeMs = (): number => Math.max(1, get<number>(settingIds.idleEnvironmentLifetime, 600)) * 1000;

/** Prices used to show what an invocation would cost in the cloud. */
export function getPriceTable(): PriceTable {
  const p = get<Partial<PriceTable>>(settingIds.prices, {});
  const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    currency: typeof p.currency === 'string' && p.currency ? p.currency : 'USD',
    perRequest: num(p.perRequest, 0.0000002),
    perGbSecondX86: num(p.perGbSecondX86, 0.0000166667),
    perGbSecondArm: num(p.perGbSecondArm, 0.0000133334),
  };
}

/** Folder (relative to the template) holding saved events, one sub-folder per function. */
export const getEventsDirectory = (): string => get<string>(settingIds.eventsDirectory, 'events') || 'events';

/** Whether `event` touches any setting the running engine was built from (it must restart). */
export function affectsEngine(event: vscode.ConfigurationChangeEvent): boolean {
  return [settingIds.template, settingIds.stateDirectory, settingIds.accountConcurrency, settingIds.asyncRetrySpeedup, settingIds.endpointPort, settingIds.strictAuthentication, settingIds.authenticationKeys, settingIds.idleEnvironmentLifetime].some((k) =>
    event.affectsConfiguration(`${settingIds.section}.${k}`),
  );
}
