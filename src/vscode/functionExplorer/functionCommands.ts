// Function item commands: Open Handler, Reveal in Template, Force Cold Start, Throttle/Unthrottle,
// Copy ARN and Show Logs (the log panel for local functions, CloudWatch events for AWS ones).
import * as vscode from 'vscode';
import { handlerSourceOf, findExportLine } from '../backends/handlerSource';
import { commandIds } from '../contributionIds';
import { explorerAction } from '../explorerAction';
import { functionOf, qualifierOf, type ExplorerNode, type FunctionNode } from './explorerNodes';
import type { LogsDocuments } from './logsDocuments';
import { groupKey } from '../backends/logGroupKey';

const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** Opens the handler's source at the exported function. */
export async function openHandler(node: FunctionNode): Promise<vscode.TextEditor | undefined> {
  const src = handlerSourceOf(node.fn);
  if (!src) {
    void vscode.window.showErrorMessage(`Cannot find the source of ${node.fn.name}'s handler ${node.fn.handler} in ${node.fn.local?.codeDir ?? 'the workspace'}.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(src.file));
  const line = findExportLine(doc.getText(), src.exportName, doc.languageId === 'python' || src.file.endsWith('.py')) ?? 0;
  const at = new vscode.Position(line, 0);
  return vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: false });
}

/** Opens the template at the function's resource. */
export async function revealInTemplate(node: FunctionNode): Promise<vscode.TextEditor | undefined> {
  const local = node.fn.local;
  if (!local?.templateFile || !local.range) {
    void vscode.window.showErrorMessage(`${node.fn.name} does not come from a template.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(local.templateFile));
  const r = range(local.range);
  const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(r.start, r.start), preview: false });
  editor.revealRange(r, vscode.TextEditorRevealType.AtTop);
  return editor;
}

/** Shuts the function's environments down. */
export function forceColdStart(node: FunctionNode): void {
  if (!node.backend.forceColdStart) {
    void vscode.window.showErrorMessage(`${node.backend.label} cannot force cold starts.`);
    return;
  }
  node.backend.forceColdStart(node.fn.name);
  void vscode.window.setStatusBarMessage(`$(snowflake) ${node.fn.name}: the next invocation starts cold`, 4000);
}

/** Reserved concurrency 0 (every invocation is throttled) or none. */
export async function setThrottled(node: FunctionNode, throttled: boolean): Promise<boolean> {
  const what = throttled ? `Throttling ${node.fn.name}` : `Unthrottling ${node.fn.name}`;
  const done = await explorerAction(what, async () => (await node.backend.setReservedConcurrency(node.fn.name, throttled ? 0 : undefined), true));
  if (done) void vscode.window.setStatusBarMessage(throttled ? `$(circle-slash) ${node.fn.name} is throttled: reserved concurrency 0` : `$(check) ${node.fn.name} is no longer throttled`, 4000);
  return done === true;
}

/** The node's ARN (qualified for versions and aliases). */
export function arnOf(node: ExplorerNode): string | undefined {
  if (node.kind === 'version') return node.version.arn || `${node.fn.arn}:${node.version.version}`;
  if (node.kind === 'alias') return node.alias.arn || `${node.fn.arn}:${node.alias.name}`;
  const fn = functionOf(node);
  const q = qualifierOf(node);
  return fn && (q ? `${fn.arn}:${q}` : fn.arn);
}

export async function copyArn(node: ExplorerNode): Promise<string | undefined> {
  const arn = arnOf(node);
  if (!arn) return undefined;
  await vscode.env.clipboard.writeText(arn);
  void vscode.window.setStatusBarMessage(`$(copy) Copied ${arn}`, 3000);
  return arn;
}

/** The log panel on the function's group, local or in its AWS root (CloudWatch Logs). */
export async function showLogs(node: ExplorerNode, docs: LogsDocuments): Promise<void> {
  const fn = functionOf(node);
  if (!fn) return;
  if (node.kind !== 'root' && node.kind !== 'message' && node.backend.kind === 'local') {
    await vscode.commands.executeCommand(commandIds.showLogPanel, { logGroup: fn.logGroup });
    return;
  }
  if (node.kind === 'root' || node.kind === 'message') return;
  if (node.backend.cloudLogs) {
    await vscode.commands.executeCommand(commandIds.showLogPanel, { logGroup: groupKey(node.backend.id, fn.logGroup) });
    return;
  }
  await docs.show(node.backend, fn);
}
