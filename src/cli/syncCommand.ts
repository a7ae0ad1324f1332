// `sync`: like `sam sync --code [--watch]`: updates the code of a deployed stack's functions in place
// (UpdateFunctionCode, waiting for the update), once or on every change with --watch. Only for stacks
// opted in with --enable (remembered per workspace); stacks named like production are flagged.
import * as path from 'node:path';
import { assertSyncOptIn, awsClients, awsErrorMessage, CodeSync, collectArtifacts, looksLikeProduction, readDeploySettings, setSyncOptIn, type SyncReport } from '../core/deploy';
import { WorkbenchError } from '../core/errors';
import { printBuildProgress } from './buildProgress';
import { resolveTarget } from './deployTarget';
import { findTemplate } from '../core/project';
import { startEngine, type Values } from './engineFromArgs';

export const syncUsage = 'lambda-workbench sync --stack-name NAME [function...] [--watch] [--enable|--disable] [--region R] [--profile P] [--json]: updates the deployed functions\' code in place, like `sam sync --code`';

export async function sync(values: Values, positionals: string[]): Promise<number> {
  const templatePath = await findTemplate(process.cwd(), values.template as string | undefined);
  const workspaceDir = templatePath ? path.dirname(templatePath) : process.cwd();
  const { target, stackName } = resolveTarget(values, workspaceDir);
  const human = !values.json;
  const say = (line: string): void => void (human && process.stderr.write(`${line}\n`));
  const production = looksLikeProduction(stackName);
  if (values.enable || values.disable) {
    setSyncOptIn(workspaceDir, stackName, Boolean(values.enable));
    if (production && values.enable) say(`Warning: stack ${stackName} looks like production (matches "${production}"): every save will replace its functions' code.`);
    if (human) process.stdout.write(`Code sync ${values.enable ? 'enabled' : 'disabled'} for ${stackName}.\n`);
    else process.stdout.write(JSON.stringify({ stackName, syncEnabled: Boolean(values.enable), ...(production ? { looksLikeProduction: production } : {}) }) + '\n');
    return 0;
  }
  assertSyncOptIn(workspaceDir, stackName);
  if (production) say(`Warning: stack ${stackName} looks like production (matches "${production}").`);
  const engine = await startEngine(values, { quietBuilds: true, watch: Boolean(values.watch) });
  const stopBuilds = human ? printBuildProgress(engine, {}) : () => undefined;
  const clients = awsClients(target);
  const controller = new AbortController();
  const print = (r: SyncReport): void => {
    if (!human) process.stdout.write(JSON.stringify(r) + '\n');
    else if (r.status === 'synced') process.stdout.write(`Synced ${r.logicalId} -> ${r.functionName} in ${(r.durationMs / 1000).toFixed(1)} s\n`);
    else process.stdout.write(`Sync of ${r.logicalId} failed: ${r.error}\n`);
  };
  const settings = readDeploySettings(workspaceDir);
  const codeSync = new CodeSync(clients, { stackName, ...(settings.bucket ? { bucket: settings.bucket } : {}), signal: controller.signal, onReport: print });
  const wanted = (logicalId: string): boolean => positionals.length === 0 || positionals.includes(logicalId);
  const syncNames = async (names?: readonly string[]): Promise<SyncReport[]> => {
    const functions = (await engine.deployableFunctions(controller.signal)).filter((f) => wanted(f.spec.logicalId) && (!names || names.includes(f.config.functionName)));
    const artifacts = collectArtifacts(functions).filter((a) => a.kind === 'function');
    return Promise.all(artifacts.map((a) => codeSync.sync(a)));
  };
  try {
    const names = await codeSync.functionNames();
    const unknown = positionals.filter((p) => !names.has(p));
    if (unknown.length) throw new WorkbenchError(`Stack ${stackName} has no function ${unknown.join(', ')}. Its functions: ${[...names.keys()].join(', ') || 'none'}.`, 'FunctionNotInStack');
    if (!values.watch) {
      const reports = await syncNames();
      return reports.some((r) => r.status === 'failed') ? 1 : 0;
    }
    say(`Watching ${engine.project?.templatePath ?? 'the template'}: changed functions sync to ${stackName} (Ctrl-C stops).`);
    let queue: Promise<unknown> = Promise.resolve();
    engine.on('functionsChanged', (changed: string[]) => {
      queue = queue.then(() => syncNames(changed)).catch((e: unknown) => say(awsErrorMessage(e, target)));
    });
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    controller.abort();
    await queue;
    return 0;
  } catch (e) {
    if (e instanceof WorkbenchError || (e instanceof Error && '$metadata' in e)) throw e;
    throw new WorkbenchError(awsErrorMessage(e, target), (e as { name?: string }).name ?? 'SyncFailed');
  } finally {
    stopBuilds();
    clients.destroy();
    await engine.dispose();
  }
}
