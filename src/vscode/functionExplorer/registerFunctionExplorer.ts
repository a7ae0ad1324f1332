// Registers the function explorer view and its item commands (menus in package.json match the
// items' contextValue). Invoke and Debug are registered by the invoke feature.
import * as vscode from 'vscode';
import type { BackendSet } from '../backends/backendSet';
import { commandIds, viewIds } from '../contributionIds';
import { createAlias, deleteAlias, pointAlias } from './aliasCommands';
import { addAwsProfile, removeAwsProfile } from './awsProfileCommands';
import { completeCallback, skipWait, stopExecution } from './durableCommands';
import { ExecutionHistoryPanel } from './executionHistoryPanel';
import type { AliasNode, ExecutionNode, ExplorerNode, FunctionNode, LatestNode, RootNode, VersionNode } from './explorerNodes';
import { FunctionExplorer } from './functionExplorer';
import { copyArn, forceColdStart, openHandler, revealInTemplate, setThrottled, showLogs } from './functionCommands';
import { LogsDocuments, logsScheme } from './logsDocuments';
import { editRouting } from './routingCommand';
import { bringHome } from './pullCommand';
import { deleteVersion, publishVersion } from './versionCommands';

/** The explorer and its view, for other features and the tests. */
export interface FunctionExplorerHandle {
  readonly explorer: FunctionExplorer;
  readonly view: vscode.TreeView<ExplorerNode>;
}

export function registerFunctionExplorer(context: vscode.ExtensionContext, backends: BackendSet): FunctionExplorerHandle {
  const explorer = new FunctionExplorer(backends);
  const view = vscode.window.createTreeView(viewIds.functions, { treeDataProvider: explorer, showCollapseAll: true });
  const logsDocs = new LogsDocuments();
  const command = <T extends ExplorerNode>(id: string, run: (node: T, arg?: unknown) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, (node?: T, arg?: unknown) => {
      const target = node ?? (view.selection[0] as T | undefined);
      if (!target) return vscode.window.showInformationMessage('Select a function, version or alias in the Lambda explorer first.');
      return run(target, arg);
    });
  context.subscriptions.push(
    explorer,
    view,
    logsDocs,
    vscode.workspace.registerTextDocumentContentProvider(logsScheme, logsDocs),
    vscode.commands.registerCommand(commandIds.refreshExplorer, () => explorer.refresh()),
    vscode.commands.registerCommand(commandIds.addAwsProfile, () => addAwsProfile()),
    command<RootNode>(commandIds.removeAwsProfile, (n) => removeAwsProfile(n)),
    command<FunctionNode | LatestNode>(commandIds.publishVersion, (n, a) => publishVersion(n, a)),
    command<FunctionNode | LatestNode | VersionNode>(commandIds.createAlias, (n, a) => createAlias(n, a)),
    command<AliasNode>(commandIds.editRouting, (n, a) => editRouting(n, a)),
    command<AliasNode>(commandIds.pointAlias, (n, a) => pointAlias(n, a)),
    command<VersionNode>(commandIds.deleteVersion, (n, a) => deleteVersion(n, a)),
    command<AliasNode>(commandIds.deleteAlias, (n, a) => deleteAlias(n, a)),
    command<ExplorerNode>(commandIds.showLogs, (n) => showLogs(n, logsDocs)),
    command<FunctionNode>(commandIds.openHandler, (n) => openHandler(n)),
    command<FunctionNode>(commandIds.pullFunction, (n, a) => bringHome(n, a)),
    command<FunctionNode>(commandIds.revealInTemplate, (n) => revealInTemplate(n)),
    command<FunctionNode>(commandIds.forceColdStart, (n) => forceColdStart(n)),
    command<FunctionNode>(commandIds.throttle, (n) => setThrottled(n, true)),
    command<FunctionNode>(commandIds.unthrottle, (n) => setThrottled(n, false)),
    command<ExplorerNode>(commandIds.copyArn, (n) => copyArn(n)),
    command<ExecutionNode>(commandIds.completeCallback, (n, a) => completeCallback(n, a)),
    command<ExecutionNode>(commandIds.skipWait, (n) => skipWait(n)),
    command<ExecutionNode>(commandIds.stopExecution, (n, a) => stopExecution(n, a)),
    command<ExecutionNode>(commandIds.showExecutionHistory, (n) => ExecutionHistoryPanel.show(n)),
  );
  return { explorer, view };
}
