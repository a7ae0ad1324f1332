// Hover over a property name of a function resource (or Globals.Function, or a resource key): what it
// means and its limits. Works for YAML and JSON through the parsed document's key ranges.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { SourceRange } from '../core/project';
import { GLOBAL_FUNCTION_PROPERTIES, RESOURCE_KEYS, functionProperties, propertyMarkdown, type PropertyDoc } from './samProperties';
import { runtimeHover } from './runtimeLifecycle';
import type { TemplateAnalysis } from './templateAnalysis';

const contains = (r: SourceRange, line: number, character: number): boolean =>
  (line > r.start.line || (line === r.start.line && character >= r.start.character)) && (line < r.end.line || (line === r.end.line && character <= r.end.character));

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The hover at a position, if it is on a documented key. */
export function hoverAt(a: TemplateAnalysis, line: number, character: number): Hover | undefined {
  const doc = a.document;
  const template = asRecord(doc.value);
  const hit = (path: readonly (string | number)[], docs: readonly PropertyDoc[]): Hover | undefined => {
    for (const key of Object.keys(asRecord(valueAt(template, path)))) {
      const range = doc.rangeOf([...path, key], 'key');
      const d = docs.find((x) => x.name === key);
      if (d && range && contains(range, line, character)) return { contents: { kind: MarkupKind.Markdown, value: propertyMarkdown(d) }, range };
    }
    return undefined;
  };
  // A Runtime value: what the catalog knows about it.
  const runtimeValue = (path: readonly (string | number)[]): Hover | undefined => {
    const value = valueAt(template, [...path, 'Runtime']);
    const range = doc.rangeOf([...path, 'Runtime'], 'value');
    return typeof value === 'string' && range && contains(range, line, character) ? runtimeHover(value, range) : undefined;
  };
  const globals = hit(['Globals', 'Function'], GLOBAL_FUNCTION_PROPERTIES) ?? runtimeValue(['Globals', 'Function']);
  if (globals) return globals;
  for (const id of Object.keys(asRecord(template['Resources']))) {
    const r = runtimeValue(['Resources', id, 'Properties']);
    if (r) return r;
  }
  for (const [id, raw] of Object.entries(asRecord(template['Resources']))) {
    const own = hit(['Resources', id], RESOURCE_KEYS);
    if (own) return own;
    const props = functionProperties(String(asRecord(raw)['Type']));
    const h = props && hit(['Resources', id, 'Properties'], props);
    if (h) return h;
  }
  return undefined;
}

function valueAt(v: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((cur, k) => asRecord(cur)[k as string], v);
}
