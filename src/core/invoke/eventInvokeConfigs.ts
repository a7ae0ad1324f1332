// FunctionEventInvokeConfig per function and qualifier (fidelity 8): retries, maximum event age and
// destinations, from the template's EventInvokeConfig or the API; API changes persist across restarts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionArn, type Partition } from '../arn';
import { invalidParameter, resourceNotFound, validationError } from '../errors';

/** One async configuration as stored; absent fields use Lambda's defaults. */
export interface EventInvokeConfig {
  readonly functionName: string;
  readonly qualifier: string;
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
  readonly onSuccess?: string;
  readonly onFailure?: string;
  /** Epoch ms. */
  readonly lastModified: number;
  readonly source: 'template' | 'api';
  /** For configs from the template: its settings (API changes last until those change). */
  readonly templateInput?: string;
  /** Deleted through the API while the template still declares it. */
  readonly deleted?: boolean;
}

/** A template config as `applyTemplate` takes it. */
export type TemplateEventInvokeConfig = Omit<EventInvokeConfig, 'lastModified' | 'source' | 'templateInput' | 'deleted'>;

/** The settings that apply to one event, defaults filled in. */
export interface EffectiveAsyncConfig {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
  readonly onSuccess: string | undefined;
  readonly onFailure: string | undefined;
}

/** The request body of Put/UpdateFunctionEventInvokeConfig. */
export interface EventInvokeConfigInput {
  readonly MaximumRetryAttempts?: unknown;
  readonly MaximumEventAgeInSeconds?: unknown;
  readonly DestinationConfig?: { readonly OnSuccess?: { readonly Destination?: unknown }; readonly OnFailure?: { readonly Destination?: unknown } };
}

/** Lambda's default MaximumRetryAttempts. */
export const DEFAULT_RETRIES = 2;
/** Lambda's default MaximumEventAgeInSeconds (6 hours). */
export const DEFAULT_MAX_EVENT_AGE = 21600;
// AWS's current constraint (AWS-recorded, test_lambda_api test_lambda_eventinvokeconfig_exceptions): Kafka destinations too.
const destinationPattern = /^$|^kafka:\/\/([^.]([a-zA-Z0-9\-_.]{0,248}))$|^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;

/** Checks that a function exists (by name); supplied by the engine. */
export type FunctionExists = (name: string) => boolean;

/** All async configurations; `apply` syncs the template's, the API methods mirror Lambda's. */
export class EventInvokeConfigStore {
  private readonly configs = new Map<string, EventInvokeConfig>();
  private readonly file: string;

  constructor(stateDir: string, private readonly partition: Partition, private readonly exists: FunctionExists) {
    this.file = path.join(stateDir, 'async', 'event-invoke-configs.json');
    try {
      for (const c of JSON.parse(fs.readFileSync(this.file, 'utf8')) as EventInvokeConfig[]) this.configs.set(key(c.functionName, c.qualifier), c);
    } catch {
      // None saved yet.
    }
  }

  /** The settings for an event sent to `name:qualifier`. */
  effective(name: string, qualifier: string | undefined): EffectiveAsyncConfig {
    const c = this.live(name, qualifier ?? '$LATEST');
    return {
      maximumRetryAttempts: c?.maximumRetryAttempts ?? DEFAULT_RETRIES,
      maximumEventAgeInSeconds: c?.maximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE,
      onSuccess: c?.onSuccess || undefined,
      onFailure: c?.onFailure || undefined,
    };
  }

  /** Syncs the template's configs; API changes (and deletes) last until the template's settings change. */
  applyTemplate(templateConfigs: readonly TemplateEventInvokeConfig[]): void {
    const wanted = new Map(templateConfigs.map((c) => [key(c.functionName, c.qualifier), c]));
    for (const [k, c] of this.configs) if (c.templateInput !== undefined && !wanted.has(k)) this.configs.delete(k);
    for (const [k, c] of wanted) {
      const templateInput = JSON.stringify(c);
      if (this.configs.get(k)?.templateInput === templateInput) continue;
      this.configs.set(k, { ...c, lastModified: Date.now(), source: 'template', templateInput });
    }
    this.save();
  }

  /** PutFunctionEventInvokeConfig: replaces the whole configuration. */
  put(name: string, qualifier: string | undefined, input: EventInvokeConfigInput): Record<string, unknown> {
    const q = qualifier ?? '$LATEST';
    const parsed = this.parse(name, input);
    if (!this.exists(name)) throw resourceNotFound("The function doesn't exist.");
    const templateInput = this.configs.get(key(name, q))?.templateInput;
    const config: EventInvokeConfig = { functionName: name, qualifier: q, ...parsed, lastModified: Date.now(), source: 'api', ...(templateInput !== undefined ? { templateInput } : {}) };
    this.configs.set(key(name, q), config);
    this.save();
    return this.toApi(config);
  }

  /** UpdateFunctionEventInvokeConfig: merges the given fields into the existing configuration. */
  update(name: string, qualifier: string | undefined, input: EventInvokeConfigInput): Record<string, unknown> {
    const q = qualifier ?? '$LATEST';
    const parsed = this.parse(name, input);
    if (!this.exists(name)) throw resourceNotFound("The function doesn't exist.");
    const old = this.live(name, q);
    if (!old) throw this.notFound(name, q);
    const config: EventInvokeConfig = { ...old, ...parsed, lastModified: Date.now(), source: 'api' };
    this.configs.set(key(name, q), config);
    this.save();
    return this.toApi(config);
  }

