// Explorer nodes as VS Code tree items: ids that keep expansion across refreshes, icons, and the
// contextValue the item menus in package.json match on. No I/O: everything comes from the node.
import * as vscode from 'vscode';
import { contextValueOf, executionDescription, executionState, functionDescription, functionLabel, routingText, tooltipOf, versionDescription, type ExplorerNode } from './explorerNodes';

const md = (text: string): vscode.MarkdownString => new vscode.MarkdownString(text, true);

/** The tree item for a node; its tooltip starts with the full label and description (the sidebar cuts them). */
export function treeItemOf(node: ExplorerNode): vscode.TreeItem {
  const item = itemOf(node);
  const description = typeof item.description === 'string' ? item.description : '';
  if (!description) return item;
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const head = `${escapeMarkdown(label)} · ${escapeMarkdown(description)}`;
  const rest = typeof item.tooltip === 'string' ? escapeMarkdown(item.tooltip) : (item.tooltip?.value ?? '');
  item.tooltip = md(rest ? `${head}\n\n---\n\n${rest}` : head);
  return item;
}

const escapeMarkdown = (text: string): string => text.replace(/[\\`*_{}[\]<>()#+!|]/g, '\\$&');

function itemOf(node: ExplorerNode): vscode.TreeItem {
  switch (node.kind) {
    case 'root': {
      const item = new vscode.TreeItem(node.label, node.where === 'local' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `root:${node.id}`;
      item.description = node.description;
      item.iconPath = node.templateErrors?.length ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon(node.where === 'local' ? 'vm' : 'cloud');
      item.contextValue = contextValueOf(node);
      item.tooltip = md(tooltipOf(node));
      return item;
    }
    case 'function': {
      const counts = node.backend.environmentCounts?.(node.fn.name);
      const label = functionLabel(node.fn);
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `fn:${node.backend.id}/${node.fn.name}`;
      // A CDK function is labelled by its construct id; its logical id (the name to invoke) leads the description.
      item.description = label === node.fn.name ? functionDescription(node.fn, counts) : `${node.fn.name} · ${functionDescription(node.fn, counts)}`;
      item.tooltip = md(tooltipOf(node));
      item.contextValue = contextValueOf(node, counts);
      item.iconPath = node.fn.local?.problems.length
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : node.fn.reservedConcurrency === 0
          ? new vscode.ThemeIcon('circle-slash')
          : new vscode.ThemeIcon('symbol-function', counts && counts.warm + counts.busy > 0 ? new vscode.ThemeColor('charts.orange') : undefined);
      return item;
    }
    case 'stack': {
      const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `stack:${node.backend.id}/${node.path}`;
      item.description = `${node.functions.length} function${node.functions.length === 1 ? '' : 's'}`;
      item.tooltip = tooltipOf(node);
      item.iconPath = new vscode.ThemeIcon('layers');
      item.contextValue = contextValueOf(node);
      return item;
    }
    case 'latest': {
      const item = new vscode.TreeItem('$LATEST', vscode.TreeItemCollapsibleState.None);
      item.id = `q:${node.backend.id}/${node.fn.name}/$LATEST`;
      item.description = 'unpublished';
      item.tooltip = md(tooltipOf(node));
      item.iconPath = new vscode.ThemeIcon('edit');
      item.contextValue = contextValueOf(node);
      return item;
    }
    case 'version': {
      const item = new vscode.TreeItem(`Version ${node.version.version}`, vscode.TreeItemCollapsibleState.None);
      item.id = `q:${node.backend.id}/${node.fn.name}/v${node.version.version}`;
      item.description = versionDescription(node.version, node.usedBy);
      item.tooltip = md(tooltipOf(node));
      item.iconPath = new vscode.ThemeIcon('tag');
      item.contextValue = contextValueOf(node);
      return item;
    }
    case 'alias': {
      const item = new vscode.TreeItem(node.alias.name, vscode.TreeItemCollapsibleState.None);
      item.id = `q:${node.backend.id}/${node.fn.name}/@${node.alias.name}`;
      item.description = routingText(node.alias);
      item.tooltip = md(tooltipOf(node));
      item.iconPath = new vscode.ThemeIcon(node.alias.routing ? 'git-compare' : 'arrow-right');
      item.contextValue = contextValueOf(node);
      return item;
    }
    case 'execution': {
      const item = new vscode.TreeItem(node.execution.name, vscode.TreeItemCollapsibleState.None);
      item.id = `x:${node.backend.id}/${node.execution.arn}`;
      item.description = executionDescription(node.execution);
      item.tooltip = md(tooltipOf(node));
      item.iconPath = executionIcon(executionState(node.execution));
      item.contextValue = contextValueOf(node);
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = `msg:${node.id}`;
      item.tooltip = node.text;
      item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info', node.error ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined);
      item.contextValue = contextValueOf(node);
      return item;
    }
  }
}

// Running spins, waiting shows a clock, the end states their usual colours.
function executionIcon(state: string): vscode.ThemeIcon {
  switch (state) {
    case 'running':
      return new vscode.ThemeIcon('sync~spin');
    case 'waiting':
      return new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.yellow'));
    case 'succeeded':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    default:
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  }
}
