// The Deploy and Sync on Save commands' work, in its own bundle (dist/deploy.js, with the AWS SDK's S3 and
// CloudFormation clients) loaded only when one runs: inputs, the change set as a modal confirmation,
// progress notifications with cancel, stack events in their own output channel, sync reports in the
// status bar and the Lambda Workbench output.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { awsClients, awsErrorMessage, CodeSync, collectArtifacts, describeChanges, discardDeploy, executeDeploy, looksLikeProduction, outcomeError, prepareDeploy, readDeploySettings, setSyncOptIn, writeDeploySettings, type DeployTarget, type PreparedDeploy } from '../../core/deploy';
import type { Emulator } from '../../core/emulator';
import { WorkbenchError } from '../../core/errors';

/** What the commands need from the extension. */
export interface DeployContext {
  readonly engine: Emulator;
  readonly output: vscode.LogOutputChannel;
  readonly events: vscode.OutputChannel;
  readonly productionPatterns: readonly string[];
}

async function askTarget(workspaceDir: string): Promise<{ target: DeployTarget; stackName: string } | undefined> {
  const s = readDeploySettings(workspaceDir);
  const stackName = await vscode.window.showInputBox({ title: 'Deploy: stack name', value: s.stackName ?? `${path.basename(workspaceDir).replace(/[^A-Za-z0-9-]/g, '-')}-dev`, validateInput: (v) => (/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(v) ? undefined : 'Letters, digits and hyphens, starting with a letter') });
  if (!stackName) return undefined;
  const region = await vscode.window.showInputBox({ title: 'Deploy: AWS region', value: s.region ?? process.env.AWS_REGION ?? 'us-east-1' });
  if (!region) return undefined;
  const profile = await vscode.window.showInputBox({ title: 'Deploy: AWS profile (empty: the default credential chain)', value: s.profile ?? process.env.AWS_PROFILE ?? '' });
  if (profile === undefined) return undefined;
  return { stackName, target: { region, ...(profile ? { profile } : {}), ...endpointsFromEnv() } };
}

// The SDK's AWS_ENDPOINT_URL_* variables, read here so S3 uses path-style URLs with them.
function endpointsFromEnv(): Pick<DeployTarget, 'endpoints'> {
  const e = process.env;
  const endpoints = { ...(e.AWS_ENDPOINT_URL_S3 ? { s3: e.AWS_ENDPOINT_URL_S3 } : {}), ...(e.AWS_ENDPOINT_URL_CLOUDFORMATION ? { cloudformation: e.AWS_ENDPOINT_URL_CLOUDFORMATION } : {}), ...(e.AWS_ENDPOINT_URL_LAMBDA ? { lambda: e.AWS_ENDPOINT_URL_LAMBDA } : {}) };
  return Object.keys(endpoints).length ? { endpoints } : {};
}

/** Arguments of the command for automation and tests: given values skip their question; `yes` answers the confirmations. */
export interface DeployArgs {
  readonly stackName?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly yes?: boolean;
}

/** The Deploy command: returns the final stack status (or undefined when the user stopped before). */
export async function deployWorkspace(ctx: DeployContext, args: DeployArgs = {}): Promise<string | undefined> {
  const templatePath = ctx.engine.project?.templatePath;
  if (!templatePath) throw new WorkbenchError('No template is loaded: open a folder with a template.yaml.', 'TemplateNotFound');
  const workspaceDir = path.dirname(templatePath);
  const chosen = args.stackName && args.region ? { stackName: args.stackName, target: { region: args.region, ...(args.profile ? { profile: args.profile } : {}), ...endpointsFromEnv() } } : await askTarget(workspaceDir);
  if (!chosen) return undefined;
  const { target, stackName } = chosen;
  const clients = awsClients(target);
  const production = looksLikeProduction(stackName, ctx.productionPatterns);
  try {
    const prepared = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deploy ${stackName}`, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const note = (m: string): void => {
        ctx.events.appendLine(m);
        progress.report({ message: m });
      };
      note('Building...');
      const artifacts = collectArtifacts(await ctx.engine.deployableFunctions(controller.signal));
      const request = { target, stackName, templatePath, artifacts, createBucket: false, signal: controller.signal, note, ...(readDeploySettings(workspaceDir).bucket ? { bucket: readDeploySettings(workspaceDir).bucket } : {}) };
      try {
        return await prepareDeploy(clients, request);
      } catch (e) {
        if (!(e instanceof WorkbenchError && e.code === 'BucketNeeded')) throw e;
        const create = args.yes ? 'Create Bucket' : await vscode.window.showWarningMessage(`No deployment bucket in ${target.region}. Create SAM's managed bucket (aws-sam-cli-managed-default-samclisourcebucket-...)?`, { modal: true }, 'Create Bucket');
        if (create !== 'Create Bucket') return undefined;
        return prepareDeploy(clients, { ...request, createBucket: true });
      }
    });
    if (!prepared) return undefined;
    writeDeploySettings(workspaceDir, { stackName, region: target.region, ...(target.profile ? { profile: target.profile } : {}), bucket: prepared.bucket });
    const lines = describeChanges(prepared);
    ctx.events.show(true);
    ctx.events.appendLine(`Change set for ${stackName} (${prepared.type}):`);
    for (const l of lines) ctx.events.appendLine(`  ${l}`);
    if (prepared.empty) {
      void vscode.window.showInformationMessage(`Lambda Workbench: no changes to deploy to ${stackName}.`);
      return 'NO_CHANGES';
    }
    const answer = args.yes ? 'Deploy' : await vscode.window.showWarningMessage(`Deploy ${prepared.changes.length} change(s) to ${stackName}${production ? ' (looks like production)' : ''}?`, { modal: true, detail: lines.join('\n') }, 'Deploy');
    if (answer !== 'Deploy') {
      await discardDeploy(clients, prepared);
      ctx.events.appendLine('Not deployed: the change set was deleted.');
      return 'NOT_CONFIRMED';
    }
    return await execute(ctx, clients, prepared);
  } catch (e) {
    const message = e instanceof WorkbenchError ? e.message : awsErrorMessage(e, target);
    ctx.events.appendLine(message);
    throw new WorkbenchError(message, 'DeployFailed');
  } finally {
    clients.destroy();
  }
}

