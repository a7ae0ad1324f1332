// Edit Routing...: choose the alias's second version, then type its weight while a live preview shows
// the split (`prod → 3 (90%) / 4 (10%)` and a bar); Enter applies it through UpdateAlias.
import * as vscode from 'vscode';
import type { AliasSummary } from '../backends/lambdaBackend';
import { answersOf, explorerAction } from '../explorerAction';
import { parsePercent, routingPreview, routingText, type AliasNode } from './explorerNodes';

/** Edits the alias's weighted routing; resolves the updated alias. */
export async function editRouting(node: AliasNode, arg?: unknown): Promise<AliasSummary | undefined> {
  const { backend, fn, alias } = node;
  const primary = alias.functionVersion;
  if (primary === '$LATEST') {
    void vscode.window.showErrorMessage(`${alias.name} points at $LATEST, and Lambda only splits traffic between published versions. Point it at a version first (Point Alias at Version...).`);
    return undefined;
  }
  const answers = answersOf<{ version: string | null; weight: number }>(arg);
  let second: string | null | undefined = answers.version;
  if (second === undefined) {
    const versions = await explorerAction(`Listing versions of ${fn.name}`, () => backend.listVersions(fn.name), false);
    if (!versions) return undefined;
    const items: (vscode.QuickPickItem & { version: string | null })[] = [
      { label: `No routing`, description: `100% to version ${primary}`, version: null },
      ...versions
        .filter((v) => v.version !== primary)
        .reverse()
        .map((v) => ({ label: `Version ${v.version}`, description: [v.description, v.version === alias.routing?.version ? `(now ${Math.round(alias.routing.weight * 1000) / 10}%)` : ''].filter(Boolean).join(' '), version: v.version })),
    ];
    if (items.length === 1) {
      void vscode.window.showInformationMessage(`${fn.name} has no published version besides ${primary} to route to: publish one first.`);
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(items, { title: `${alias.name} ${routingText(alias)}: second version`, placeHolder: 'Which version gets part of the traffic?' });
    if (!pick) return undefined;
    second = pick.version;
  }
  if (second === null) return apply(node, null);
  const percent = answers.weight !== undefined ? answers.weight * 100 : await askWeight(alias, primary, second);
  return percent === undefined ? undefined : apply(node, { version: second, weight: Math.round(percent * 10) / 1000 });
}

function askWeight(alias: AliasSummary, primary: string, second: string): Promise<number | undefined> {
  const box = vscode.window.createInputBox();
  const initial = alias.routing?.version === second ? String(Math.round(alias.routing.weight * 1000) / 10) : '10';
  box.title = `Traffic to version ${second}`;
  box.value = initial;
  box.placeholder = 'Percent of requests for version ' + second;
  const update = (text: string): void => {
    const p = parsePercent(text);
    box.prompt = p === undefined ? `Type a percentage between 0 and 100` : `Preview: ${routingPreview(alias.name, primary, second, p)}`;
    box.validationMessage = p === undefined ? 'Not a percentage between 0 and 100' : undefined;
  };
  update(initial);
  return new Promise((resolve) => {
    box.onDidChangeValue(update);
    box.onDidAccept(() => {
      const p = parsePercent(box.value);
      if (p === undefined) return;
      resolve(p);
      box.hide();
    });
    box.onDidHide(() => {
      resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}

async function apply(node: AliasNode, routing: { version: string; weight: number } | null): Promise<AliasSummary | undefined> {
  const updated = await explorerAction(`Updating the routing of ${node.alias.name}`, () => node.backend.updateAlias(node.fn.name, node.alias.name, { routing }));
  if (updated) void vscode.window.showInformationMessage(`${node.fn.name}:${updated.name} ${routingText(updated)}`);
  return updated;
}
