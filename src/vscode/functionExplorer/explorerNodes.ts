// The function explorer's nodes and how each one reads: label, description, tooltip and the
// contextValue its item menus match on. Pure data, so the wording is testable without VS Code.
import type { AliasSummary, DurableExecutionSummary, EnvironmentCounts, FunctionSummary, LambdaBackend, VersionSummary } from '../backends/lambdaBackend';

export interface RootNode {
  readonly kind: 'root';
  readonly id: string;
  readonly where: 'local' | 'aws';
  readonly label: string;
  /** Set once the backend is known (the local template's path, or `template.yaml: 2 errors`). */
  description: string;
  /** Why the template does not parse right now (the last good functions stay listed). */
  templateErrors?: readonly string[];
  /** The backend, started on first expansion. */
  readonly getBackend: () => Promise<LambdaBackend>;
}
export interface FunctionNode {
  readonly kind: 'function';
  readonly backend: LambdaBackend;
  /** Replaced in place when the function changes, so VS Code can refresh this very element. */
  fn: FunctionSummary;
}
export interface LatestNode {
  readonly kind: 'latest';
  readonly backend: LambdaBackend;
  readonly fn: FunctionSummary;
}
export interface VersionNode {
  readonly kind: 'version';
  readonly backend: LambdaBackend;
  readonly fn: FunctionSummary;
  readonly version: VersionSummary;
  /** Aliases that route to this version (primary or weighted). */
  readonly usedBy: readonly AliasSummary[];
}
export interface AliasNode {
  readonly kind: 'alias';
  readonly backend: LambdaBackend;
  readonly fn: FunctionSummary;
  readonly alias: AliasSummary;
}
/** A durable execution of the function (newest first, under the qualifiers). */
export interface ExecutionNode {
  readonly kind: 'execution';
  readonly backend: LambdaBackend;
  readonly fn: FunctionSummary;
  readonly execution: DurableExecutionSummary;
}
/** A CDK stack (or nested stack) of the local project: its functions by construct path. */
export interface StackNode {
  readonly kind: 'stack';
  readonly backend: LambdaBackend;
  /** The stack's construct path (`MyStack`, `MyStack/Nested`). */
  readonly path: string;
  functions: FunctionNode[];
}
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly text: string;
  readonly error: boolean;
}

export type QualifierNode = LatestNode | VersionNode | AliasNode;
export type ExplorerNode = RootNode | StackNode | FunctionNode | QualifierNode | ExecutionNode | MessageNode;

/** What a node is, as the view item's `contextValue` (menus match words with `=~ /\bword\b/`). */
export function contextValueOf(node: ExplorerNode, counts?: EnvironmentCounts): string {
  if (node.kind === 'message') return 'message';
  if (node.kind === 'root') return `root ${node.where}`;
  if (node.kind === 'stack') return 'stack';
  const where = node.backend.kind;
  switch (node.kind) {
    case 'function': {
      const words = ['function', where, node.fn.reservedConcurrency === 0 ? 'throttled' : 'unthrottled'];
      if (node.fn.local?.templateFile) words.push('template');
      if (node.fn.local) words.push('handler');
      if (counts && counts.warm + counts.busy > 0) words.push('warm');
      return words.join(' ');
    }
    case 'latest':
      return `qualifier latest ${where}`;
    case 'version':
      return `qualifier version ${where}${node.usedBy.length ? ' inUse' : ''}`;
    case 'alias':
      return `qualifier alias ${where}${node.alias.routing ? ' routed' : ''}`;
    case 'execution':
      return `execution ${executionState(node.execution)}${node.execution.callbacks.length ? ' callback' : ''} ${where}`;
  }
}

/** The qualifier a node stands for (undefined: the unqualified function). */
export function qualifierOf(node: ExplorerNode): string | undefined {
  if (node.kind === 'latest') return '$LATEST';
  if (node.kind === 'version') return node.version.version;
  if (node.kind === 'alias') return node.alias.name;
  return undefined;
}

/** The node's function, when it has one. */
export function functionOf(node: ExplorerNode): FunctionSummary | undefined {
  return node.kind === 'root' || node.kind === 'message' || node.kind === 'stack' ? undefined : node.fn;
}

