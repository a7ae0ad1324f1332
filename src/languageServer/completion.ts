// Completion in SAM templates: property names of function resources and Globals.Function (with their
// meaning and limits), resource keys and types, Runtime values, and Handler values from the code.
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { handlerCandidates } from '../core/project/handlerSource';
import { GLOBAL_FUNCTION_PROPERTIES, RESOURCE_KEYS, functionProperties, propertyMarkdown, type PropertyDoc } from './samProperties';
import { runtimeCompletionItems } from './runtimeLifecycle';
import { cursorContext, siblingKeys, valueAt } from './yamlContext';

const RESOURCE_TYPES = ['AWS::Serverless::Function', 'AWS::Lambda::Function', 'AWS::Serverless::LayerVersion', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::S3::Bucket', 'AWS::DynamoDB::Table'];
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  PackageType: ['Zip', 'Image'],
  Tracing: ['Active', 'PassThrough'],
  Architectures: ['[x86_64]', '[arm64]'],
};

/** Keys whose values have completions. */
const VALUE_COMPLETED = new Set(['Runtime', 'Handler', 'Type', ...Object.keys(ENUMS)]);

const propertyItems = (docs: readonly PropertyDoc[], present: Set<string>): CompletionItem[] =>
  docs
    .filter((d) => !present.has(d.name))
    .map((d) => ({
      label: d.name,
      kind: CompletionItemKind.Property,
      detail: d.type,
      documentation: { kind: MarkupKind.Markdown, value: propertyMarkdown(d) },
      insertText: `${d.name}: `,
      // Keys whose values complete go straight on to their values, as the user types on.
      ...(VALUE_COMPLETED.has(d.name) ? { command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' } } : {}),
    }));

/** Completions at a position of a YAML template saved (or to be saved) at `file`. */
export function completions(text: string, file: string, line: number, character: number): CompletionItem[] {
  const ctx = cursorContext(text, line, character);
  if (!ctx) return [];
  const p = ctx.path;
  const inResource = p.length >= 2 && p[0] === 'Resources';
  const resourceType = inResource ? valueAt(text, p.slice(0, 2), 'Type') : undefined;
  const inFunctionProps = inResource && p.length === 3 && p[2] === 'Properties';
  const inGlobals = p.length === 2 && p[0] === 'Globals' && p[1] === 'Function';

  if (ctx.kind === 'key') {
    if (inFunctionProps) return propertyItems(functionProperties(resourceType) ?? [], siblingKeys(text, line));
    if (inGlobals) return propertyItems(GLOBAL_FUNCTION_PROPERTIES, siblingKeys(text, line));
    if (inResource && p.length === 2) return propertyItems(RESOURCE_KEYS, siblingKeys(text, line));
    return [];
  }
  if (inResource && p.length === 2 && ctx.key === 'Type') return RESOURCE_TYPES.map((t) => ({ label: t, kind: CompletionItemKind.Class }));
  if (!inFunctionProps && !inGlobals) return [];
  if (ctx.key === 'Runtime') {
    return runtimeCompletionItems();
  }
  if (ctx.key && ENUMS[ctx.key]) return (ENUMS[ctx.key] as readonly string[]).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
  if (ctx.key === 'Handler' && inFunctionProps) return handlerItems(text, file, p.slice(0, 2));
  return [];
}

function handlerItems(text: string, file: string, resource: readonly string[]): CompletionItem[] {
  const props = [...resource, 'Properties'];
  const codeUri = valueAt(text, props, 'CodeUri') ?? valueAt(text, props, 'Code') ?? valueAt(text, ['Globals', 'Function'], 'CodeUri') ?? '.';
  const runtime = valueAt(text, props, 'Runtime') ?? valueAt(text, ['Globals', 'Function'], 'Runtime') ?? '';
  const codeDir = path.resolve(path.dirname(file), codeUri);
  const entry = text.includes('BuildMethod: esbuild') ? entryPointsOf(text, resource) : undefined;
  return handlerCandidates(codeDir, runtime, entry).map((c) => ({
    label: c.handler,
    kind: CompletionItemKind.Function,
    detail: path.relative(path.dirname(file), c.file),
    insertTextFormat: InsertTextFormat.PlainText,
  }));
}

// The EntryPoints list of the resource's Metadata.BuildProperties (textual, one item per line).
function entryPointsOf(text: string, resource: readonly string[]): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*EntryPoints:\s*$/.test(l) && text.slice(0, text.indexOf(l)).includes(`${resource[1]}:`));
  if (start < 0) return undefined;
  const out: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^\s*-\s*["']?([^"'#\s]+)/.exec(lines[i] as string);
    if (!m) break;
    out.push(m[1] as string);
  }
  return out.length ? out : undefined;
}

