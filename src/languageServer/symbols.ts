// The Outline of a template: its functions (and layers) as symbols. A CDK stack template (cdk.out) is
// outlined by construct path (stack, then construct ids) instead of by CDK's hashed logical ids.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { TemplateAnalysis } from './templateAnalysis';

/** Document symbols: one per function, nested under its CDK stack path when it has one. */
export function documentSymbols(a: TemplateAnalysis): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  const stacks = new Map<string, DocumentSymbol>();
  for (const fn of a.project.functions) {
    const range = { start: fn.range.start, end: fn.range.end };
    const constructPath = fn.constructPath;
    const cut = constructPath?.lastIndexOf('/') ?? -1;
    const symbol: DocumentSymbol = {
      name: constructPath && cut > 0 ? constructPath.slice(cut + 1) : fn.logicalId,
      detail: `${constructPath ? `${fn.logicalId} · ` : ''}${fn.runtime} · ${fn.handler}`,
      kind: SymbolKind.Function,
      range,
      selectionRange: range,
    };
    if (!constructPath || cut <= 0) {
      top.push(symbol);
      continue;
    }
    const stackPath = constructPath.slice(0, cut);
    let stack = stacks.get(stackPath);
    if (!stack) {
      stack = { name: stackPath, detail: 'CDK stack', kind: SymbolKind.Module, range, selectionRange: range, children: [] };
      stacks.set(stackPath, stack);
      top.push(stack);
    }
    stack.children!.push(symbol);
    // A stack symbol spans its functions.
    if (compare(range.start, stack.range.start) < 0) stack.range = { start: range.start, end: stack.range.end };
    if (compare(range.end, stack.range.end) > 0) stack.range = { start: stack.range.start, end: range.end };
  }
  return top;
}

function compare(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}
