// Create Alias..., Point Alias at Version... and Delete Alias: thin prompts over the backend's alias
// operations, with AWS's naming rules checked while typing.
import * as vscode from 'vscode';
import type { AliasSummary, FunctionSummary, LambdaBackend } from '../backends/lambdaBackend';
import { answersOf, explorerAction } from '../explorerAction';
import { routingText, type AliasNode, type FunctionNode, type LatestNode, type VersionNode } from './explorerNodes';

const ALIAS_NAME = /^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/;

/** Why `name` is not a valid alias name (AWS's pattern), or undefined. */
export function invalidAliasName(name: string): string | undefined {
  return ALIAS_NAME.test(name) ? undefined : 'Letters, digits, - and _ (1-128 characters), not only digits';
}

/** Lets the user choose a version of the function (newest first); `$LATEST` when `withLatest`. */
export async function pickVersion(backend: LambdaBackend, fn: FunctionSummary, title: string, options: { readonly withLatest: boolean; readonly exclude?: readonly string[]; readonly current?: string }): Promise<string | undefined> {
  const versions = await explorerAction(`Listing versions of ${fn.name}`, () => backend.listVersions(fn.name), false);
  if (!versions) return undefined;
  const items: (vscode.QuickPickItem & { version: string })[] = versions
    .reverse()
    .filter((v) => !options.exclude?.includes(v.version))
    .map((v) => ({ label: v.version, description: [v.description, v.version === options.current ? '(current)' : ''].filter(Boolean).join(' '), detail: `CodeSha256 ${v.codeSha256} · ${v.lastModified}`, version: v.version }));
  if (options.withLatest) items.push({ label: '$LATEST', description: 'the unpublished code and configuration', version: '$LATEST' });
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`${fn.name} has no other published version: publish one first (Publish Version... on the function).`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Version' }))?.version;
}

/** Creates an alias of the function (pointing at the node's version when it is one). */
export async function createAlias(node: FunctionNode | LatestNode | VersionNode, arg?: unknown): Promise<AliasSummary | undefined> {
  const { backend, fn } = node;
  const answers = answersOf<{ name: string; version: string; description: string }>(arg);
  const name =
    answers.name ??
    (await vscode.window.showInputBox({ title: `Create an alias of ${fn.name}`, prompt: 'Alias name (e.g. prod, beta, live)', validateInput: invalidAliasName }));
  if (!name) return undefined;
  const version =
    answers.version ??
    (node.kind === 'version' ? node.version.version : node.kind === 'latest' ? '$LATEST' : await pickVersion(backend, fn, `Version ${name} points at`, { withLatest: true }));
  if (!version) return undefined;
  const alias = await explorerAction(`Creating alias ${name} of ${fn.name}`, () => backend.createAlias(fn.name, name, version, answers.description ?? ''));
  if (alias) void vscode.window.showInformationMessage(`Alias ${alias.name} of ${fn.name} ${routingText(alias)}.`);
  return alias;
}

/** Points an alias at another version (clearing its weighted routing). */
export async function pointAlias(node: AliasNode, arg?: unknown): Promise<AliasSummary | undefined> {
  const { backend, fn, alias } = node;
  const version = answersOf<{ version: string }>(arg).version ?? (await pickVersion(backend, fn, `Point ${alias.name} at`, { withLatest: true, current: alias.functionVersion }));
  if (!version) return undefined;
  const updated = await explorerAction(`Pointing ${alias.name} at version ${version}`, () => backend.updateAlias(fn.name, alias.name, { functionVersion: version, routing: null }));
  if (updated) void vscode.window.showInformationMessage(`${fn.name}:${updated.name} ${routingText(updated)}${alias.routing ? ' (weighted routing cleared)' : ''}.`);
  return updated;
}

/** Deletes an alias after confirmation. */
export async function deleteAlias(node: AliasNode, arg?: unknown): Promise<boolean> {
  const { backend, fn, alias } = node;
  if (!answersOf<{ confirm: boolean }>(arg).confirm) {
    const ok = await vscode.window.showWarningMessage(`Delete alias ${alias.name} of ${fn.name} (${routingText(alias)})? Callers using ${alias.arn} will get ResourceNotFoundException.`, { modal: true }, 'Delete');
    if (ok !== 'Delete') return false;
  }
  return (await explorerAction(`Deleting alias ${alias.name}`, async () => (await backend.deleteAlias(fn.name, alias.name), true))) === true;
}
