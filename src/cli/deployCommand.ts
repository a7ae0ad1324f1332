// `deploy`: builds the template's functions, uploads them, shows the CloudFormation change set, executes
// it once confirmed (--yes, or y on the terminal) and prints the stack events until it completes or rolls
// back. Ctrl-C cancels (an update is rolled back). Profile, region, stack and bucket are remembered.
import * as path from 'node:path';
import { awsClients, awsErrorMessage, collectArtifacts, describeChanges, discardDeploy, executeDeploy, looksLikeProduction, outcomeError, prepareDeploy, writeDeploySettings, type PreparedDeploy, type StackEvent } from '../core/deploy';
import { messageOf, WorkbenchError } from '../core/errors';
import { printBuildProgress } from './buildProgress';
import { startEngine, parseParameterOverrides, type Values } from './engineFromArgs';
import { confirm, resolveTarget } from './deployTarget';

export const deployUsage = 'lambda-workbench deploy --stack-name NAME [--region R] [--profile P] [--bucket B] [--yes] [--json] [--template FILE] [--parameter-overrides K=V ...]: deploys the template to AWS with a CloudFormation change set';

const eventLine = (e: StackEvent): string => `${e.timestamp.slice(11, 19)}  ${e.status.padEnd(28)} ${e.logicalId.padEnd(32)} ${e.resourceType}${e.reason ? `  ${e.reason}` : ''}`;

export async function deploy(values: Values): Promise<number> {
  const engine = await startEngine(values, { quietBuilds: true });
  const human = !values.json;
  const say = (line: string): void => void (human && process.stderr.write(`${line}\n`));
  const stopBuilds = human ? printBuildProgress(engine, {}) : () => undefined;
  const controller = new AbortController();
  const onInt = (): void => {
    say('Cancelling...');
    controller.abort();
  };
  process.on('SIGINT', onInt);
  const workspaceDir = path.dirname(engine.project?.templatePath ?? process.cwd());
  const { target, stackName } = resolveTarget(values, workspaceDir);
  const clients = awsClients(target);
  let prepared: PreparedDeploy | undefined;
  try {
    const production = looksLikeProduction(stackName);
    if (production) say(`Note: stack ${stackName} looks like production (matches "${production}").`);
    say(`Building the functions of ${engine.project?.templatePath ?? 'the template'}`);
    const artifacts = collectArtifacts(await engine.deployableFunctions(controller.signal));
    const request = {
      target,
      stackName,
      templatePath: engine.project?.templatePath ?? '',
      artifacts,
      createBucket: Boolean(values.yes),
      ...(values.bucket ? { bucket: values.bucket as string } : {}),
      ...(values['parameter-overrides'] ? { parameters: parseParameterOverrides(values['parameter-overrides'] as string) } : {}),
      signal: controller.signal,
      note: say,
    };
    try {
      prepared = await prepareDeploy(clients, request);
    } catch (e) {
      if (!(e instanceof WorkbenchError && e.code === 'BucketNeeded') || !(await confirm(`${e.message}\nCreate the managed bucket now?`))) throw e;
      prepared = await prepareDeploy(clients, { ...request, createBucket: true });
    }
    writeDeploySettings(workspaceDir, { stackName, region: target.region, ...(target.profile ? { profile: target.profile } : {}), bucket: prepared.bucket });
    const summary = { stackName, region: target.region, bucket: prepared.bucket, changeSet: { id: prepared.changeSetId, type: prepared.type, changes: prepared.changes }, capabilities: prepared.capabilities, uploads: prepared.uploads };
    if (human) process.stdout.write(`Change set for ${stackName} (${prepared.type}):\n${describeChanges(prepared).map((l) => `  ${l}`).join('\n')}\n`);
    if (prepared.empty) {
      if (!human) process.stdout.write(JSON.stringify({ ...summary, status: 'NO_CHANGES', succeeded: true }, null, 2) + '\n');
      return 0;
    }
    if (!values.yes && !(await confirm(`Deploy this change set to ${stackName}${production ? ' (looks like production)' : ''}?`))) {
      await discardDeploy(clients, prepared);
      say(values.yes === undefined && !process.stdin.isTTY ? 'Not deployed: pass --yes to execute the change set without a question.' : 'Not deployed: the change set was deleted.');
      if (!human) process.stdout.write(JSON.stringify({ ...summary, status: 'NOT_CONFIRMED', succeeded: false }, null, 2) + '\n');
      return 1;
    }
    const outcome = await executeDeploy(clients, prepared, {
      signal: controller.signal,
      onEvent: (e) => human && process.stdout.write(`${eventLine(e)}\n`),
      onProgress: (done, total) => say(`  [${done}/${total}] resources done`),
    });
    if (!human) process.stdout.write(JSON.stringify({ ...summary, status: outcome.status, succeeded: outcome.succeeded, ...(outcome.failure ? { failure: outcome.failure } : {}), ...(outcome.detached ? { detached: true } : {}), events: outcome.events }, null, 2) + '\n');
    if (outcome.detached) {
      say(`Stopped watching: CloudFormation keeps creating ${stackName} (a creation cannot be cancelled). See its events with: aws cloudformation describe-stack-events --stack-name ${stackName}`);
      return 1;
    }
    if (!outcome.succeeded) {
      say(outcomeError(outcome).message);
      return 1;
    }
    say(`Deployed ${stackName} (${outcome.status}).`);
    return 0;
  } catch (e) {
    if (e instanceof WorkbenchError || (e instanceof Error && '$metadata' in e)) throw e;
    throw new WorkbenchError(awsErrorMessage(e, target), (e as { name?: string }).name ?? 'DeployFailed');
  } finally {
    process.off('SIGINT', onInt);
    stopBuilds();
    clients.destroy();
    await engine.dispose().catch((e: unknown) => say(messageOf(e)));
  }
}
