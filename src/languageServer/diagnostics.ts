// Template problems from the core's validation as LSP diagnostics, with their exact ranges.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Problem } from '../core/project';
import * as path from 'node:path';

const severities: Record<Problem['severity'], DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** The diagnostics of `file` (problems located in other files, such as env files, are left out). */
export function diagnosticsOf(problems: readonly Problem[], file: string): Diagnostic[] {
  const self = path.resolve(file);
  return problems
    .filter((p) => path.resolve(p.file) === self)
    .map((p) => ({ range: p.range, severity: severities[p.severity], message: p.message, code: p.code, source: 'Lambda Workbench' }));
}
