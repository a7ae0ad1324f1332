// Go to definition from a function's Handler value to the exported function in its source (the
// esbuild entry point for bundled TypeScript).
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver';
import type { SourceRange } from '../core/project';
import { handlerLocation } from '../core/project/handlerSource';
import type { TemplateAnalysis } from './templateAnalysis';

const contains = (r: SourceRange, line: number, character: number): boolean =>
  (line > r.start.line || (line === r.start.line && character >= r.start.character)) && (line < r.end.line || (line === r.end.line && character <= r.end.character));

/** The handler's source location when the position is on a Handler value. */
export function definitionAt(a: TemplateAnalysis, line: number, character: number): Location | undefined {
  const spec = a.project.functions.find((f) => f.handlerRange && contains(f.handlerRange, line, character));
  if (!spec) return undefined;
  const entry = (spec.metadata?.['BuildProperties'] as { EntryPoints?: unknown } | undefined)?.EntryPoints;
  const entries = spec.metadata?.['BuildMethod'] === 'esbuild' && Array.isArray(entry) ? entry.filter((e): e is string => typeof e === 'string') : undefined;
  const found = handlerLocation(spec.codeDir, spec.runtime, spec.handler, entries);
  if (!found) return undefined;
  const at = { line: found.line, character: 0 };
  return { uri: pathToFileURL(found.file).toString(), range: { start: at, end: at } };
}
