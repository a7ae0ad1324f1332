// Runtime values in templates, from the runtime catalog: completion items (what runs locally, the
// deprecation date, struck through once past) and a warning on Runtime values Lambda has deprecated
// but still accepts (the retired ones are reported by the core's validation).
import { CompletionItemKind, CompletionItemTag, DiagnosticSeverity, MarkupKind, type CompletionItem, type Diagnostic, type Hover, type Range } from 'vscode-languageserver';
import { isRunnableLocally, retiredRuntimeWarning } from '../core/project/runtimes';
import { RUNTIME_TABLE, isPastDeprecation, lifecycleText, runtimeEntry, type RuntimeEntry } from '../core/runtimeTable';

const LANGUAGE: Record<RuntimeEntry['language'], string> = { nodejs: 'Node.js', python: 'Python', java: 'Java', dotnet: '.NET', ruby: 'Ruby', go: 'Go', provided: 'OS-only runtime' };

/** One line for a runtime: language and version, whether it runs locally, its lifecycle. */
export function runtimeDetail(entry: RuntimeEntry, now: Date = new Date()): string {
  const name = entry.language === 'provided' ? `OS-only runtime (${entry.version}), a bootstrap executable` : `${LANGUAGE[entry.language]} ${entry.version}`;
  const local = isRunnableLocally(entry.id) ? 'runs locally' : 'not run locally';
  return [name, local, lifecycleText(entry, now)].filter(Boolean).join(' · ');
}

/** Completion items for a Runtime value: the runtimes Lambda accepts, in Lambda's order. */
export function runtimeCompletionItems(now: Date = new Date()): CompletionItem[] {
  return RUNTIME_TABLE.filter((r) => r.accepted).map((r, i) => ({
    label: r.id,
    kind: CompletionItemKind.EnumMember,
    sortText: String(i).padStart(3, '0'),
    detail: runtimeDetail(r, now),
    ...(isPastDeprecation(r, now) ? { tags: [CompletionItemTag.Deprecated] } : {}),
  }));
}

const RUNTIME_VALUE = /^(\s*"?Runtime"?\s*:\s*["']?)([A-Za-z0-9.-]+)/;

/** Warnings on Runtime values past their deprecation date that Lambda still accepts. */
export function runtimeLifecycleDiagnostics(text: string, now: Date = new Date()): Diagnostic[] {
  const out: Diagnostic[] = [];
  text.split('\n').forEach((line, n) => {
    const m = RUNTIME_VALUE.exec(line);
    const entry = m ? runtimeEntry(m[2]!) : undefined;
    if (!m || !entry?.accepted || !isPastDeprecation(entry, now)) return;
    const newest = RUNTIME_TABLE.filter((r) => r.accepted && r.language === entry.language && !isPastDeprecation(r, now)).at(-1);
    out.push({
      range: { start: { line: n, character: m[1]!.length }, end: { line: n, character: m[1]!.length + m[2]!.length } },
      severity: DiagnosticSeverity.Warning,
      code: 'runtime-deprecated',
      source: 'Lambda Workbench',
      message: `${entry.id} was ${lifecycleText(entry, now)} (Lambda developer guide, runtimes page): it no longer gets security patches and Lambda will block creating and then updating functions on it.${newest ? ` Use ${newest.id}.` : ''}`,
    });
  });
  return out;
}

/** Hover text for a Runtime value: the catalog's line, and for a retired runtime what happens to it. */
export function runtimeHover(value: string, range: Range, now: Date = new Date()): Hover | undefined {
  const entry = runtimeEntry(value);
  if (!entry) return undefined;
  const lines = [`**${entry.id}**: ${runtimeDetail(entry, now)}`, `Architectures: ${entry.architectures.join(', ')}. Handler: \`${entry.handler}\`.`];
  if (!entry.accepted) lines.push(retiredRuntimeWarning(entry.id));
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range };
}