const percent = (w: number): string => `${Math.round(w * 1000) / 10}%`;

/** `→ 3 (90%) / 4 (10%)`, or `→ 3` without routing. */
export function routingText(alias: Pick<AliasSummary, 'functionVersion' | 'routing'>): string {
  if (!alias.routing) return `→ ${alias.functionVersion}`;
  return `→ ${alias.functionVersion} (${percent(1 - alias.routing.weight)}) / ${alias.routing.version} (${percent(alias.routing.weight)})`;
}

/** `nodejs20.x · 256 MB · 5 s · 2 warm` plus throttling and template errors. */
export function functionDescription(fn: FunctionSummary, counts: EnvironmentCounts | undefined): string {
  const parts = [fn.runtime, `${fn.memorySize} MB`, `${fn.timeout} s`];
  if (counts) parts.push(counts.busy ? `${counts.warm} warm, ${counts.busy} busy` : `${counts.warm} warm`);
  if (counts?.byTenant?.size) {
    const shown = [...counts.byTenant].slice(0, 3).map(([tenant, n]) => `${tenant} ${n}`);
    parts.push(`tenants: ${shown.join(', ')}${counts.byTenant.size > 3 ? ` +${counts.byTenant.size - 3}` : ''}`);
  }
  if (fn.reservedConcurrency === 0) parts.push('throttled');
  else if (fn.reservedConcurrency !== undefined) parts.push(`reserved ${fn.reservedConcurrency}`);
  if (fn.local?.problems.length) parts.push('template error');
  return parts.join(' · ');
}

const shortSha = (sha: string): string => Buffer.from(sha, 'base64').toString('hex').slice(0, 8) || sha.slice(0, 8);
const shortDate = (lambdaDate: string): string => lambdaDate.replace(/T(\d\d:\d\d).*$/, ' $1');

/** `first release · 1a2b3c4d · 2024-05-01 12:00`. */
export function versionDescription(v: VersionSummary, usedBy: readonly AliasSummary[]): string {
  const parts = [v.description, shortSha(v.codeSha256), shortDate(v.lastModified)].filter(Boolean);
  if (usedBy.length) parts.push(`← ${usedBy.map((a) => a.name).join(', ')}`);
  return parts.join(' · ');
}

/** running, waiting, succeeded, failed, timedOut or stopped. */
export function executionState(e: DurableExecutionSummary): string {
  if (e.status === 'RUNNING') return e.waitingOn.length ? 'waiting' : 'running';
  return e.status === 'TIMED_OUT' ? 'timedOut' : e.status.toLowerCase();
}

/** `waiting: wait nap · v1 · 12:00:03`, or `failed: boom · 12:00:03`. */
export function executionDescription(e: DurableExecutionSummary): string {
  const state = executionState(e);
  const what = state === 'waiting' ? `${state}: ${e.waitingOn.join(', ')}` : e.errorMessage && state !== 'succeeded' ? `${state}: ${e.errorMessage}` : state;
  const parts = [what];
  if (e.version !== '$LATEST') parts.push(`v${e.version}`);
  parts.push(new Date(e.startTimestamp).toISOString().slice(11, 19));
  return parts.join(' · ');
}

/** The root's description: the template's path, or `template.yaml: 2 errors` while it does not parse. */
export function rootDescription(templatePath: string, errors: readonly string[]): string {
  if (errors.length === 0) return templatePath;
  return `${templatePath.split(/[\\/]/).pop() ?? templatePath}: ${errors.length} error${errors.length === 1 ? '' : 's'}`;
}

