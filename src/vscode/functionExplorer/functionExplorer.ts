// The function explorer's data: roots per backend, functions with their $LATEST, versions and aliases.
// Refreshes from backend change events (coalesced per tick), never by polling; items do no I/O.
import * as vscode from 'vscode';
import type { BackendSet } from '../backends/backendSet';
import type { FunctionSummary, LambdaBackend } from '../backends/lambdaBackend';
import { viewIds } from '../contributionIds';
import { aliasesUsing, rootDescription, stackPathOf, type ExplorerNode, type FunctionNode, type MessageNode, type RootNode, type StackNode } from './explorerNodes';
import { treeItemOf } from './explorerItems';

/** Durable executions shown under a function (newest first); the CLI and API list them all. */
const MAX_EXECUTIONS = 20;

const message = (id: string, text: string, error = false): MessageNode => ({ kind: 'message', id, text, error });
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class FunctionExplorer implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: RootNode[] | undefined;
  private readonly functionNodes = new Map<string, Map<string, FunctionNode>>();
  private readonly parents = new WeakMap<ExplorerNode, ExplorerNode>();
  private readonly unsubscribe = new Map<string, () => void>();
  private readonly pending = new Map<string, { root: RootNode; backend: LambdaBackend; names: Set<string> | undefined }>();
  private flushScheduled = false;
  private readonly backendsChanged: vscode.Disposable;
  private readonly loaded = new vscode.EventEmitter<RootNode>();
  /** Fires after a root's functions were listed (tests and the benchmark wait on it). */
  readonly onDidLoadRoot = this.loaded.event;

  constructor(private readonly backends: BackendSet) {
    this.backendsChanged = backends.onDidChangeBackends(() => {
      this.roots = undefined;
      this.changed.fire(undefined);
    });
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(node);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.getRoots();
    if (node.kind === 'root') return vscode.window.withProgress({ location: { viewId: viewIds.functions } }, () => this.functionsOf(node));
    if (node.kind === 'function') return this.qualifiersOf(node);
    if (node.kind === 'stack') return node.functions;
    return [];
  }

  /** The function nodes currently shown for a backend id (for reveal). */
  findFunction(backendId: string, name: string): FunctionNode | undefined {
    return this.functionNodes.get(backendId)?.get(name);
  }

  /** The roots, for reveal. */
  async getRoots(): Promise<RootNode[]> {
    if (!this.roots) {
      const local: RootNode = { kind: 'root', id: 'local', where: 'local', label: 'Local', description: '', getBackend: () => this.backends.getLocal() };
      const aws = (await this.backends.getAws()).map((b): RootNode => ({ kind: 'root', id: b.id, where: 'aws', label: b.label, description: '', getBackend: async () => b }));
      this.roots = [local, ...aws];
    }
    return this.roots;
  }

  /** Re-lists everything. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const off of this.unsubscribe.values()) off();
    this.backendsChanged.dispose();
    this.changed.dispose();
    this.loaded.dispose();
  }

  private async functionsOf(root: RootNode): Promise<ExplorerNode[]> {
    let backend: LambdaBackend;
    try {
      backend = await root.getBackend();
    } catch (e) {
      const text = errorText(e);
      return [this.child(root, message(`${root.id}/error`, text, !/^No SAM template/.test(text)))];
    }
    this.subscribe(root, backend);
    this.describeRoot(root, backend);
    let functions: FunctionSummary[];
    try {
      functions = await backend.listFunctions();
    } catch (e) {
      return [this.child(root, message(`${root.id}/error`, `Could not list functions: ${errorText(e)}`, true))];
    }
    const nodes = this.functionNodes.get(backend.id) ?? new Map<string, FunctionNode>();
    const next = new Map<string, FunctionNode>();
    const stacks = new Map<string, StackNode>();
    const top: ExplorerNode[] = [];
    for (const fn of functions) {
      const node = nodes.get(fn.name) ?? { kind: 'function', backend, fn };
      node.fn = fn;
      next.set(fn.name, node);
      // CDK functions sit under their stack (construct path), the others directly under the root.
      const stackPath = stackPathOf(fn);
      if (stackPath === undefined) {
        top.push(this.child(root, node));
        continue;
      }
      let stack = stacks.get(stackPath);
      if (!stack) {
        stack = this.child(root, { kind: 'stack', backend, path: stackPath, functions: [] });
        stacks.set(stackPath, stack);
        top.push(stack);
      }
      stack.functions.push(this.child(stack, node));
    }
    this.functionNodes.set(backend.id, next);
    this.loaded.fire(root);
    if (functions.length === 0) return [this.child(root, message(`${root.id}/empty`, root.where === 'local' ? 'The template declares no functions' : 'No functions in this region'))];
    return top;
  }

  private async qualifiersOf(node: FunctionNode): Promise<ExplorerNode[]> {
    const { backend, fn } = node;
    try {
      const [versions, aliases, executions] = await Promise.all([backend.listVersions(fn.name), backend.listAliases(fn.name), backend.listDurableExecutions?.(fn.name) ?? []]);
      return [
        this.child(node, { kind: 'latest', backend, fn }),
        ...versions.reverse().map((version) => this.child(node, { kind: 'version', backend, fn, version, usedBy: aliasesUsing(version.version, aliases) })),
        ...aliases.map((alias) => this.child(node, { kind: 'alias', backend, fn, alias })),
        ...executions.slice(0, MAX_EXECUTIONS).map((execution) => this.child(node, { kind: 'execution', backend, fn, execution })),
      ];
    } catch (e) {
      return [this.child(node, { kind: 'latest', backend, fn }), this.child(node, message(`${backend.id}/${fn.name}/error`, `Could not list versions and aliases: ${errorText(e)}`, true))];
    }
  }

  private child<T extends ExplorerNode>(parent: ExplorerNode, node: T): T {
    this.parents.set(node, parent);
    return node;
  }

  private subscribe(root: RootNode, backend: LambdaBackend): void {
    if (this.unsubscribe.has(backend.id)) return;
    this.unsubscribe.set(
      backend.id,
      backend.onDidChange((names) => this.queue(root, backend, names)),
    );
  }

  // Coalesces bursts (an invocation changes the pool several times) into one refresh per tick.
  private queue(root: RootNode, backend: LambdaBackend, names: readonly string[] | undefined): void {
    const had = this.pending.get(backend.id);
    const merged = !names || (had && !had.names) ? undefined : new Set([...(had?.names ?? []), ...names]);
    this.pending.set(backend.id, { root, backend, names: merged });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const work = [...this.pending.values()];
      this.pending.clear();
      for (const w of work) void this.flush(w.root, w.backend, w.names);
    });
  }

  private describeRoot(root: RootNode, backend: LambdaBackend): void {
    if (!backend.templatePath) return;
    root.templateErrors = backend.templateErrors?.() ?? [];
    root.description = rootDescription(vscode.workspace.asRelativePath(backend.templatePath), root.templateErrors);
  }

  private async flush(root: RootNode, backend: LambdaBackend, names: Set<string> | undefined): Promise<void> {
    this.describeRoot(root, backend);
    const nodes = this.functionNodes.get(backend.id);
    if (!nodes || !names) return this.changed.fire(root);
    let functions: FunctionSummary[];
    try {
      functions = await backend.listFunctions();
    } catch {
      return this.changed.fire(root);
    }
    const sameSet = functions.length === nodes.size && functions.every((f) => nodes.has(f.name));
    if (!sameSet) return this.changed.fire(root);
    for (const fn of functions) {
      const node = nodes.get(fn.name) as FunctionNode;
      node.fn = fn;
      if (names.has(fn.name)) this.changed.fire(node);
    }
  }
}