async function execute(ctx: DeployContext, clients: ReturnType<typeof awsClients>, prepared: PreparedDeploy): Promise<string> {
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deploying ${prepared.stackName}`, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let last = 0;
    return executeDeploy(clients, prepared, {
      signal: controller.signal,
      onEvent: (e) => ctx.events.appendLine(`${e.timestamp.slice(11, 19)}  ${e.status.padEnd(28)} ${e.logicalId.padEnd(32)} ${e.resourceType}${e.reason ? `  ${e.reason}` : ''}`),
      onProgress: (done, total) => {
        const pct = (100 * done) / total;
        progress.report({ increment: pct - last, message: `${done}/${total} resources` });
        last = pct;
      },
    });
  });
  if (outcome.succeeded) void vscode.window.showInformationMessage(`Lambda Workbench: deployed ${prepared.stackName} (${outcome.status}).`);
  else if (outcome.detached) void vscode.window.showWarningMessage(`Stopped watching ${prepared.stackName}: CloudFormation keeps creating it.`);
  else void vscode.window.showErrorMessage(outcomeError(outcome).message);
  return outcome.status;
}

/** A running sync-on-save of one stack; dispose stops it. */
export async function startSyncOnSave(ctx: DeployContext, statusBar: vscode.StatusBarItem): Promise<vscode.Disposable | undefined> {
  const templatePath = ctx.engine.project?.templatePath;
  if (!templatePath) throw new WorkbenchError('No template is loaded: open a folder with a template.yaml.', 'TemplateNotFound');
  const workspaceDir = path.dirname(templatePath);
  const s = readDeploySettings(workspaceDir);
  const stackName = await vscode.window.showInputBox({ title: 'Sync on Save: deployed stack', value: s.stackName ?? '' });
  if (!stackName) return undefined;
  const production = looksLikeProduction(stackName, ctx.productionPatterns);
  const warning = production ? `Stack ${stackName} looks like production (matches "${production}"). ` : '';
  const ok = await vscode.window.showWarningMessage(`${warning}Every save will replace the code of ${stackName}'s functions in AWS. Turn on Sync on Save for this stack?`, { modal: true }, 'Sync on Save');
  if (ok !== 'Sync on Save') return undefined;
  setSyncOptIn(workspaceDir, stackName, true);
  const target: DeployTarget = { region: s.region ?? process.env.AWS_REGION ?? 'us-east-1', ...(s.profile ? { profile: s.profile } : {}), ...endpointsFromEnv() };
  const clients = awsClients(target);
  const sync = new CodeSync(clients, {
    stackName,
    ...(s.bucket ? { bucket: s.bucket } : {}),
    onReport: (r) => {
      const text = r.status === 'synced' ? `Synced ${r.logicalId} -> ${r.functionName} in ${(r.durationMs / 1000).toFixed(1)} s` : `Sync of ${r.logicalId} failed: ${r.error}`;
      if (r.status === 'synced') ctx.output.info(text);
      else ctx.output.error(text);
      statusBar.text = r.status === 'synced' ? `$(cloud-upload) ${r.logicalId} synced` : `$(error) ${r.logicalId} sync failed`;
      statusBar.tooltip = text;
    },
  });
  statusBar.text = `$(cloud-upload) Sync: ${stackName}`;
  statusBar.tooltip = `Sync on Save to ${stackName} (click to stop)`;
  statusBar.show();
  const onChange = (names: string[]): void => {
    void (async () => {
      const functions = (await ctx.engine.deployableFunctions()).filter((f) => names.includes(f.config.functionName));
      for (const a of collectArtifacts(functions).filter((x) => x.kind === 'function')) {
        statusBar.text = `$(sync~spin) Syncing ${a.logicalId}`;
        await sync.sync(a);
      }
    })().catch((e: unknown) => ctx.output.error(`Sync on Save: ${awsErrorMessage(e, target)}`));
  };
  ctx.engine.on('functionsChanged', onChange);
  ctx.output.info(`Sync on Save to ${stackName} is on.`);
  return new vscode.Disposable(() => {
    ctx.engine.off('functionsChanged', onChange);
    clients.destroy();
    statusBar.hide();
    ctx.output.info(`Sync on Save to ${stackName} is off.`);
  });
}
