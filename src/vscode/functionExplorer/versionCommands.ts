// Publish Version... and Delete Version: the first snapshots $LATEST with a description, the second
// explains up front which aliases still route to the version instead of failing with a bare 409.
import * as vscode from 'vscode';
import type { VersionSummary } from '../backends/lambdaBackend';
import { commandIds } from '../contributionIds';
import { answersOf, explorerAction } from '../explorerAction';
import { routingText, type FunctionNode, type LatestNode, type VersionNode } from './explorerNodes';

/** Publishes $LATEST of the node's function; resolves the new version. */
export async function publishVersion(node: FunctionNode | LatestNode, arg?: unknown): Promise<VersionSummary | undefined> {
  const { backend, fn } = node;
  let description = answersOf<{ description: string }>(arg).description;
  if (description === undefined) {
    description = await vscode.window.showInputBox({
      title: `Publish a version of ${fn.name}`,
      prompt: `Snapshots $LATEST (code and configuration) as a new immutable version in ${backend.label}. Description (optional):`,
      placeHolder: 'e.g. fixes the retry bug',
      validateInput: (v) => (v.length > 256 ? 'At most 256 characters' : undefined),
    });
    if (description === undefined) return undefined;
  }
  // Lambda answers an unchanged $LATEST with the version it already has: tell that apart from a new one.
  const before = new Set((await backend.listVersions(fn.name).catch(() => [])).map((v) => v.version));
  const version = await explorerAction(`Publishing ${fn.name}`, () => backend.publishVersion(fn.name, description ?? ''));
  if (version && before.has(version.version)) {
    void vscode.window.showInformationMessage(`Nothing changed in ${fn.name} since version ${version.version}: no new version was published, ${version.version} is still the current one.`);
  } else if (version) void vscode.window.showInformationMessage(`Published ${fn.name} version ${version.version}.`);
  return version;
}

/** Deletes a version after confirmation; refuses with an explanation while aliases use it. */
export async function deleteVersion(node: VersionNode, arg?: unknown): Promise<boolean> {
  const { backend, fn, version, usedBy } = node;
  const answers = answersOf<{ confirm: boolean }>(arg);
  if (usedBy.length) {
    const uses = usedBy.map((a) => `${a.name} (${routingText(a)})`).join(', ');
    const pick = await vscode.window.showWarningMessage(
      `Version ${version.version} of ${fn.name} cannot be deleted while aliases route to it: ${uses}. Point them at another version or change their routing first.`,
      { modal: true },
      ...usedBy.map((a) => `Point ${a.name} at Another Version...`),
    );
    const alias = usedBy.find((a) => pick === `Point ${a.name} at Another Version...`);
    if (alias) await vscode.commands.executeCommand(commandIds.pointAlias, { kind: 'alias', backend, fn, alias });
    return false;
  }
  if (!answers.confirm) {
    const ok = await vscode.window.showWarningMessage(`Delete version ${version.version} of ${fn.name}? Its code snapshot is removed; the number is never reused.`, { modal: true }, 'Delete');
    if (ok !== 'Delete') return false;
  }
  const done = await explorerAction(`Deleting ${fn.name} version ${version.version}`, async () => (await backend.deleteVersion(fn.name, version.version), true));
  return done === true;
}
