// "Bring Home" on an AWS function: downloads its code and configuration into a workspace folder with a
// generated SAM template (core/remote), with cancellable progress, then offers to run it locally.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pullFunction, type PullResult } from '../../core/remote/pullFunction';
import type { AwsTarget } from '../backends/awsBackend';
import { debugType, settingIds } from '../contributionIds';
import { answersOf } from '../explorerAction';
import type { FunctionNode } from './explorerNodes';

interface PullArgs {
  /** The folder (absolute, or relative to the first workspace folder). */
  readonly directory: string;
  /** Replace an earlier pull in that folder without asking. */
  readonly force: boolean;
  /** What to do next without asking: debug it with an empty event, make it the workspace template, or nothing. */
  readonly then: 'debug' | 'useTemplate' | 'nothing';
}

/** Pulls the function of `node` (an AWS function); resolves undefined when cancelled or failed (reported). */
export async function bringHome(node: FunctionNode, arg?: unknown): Promise<PullResult | undefined> {
  const target = (node.backend as { target?: AwsTarget }).target;
  if (node.backend.kind !== 'aws' || !target) {
    void vscode.window.showErrorMessage(`${node.fn.name} already runs locally: Bring Home works on functions of an AWS root.`);
    return undefined;
  }
  const args = answersOf<PullArgs>(arg);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) {
    void vscode.window.showErrorMessage('Open a folder first: the function is brought into a folder of the workspace.');
    return undefined;
  }
  const typed = args.directory ?? (await vscode.window.showInputBox({ title: `Bring ${node.fn.name} home`, prompt: 'Folder (relative to the workspace) for template.yaml and src/', value: node.fn.name }));
  if (!typed) return undefined;
  const directory = path.resolve(root, typed);
  let force = args.force ?? false;
  if (!force && (fs.existsSync(path.join(directory, 'template.yaml')) || fs.existsSync(path.join(directory, 'src')))) {
    const answer = await vscode.window.showWarningMessage(`${typed} already has template.yaml or src/. Replace them?`, { modal: true }, 'Replace');
    if (answer !== 'Replace') return undefined;
    force = true;
  }
  let result: PullResult;
  try {
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Bringing ${node.fn.name} home`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      try {
        return await pullFunction({
          target: { region: target.region, profile: target.profile, ...(target.endpointUrl ? { endpointUrl: target.endpointUrl } : {}) },
          functionName: node.fn.name,
          directory,
          force,
          signal: abort.signal,
          onProgress: (s) => {
            if (s.phase !== 'download') return progress.report({ message: s.phase === 'configuration' ? 'GetFunction...' : s.phase === 'extract' ? 'extracting...' : 'writing template.yaml...' });
            const percent = s.total ? (s.received / s.total) * 100 : 0;
            progress.report({ message: `downloading ${(s.received / 1024).toFixed(0)} KB${s.total ? ` of ${(s.total / 1024).toFixed(0)} KB` : ''}`, increment: Math.max(0, percent - shown) });
            shown = Math.max(shown, percent);
          },
        });
      } finally {
        sub.dispose();
      }
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') return undefined;
    void vscode.window.showErrorMessage(`Bringing ${node.fn.name} home failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(result.templatePath)), { preview: false });
  const next =
    args.then ??
    (await vscode.window.showInformationMessage(`${result.functionName} is home: ${result.files} files in ${path.relative(root, result.codeDir)}. ${result.notes.join(' ')}`, 'Debug It', 'Use as Workspace Template').then((a) =>
      a === 'Debug It' ? 'debug' : a === 'Use as Workspace Template' ? 'useTemplate' : 'nothing',
    ));
  if (next === 'useTemplate') await vscode.workspace.getConfiguration(settingIds.section).update(settingIds.template, path.relative(root, result.templatePath), vscode.ConfigurationTarget.Workspace);
  if (next === 'debug') {
    // Its own template: the debug adapter runs it on an engine of its own, the workspace's stays as it is.
    const config = { type: debugType, request: 'launch', name: `Debug ${result.functionName} (brought home)`, template: result.templatePath, function: result.logicalId, event: {} };
    if (!(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], config))) void vscode.window.showErrorMessage(`Could not start debugging ${result.functionName}: see the Debug Console.`);
  }
  return result;
}