/** Markdown tooltip lines for a node (rendered by VS Code as MarkdownString). */
export function tooltipOf(node: ExplorerNode): string {
  switch (node.kind) {
    case 'root': {
      const what = node.where === 'local' ? 'Functions of the workspace template, run by the local engine' : `${node.label}: functions in the cloud, through the AWS SDK`;
      const errors = node.templateErrors ?? [];
      if (!errors.length) return [what, node.description].filter(Boolean).join('  \n');
      return [what, `**${node.description}**: the tree shows the template as it last parsed until it is fixed.`, ...errors.map((e) => `$(error) ${e}`)].join('  \n');
    }
    case 'function': {
      const f = node.fn;
      const lines = [`**${f.name}**`, ...(f.local?.constructPath ? [`CDK construct: ${f.local.constructPath}`] : []), f.description, '', `Runtime: ${f.runtime} (${f.architecture})`, `Handler: \`${f.handler}\``, `Memory: ${f.memorySize} MB · Timeout: ${f.timeout} s`, `Log group: ${f.logGroup}`, `ARN: ${f.arn}`];
      if (f.reservedConcurrency !== undefined) lines.push(`Reserved concurrency: ${f.reservedConcurrency}${f.reservedConcurrency === 0 ? ' (throttled)' : ''}`);
      for (const p of f.local?.problems ?? []) lines.push(`$(error) ${p}`);
      return lines.filter((l, i) => l !== '' || i === 2).join('  \n');
    }
    case 'latest':
      return `$LATEST of ${node.fn.name}: the code and configuration of the template as it is now  \nCodeSha256: ${node.fn.codeSha256}`;
    case 'version':
      return [`Version ${node.version.version} of ${node.fn.name}`, node.version.description, `CodeSha256: ${node.version.codeSha256}`, `Published: ${node.version.lastModified}`, node.usedBy.length ? `Used by: ${node.usedBy.map((a) => a.name).join(', ')}` : ''].filter(Boolean).join('  \n');
    case 'alias':
      return [`Alias ${node.alias.name} of ${node.fn.name} ${routingText(node.alias)}`, node.alias.description, node.alias.arn].filter(Boolean).join('  \n');
    case 'execution': {
      const e = node.execution;
      const lines = [`Durable execution **${e.name}** of ${node.fn.name} (version ${e.version})`, `Status: ${e.status}`, `Started: ${new Date(e.startTimestamp).toISOString()}`];
      if (e.endTimestamp !== undefined) lines.push(`Ended: ${new Date(e.endTimestamp).toISOString()}`);
      if (e.waitingOn.length) lines.push(`Waiting on: ${e.waitingOn.join(', ')}`);
      if (e.errorMessage) lines.push(`Error: ${e.errorMessage}`);
      lines.push(`ARN: ${e.arn}`);
      return lines.join('  \n');
    }
    case 'message':
      return node.text;
    case 'stack':
      return `CDK stack ${node.path}: ${node.functions.length} function${node.functions.length === 1 ? '' : 's'}, synthesized again when the app's sources change`;
  }
}

/** A CDK function's label: the last segment of its construct path (the id given in the CDK code). */
export function functionLabel(fn: FunctionSummary): string {
  const constructPath = fn.local?.constructPath;
  return constructPath ? constructPath.slice(constructPath.lastIndexOf('/') + 1) : fn.name;
}

/** The stack part of a construct path (`MyStack/Nested/Fn` -> `MyStack/Nested`), undefined without one. */
export function stackPathOf(fn: FunctionSummary): string | undefined {
  const constructPath = fn.local?.constructPath;
  const cut = constructPath?.lastIndexOf('/') ?? -1;
  return constructPath && cut > 0 ? constructPath.slice(0, cut) : undefined;
}

/** Aliases that send traffic to `version`. */
export function aliasesUsing(version: string, aliases: readonly AliasSummary[]): AliasSummary[] {
  return aliases.filter((a) => a.functionVersion === version || a.routing?.version === version);
}

/** Parses a percentage typed by the user ("10", "12.5%"); undefined when it is not 0..100. */
export function parsePercent(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!m) return undefined;
  const v = Number(m[1]);
  return v >= 0 && v <= 100 ? v : undefined;
}

/** The live preview of a split while the weight is typed: `prod → 3 (90%) / 4 (10%)  ██████████████████░░`. */
export function routingPreview(alias: string, primary: string, second: string, percent: number): string {
  const weight = Math.round(percent * 10) / 1000;
  const filled = Math.round((1 - weight) * 20);
  return `${alias} ${routingText({ functionVersion: primary, routing: { version: second, weight } })}  ${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
}
