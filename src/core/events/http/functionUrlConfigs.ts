// Function URL configurations (fidelity 12): Create / Get / Update / Delete / List with Lambda's
// checks, persisted under <stateDir>/; the template's FunctionUrlConfig are listed as well (read-only).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionArn, type Partition } from '../../arn';
import { ApiError, resourceConflict, resourceNotFound, validationError } from '../../errors';
import type { FunctionUrl } from './httpRoutes';

/** A URL created through the API. */
interface StoredUrl {
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly authType: 'NONE' | 'AWS_IAM';
  readonly cors: Readonly<Record<string, unknown>> | undefined;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  readonly urlId: string;
  readonly creationTime: string;
  readonly lastModifiedTime: string;
}

type Input = Readonly<Record<string, unknown>>;

const qualifierPattern = /^(?!\d+$)[0-9a-zA-Z-_]+$/;

/** API-created function URLs plus the template's; `urlOf` renders their URL (local when served). */
export class FunctionUrlConfigs {
  private readonly urls = new Map<string, StoredUrl>();
  private readonly file: string;
  private template: readonly FunctionUrl[] = [];

  constructor(stateDir: string, private readonly partition: Partition, private readonly urlOf: (urlId: string) => string) {
    this.file = path.join(stateDir, 'function-urls.json');
    try {
      for (const u of JSON.parse(fs.readFileSync(this.file, 'utf8')) as StoredUrl[]) this.urls.set(key(u.functionName, u.qualifier), u);
    } catch {
      // None yet.
    }
  }

  /** The template's function URLs (from the HTTP front). */
  setTemplateUrls(urls: readonly FunctionUrl[]): void {
    this.template = urls;
  }

  /** API-created URLs in the HTTP front's form. */
  served(): FunctionUrl[] {
    return [...this.urls.values()].map((u) => ({
      functionName: u.functionName,
      target: u.qualifier ? `${u.functionName}:${u.qualifier}` : u.functionName,
      authType: u.authType,
      urlId: u.urlId,
      cors: u.cors,
      invokeMode: u.invokeMode,
      fromApi: true,
    }));
  }

  /** CreateFunctionUrlConfig (201). */
  create(name: string, qualifier: string | undefined, input: Input): Record<string, unknown> {
    checkQualifier(qualifier);
    const arn = functionArn(this.partition, name, qualifier);
    if (this.urls.has(key(name, qualifier)) || this.template.some((t) => t.functionName === name && (qualifier === undefined || t.target === `${name}:${qualifier}`))) {
      throw resourceConflict(`Failed to create function url config for [functionArn = ${arn}]. Error message:  FunctionUrlConfig exists for this Lambda function`);
    }
    const now = new Date().toISOString();
    const url: StoredUrl = { functionName: name, qualifier, ...settings(input, undefined), urlId: randomBytes(16).toString('hex'), creationTime: now, lastModifiedTime: now };
    this.urls.set(key(name, qualifier), url);
    this.save();
    const { LastModifiedTime: _l, ...created } = this.toApi(url);
    return created;
  }

  get(name: string, qualifier: string | undefined): Record<string, unknown> {
    checkQualifier(qualifier);
    const u = this.urls.get(key(name, qualifier));
    if (u) return this.toApi(u);
    const t = this.template.find((x) => x.functionName === name && (qualifier === undefined ? x.target === name : x.target === `${name}:${qualifier}`));
    if (t) return this.templateToApi(t);
    throw resourceNotFound('The resource you requested does not exist.');
  }

  update(name: string, qualifier: string | undefined, input: Input): Record<string, unknown> {
    checkQualifier(qualifier);
    const old = this.urls.get(key(name, qualifier));
    if (!old) throw this.missingOrTemplate(name);
    const url: StoredUrl = { ...old, ...settings(input, old), lastModifiedTime: new Date().toISOString() };
    this.urls.set(key(name, qualifier), url);
    this.save();
    return this.toApi(url);
  }

  delete(name: string, qualifier: string | undefined): void {
    checkQualifier(qualifier);
    if (!this.urls.delete(key(name, qualifier))) throw this.missingOrTemplate(name);
    this.save();
  }

  /** ListFunctionUrlConfigs, one page. */
  list(name: string, marker: string | undefined, maxItems: number): Record<string, unknown> {
    const all = [
      ...this.template.filter((t) => t.functionName === name).map((t) => this.templateToApi(t)),
      ...[...this.urls.values()].filter((u) => u.functionName === name).map((u) => this.toApi(u)),
    ];
    const start = marker ? Math.max(0, Number(marker) || 0) : 0;
    const next = start + maxItems < all.length ? String(start + maxItems) : undefined;
    return { FunctionUrlConfigs: all.slice(start, start + maxItems), ...(next ? { NextMarker: next } : {}) };
  }

  private missingOrTemplate(name: string): Error {
    if (this.template.some((t) => t.functionName === name)) {
      return new ApiError('ResourceConflictException', 409, `The function URL of ${name} is declared in the template (FunctionUrlConfig); change it there.`);
    }
    return resourceNotFound('The resource you requested does not exist.');
  }

  private toApi(u: StoredUrl): Record<string, unknown> {
    return {
      FunctionUrl: this.urlOf(u.urlId),
      FunctionArn: functionArn(this.partition, u.functionName, u.qualifier),
      AuthType: u.authType,
      ...(u.cors ? { Cors: u.cors } : {}),
      CreationTime: u.creationTime,
      LastModifiedTime: u.lastModifiedTime,
      InvokeMode: u.invokeMode,
    };
  }

  private templateToApi(t: FunctionUrl): Record<string, unknown> {
    const qualifier = t.target.includes(':') ? t.target.slice(t.target.indexOf(':') + 1) : undefined;
    return { FunctionUrl: this.urlOf(t.urlId), FunctionArn: functionArn(this.partition, t.functionName, qualifier), AuthType: t.authType, ...(t.cors ? { Cors: t.cors } : {}), InvokeMode: t.invokeMode };
  }

  private save(): void {
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify([...this.urls.values()], null, 1), { mode: 0o600 });
    fs.renameSync(`${this.file}.tmp`, this.file);
  }
}

const key = (name: string, qualifier: string | undefined): string => `${name}:${qualifier ?? ''}`;

/** A function URL's qualifier must be an alias name (not a version, not $LATEST). */
export function checkQualifier(q: string | undefined): void {
  if (q !== undefined && !qualifierPattern.test(q)) throw validationError(q, 'qualifier', 'Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)');
}

function settings(input: Input, base: StoredUrl | undefined): Pick<StoredUrl, 'authType' | 'cors' | 'invokeMode'> {
  const auth = input['AuthType'] ?? base?.authType;
  if (auth === undefined || auth === null) throw new ApiError('ValidationException', 400, "1 validation error detected: Value null at 'authType' failed to satisfy constraint: Member must not be null");
  if (auth !== 'NONE' && auth !== 'AWS_IAM') throw validationError(auth, 'authType', 'Member must satisfy enum value set: [NONE, AWS_IAM]');
  const mode = input['InvokeMode'] ?? base?.invokeMode ?? 'BUFFERED';
  if (mode !== 'BUFFERED' && mode !== 'RESPONSE_STREAM') throw validationError(mode, 'invokeMode', 'Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]');
  const cors = input['Cors'] === undefined ? base?.cors : (input['Cors'] as Record<string, unknown> | null) ?? undefined;
  return { authType: auth, invokeMode: mode, cors };
}