  get(name: string, qualifier: string | undefined): Record<string, unknown> {
    const q = qualifier ?? '$LATEST';
    const c = this.live(name, q);
    if (!c) throw this.notFound(name, q);
    return this.toApi(c);
  }

  delete(name: string, qualifier: string | undefined): void {
    const q = qualifier ?? '$LATEST';
    const c = this.live(name, q);
    if (!c) throw this.notFound(name, q);
    // A template config stays deleted (not re-created on reload) until the template changes it.
    if (c.templateInput !== undefined) this.configs.set(key(name, q), { ...c, deleted: true, lastModified: Date.now(), source: 'api' });
    else this.configs.delete(key(name, q));
    this.save();
  }

  /** ListFunctionEventInvokeConfigs, one page. */
  list(name: string, marker: string | undefined, maxItems: number): { FunctionEventInvokeConfigs: unknown[]; NextMarker?: string } {
    if (!this.exists(name)) throw resourceNotFound("The function doesn't exist.");
    const all = [...this.configs.values()].filter((c) => c.functionName === name && !c.deleted).sort((a, b) => a.qualifier.localeCompare(b.qualifier));
    const start = marker ? Math.max(0, all.findIndex((c) => c.qualifier === marker)) : 0;
    const page = all.slice(start, start + maxItems);
    const next = all[start + maxItems];
    return { FunctionEventInvokeConfigs: page.map((c) => this.toApi(c)), ...(next ? { NextMarker: next.qualifier } : {}) };
  }

  private live(name: string, qualifier: string): EventInvokeConfig | undefined {
    const c = this.configs.get(key(name, qualifier));
    return c?.deleted ? undefined : c;
  }

  private parse(name: string, input: EventInvokeConfigInput): Omit<EventInvokeConfig, 'functionName' | 'qualifier' | 'lastModified' | 'source'> {
    requireSetting(input);
    const { MaximumRetryAttempts: retries, MaximumEventAgeInSeconds: age, DestinationConfig: dest } = input;
    if (retries !== undefined) checkRange(retries, 'maximumRetryAttempts', 0, 2);
    if (age !== undefined) checkRange(age, 'maximumEventAgeInSeconds', 60, 21600);
    const onSuccess = dest?.OnSuccess?.Destination;
    const onFailure = dest?.OnFailure?.Destination;
    for (const [field, arn] of [['onSuccess', onSuccess], ['onFailure', onFailure]] as const) {
      if (arn === undefined) continue;
      if (typeof arn !== 'string' || arn.length > 350 || !destinationPattern.test(arn)) {
        throw validationError(arn, `destinationConfig.${field}.destination`, 'Member must satisfy regular expression pattern: $|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)');
      }
      this.checkDestination(name, arn, onSuccess as string | undefined, onFailure as string | undefined);
    }
    return {
      ...(retries !== undefined ? { maximumRetryAttempts: retries as number } : {}),
      ...(age !== undefined ? { maximumEventAgeInSeconds: age as number } : {}),
      ...(dest !== undefined ? { onSuccess: (onSuccess as string | undefined) ?? '', onFailure: (onFailure as string | undefined) ?? '' } : {}),
    };
  }

  private checkDestination(name: string, arn: string, onSuccess: string | undefined, onFailure: string | undefined): void {
    if (arn === '') return;
    const service = arn.split(':')[2];
    if (service === 'lambda') {
      const target = /:function:([^:]+)/.exec(arn)?.[1];
      if (target === undefined || !this.exists(target)) throw invalidParameter(`The destination ARN ${arn} is invalid.`);
      if (target === name) throw invalidParameter("You can't specify the function as a destination for itself.");
      return;
    }
    if (service === 'sqs' || service === 'sns' || service === 'events' || service === 's3') return;
    const s = onSuccess ? `OnSuccess(destination=${onSuccess})` : 'null';
    const f = onFailure ? `OnFailure(destination=${onFailure})` : 'null';
    throw invalidParameter(`The provided destination config DestinationConfig(onSuccess=${s}, onFailure=${f}) is invalid.`);
  }

  private notFound(name: string, qualifier: string): Error {
    return resourceNotFound(`The function ${functionArn(this.partition, name, qualifier)} doesn't have an EventInvokeConfig`);
  }

  private toApi(c: EventInvokeConfig): Record<string, unknown> {
    return {
      LastModified: c.lastModified / 1000,
      FunctionArn: functionArn(this.partition, c.functionName, c.qualifier),
      ...(c.maximumRetryAttempts !== undefined ? { MaximumRetryAttempts: c.maximumRetryAttempts } : {}),
      ...(c.maximumEventAgeInSeconds !== undefined ? { MaximumEventAgeInSeconds: c.maximumEventAgeInSeconds } : {}),
      DestinationConfig: {
        OnSuccess: c.onSuccess ? { Destination: c.onSuccess } : {},
        OnFailure: c.onFailure ? { Destination: c.onFailure } : {},
      },
    };
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify([...this.configs.values()], null, 1), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}

const key = (name: string, qualifier: string): string => `${name}:${qualifier}`;


function checkRange(value: unknown, field: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw validationError(value, field, 'Member must be an integer');
  if (value < min) throw validationError(value, field, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(value, field, `Member must have value less than or equal to ${max}`);
}

/** AWS checks this before it looks the function up (AWS-recorded: a missing function with no setting gets this error). */
export function requireSetting(input: EventInvokeConfigInput): void {
  if (input.MaximumRetryAttempts === undefined && input.MaximumEventAgeInSeconds === undefined && input.DestinationConfig === undefined) {
    throw invalidParameter('You must specify at least one of error handling or destination setting.');
  }
}
