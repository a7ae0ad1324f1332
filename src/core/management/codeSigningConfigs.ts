// Code signing configurations (Create/Get/Update/Delete/ListCodeSigningConfig(s), Put/Get/Delete
// FunctionCodeSigningConfig, ListFunctionsByCodeSigningConfig): kept for the engine's lifetime and
// answered as AWS does. Signatures are not verified locally: there is no AWS Signer here.
import { randomBytes } from 'node:crypto';
import { ApiError, functionNotFound } from '../errors';
import { parseFunctionRef } from '../arn';
import { arnOf, lambdaDate, type ManagementContext } from './managementContext';

interface CodeSigningConfig {
  readonly id: string;
  readonly arn: string;
  description: string;
  allowedPublishers: Record<string, unknown>;
  policies: Record<string, unknown>;
  lastModified: number;
}

type Input = { readonly Description?: string; readonly AllowedPublishers?: Record<string, unknown>; readonly CodeSigningPolicies?: Record<string, unknown> };

export class CodeSigningConfigs {
  private readonly configs = new Map<string, CodeSigningConfig>();
  /** Function name -> config ARN. */
  private readonly functions = new Map<string, string>();

  constructor(private readonly ctx: ManagementContext) {}

  create(input: Input): Record<string, unknown> {
    const id = `csc-${randomBytes(9).toString('hex').slice(0, 17)}`;
    const { partition } = this.ctx;
    const arn = `arn:aws:lambda:${partition.region}:${partition.accountId}:code-signing-config:${id}`;
    const config: CodeSigningConfig = {
      id,
      arn,
      description: input.Description ?? '',
      allowedPublishers: input.AllowedPublishers ?? {},
      policies: { UntrustedArtifactOnDeployment: 'Warn', ...input.CodeSigningPolicies },
      lastModified: Date.now(),
    };
    this.configs.set(arn, config);
    return { CodeSigningConfig: this.toApi(config) };
  }

  get(arn: string): Record<string, unknown> {
    return { CodeSigningConfig: this.toApi(this.require(arn)) };
  }

  update(arn: string, input: Input): Record<string, unknown> {
    const c = this.require(arn);
    if (input.Description !== undefined) c.description = input.Description;
    if (input.AllowedPublishers !== undefined) c.allowedPublishers = input.AllowedPublishers;
    if (input.CodeSigningPolicies !== undefined) c.policies = { ...c.policies, ...input.CodeSigningPolicies };
    if (input.Description !== undefined || input.AllowedPublishers !== undefined || input.CodeSigningPolicies !== undefined) c.lastModified = Date.now();
    return { CodeSigningConfig: this.toApi(c) };
  }

  delete(arn: string): void {
    this.require(arn);
    this.configs.delete(arn);
  }

  list(): Record<string, unknown> {
    return { CodeSigningConfigs: [...this.configs.values()].map((c) => this.toApi(c)) };
  }

  listFunctions(arn: string): Record<string, unknown> {
    this.require(arn);
    const names = [...this.functions].filter(([name, a]) => a === arn && this.ctx.registry.get(name)).map(([name]) => arnOf(this.ctx, name));
    return { FunctionArns: names };
  }

  putFunction(functionName: string, arn: string): Record<string, unknown> {
    // AWS-recorded: a missing config is reported before a missing function.
    if (!this.configs.has(arn)) throw new ApiError('CodeSigningConfigNotFoundException', 404, `The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${arn}.`);
    const name = this.functionName(functionName);
    this.functions.set(name, arn);
    return { CodeSigningConfigArn: arn, FunctionName: name };
  }

  /** Empty for a function without a configuration (AWS answers `{}`). */
  getFunction(functionName: string): Record<string, unknown> {
    const name = this.functionName(functionName);
    const arn = this.functions.get(name);
    return arn && this.configs.has(arn) ? { CodeSigningConfigArn: arn, FunctionName: name } : {};
  }

  deleteFunction(functionName: string): void {
    this.functions.delete(this.functionName(functionName));
  }

  private functionName(functionName: string): string {
    const name = parseFunctionRef(this.ctx.partition, functionName).name;
    if (!this.ctx.registry.get(name)) throw functionNotFound(arnOf(this.ctx, name));
    return name;
  }

  private require(arn: string): CodeSigningConfig {
    const c = this.configs.get(arn);
    // Sent without the `Type` field (AWS-recorded).
    if (!c) throw new ApiError('ResourceNotFoundException', 404, `The Lambda code signing configuration ${arn} can not be found.`, { Type: undefined });
    return c;
  }

  private toApi(c: CodeSigningConfig): Record<string, unknown> {
    return {
      CodeSigningConfigId: c.id,
      CodeSigningConfigArn: c.arn,
      Description: c.description,
      AllowedPublishers: c.allowedPublishers,
      CodeSigningPolicies: c.policies,
      LastModified: lambdaDate(c.lastModified),
    };
  }
}
