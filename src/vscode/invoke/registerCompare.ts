// "Compare Local and Cloud": runs the same saved event on a local function and on its deployed
// counterpart at once, then opens both results and logs side by side in a diff editor (differences
// highlighted) with a one-line summary of payload, error, duration and memory.
import * as vscode from 'vscode';
import type { BackendSet } from '../backends/backendSet';
import type { FunctionSummary, InvokeResult, LambdaBackend } from '../backends/lambdaBackend';
import { commandIds } from '../contributionIds';
import { answersOf } from '../explorerAction';
import type { ExplorerNode } from '../functionExplorer/explorerNodes';
import { counterpartCandidates, type Candidate } from './cloudCounterpart';
import { compareResults, comparisonSide, type Comparison } from './compareResults';
import { pickEvent, type EventChoice, type SampleEvents } from './eventPicker';
import { eventTargetOf } from './runInvoke';

export const compareScheme = 'lambda-workbench-compare';

/** What a comparison produced (returned to tests and other callers). */
export interface ComparisonRun {
  readonly local: InvokeResult;
  readonly cloud: InvokeResult;
  readonly comparison: Comparison;
  readonly localUri: vscode.Uri;
  readonly cloudUri: vscode.Uri;
}

interface CompareArgs {
  readonly functionName: string;
  /** The deployed function's name and its root (`aws:<profile>:<region>...`). */
  readonly cloudFunctionName: string;
  readonly cloudBackendId: string;
  readonly event: unknown;
}

type Side = { readonly backend: LambdaBackend; readonly fn: FunctionSummary };

async function chooseCounterpart(fn: FunctionSummary, backends: readonly LambdaBackend[], localSide: boolean, args: Partial<CompareArgs>): Promise<Candidate | undefined> {
  const all = await counterpartCandidates(fn, backends, localSide);
  if (args.cloudFunctionName) return all.find((c) => c.fn.name === args.cloudFunctionName && (!args.cloudBackendId || c.backend.id === args.cloudBackendId));
  const best = all.filter((c) => c.score > 0);
  if (best.length === 1) return best[0];
  const pick = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.fn.name, description: `${c.backend.label}${c.score ? ' · matches' : ''}`, c })),
    { title: `Compare ${fn.name} with`, placeHolder: localSide ? 'The deployed function' : 'The local function' },
  );
  return pick?.c;
}

export function registerCompare(context: vscode.ExtensionContext, backends: BackendSet, samples: SampleEvents | undefined): void {
  const texts = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let seq = 0;
  const provider: vscode.TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' };

  const run = async (node?: ExplorerNode, arg?: unknown): Promise<ComparisonRun | undefined> => {
    const args = answersOf<CompareArgs>(arg ?? (node && !('kind' in node) ? node : undefined));
    const localBackend = await backends.getLocal();
    const aws = await backends.getAws();
    if (aws.length === 0) {
      void vscode.window.showErrorMessage('Comparing with the cloud needs an AWS root: add one with "Add AWS Profile" in the Lambda explorer.');
      return undefined;
    }
    let local: Side | undefined;
    let cloud: Side | undefined;
    const fromNode = node && 'kind' in node && node.kind !== 'root' && node.kind !== 'message' && node.kind !== 'stack' ? { backend: node.backend, fn: node.fn } : undefined;
    if (fromNode?.backend.kind === 'aws') {
      cloud = fromNode;
      const c = await chooseCounterpart(fromNode.fn, [localBackend], false, {});
      local = c && { backend: c.backend, fn: c.fn };
    } else {
      const fns = await localBackend.listFunctions();
      const fn = fromNode?.fn ?? fns.find((f) => f.name === args.functionName || f.local?.logicalId === args.functionName) ?? (await vscode.window.showQuickPick(fns.map((f) => ({ label: f.name, fn: f })), { title: 'Compare local and cloud: function' }))?.fn;
      if (!fn) return undefined;
      local = { backend: localBackend, fn };
      const c = await chooseCounterpart(fn, aws, true, args);
      cloud = c && { backend: c.backend, fn: c.fn };
    }
    if (!local || !cloud) {
      void vscode.window.showErrorMessage(`No ${local ? 'deployed' : 'local'} counterpart was chosen: nothing to compare.`);
      return undefined;
    }
    const event: EventChoice | undefined = 'event' in args ? { label: 'given event', payload: Buffer.from(JSON.stringify(args.event ?? {})) } : await pickEvent(context.workspaceState, eventTargetOf(local.backend, local.fn), samples);
    if (!event) return undefined;
    const [l, c] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Running ${event.label} on ${local.fn.name} locally and on ${cloud.fn.name} in ${cloud.backend.label}...` }, () =>
      Promise.allSettled([local.backend.invoke(local.fn.name, undefined, event.payload), cloud.backend.invoke(cloud.fn.name, undefined, event.payload)]),
    );
    if (l.status === 'rejected' || c.status === 'rejected') {
      const why = (r: PromiseSettledResult<InvokeResult>): string => (r.status === 'rejected' ? (r.reason instanceof Error ? r.reason.message : String(r.reason)) : 'ok');
      void vscode.window.showErrorMessage(`Compare failed: local ${why(l)}; cloud ${why(c)}.`);
      return undefined;
    }
    const comparison = compareResults(l.value, c.value);
    const n = ++seq;
    const localUri = vscode.Uri.from({ scheme: compareScheme, path: `/${local.fn.name}.local.txt`, query: String(n) });
    const cloudUri = vscode.Uri.from({ scheme: compareScheme, path: `/${cloud.fn.name}.cloud.txt`, query: String(n) });
    texts.set(localUri.toString(), comparisonSide('local', local.backend.label, local.fn.name, event.label, l.value, comparison));
    texts.set(cloudUri.toString(), comparisonSide('cloud', cloud.backend.label, cloud.fn.name, event.label, c.value, comparison));
    await vscode.commands.executeCommand('vscode.diff', localUri, cloudUri, `${local.fn.name}: local ↔ ${cloud.backend.label}`, { preview: false });
    void vscode.window.showInformationMessage(`${local.fn.name} local vs cloud: ${comparison.summary}`);
    return { local: l.value, cloud: c.value, comparison, localUri, cloudUri };
  };

  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(compareScheme, provider),
    vscode.commands.registerCommand(commandIds.compareWithCloud, async (node?: ExplorerNode, arg?: unknown) => {
      try {
        return await run(node, arg);
      } catch (e) {
        void vscode.window.showErrorMessage(`Compare local and cloud failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    }),
  );
}
